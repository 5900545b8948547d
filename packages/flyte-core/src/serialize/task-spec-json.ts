import { formatProtoDuration } from "../config/duration.ts";
import type { TaskSettings } from "../task/settings.ts";
import { takeCodePoints } from "../util/text.ts";
import type { SerializationContext } from "./context.ts";
import { typedInterfaceOf } from "./interface.ts";
import { TypedInterfaceSpec } from "./task-spec-schema.ts";
import { discoveryVersion, runtimeJson, templateParts } from "./task-spec-parts.ts";
import { canonicalDuration, canonicalJson } from "./task-spec-wire.ts";

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
  // The environment's part, in field order after the interface (task-spec-parts.ts).
  return Object.assign(template, templateParts(settings, sctx));
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
