import { AsyncLocalStorage } from "node:async_hooks";
import { FlyteTsError } from "../errors.ts";

// Shared across copies of core, like the task context.
const KEY = Symbol.for("@flyte-ts/core.action-group");

function groupStorage(): AsyncLocalStorage<string> {
  const holder = globalThis as { [KEY]?: AsyncLocalStorage<string> };
  holder[KEY] ??= new AsyncLocalStorage<string>();
  return holder[KEY];
}

/**
 * Runs `fn` with its task calls in a named group. In the cluster the calls' child actions carry the
 * group (the UI shows them together) and their names include it, so the same call inside and outside a
 * group are different children. Local runs ignore groups. Groups do not nest: the innermost name wins.
 *
 * Validation: `name` must be a non-empty string; anything else throws an INVALID_CONFIG error.
 */
export function group<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  if (typeof name !== "string" || name.trim() === "") {
    throw new FlyteTsError("INVALID_CONFIG", `group name must be a non-empty string, got ${JSON.stringify(name)}`);
  }
  return Promise.resolve(groupStorage().run(name, fn));
}

/** The group of the task calls made now, if any. */
export function currentGroup(): string | undefined {
  return groupStorage().getStore();
}
