import { ConfigError, FlyteTsError } from "../errors.ts";
import { formatProtoDuration } from "../config/duration.ts";
import type { ReusePolicy } from "../config/reuse-policy.ts";
import type { Secret } from "../config/secret.ts";
import type { JsonObject } from "../pod/kubernetes-json.ts";
import { PRIMARY_CONTAINER_NAME_FIELD, type PodSpecJson, type PodTemplate } from "../pod/pod-template.ts";
import { appleSiliconExecutionEnv, getProtoExtendedResources, getProtoResources, type ProtoResourcesJson } from "../resources/wire.ts";
import type { Resources } from "../resources/resources.ts";
import { codeVersion } from "../task/code-version.ts";
import type { TaskSettings } from "../task/settings.ts";
import { deepFreeze } from "../util/deep-freeze.ts";
import { takeCodePoints } from "../util/text.ts";
import { RUNTIME_FLAVOR, runtimeVersion } from "../version.ts";
import { containerArgParts } from "./container-args.ts";
import type { SerializationContext } from "./context.ts";
import { typedInterfaceOf } from "./interface.ts";
import { PartCache } from "./part-cache.ts";
import {
  ContainerSpec, ExtendedResourcesSpec, K8sObjectMetadataSpec, ResourcesSpec, ReusePolicySpec, SecurityContextSpec, TypedInterfaceSpec,
} from "./task-spec-schema.ts";
import { canonicalDuration, canonicalJson, prefixOnly, withPrefix } from "./task-spec-wire.ts";

/** Proto JSON of a flyteidl2 `TaskSpec`, with the fields the npm schema lacks (`reusePolicy`, `producesArtifacts`, `cacheMaxAge`). */
export type TaskSpecJson = Record<string, unknown>;
type Json = Record<string, unknown>;

/**
 * The canonical proto JSON of a task's `TaskSpec` (what protobuf-es `toJson` writes: fields in number
 * order, zero values of implicit-presence fields left out). Everything is checked first; a problem throws a
 * ConfigError/FlyteTsError naming the task. The parts an environment's tasks share are built once (see
 * PartCache) and are frozen: the result is read-only. The per-task objects are written here in canonical
 * form directly; the tests compare the whole with protobuf-es.
 */
export function buildTaskSpecJson(settings: TaskSettings, sctx: SerializationContext): TaskSpecJson {
  const spec: Json = { taskTemplate: buildTaskTemplateJson(settings, sctx) };
  setText(spec, "shortName", takeCodePoints(settings.shortName, 63));
  const environment: Json = {};
  setText(environment, "name", takeCodePoints(settings.environmentName, 63));
  setText(environment, "description", settings.environmentDescription);
  spec.environment = environment;
  if (settings.docs) {
    const [first = ""] = settings.docs.trim().split("\n");
    const documentation: Json = {};
    setText(documentation, "shortDescription", first.trim());
    setText(documentation, "longDescription", settings.docs.trim());
    spec.documentation = documentation;
  }
  return spec;
}

/** Sets a string field of implicit presence: the empty string is its zero value, left out. */
function setText(target: Json, key: string, value: string | undefined): void {
  if (value) target[key] = value;
}

function buildTaskTemplateJson(settings: TaskSettings, sctx: SerializationContext): Json {
  const id: Json = { resourceType: "TASK" };
  setText(id, "project", sctx.project);
  setText(id, "domain", sctx.domain);
  setText(id, "name", settings.name);
  setText(id, "version", sctx.version);
  setText(id, "org", sctx.org);
  const metadata = buildMetadataJson(settings, sctx);
  const template: Json = { id };
  setText(template, "type", settings.taskType);
  template.metadata = metadata;
  template.interface = canonicalJson(TypedInterfaceSpec, typedInterfaceOf(settings) as unknown as Json);
  if (settings.plugin && settings.pluginConfig) {
    const custom = customJson(settings, sctx);
    if (custom) template.custom = custom;
  }
  // A plugin may give the container other arguments (an engine that does not start `a0` with them).
  const pluginArgs = settings.plugin && settings.pluginConfig ? pluginContainerArgs(settings, sctx) : undefined;
  // Without arguments of the task's own, the list is shared (frozen): so are the container and pod spec.
  let args: readonly string[];
  if (pluginArgs) args = prefixOnly(pluginArgs);
  else {
    const { prefix, rest } = containerArgParts(settings, sctx);
    args = rest.length === 0 ? prefixOnly(prefix) : withPrefix(prefix, rest);
  }
  const resources = resourcesJson(settings.resources);
  let k8sPod: Json | undefined;
  let config: Readonly<Record<string, string>> | undefined;
  if (settings.podTemplate && typeof settings.podTemplate !== "string") {
    const pod = podParts(settings, settings.podTemplate, resources);
    k8sPod = Object.isFrozen(args) ? pod.sharedK8sPod(args) : { metadata: pod.metadata, podSpec: pod.podSpec(args) };
    config = pod.config;
  } else if (Object.isFrozen(args)) {
    template.container = sharedContainers.get([settings.image, args, settings.resources, settings.envVars], () => Object.freeze(containerJson(settings, args, resources)));
  } else {
    template.container = containerJson(settings, args, resources);
  }
  if (settings.taskTypeVersion) template.taskTypeVersion = settings.taskTypeVersion;
  // As the reference: a security context only when there are secrets or a service account ("" is none).
  if (settings.secrets.length > 0 || settings.serviceAccount) template.securityContext = securityContextJson(settings.secrets, settings.serviceAccount);
  const extended = extendedResourcesJson(settings.resources);
  if (extended) template.extendedResources = extended;
  if (config) template.config = config;
  if (k8sPod) template.k8sPod = k8sPod;
  if (settings.reusable) template.reusePolicy = reusePolicyJson(settings.reusable);
  return template;
}

