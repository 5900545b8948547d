import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { FlyteTsError } from "../errors.ts";
import { listEnvironments } from "../environment.ts";
import type { AnyTask } from "../task/task.ts";

/**
 * Imports a user module (TypeScript or JavaScript, no build step) and returns the tasks of every
 * environment it created, in declaration order. Plugins register themselves as the module imports them.
 */
export async function loadTasks(modulePath: string): Promise<AnyTask[]> {
  const file = resolve(modulePath);
  if (!existsSync(file)) throw new FlyteTsError("MODULE_LOAD", `Module not found: ${modulePath} (resolved to ${file})`);
  const before = new Set(listEnvironments());
  try {
    if (/\.(c|m)?tsx?$/.test(file)) {
      // tsx compiles TypeScript on the fly; loaded only when a .ts module is given. It is registered
      // globally (not namespaced) so that the module's own import of @flyte-ts/core reuses the copy
      // already loaded by the CLI instead of loading and compiling a second one.
      const { register } = await import("tsx/esm/api");
      register();
      await import(pathToFileURL(file).href);
    } else {
      await import(pathToFileURL(file).href);
    }
  } catch (err) {
    if (err instanceof FlyteTsError || (err as { code?: unknown })?.code === "INVALID_CONFIG") throw err;
    throw new FlyteTsError("MODULE_LOAD", `Could not load ${modulePath}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
  const tasks: AnyTask[] = [];
  const seen = new Set<string>();
  for (const env of listEnvironments()) {
    if (before.has(env)) continue;
    for (const task of env.tasks.values()) {
      if (seen.has(task.taskName)) continue;
      seen.add(task.taskName);
      tasks.push(task);
    }
  }
  return tasks;
}

export function findTask(tasks: readonly AnyTask[], name: string, modulePath: string): AnyTask {
  const task = tasks.find((t) => t.taskName === name) ?? tasks.filter((t) => t.taskName.endsWith(`.${name}`)).at(0);
  if (!task) {
    throw new FlyteTsError(
      "TASK_NOT_FOUND",
      `No task named "${name}" in ${modulePath}. Tasks: ${tasks.map((t) => t.taskName).join(", ") || "(none)"}`,
    );
  }
  return task;
}
