import { parseTaskInputs, runInContext } from "../run/execute.ts";
import { ctx } from "../run/context.ts";
import { applyOverride, type TaskOverride } from "./override.ts";
import type { TaskSettings } from "./settings.ts";
import type { AnyTask, Task, TaskBody } from "./task.ts";

/** Builds the callable task object for resolved settings and a body. */
export function createTask<I extends import("zod").z.ZodObject | undefined, O>(
  settings: TaskSettings,
  body: TaskBody<I, unknown>,
): Task<I, O> {
  const task = async function (inputs?: unknown): Promise<unknown> {
    const current = ctx();
    if (current) return runInContext(task as unknown as AnyTask, inputs ?? {}, current);
    // Outside a run: the plain function, with its inputs checked and defaults applied.
    return (body as (i: unknown) => unknown)(parseTaskInputs(settings, inputs));
  };
  Object.defineProperties(task, {
    name: { value: settings.name, configurable: true },
    kind: { value: "flyte.Task", enumerable: true },
    settings: { value: settings, enumerable: true },
    taskName: { value: settings.name, enumerable: true },
    body: { value: body, enumerable: true },
    override: {
      value: (options: TaskOverride) => createTask<I, O>(applyOverride(settings, options), body),
    },
  });
  return task as unknown as Task<I, O>;
}