const sharedContainers = new PartCache<Json>();
function containerJson(settings: TaskSettings, args: readonly string[], resources: ProtoResourcesJson | undefined): Json {
  const container: Json = {};
  setText(container, "image", requireImage(settings));
  if (args.length > 0) container.args = args;
  if (resources) container.resources = canonicalJson(ResourcesSpec, resources as Json);
  const env = containerEnvJson(settings);
  if (env.length > 0) container.env = env;
  return container;
}

function buildMetadataJson(settings: TaskSettings, sctx: SerializationContext): Json {
  const cache = settings.cache;
  const timeout = settings.timeout;
  const metadata: Json = {};
  if (cache.enabled) metadata.discoverable = true;
  metadata.runtime = runtimeJson();
  if (timeout?.maxRuntime) metadata.timeout = canonicalDuration(formatProtoDuration(timeout.maxRuntime));
  // RetryStrategy.toJson() is canonical already: count when non-zero, then the backoff's base, factor, cap.
  metadata.retries = settings.retries.toJson();
  setText(metadata, "discoveryVersion", discoveryVersion(settings, sctx));
  metadata.interruptible = settings.interruptible;
  if (cache.serialize) metadata.cacheSerializable = true;
  if (typeof settings.podTemplate === "string") setText(metadata, "podTemplateName", settings.podTemplate);
  if (cache.enabled && cache.ignoredInputs.length > 0) metadata.cacheIgnoreInputVars = [...cache.ignoredInputs];
  metadata.generatesDeck = settings.report;
  if (!settings.reusable && settings.debuggable) metadata.debuggable = true;
  if (settings.entrypoint) metadata.isEntrypoint = true;
  setText(metadata, "codeBundleUri", sctx.codeBundle?.tgz);
  if (timeout?.maxQueuedTime || timeout?.deadline) {
    const timeouts: Json = {};
    if (timeout.maxQueuedTime) timeouts.queuedTimeout = canonicalDuration(formatProtoDuration(timeout.maxQueuedTime));
    if (timeout.deadline) timeouts.deadline = canonicalDuration(formatProtoDuration(timeout.deadline));
    metadata.timeouts = timeouts;
  }
  if (settings.producesArtifacts) metadata.producesArtifacts = true;
  if (cache.maxAge !== undefined) metadata.cacheMaxAge = canonicalDuration(formatProtoDuration(cache.maxAge));
  return metadata;
}

const reusePolicies = new PartCache<Json>();
function reusePolicyJson(policy: ReusePolicy): Json {
  return reusePolicies.get([policy], () => canonicalJson(ReusePolicySpec, deepFreeze(policy.toJson() as unknown as Json)));
}

