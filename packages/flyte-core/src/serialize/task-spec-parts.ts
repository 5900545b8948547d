import { ConfigError, FlyteTsError } from "../errors.ts";
import type { ReusePolicy } from "../config/reuse-policy.ts";
import type { Secret } from "../config/secret.ts";
import type { JsonObject } from "../pod/kubernetes-json.ts";
import { PRIMARY_CONTAINER_NAME_FIELD, type PodSpecJson, type PodTemplate } from "../pod/pod-template.ts";
import { appleSiliconExecutionEnv, getProtoExtendedResources, getProtoResources, type ProtoResourcesJson } from "../resources/wire.ts";
import type { Resources } from "../resources/resources.ts";
import { codeVersion } from "../task/code-version.ts";
import type { TaskSettings } from "../task/settings.ts";
import { deepFreeze } from "../util/deep-freeze.ts";
import { RUNTIME_FLAVOR, runtimeVersion } from "../version.ts";
import { containerArgParts } from "./container-args.ts";
import type { SerializationContext } from "./context.ts";
import { PartCache } from "./part-cache.ts";
import {
  ExtendedResourcesSpec, K8sObjectMetadataSpec, ReusePolicySpec,
} from "./task-spec-schema.ts";
import { canonicalJson, prefixOnly, withPrefix } from "./task-spec-wire.ts";

// The parts of a TaskTemplate that come from an environment's settings (container or pod, plugin struct,
// security context, extended resources, reuse policy), as canonical proto JSON. Both forms of encodeTask
// are assembled from them: the proto JSON (task-spec-json.ts) and the binary (task-spec-binary.ts).

type Json = Record<string, unknown>;

/**
 * TaskTemplate fields 5 to 19 (`custom`, `container`, `taskTypeVersion`, `securityContext`,
 * `extendedResources`, `config`, `k8sPod`, `reusePolicy`) as canonical proto JSON, keys in field order.
 */
export type TemplateParts = Readonly<Json>;

/**
 * What the tasks of an environment share of their template (per context and settings): everything, or all
 * but their own container arguments.
 */
interface EnvironmentPart {
  /** Frozen; the container or pod holds the arguments every task starts with. */
  readonly parts: TemplateParts;
  /** When each task adds arguments of its own: those every task starts with, and the pod that takes them. */
  readonly taskArgs: { readonly prefix: readonly string[]; readonly pod: PodParts | undefined } | undefined;
}

const environmentParts = new PartCache<EnvironmentPart>();

/**
 * The settings an environment's part is made of, with the context, as keys of the cache: what environments
 * often share first, then what each environment has of its own (see PartCache).
 */
function partKeys(settings: TaskSettings, sctx: SerializationContext): unknown[] {
  return [
    sctx, settings.plugin, settings.taskTypeVersion, settings.image, settings.serviceAccount, settings.reusable, settings.podTemplate,
    settings.pluginConfig, settings.resources, settings.envVars, settings.secrets,
  ];
}

/** Whether two tasks' settings give the same environment part: the settings of {@link partKeys}, one by one. */
function samePart(a: TaskSettings, b: TaskSettings): boolean {
  return a.plugin === b.plugin && a.taskTypeVersion === b.taskTypeVersion && a.image === b.image && a.serviceAccount === b.serviceAccount &&
    a.reusable === b.reusable && a.podTemplate === b.podTemplate && a.pluginConfig === b.pluginConfig && a.resources === b.resources &&
    a.envVars === b.envVars && a.secrets === b.secrets;
}

// The last part handed out: the tasks of an environment come one after another, and comparing their settings
// with the last task's costs less than a lookup.
let last: { sctx: SerializationContext; settings: TaskSettings; part: EnvironmentPart } | undefined;

/**
 * The environment's part of a task's TaskTemplate: frozen and shared by the environment's tasks, or (when
 * each task has container arguments of its own) a copy with the task's arguments. Everything in it is
 * checked here, in the order the reference checks it; a problem throws a ConfigError/FlyteTsError naming the
 * task (and caches nothing).
 */
export function templateParts(settings: TaskSettings, sctx: SerializationContext): TemplateParts {
  let part: EnvironmentPart;
  if (last && last.sctx === sctx && samePart(settings, last.settings)) part = last.part;
  else {
    // The first task of an environment gets its parts as they are computed (its own arguments checked in order).
    let first: TemplateParts | undefined;
    part = environmentParts.get(partKeys(settings, sctx), () => {
      const computed = computeEnvironmentPart(settings, sctx);
      first = computed.taskParts;
      return computed.part;
    });
    last = { sctx, settings, part };
    if (first) return first;
  }
  if (!part.taskArgs) return part.parts;
  return withTaskArgs(part, withPrefix(part.taskArgs.prefix, containerArgParts(settings, sctx).rest));
}

