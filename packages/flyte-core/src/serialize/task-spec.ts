import { takeCodePoints } from "../util/text.ts";
import { fromBinary, fromJson, toBinary, toJson, type JsonObject as ProtoJsonObject } from "@bufbuild/protobuf";
import { codeVersion } from "../task/code-version.ts";
import { ConfigError, FlyteTsError } from "../errors.ts";
import { formatProtoDuration } from "../config/duration.ts";
import type { JsonObject } from "../pod/kubernetes-json.ts";
import { PRIMARY_CONTAINER_NAME_FIELD, type PodSpecJson, type PodTemplate } from "../pod/pod-template.ts";
import { appleSiliconExecutionEnv, getProtoExtendedResources, getProtoResources, type ProtoResourcesJson } from "../resources/wire.ts";
import type { AnyTask } from "../task/task.ts";
import type { TaskSettings } from "../task/settings.ts";
import { RUNTIME_FLAVOR, runtimeVersion } from "../version.ts";
import { type TaskSpec, TaskSpecSchema } from "../gen/flyteidl2/task/task_definition_pb.ts";
import { containerArgs } from "./container-args.ts";
import { SerializationContext, type SerializationContextOptions } from "./context.ts";
import { typedInterfaceOf } from "./interface.ts";
import {
  TASK_METADATA_CACHE_MAX_AGE_FIELD, TASK_METADATA_PRODUCES_ARTIFACTS_FIELD, TASK_TEMPLATE_REUSE_POLICY_FIELD,
  cacheMaxAgeField, producesArtifactsField, readBool, readCacheMaxAge, readReusePolicy, reusePolicyField,
} from "./unknown-fields.ts";

export type { TaskSpec };
export type TaskSpecJson = Record<string, unknown>;

/**
 * The flyteidl2 `TaskSpec` of a task, as the backend receives it at deploy time. Everything is checked
 * before anything is returned; a problem throws a ConfigError/FlyteTsError naming the task.
 */
export function serializeTask(task: AnyTask, context: SerializationContext | SerializationContextOptions): TaskSpec {
  const sctx = SerializationContext.from(context);
  const json = buildTaskSpecJson(task.settings, sctx);
  return taskSpecFromJson(json);
}

/** Proto JSON of a TaskSpec, including the fields the npm schema lacks (`reusePolicy`, `producesArtifacts`, `cacheMaxAge`). */
export function taskSpecToJson(spec: TaskSpec): TaskSpecJson {
  const json = toJson(TaskSpecSchema, spec) as TaskSpecJson;
  const template = spec.taskTemplate;
  const tplJson = json.taskTemplate as Record<string, unknown> | undefined;
  if (template && tplJson) {
    const reuse = template.$unknown?.find((f) => f.no === TASK_TEMPLATE_REUSE_POLICY_FIELD);
    if (reuse) tplJson.reusePolicy = readReusePolicy(reuse);
    const produces = template.metadata?.$unknown?.find((f) => f.no === TASK_METADATA_PRODUCES_ARTIFACTS_FIELD);
    if (produces && readBool(produces)) (tplJson.metadata as Record<string, unknown>).producesArtifacts = true;
    const maxAge = template.metadata?.$unknown?.find((f) => f.no === TASK_METADATA_CACHE_MAX_AGE_FIELD);
    if (maxAge) (tplJson.metadata as Record<string, unknown>).cacheMaxAge = readCacheMaxAge(maxAge);
  }
  return json;
}

