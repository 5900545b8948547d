import type { TaskSettings } from "../task/settings.ts";
import { takeCodePoints } from "../util/text.ts";
import type { SerializationContext } from "./context.ts";
import { PartCache } from "./part-cache.ts";
import { typedInterfaceOf } from "./interface.ts";
import { discoveryVersion, runtimeJson, templateParts, type TemplateParts } from "./task-spec-parts.ts";
import { RuntimeMetadataSpec, TaskTemplateSpec, TypedInterfaceSpec } from "./task-spec-schema.ts";
import { canonicalJson, durationBodyOfSeconds, writeMessage, writeMessageField } from "./task-spec-wire.ts";
import { BIT64, LENGTH_DELIMITED, VARINT, WireWriter } from "./wire-writer.ts";

// The binary `TaskSpec` of a task, written straight from its settings: the fields that differ between
// tasks (identifier, metadata, names) are written here each time, the environment's part of the template
// (task-spec-parts.ts) is copied from bytes written once per environment. No proto JSON of the task is
// built: encodeTask makes it only when asked. The field order and zero-value rules are protobuf-es's (the
// tests compare every byte with it); field numbers are flyteidl2's (task-spec-schema.ts).

const writer = new WireWriter();

// The bytes of the environment's part of the template, per shared (frozen) TemplateParts.
const templatePartBytes = new WeakMap<TemplateParts, Uint8Array>();

/** The binary `flyteidl2.task.TaskSpec` of a task: the bytes protobuf-es writes for serializeTask's message. */
export function encodeTaskSpec(settings: TaskSettings, sctx: SerializationContext): Uint8Array {
  const w = writer;
  // What can throw or run a plugin's code comes first, in the reference's order (the metadata has nothing
  // to check): a plugin that encodes a task of its own then cannot disturb the shared writer mid-message.
  const interfaceBytes = interfaceField(w, settings);
  const parts = templateParts(settings, sctx);
  w.reset();
  // TaskSpec.task_template (1)
  w.tag(1, LENGTH_DELIMITED);
  w.fork();
  writeTaskTemplate(w, settings, sctx, interfaceBytes, parts);
  w.join();
  writeText(w, 3, takeCodePoints(settings.shortName, 63));
  // TaskSpec.environment (4): a message field, written even when empty.
  w.tag(4, LENGTH_DELIMITED);
  w.fork();
  writeText(w, 1, takeCodePoints(settings.environmentName, 63));
  writeText(w, 2, settings.environmentDescription);
  w.join();
  if (settings.docs) {
    // TaskSpec.documentation (5): the first line, then the whole text.
    const docs = settings.docs.trim();
    const [first = ""] = docs.split("\n");
    w.tag(5, LENGTH_DELIMITED);
    w.fork();
    writeText(w, 1, first.trim());
    writeText(w, 2, docs);
    w.join();
  }
  return w.slice();
}

/** A string field of implicit presence: the empty string is its zero value, left out. */
function writeText(w: WireWriter, no: number, value: string | undefined): void {
  if (value) w.stringField(no, value);
}

function writeTaskTemplate(w: WireWriter, settings: TaskSettings, sctx: SerializationContext, interfaceBytes: Uint8Array, parts: TemplateParts): void {
  // id (1): flyteidl2.core.Identifier, resource type TASK (1).
  w.tag(1, LENGTH_DELIMITED);
  w.fork();
  w.tag(1, VARINT);
  w.uint32(1);
  writeText(w, 2, sctx.project);
  writeText(w, 3, sctx.domain);
  writeText(w, 4, settings.name);
  writeText(w, 5, sctx.version);
  writeText(w, 6, sctx.org);
  w.join();
  writeText(w, 2, settings.taskType);
  w.tag(3, LENGTH_DELIMITED);
  w.fork();
  writeTaskMetadata(w, settings, sctx);
  w.join();
  w.raw(interfaceBytes);
  // Fields 5 to 19: the environment's part, the same bytes for all tasks that share it.
  if (!Object.isFrozen(parts)) {
    writeMessage(w, TaskTemplateSpec, parts);
    return;
  }
  const bytes = templatePartBytes.get(parts);
  if (bytes) {
    w.raw(bytes);
    return;
  }
  // Written whole (`cached`): the bytes of its own parts would never be asked for again.
  const start = w.pos;
  writeMessage(w, TaskTemplateSpec, parts, true);
  templatePartBytes.set(parts, w.keep(start));
}