/** The environment's parts with the task's container arguments, keys in the same (field) order. */
function withTaskArgs(part: EnvironmentPart, args: readonly string[]): TemplateParts {
  const pod = part.taskArgs!.pod;
  const out: Json = {};
  for (const key of Object.keys(part.parts)) {
    if (key === "container") out.container = { ...(part.parts.container as Json), args };
    else if (key === "k8sPod") out.k8sPod = { metadata: pod!.metadata, podSpec: pod!.podSpec(args) };
    else out[key] = part.parts[key];
  }
  return out;
}

function computeEnvironmentPart(settings: TaskSettings, sctx: SerializationContext): { part: EnvironmentPart; taskParts?: TemplateParts } {
  const custom = settings.plugin && settings.pluginConfig ? customJson(settings, sctx) : undefined;
  // A plugin may give the container other arguments (an engine that does not start `a0` with them).
  const pluginArgs = settings.plugin && settings.pluginConfig ? pluginContainerArgs(settings, sctx) : undefined;
  const { prefix, rest } = pluginArgs ? { prefix: pluginArgs, rest: [] } : containerArgParts(settings, sctx);
  // The arguments every task starts with: one frozen list (see prefixOnly).
  const args = prefixOnly(prefix);
  const resources = resourcesJson(settings.resources);
  let container: Json | undefined;
  let k8sPod: Json | undefined;
  let config: Readonly<Record<string, string>> | undefined;
  let pod: PodParts | undefined;
  if (settings.podTemplate && typeof settings.podTemplate !== "string") {
    pod = podParts(settings, settings.podTemplate, resources);
    k8sPod = deepFreeze({ metadata: pod.metadata, podSpec: pod.podSpec(args) });
    config = pod.config;
  } else {
    container = Object.freeze(containerJson(settings, args, resources));
  }
  // As the reference: a security context only when there are secrets or a service account ("" is none).
  const securityContext = settings.secrets.length > 0 || settings.serviceAccount ? securityContextJson(settings.secrets, settings.serviceAccount) : undefined;
  const extendedResources = extendedResourcesJson(settings.resources);
  const parts: Json = {};
  if (custom) parts.custom = custom;
  if (container) parts.container = container;
  if (settings.taskTypeVersion) parts.taskTypeVersion = settings.taskTypeVersion;
  if (securityContext) parts.securityContext = securityContext;
  if (extendedResources) parts.extendedResources = extendedResources;
  if (config) parts.config = config;
  if (k8sPod) parts.k8sPod = k8sPod;
  if (settings.reusable) parts.reusePolicy = reusePolicyJson(settings.reusable);
  const part: EnvironmentPart = { parts: Object.freeze(parts), taskArgs: rest.length > 0 ? { prefix, pod } : undefined };
  return { part, taskParts: part.taskArgs && withTaskArgs(part, withPrefix(prefix, rest)) };
}

function containerJson(settings: TaskSettings, args: readonly string[], resources: ProtoResourcesJson | undefined): Json {
  const container: Json = {};
  container.image = requireImage(settings);
  if (args.length > 0) container.args = args;
  if (resources) container.resources = resources;
  const env = containerEnvJson(settings);
  if (env.length > 0) container.env = env;
  return container;
}

function reusePolicyJson(policy: ReusePolicy): Json {
  return canonicalJson(ReusePolicySpec, deepFreeze(policy.toJson() as unknown as Json));
}

let runtime: Json | undefined;
/** `TaskMetadata.runtime` (frozen): this SDK and its version. */
export function runtimeJson(): Json {
  return (runtime ??= deepFreeze({ type: "FLYTE_SDK", version: runtimeVersion(), flavor: RUNTIME_FLAVOR }));
}

/**
 * `metadata.discoveryVersion`, as the reference computes it: the code bundle's version for a pickled
 * bundle; else the cache's version override; else the code's version. With caching disabled the override
 * is not used (the reference versions the code with a fresh "auto" cache then; see codeVersion()).
 */
