import type { AnyTask } from "../task/task.ts";
import type { TaskContext } from "./context.ts";

/**
 * Runs a task called from inside a running task somewhere other than in this process — `a0`'s remote
 * controller installs one so that calls become child actions. Without one, nested calls run in-process.
 */
export type NestedCallDispatcher = (task: AnyTask, inputs: unknown, parent: TaskContext) => Promise<unknown>;

// Process-wide and shared across copies of core (a task module may load another copy than a0's).
const KEY = Symbol.for("@flyte-ts/core.nested-call-dispatcher");
type Holder = { [KEY]?: NestedCallDispatcher };

export function setNestedCallDispatcher(dispatcher: NestedCallDispatcher | undefined): void {
  (globalThis as Holder)[KEY] = dispatcher;
}

export function nestedCallDispatcher(): NestedCallDispatcher | undefined {
  return (globalThis as Holder)[KEY];
}