/** Parses TaskSpec proto JSON (as written by {@link taskSpecToJson}). */
export function taskSpecFromJson(json: TaskSpecJson): TaskSpec {
  // Shallow copies: only the keys the npm schema lacks are taken out, without touching the input.
  const copy = { ...json } as Record<string, any>;
  const source = json.taskTemplate as Record<string, any> | undefined;
  const reusePolicy = source?.reusePolicy;
  const producesArtifacts = source?.metadata?.producesArtifacts;
  const cacheMaxAge = source?.metadata?.cacheMaxAge;
  if (source) {
    const { reusePolicy: _r, ...template } = source;
    if (template.metadata) {
      const { producesArtifacts: _p, cacheMaxAge: _c, ...metadata } = template.metadata;
      template.metadata = metadata;
    }
    copy.taskTemplate = template;
  }
  let spec: TaskSpec;
  try {
    spec = fromJson(TaskSpecSchema, copy as ProtoJsonObject);
  } catch (err) {
    throw new FlyteTsError("SERIALIZATION", `not a valid flyteidl2.task.TaskSpec: ${(err as Error).message}`, { cause: err });
  }
  if (spec.taskTemplate && reusePolicy) {
    spec.taskTemplate.$unknown = [...(spec.taskTemplate.$unknown ?? []), reusePolicyField(reusePolicy)];
  }
  if (spec.taskTemplate?.metadata && producesArtifacts === true) {
    spec.taskTemplate.metadata.$unknown = [...(spec.taskTemplate.metadata.$unknown ?? []), producesArtifactsField(true)];
  }
  if (spec.taskTemplate?.metadata && typeof cacheMaxAge === "string") {
    spec.taskTemplate.metadata.$unknown = [...(spec.taskTemplate.metadata.$unknown ?? []), cacheMaxAgeField(cacheMaxAge)];
  }
  return spec;
}

export function taskSpecToBinary(spec: TaskSpec): Uint8Array {
  return toBinary(TaskSpecSchema, spec);
}

export function taskSpecFromBinary(bytes: Uint8Array): TaskSpec {
  return fromBinary(TaskSpecSchema, bytes);
}

function buildTaskSpecJson(settings: TaskSettings, sctx: SerializationContext): TaskSpecJson {
  const template = buildTaskTemplateJson(settings, sctx);
  const spec: TaskSpecJson = { taskTemplate: template, shortName: takeCodePoints(settings.shortName, 63) };
  const environment: Record<string, string> = { name: takeCodePoints(settings.environmentName, 63) };
  if (settings.environmentDescription) environment.description = settings.environmentDescription;
  spec.environment = environment;
  if (settings.docs) {
    const [first = ""] = settings.docs.trim().split("\n");
    spec.documentation = { shortDescription: first.trim(), longDescription: settings.docs.trim() };
  }
  return spec;
}

function buildTaskTemplateJson(settings: TaskSettings, sctx: SerializationContext): Record<string, unknown> {
  const id: Record<string, string> = { resourceType: "TASK", name: settings.name, version: sctx.version };
  if (sctx.project) id.project = sctx.project;
  if (sctx.domain) id.domain = sctx.domain;
  if (sctx.org) id.org = sctx.org;

  const cache = settings.cache;
  const metadata: Record<string, unknown> = {
    discoverable: cache.enabled,
    runtime: { type: "FLYTE_SDK", version: runtimeVersion(), flavor: RUNTIME_FLAVOR },
    retries: settings.retries.toJson(),
    discoveryVersion: discoveryVersion(settings, sctx),
    interruptible: settings.interruptible,
    cacheSerializable: cache.serialize,
    generatesDeck: settings.report,
    debuggable: settings.reusable ? false : settings.debuggable,
    isEntrypoint: settings.entrypoint,
  };
  if (settings.timeout?.maxRuntime) metadata.timeout = formatProtoDuration(settings.timeout.maxRuntime);
  if (cache.enabled && cache.ignoredInputs.length > 0) metadata.cacheIgnoreInputVars = [...cache.ignoredInputs];
  if (cache.maxAge !== undefined) metadata.cacheMaxAge = formatProtoDuration(cache.maxAge);
  if (typeof settings.podTemplate === "string") metadata.podTemplateName = settings.podTemplate;
  if (sctx.codeBundle?.tgz) metadata.codeBundleUri = sctx.codeBundle.tgz;
  const timeouts: Record<string, string> = {};
  if (settings.timeout?.maxQueuedTime) timeouts.queuedTimeout = formatProtoDuration(settings.timeout.maxQueuedTime);
  if (settings.timeout?.deadline) timeouts.deadline = formatProtoDuration(settings.timeout.deadline);
  if (Object.keys(timeouts).length > 0) metadata.timeouts = timeouts;
  if (settings.producesArtifacts) metadata.producesArtifacts = true;

  const template: Record<string, unknown> = {
    id,
    type: settings.taskType,
    metadata,
    interface: typedInterfaceOf(settings),
  };
  if (settings.plugin && settings.pluginConfig) {
    const custom = settings.plugin.customConfig(settings.pluginConfig, sctx);
    assertStruct(custom, settings.plugin.name);
    if (Object.keys(custom).length > 0) template.custom = dropUndefined(custom);
  }
  // A plugin may give the container other arguments (an engine that does not start `a0` with them).
  const pluginArgs = settings.plugin && settings.pluginConfig ? settings.plugin.containerArgs?.(settings.pluginConfig, sctx) : undefined;
  const args = pluginArgs ? [...pluginArgs] : containerArgs(settings, sctx);
  const resources = getProtoResources(settings.resources);
  if (settings.podTemplate && typeof settings.podTemplate !== "string") {
    template.k8sPod = mergePrimaryContainer(settings, settings.podTemplate, args, resources);
    template.config = { [PRIMARY_CONTAINER_NAME_FIELD]: settings.podTemplate.primaryContainerName };
  } else {
    template.container = buildContainer(settings, args, resources);
  }
  if (settings.taskTypeVersion) template.taskTypeVersion = settings.taskTypeVersion;
  // As the reference: a security context only when there are secrets or a service account ("" is none).
  if (settings.secrets.length > 0 || settings.serviceAccount) {
    const securityContext: Record<string, unknown> = {};
    if (settings.serviceAccount) securityContext.runAs = { k8sServiceAccount: settings.serviceAccount };
    if (settings.secrets.length > 0) securityContext.secrets = settings.secrets.map((s) => s.toJson());
    template.securityContext = securityContext;
  }
  const extended = getProtoExtendedResources(settings.resources);
  if (extended) template.extendedResources = extended;
  if (settings.reusable) template.reusePolicy = settings.reusable.toJson();
  return template;
}