export function discoveryVersion(settings: TaskSettings, sctx: SerializationContext): string {
  if (sctx.codeBundle?.pkl) return sctx.codeBundle.computedVersion;
  const override = settings.cache.enabled ? settings.cache.versionOverride : undefined;
  return override ?? codeVersion(settings);
}

function requireImage(settings: TaskSettings): string {
  if (!settings.image) {
    throw new ConfigError(`task ${settings.name}`, [
      { path: ["image"], message: `environment "${settings.environmentName}" has no image: set image on the TaskEnvironment to serialize its tasks` },
    ]);
  }
  return settings.image;
}

const customs = new PartCache<Json | undefined>();
/** The plugin's `custom` struct for the environment's config (undefined when empty), once per config and context. */
function customJson(settings: TaskSettings, sctx: SerializationContext): Json | undefined {
  const plugin = settings.plugin!;
  return customs.get([plugin, sctx, settings.pluginConfig], () => {
    const custom: unknown = plugin.customConfig(settings.pluginConfig!, sctx);
    if (custom === null || typeof custom !== "object" || Array.isArray(custom)) {
      throw new FlyteTsError("SERIALIZATION", `${plugin.name} customConfig() must return a JSON object, got ${Array.isArray(custom) ? "an array" : typeof custom}`);
    }
    // Checked while copied (one walk); the path to the bad value is looked for only on failure.
    const copy = frozenJsonCopy(custom);
    if (copy === NOT_JSON) {
      const path = nonJsonPath(custom)!.reverse().join(".");
      throw new FlyteTsError("SERIALIZATION", `${plugin.name} customConfig() returned a value that is not JSON at ${path || "(root)"}`);
    }
    return Object.keys(custom).length > 0 ? (copy as Json) : undefined;
  });
}

const pluginArgsCache = new PartCache<readonly string[] | undefined>();
function pluginContainerArgs(settings: TaskSettings, sctx: SerializationContext): readonly string[] | undefined {
  const plugin = settings.plugin!;
  return pluginArgsCache.get([plugin, sctx, settings.pluginConfig], () => {
    const args = plugin.containerArgs?.(settings.pluginConfig!, sctx);
    return args ? Object.freeze([...args]) : undefined;
  });
}

function resourcesJson(resources: Resources | undefined): ProtoResourcesJson | undefined {
  // getProtoResources writes canonical proto JSON already (names are non-zero enums, values non-empty).
  return resources === undefined ? undefined : freezeResources(getProtoResources(resources));
}

function freezeResources(resources: ProtoResourcesJson | undefined): ProtoResourcesJson | undefined {
  if (resources === undefined) return undefined;
  for (const list of [resources.requests, resources.limits]) {
    if (!list) continue;
    for (const entry of list) Object.freeze(entry);
    Object.freeze(list);
  }
  return Object.freeze(resources);
}

function extendedResourcesJson(resources: Resources | undefined): Json | undefined {
  const extended = resources === undefined ? undefined : (getProtoExtendedResources(resources) as Json | undefined);
  return extended && canonicalJson(ExtendedResourcesSpec, deepFreeze(extended));
}

/** The task's environment variables, then those the runtime needs for the task's accelerator. */
function containerEnv(settings: TaskSettings): Readonly<Record<string, string>> {
  return { ...settings.envVars, ...appleSiliconExecutionEnv(settings.resources, settings.envVars) };
}

function containerEnvJson(settings: TaskSettings): readonly Json[] {
  const env = containerEnv(settings);
  const pairs: Json[] = [];
  for (const key of Object.keys(env)) {
    // Canonical KeyValuePair: an empty value is the zero value, left out.
    const pair: Json = { key };
    if (env[key]) pair.value = env[key];
    pairs.push(Object.freeze(pair));
  }
  return Object.freeze(pairs);
}

function securityContextJson(secrets: readonly Secret[], serviceAccount: string | undefined): Json {
  // Canonical as written: Secret.toJson() leaves out zero values and has a non-zero mount requirement.
  const securityContext: Json = {};
  if (serviceAccount) securityContext.runAs = Object.freeze({ k8sServiceAccount: serviceAccount });
  if (secrets.length > 0) securityContext.secrets = Object.freeze(secrets.map((s) => Object.freeze(s.toJson())));
  return Object.freeze(securityContext);
}

interface PodParts {
  metadata: Json;
  config: Readonly<Record<string, string>>;
  /** The pod spec with the task's container arguments in the primary container. */
  podSpec(args: readonly string[]): Json;
}

