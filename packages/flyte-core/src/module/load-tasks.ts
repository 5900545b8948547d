import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, type ConfigIssue, FlyteTsError } from "../errors.ts";
import { listEnvironments, taskDeclaration } from "../environment.ts";
import type { AnyTask } from "../task/task.ts";
import { type ImportUserModuleOptions, importUserModule } from "./import-module.ts";

/**
 * Imports a user module (TypeScript or JavaScript, no build step; see importUserModule) and returns the
 * tasks of every environment it created, in declaration order. Plugins register themselves as the module
 * imports them. The one module loader of the CLI, `deploy` and `a0`.
 */
export async function loadTasks(modulePath: string, options: ImportUserModuleOptions = {}): Promise<AnyTask[]> {
  const file = resolve(modulePath);
  if (!existsSync(file)) throw new FlyteTsError("MODULE_LOAD", `Module not found: ${modulePath} (resolved to ${file})`);
  const before = new Set(listEnvironments());
  try {
    await importUserModule(file, options);
  } catch (err) {
    if (err instanceof FlyteTsError || (err as { code?: unknown })?.code === "INVALID_CONFIG") throw err;
    throw new FlyteTsError("MODULE_LOAD", `Could not load ${modulePath}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
  const tasks: AnyTask[] = [];
  const seen = new Map<string, AnyTask>();
  const issues: ConfigIssue[] = [];
  for (const env of listEnvironments()) {
    if (before.has(env)) continue;
    for (const task of env.tasks.values()) {
      const first = seen.get(task.taskName);
      if (first) {
        // Two environments with the same name declared the same function: never drop one silently.
        issues.push({
          path: [task.taskName],
          message: `two tasks have this full name: one declared at ${taskDeclaration(first) ?? "(unknown location)"}, one at ${taskDeclaration(task) ?? "(unknown location)"}; rename one (its environment or its function)`,
        });
        continue;
      }
      seen.set(task.taskName, task);
      tasks.push(task);
    }
  }
  if (issues.length > 0) throw new ConfigError(`tasks in ${modulePath}`, issues);
  return tasks;
}

export function findTask(tasks: readonly AnyTask[], name: string, modulePath: string): AnyTask {
  const exact = tasks.find((t) => t.taskName === name);
  if (exact) return exact;
  const candidates = tasks.filter((t) => t.taskName.endsWith(`.${name}`));
  if (candidates.length > 1) {
    throw new FlyteTsError(
      "INVALID_INVOCATION",
      `Task name "${name}" is ambiguous in ${modulePath}: it matches ${candidates.map((t) => t.taskName).join(", ")}. Give the full name (<environment>.<function>).`,
    );
  }
  const task = candidates[0];
  if (!task) {
    throw new FlyteTsError(
      "TASK_NOT_FOUND",
      `No task named "${name}" in ${modulePath}. Tasks: ${tasks.map((t) => t.taskName).join(", ") || "(none)"}`,
    );
  }
  return task;
}
