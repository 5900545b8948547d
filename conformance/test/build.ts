// Builds a conformance case (conformance/cases/*.yaml, format in conformance/README.md) with flyte-ts.
// The case values are neutral (snake_case keys, durations in seconds); this file maps them onto the
// flyte-ts API exactly as a user would write them.
import {
  AMD_GPU, Device, GPU, HABANA_GAUDI, Neuron, PodTemplate, ReusePolicy, SerializationContext, TPU, TaskEnvironment,
  serializeTask, taskSpecToJson, type AnyTask, type PluginConfig,
} from "@flyte-ts/core";
import { z } from "zod";
import { PLUGIN_BUILDERS, type PluginBuilder } from "./plugins.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Spec = Record<string, any>;

export interface Case {
  id: string;
  area: string;
  description?: string;
  env: Spec;
  task?: Spec;
  override?: Spec;
  sctx?: Spec;
  plugin_config?: Spec;
  error?: string | { python?: string };
}

/** Raised when a case needs a plugin package that is not importable (yet): the case is skipped, not passed. */
export class PluginUnavailable extends Error {}

const ROOT_DIR = new URL("..", import.meta.url).pathname;

function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function pick(spec: Spec | undefined, keys: readonly string[]): Spec {
  const out: Spec = {};
  for (const key of keys) if (spec && key in spec) out[camel(key)] = spec[key];
  return out;
}

function device(spec: Spec): Device {
  switch (spec.helper) {
    case "GPU":
      return "partition" in spec ? GPU(spec.device, spec.quantity, spec.partition) : GPU(spec.device, spec.quantity);
    case "TPU":
      return "partition" in spec ? TPU(spec.device, spec.partition) : TPU(spec.device);
    case "Neuron":
      return Neuron(spec.device);
    case "AMD_GPU":
      return AMD_GPU(spec.device);
    case "HABANA_GAUDI":
      return HABANA_GAUDI(spec.device);
    case "Device":
      return new Device({ quantity: spec.quantity, deviceClass: spec.device_class ?? "GPU", device: spec.device, partition: spec.partition });
    default:
      throw new Error(`case format: unknown device helper ${String(spec.helper)}`);
  }
}

function resources(spec: Spec | undefined): Spec | undefined {
  if (spec === undefined) return undefined;
  const out = pick(spec, ["cpu", "memory", "disk", "shm"]);
  if ("gpu" in spec) out.gpu = typeof spec.gpu === "object" && spec.gpu !== null ? device(spec.gpu) : spec.gpu;
  return out;
}

function secret(spec: unknown): unknown {
  if (typeof spec === "string") return spec;
  return pick(spec as Spec, ["key", "group", "mount", "as_env_var"]);
}

function secrets(spec: unknown): unknown {
  if (spec === undefined) return undefined;
  return Array.isArray(spec) ? spec.map(secret) : secret(spec);
}

function podTemplate(spec: unknown): unknown {
  if (spec === undefined || typeof spec === "string") return spec;
  return new PodTemplate(pick(spec as Spec, ["pod_spec", "primary_container_name", "labels", "annotations"]) as any);
}

function retries(spec: unknown): unknown {
  if (spec === undefined || typeof spec === "number") return spec;
  const s = spec as Spec;
  return { count: s.count, ...(s.backoff ? { backoff: pick(s.backoff, ["base", "factor", "cap"]) } : {}) };
}

function timeout(spec: unknown): unknown {
  if (spec === undefined || typeof spec === "number") return spec;
  return pick(spec as Spec, ["max_runtime", "max_queued_time", "deadline"]);
}

function cache(spec: unknown): unknown {
  if (spec === undefined || typeof spec === "string") return spec;
  return pick(spec as Spec, ["behavior", "version_override", "serialize", "ignored_inputs", "salt", "max_age"]);
}

function reusable(spec: unknown): unknown {
  if (spec === undefined || spec === "off") return spec;
  return new ReusePolicy(pick(spec as Spec, ["replicas", "idle_ttl", "concurrency", "scaledown_ttl", "scope"]) as any);
}

function zodType(t: unknown): z.ZodType {
  if (t === "int") return z.int();
  if (t === "float") return z.number();
  if (t === "str") return z.string();
  if (t === "bool") return z.boolean();
  if (t && typeof t === "object" && "list" in t) return z.array(zodType((t as Spec).list));
  if (t && typeof t === "object" && "dict" in t) return z.record(z.string(), zodType((t as Spec).dict));
  if (t && typeof t === "object" && "tuple" in t) return z.tuple((t as Spec).tuple.map(zodType) as [z.ZodType, ...z.ZodType[]]);
  throw new Error(`case format: unknown type ${JSON.stringify(t)}`);
}

/** The plugin a case needs (by its plugin_config kinds), or undefined for a core case. */
export function pluginKinds(c: Case): string[] {
  const kinds = new Set<string>();
  for (const spec of [c.plugin_config, c.env?.plugin_config, c.override?.plugin_config]) {
    if (spec && typeof spec === "object") kinds.add(String(spec.kind));
  }
  return [...kinds];
}

