import type { TaskSpec } from "../gen/flyteidl2/task/task_definition_pb.ts";
import type { AnyTask } from "../task/task.ts";
import type { TaskSettings } from "../task/settings.ts";
import { SerializationContext, type SerializationContextOptions } from "./context.ts";
import { taskSpecMessages } from "./load-task-spec-messages.ts";
import { buildTaskSpecJson, type TaskSpecJson } from "./task-spec-json.ts";
import { encodeTaskSpec } from "./task-spec-binary.ts";

export type { TaskSpec, TaskSpecJson };

/**
 * The flyteidl2 `TaskSpec` of a task, as the backend receives it at deploy time. Everything is checked
 * before anything is returned; a problem throws a ConfigError/FlyteTsError naming the task.
 * To write the spec out, {@link encodeTask} gives the same binary and JSON faster.
 */
export function serializeTask(task: AnyTask, context: SerializationContext | SerializationContextOptions): TaskSpec {
  const json = buildTaskSpecJson(task.settings, SerializationContext.from(context));
  return taskSpecMessages().taskSpecFromJson(json);
}

/** A task's `TaskSpec` in its two wire forms. */
export interface EncodedTaskSpec {
  /** The binary protobuf: the bytes `taskSpecToBinary(serializeTask(task, context))` gives. */
  readonly binary: Uint8Array;
  /**
   * The proto JSON: what `taskSpecToJson(serializeTask(task, context))` gives, keys in the same order.
   * Built on first use (then the same object each time). Read-only: the parts an environment's tasks share
   * (resources, pod template, plugin config, interface) are frozen objects shared between the tasks' results.
   */
  readonly json: TaskSpecJson;
}

/**
 * The `TaskSpec` of a task as binary and proto JSON, written directly from the task's settings (no
 * protobuf messages in between), with the parts an environment's tasks share built once per environment
 * and context; the JSON only when it is read. Same checks and errors as {@link serializeTask}, thrown
 * here; pass one SerializationContext for many tasks.
 */
export function encodeTask(task: AnyTask, context: SerializationContext | SerializationContextOptions): EncodedTaskSpec {
  const sctx = SerializationContext.from(context);
  return new EncodedTask(task.settings, sctx, encodeTaskSpec(task.settings, sctx));
}

/**
 * The binary, and the JSON built on first use: writing `.pb` files or deploying needs only the binary. Both
 * forms make the same checks, so once the binary is written the JSON can be built.
 */
class EncodedTask implements EncodedTaskSpec {
  readonly binary: Uint8Array;
  readonly #settings: TaskSettings;
  readonly #context: SerializationContext;
  #json: TaskSpecJson | undefined;

  constructor(settings: TaskSettings, context: SerializationContext, binary: Uint8Array) {
    this.binary = binary;
    this.#settings = settings;
    this.#context = context;
  }

  get json(): TaskSpecJson {
    return (this.#json ??= buildTaskSpecJson(this.#settings, this.#context));
  }
}

/** Proto JSON of a TaskSpec, including the fields the npm schema lacks (`reusePolicy`, `producesArtifacts`, `cacheMaxAge`). */
export function taskSpecToJson(spec: TaskSpec): TaskSpecJson {
  return taskSpecMessages().taskSpecToJson(spec);
}

/** Parses TaskSpec proto JSON (as written by {@link taskSpecToJson}). */
export function taskSpecFromJson(json: TaskSpecJson): TaskSpec {
  return taskSpecMessages().taskSpecFromJson(json);
}

export function taskSpecToBinary(spec: TaskSpec): Uint8Array {
  return taskSpecMessages().taskSpecToBinary(spec);
}

export function taskSpecFromBinary(bytes: Uint8Array): TaskSpec {
  return taskSpecMessages().taskSpecFromBinary(bytes);
}