/**
 * `metadata.discoveryVersion`, as the reference computes it: the code bundle's version for a pickled
 * bundle; else the cache's version override; else the code's version. With caching disabled the override
 * is not used (the reference versions the code with a fresh "auto" cache then; see codeVersion()).
 */
function discoveryVersion(settings: TaskSettings, sctx: SerializationContext): string {
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

function buildContainer(settings: TaskSettings, args: string[], resources: ProtoResourcesJson | undefined): Record<string, unknown> {
  const container: Record<string, unknown> = { image: requireImage(settings), args };
  if (resources) container.resources = resources;
  const env = Object.entries(containerEnv(settings)).map(([key, value]) => ({ key, value }));
  if (env.length > 0) container.env = env;
  return container;
}

/** The task's environment variables, then those the runtime needs for the task's accelerator. */
function containerEnv(settings: TaskSettings): Record<string, string> {
  return { ...settings.envVars, ...appleSiliconExecutionEnv(settings.resources, settings.envVars) };
}

/** The pod template with the task's image, args, resources and env written into its primary container. */
function mergePrimaryContainer(
  settings: TaskSettings,
  podTemplate: PodTemplate,
  args: string[],
  resources: ProtoResourcesJson | undefined,
): Record<string, unknown> {
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
  const spec = { ...source, containers: source.containers.map((c, i) => (i === index ? primary : c)) };
  if (primary.image === undefined) primary.image = requireImage(settings);
  primary.command = [];
  primary.args = args;
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
  const metadata: Record<string, unknown> = {};
  if (podTemplate.labels) metadata.labels = podTemplate.labels;
  if (podTemplate.annotations) metadata.annotations = podTemplate.annotations;
  return { metadata, podSpec: spec };
}

function assertStruct(custom: unknown, pluginName: string): asserts custom is Record<string, unknown> {
  if (custom === null || typeof custom !== "object" || Array.isArray(custom)) {
    throw new FlyteTsError("SERIALIZATION", `${pluginName} customConfig() must return a JSON object, got ${Array.isArray(custom) ? "an array" : typeof custom}`);
  }
  const bad = findNonJson(custom, []);
  if (bad) throw new FlyteTsError("SERIALIZATION", `${pluginName} customConfig() returned a value that is not JSON at ${bad}`);
}

function findNonJson(value: unknown, path: string[]): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean" || value === undefined) return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path.join(".") || "(root)";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findNonJson(value[i], [...path, String(i)]);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      const bad = findNonJson(v, [...path, k]);
      if (bad) return bad;
    }
    return undefined;
  }
  return path.join(".") || "(root)";
}

// `undefined` cannot live in a protobuf Struct; `null` can (it is JSON null).
function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