/** Imports the plugin packages a case needs; throws PluginUnavailable when one is missing or not written yet. */
export async function loadPlugins(c: Case): Promise<Map<string, PluginBuilder>> {
  const loaded = new Map<string, PluginBuilder>();
  for (const kind of pluginKinds(c)) {
    const builder = PLUGIN_BUILDERS[kind];
    if (!builder) throw new PluginUnavailable(`no conformance builder for plugin kind "${kind}"`);
    try {
      await builder.load();
    } catch (err) {
      throw new PluginUnavailable(`${builder.packageName} is not importable: ${(err as Error).message.split("\n")[0]}`);
    }
    loaded.set(kind, builder);
  }
  return loaded;
}

function pluginConfig(spec: Spec | undefined, plugins: Map<string, PluginBuilder>): PluginConfig | undefined {
  if (spec === undefined) return undefined;
  const { kind, ...options } = spec;
  const builder = plugins.get(String(kind));
  if (!builder) throw new PluginUnavailable(`plugin kind "${String(kind)}" not loaded`);
  return builder.build(options);
}

function defined(spec: Spec): Spec {
  return Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
}

/**
 * Builds and serializes a case with flyte-ts. Returns the TaskSpec proto JSON plus whether the task's
 * cache has a version override (then `discoveryVersion` is compared); throws what flyte-ts throws.
 */
export function buildCase(c: Case, plugins: Map<string, PluginBuilder>): { taskSpec: Spec; versionOverride: boolean } {
  const { task, sctx } = buildCaseTask(c, plugins);
  const taskSpec = taskSpecToJson(serializeTask(task, sctx)) as Spec;
  return { taskSpec, versionOverride: task.settings.cache.versionOverride !== undefined };
}

/** The task and serialization context of a case, as a user would declare them; throws what flyte-ts throws. */
export function buildCaseTask(c: Case, plugins: Map<string, PluginBuilder>): { task: AnyTask; sctx: SerializationContext } {
  const e = c.env;
  const env = new TaskEnvironment(defined({
    name: e.name,
    image: e.image,
    resources: resources(e.resources),
    envVars: e.env_vars,
    secrets: secrets(e.secrets),
    podTemplate: podTemplate(e.pod_template),
    description: e.description,
    interruptible: e.interruptible,
    cache: cache(e.cache),
    reusable: reusable(e.reusable),
    pluginConfig: pluginConfig(c.plugin_config ?? e.plugin_config, plugins),
    serviceAccount: e.service_account,
  }) as any);

  const t = c.task ?? {};
  // Default signature (both sides): one int input, an int output. `inputs: {}` / `output: null` mean none.
  const inputSpec = (t.inputs ?? { x: "int" }) as Spec;
  const outputSpec = "output" in t ? t.output : "int";
  const inputs = Object.keys(inputSpec).length > 0 ? z.object(Object.fromEntries(Object.entries(inputSpec).map(([k, v]) => [k, zodType(v)]))) : undefined;
  let task = env.task(
    defined({
      name: t.name ?? "fn",
      shortName: t.short_name,
      inputs,
      output: outputSpec !== null && outputSpec !== undefined ? zodType(outputSpec) : undefined,
      cache: cache(t.cache),
      retries: retries(t.retries),
      timeout: timeout(t.timeout),
      podTemplate: podTemplate(t.pod_template),
      interruptible: t.interruptible,
      report: t.report,
      entrypoint: t.entrypoint,
      maxInlineIoBytes: t.max_inline_io_bytes,
      producesArtifacts: t.produces_artifacts,
    }) as any,
    async () => undefined,
  );

  if (c.override) {
    const o = c.override;
    task = task.override(defined({
      shortName: o.short_name,
      resources: "resources" in o ? resources(o.resources) : undefined,
      cache: cache(o.cache),
      retries: retries(o.retries),
      timeout: timeout(o.timeout),
      reusable: reusable(o.reusable),
      envVars: o.env_vars,
      secrets: secrets(o.secrets),
      maxInlineIoBytes: o.max_inline_io_bytes,
      podTemplate: podTemplate(o.pod_template),
      interruptible: o.interruptible,
      entrypoint: o.entrypoint,
      producesArtifacts: o.produces_artifacts,
      pluginConfig: pluginConfig(o.plugin_config, plugins),
    }) as any);
  }

  const s = c.sctx ?? {};
  const sctx = new SerializationContext(defined({
    version: s.version ?? "v1",
    project: s.project,
    domain: s.domain,
    org: s.org,
    inputPath: s.input_path,
    outputPath: s.output_path,
    codeBundle: s.code_bundle ? pick(s.code_bundle, ["computed_version", "destination", "tgz", "pkl"]) : undefined,
    rootDir: ROOT_DIR,
  }) as any);
  return { task, sctx };
}