/**
 * The pod template with the task's image, resources and env written into its primary container (once per
 * environment part); only the container arguments differ between tasks.
 */
function podParts(settings: TaskSettings, podTemplate: PodTemplate, resources: ProtoResourcesJson | undefined): PodParts {
  // The template is frozen: copy only what changes (the spec's container list and the primary container).
  // As the reference: a template without containers gets the primary container (named only); one whose
  // containers do not include the primary is an error.
  const source: PodSpecJson =
    podTemplate.podSpec.containers.length === 0
      ? { ...podTemplate.podSpec, containers: [{ name: podTemplate.primaryContainerName }] }
      : podTemplate.podSpec;
  const index = source.containers.findIndex((c) => c.name === podTemplate.primaryContainerName);
  if (index === -1) {
    throw new ConfigError(`task ${settings.name}`, [
      { path: ["podTemplate", "podSpec", "containers"], message: `No primary container defined in the pod spec. You must define a primary container with the name '${podTemplate.primaryContainerName}'.` },
    ]);
  }
  const primary: JsonObject = { ...source.containers[index]! };
  if (primary.image === undefined) primary.image = requireImage(settings);
  primary.command = [];
  primary.args = ARGS;
  if (resources) {
    const toMap = (entries: ProtoResourcesJson["requests"]) =>
      Object.fromEntries((entries ?? []).map((e) => [e.name.toLowerCase().replaceAll("_", "-"), e.value]));
    const existing = (primary.resources ?? {}) as JsonObject;
    primary.resources = {
      ...existing,
      requests: { ...((existing.requests as JsonObject | undefined) ?? {}), ...toMap(resources.requests) },
      limits: { ...((existing.limits as JsonObject | undefined) ?? {}), ...toMap(resources.limits) },
    };
  }
  const taskEnv = Object.entries(containerEnv(settings)).map(([name, value]) => ({ name, value }));
  primary.env = [...taskEnv, ...(((primary.env as JsonObject[] | undefined) ?? []))];
  deepFreeze(primary);
  const keys = Object.keys(primary);
  const containers = deepFreeze([...source.containers]);
  const metadata: Json = {};
  if (podTemplate.labels) metadata.labels = podTemplate.labels;
  if (podTemplate.annotations) metadata.annotations = podTemplate.annotations;
  return {
    metadata: canonicalJson(K8sObjectMetadataSpec, Object.freeze(metadata)),
    config: Object.freeze({ [PRIMARY_CONTAINER_NAME_FIELD]: podTemplate.primaryContainerName }),
    podSpec(args: readonly string[]): Json {
      const container: JsonObject = {};
      for (const key of keys) container[key] = key === "args" ? (args as string[]) : primary[key]!;
      return { ...source, containers: containers.map((c, i) => (i === index ? container : c)) };
    },
  };
}

// Stands for the task's arguments in a cached primary container (each task gets its own).
const ARGS: string[] = [];

/** The path (innermost key first) to the first value that is not JSON; the path is built only on failure. */
function nonJsonPath(value: unknown): string[] | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean" || value === undefined) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = nonJsonPath(value[i]);
      if (bad) {
        bad.push(String(i));
        return bad;
      }
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const bad = nonJsonPath(object[key]);
      if (bad) {
        bad.push(key);
        return bad;
      }
    }
    return undefined;
  }
  return [];
}

// What frozenJsonCopy() gives for a value that is not JSON.
const NOT_JSON = Symbol("not JSON");

/**
 * A deep-frozen copy of a JSON value as `JSON.parse(JSON.stringify(value))` gives it, or NOT_JSON when
 * something in it is not JSON (as {@link nonJsonPath} tells): `undefined` cannot live in a protobuf Struct
 * (`null` can), so members that are `undefined` are left out and array items that are `undefined` become
 * `null`; -0 becomes 0. One pass, instead of a round trip through text.
 */
function frozenJsonCopy(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? (value === 0 ? 0 : value) : NOT_JSON;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const copy = item === undefined ? null : frozenJsonCopy(item);
      if (copy === NOT_JSON) return NOT_JSON;
      out[i] = copy;
    }
    return Object.freeze(out);
  }
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return NOT_JSON;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (item === undefined) continue;
    const copy = frozenJsonCopy(item);
    if (copy === NOT_JSON) return NOT_JSON;
    // An own "__proto__" key (JSON.parse makes one) must not set the copy's prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return Object.freeze(out);
}