// TaskTemplate.interface (4) per input and output schema (the objects that overrides share).
const interfaceFields = new PartCache<Uint8Array>();

// The last task's schemas and their field: the tasks of an environment often share them (or have none).
let lastInterface: { inputs: TaskSettings["inputs"]; output: TaskSettings["output"]; field: Uint8Array } | undefined;

/** The bytes of the task's `interface` field, written (at the writer's end, then taken back) once per schemas. */
function interfaceField(w: WireWriter, settings: TaskSettings): Uint8Array {
  const { inputs, output } = settings;
  if (lastInterface && lastInterface.inputs === inputs && lastInterface.output === output) return lastInterface.field;
  const field = interfaceFields.get([inputs, output], () => {
    const start = w.pos;
    writeMessageField(w, 4, TypedInterfaceSpec, canonicalJson(TypedInterfaceSpec, typedInterfaceOf(settings) as unknown as Record<string, unknown>), true);
    const bytes = w.keep(start);
    w.pos = start;
    return bytes;
  });
  lastInterface = { inputs, output, field };
  return field;
}

let runtimeBytes: Uint8Array | undefined;

/** flyteidl2.core.TaskMetadata, fields in number order (23 and 24 are unknown to the npm schema). */
function writeTaskMetadata(w: WireWriter, settings: TaskSettings, sctx: SerializationContext): void {
  const cache = settings.cache;
  const timeout = settings.timeout;
  if (cache.enabled) w.boolField(1, true);
  if (!runtimeBytes) {
    const start = w.pos;
    writeMessageField(w, 2, RuntimeMetadataSpec, runtimeJson(), true);
    runtimeBytes = w.slice(start);
  } else w.raw(runtimeBytes);
  if (timeout?.maxRuntime) writeDuration(w, 4, timeout.maxRuntime);
  // retries (5): flyteidl2.core.RetryStrategy, always present.
  const retries = settings.retries;
  w.tag(5, LENGTH_DELIMITED);
  w.fork();
  if (retries.count > 0) {
    w.tag(5, VARINT);
    w.uint32(retries.count);
  }
  const backoff = retries.backoff;
  if (backoff) {
    w.tag(6, LENGTH_DELIMITED);
    w.fork();
    writeDuration(w, 1, backoff.base);
    w.tag(2, BIT64);
    w.double(backoff.factor);
    if (backoff.cap !== undefined) writeDuration(w, 3, backoff.cap);
    w.join();
  }
  w.join();
  writeText(w, 6, discoveryVersion(settings, sctx));
  // interruptible (8) has explicit presence: written when false too.
  w.boolField(8, settings.interruptible);
  if (cache.serialize) w.boolField(9, true);
  if (typeof settings.podTemplate === "string") writeText(w, 12, settings.podTemplate);
  if (cache.enabled) {
    for (const name of cache.ignoredInputs) w.stringField(13, name);
  }
  // generates_deck (15): a google.protobuf.BoolValue, always present.
  w.tag(15, LENGTH_DELIMITED);
  w.fork();
  if (settings.report) w.boolField(1, true);
  w.join();
  if (!settings.reusable && settings.debuggable) w.boolField(17, true);
  if (settings.entrypoint) w.boolField(20, true);
  writeText(w, 21, sctx.codeBundle?.tgz);
  if (timeout?.maxQueuedTime || timeout?.deadline) {
    w.tag(22, LENGTH_DELIMITED);
    w.fork();
    if (timeout.maxQueuedTime) writeDuration(w, 1, timeout.maxQueuedTime);
    if (timeout.deadline) writeDuration(w, 2, timeout.deadline);
    w.join();
  }
  if (settings.producesArtifacts) w.boolField(23, true);
  if (cache.maxAge !== undefined) writeDuration(w, 24, cache.maxAge);
}

/** A google.protobuf.Duration field of a number of seconds, as its proto JSON text reads back. */
function writeDuration(w: WireWriter, no: number, seconds: number): void {
  w.tag(no, LENGTH_DELIMITED);
  w.bytes(durationBodyOfSeconds(seconds));
}