let runtime: Json | undefined;
function runtimeJson(): Json {
  return (runtime ??= deepFreeze({ type: "FLYTE_SDK", version: runtimeVersion(), flavor: RUNTIME_FLAVOR }));
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

const customs = new PartCache<Json | undefined>();
/** The plugin's `custom` struct for the environment's config (undefined when empty), once per config and context. */
function customJson(settings: TaskSettings, sctx: SerializationContext): Json | undefined {
  const plugin = settings.plugin!;
  return customs.get([plugin, sctx, settings.pluginConfig], () => {
    const custom = plugin.customConfig(settings.pluginConfig!, sctx);
    assertStruct(custom, plugin.name);
    return Object.keys(custom).length > 0 ? (frozenJsonCopy(custom) as Json) : undefined;
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

const resourcesCache = new PartCache<ProtoResourcesJson | undefined>();
function resourcesJson(resources: Resources | undefined): ProtoResourcesJson | undefined {
  return resources === undefined ? undefined : resourcesCache.get([resources], () => deepFreeze(getProtoResources(resources)));
}

const extendedCache = new PartCache<Json | undefined>();
function extendedResourcesJson(resources: Resources | undefined): Json | undefined {
  // Not cached when it throws (a device without a type): each task reports it.
  return resources === undefined ? undefined : extendedCache.get([resources], () => {
    const extended = getProtoExtendedResources(resources) as Json | undefined;
    return extended && canonicalJson(ExtendedResourcesSpec, deepFreeze(extended));
  });
}

const envCache = new PartCache<Readonly<Record<string, string>>>();
/** The task's environment variables, then those the runtime needs for the task's accelerator. */
function containerEnv(settings: TaskSettings): Readonly<Record<string, string>> {
  return envCache.get([settings.envVars, settings.resources], () =>
    Object.freeze({ ...settings.envVars, ...appleSiliconExecutionEnv(settings.resources, settings.envVars) }),
  );
}

const containerEnvCache = new PartCache<readonly Json[]>();
function containerEnvJson(settings: TaskSettings): readonly Json[] {
  return containerEnvCache.get([settings.envVars, settings.resources], () =>
    canonicalJson(ContainerSpec, deepFreeze({ env: Object.entries(containerEnv(settings)).map(([key, value]) => ({ key, value })) })).env as readonly Json[] ?? [],
  );
}

const securityContexts = new PartCache<Json>();
function securityContextJson(secrets: readonly Secret[], serviceAccount: string | undefined): Json {
  return securityContexts.get([serviceAccount, secrets], () => {
    const securityContext: Json = {};
    if (serviceAccount) securityContext.runAs = { k8sServiceAccount: serviceAccount };
    if (secrets.length > 0) securityContext.secrets = secrets.map((s) => s.toJson());
    return canonicalJson(SecurityContextSpec, deepFreeze(securityContext));
  });
}

interface PodParts {
  metadata: Json;
  config: Readonly<Record<string, string>>;
  /** The pod spec with the task's container arguments in the primary container. */
  podSpec(args: readonly string[]): Json;
  /** The `K8sPod` for a shared (frozen) argument list: frozen, made once per list. */
  sharedK8sPod(args: readonly string[]): Json;
}

const podPartsCache = new PartCache<PodParts>();

/**
 * The pod template with the task's image, resources and env written into its primary container, once per
 * template, image, resources and env; only the container arguments differ between tasks.
 */
function podParts(settings: TaskSettings, podTemplate: PodTemplate, resources: ProtoResourcesJson | undefined): PodParts {
  return podPartsCache.get([settings.image, podTemplate, settings.resources, settings.envVars], () => {
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
    const shared = new WeakMap<readonly string[], Json>();
    const parts: PodParts = {
      metadata: canonicalJson(K8sObjectMetadataSpec, Object.freeze(metadata)),
      config: Object.freeze({ [PRIMARY_CONTAINER_NAME_FIELD]: podTemplate.primaryContainerName }),
      podSpec(args: readonly string[]): Json {
        const container: JsonObject = {};
        for (const key of keys) container[key] = key === "args" ? (args as string[]) : primary[key]!;
        return { ...source, containers: containers.map((c, i) => (i === index ? container : c)) };
      },
      sharedK8sPod(args: readonly string[]): Json {
        let k8sPod = shared.get(args);
        if (!k8sPod) shared.set(args, (k8sPod = deepFreeze({ metadata: parts.metadata, podSpec: parts.podSpec(args) })));
        return k8sPod;
      },
    };
    return parts;
  });
}

// Stands for the task's arguments in a cached primary container (each task gets its own).
const ARGS: string[] = [];

function assertStruct(custom: unknown, pluginName: string): asserts custom is Record<string, unknown> {
  if (custom === null || typeof custom !== "object" || Array.isArray(custom)) {
    throw new FlyteTsError("SERIALIZATION", `${pluginName} customConfig() must return a JSON object, got ${Array.isArray(custom) ? "an array" : typeof custom}`);
  }
  const bad = nonJsonPath(custom);
  if (bad) throw new FlyteTsError("SERIALIZATION", `${pluginName} customConfig() returned a value that is not JSON at ${bad.reverse().join(".") || "(root)"}`);
}

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

/**
 * A deep-frozen copy of a checked JSON value as `JSON.parse(JSON.stringify(value))` gives it: `undefined`
 * cannot live in a protobuf Struct (`null` can), so members that are `undefined` are left out and array
 * items that are `undefined` become `null`; -0 becomes 0. One pass, instead of a round trip through text.
 */
function frozenJsonCopy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value === 0 ? 0 : value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = item === undefined ? null : frozenJsonCopy(item);
    }
    return Object.freeze(out);
  }
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const item = object[key];
    if (item === undefined) continue;
    // An own "__proto__" key (JSON.parse makes one) must not set the copy's prototype.
    if (key === "__proto__") Object.defineProperty(out, key, { value: frozenJsonCopy(item), enumerable: true, writable: true, configurable: true });
    else out[key] = frozenJsonCopy(item);
  }
  return Object.freeze(out);
}
