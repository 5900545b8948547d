import type { z } from "zod";
import type { TaskSettings } from "./settings.ts";

/** Inputs of a task: the zod object's input type, or nothing. */
export type TaskInputs<I extends z.ZodObject | undefined> = I extends z.ZodObject ? z.input<I> : Record<string, never>;
/** What the body receives: the zod object's output type (defaults applied), or nothing. */
export type BodyInputs<I extends z.ZodObject | undefined> = I extends z.ZodObject ? z.output<I> : Record<string, never>;

export type TaskBody<I extends z.ZodObject | undefined, R> = (inputs: BodyInputs<I>) => R | Promise<R>;

/**
 * A declared task. Calling it outside a run calls its function directly; inside a run it runs as a
 * nested action (with its plugin's hooks).
 */
export interface Task<I extends z.ZodObject | undefined = z.ZodObject | undefined, O = unknown> {
  (...args: I extends z.ZodObject ? [inputs: TaskInputs<I>] : [inputs?: TaskInputs<I>]): Promise<O>;
  readonly kind: "flyte.Task";
  readonly settings: TaskSettings;
  /** The full name, `<environment>.<function>`. */
  readonly taskName: string;
  readonly body: TaskBody<I, unknown>;
  /** A copy with some settings replaced; the original is unchanged. */
  override(options: import("./override.ts").TaskOverride): Task<I, O>;
}

export type AnyTask = Task<any, any>;

export function isTask(value: unknown): value is AnyTask {
  return typeof value === "function" && (value as { kind?: unknown }).kind === "flyte.Task";
}
