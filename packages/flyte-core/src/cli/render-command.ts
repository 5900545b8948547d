import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SerializationContext } from "../serialize/context.ts";
import { serializeTask, taskSpecToJson } from "../serialize/task-spec.ts";
import type { RenderedResource } from "../plugin/contract.ts";
import { loadTasks } from "../module/load-tasks.ts";
import { defaultVersion } from "./serialize-command.ts";

/**
 * Renders, for each task whose plugin can, the engine resource the backend would create, as YAML.
 * Everything is rendered (and checked by the plugin) before anything is written.
 */
export async function renderCommand(modulePath: string, options: { out?: string; version?: string }, log: (line: string) => void): Promise<string | undefined> {
  const tasks = await loadTasks(modulePath);
  const sctx = new SerializationContext({ version: options.version ?? defaultVersion(tasks), rootDir: resolve(".") });
  const rendered: RenderedResource[] = [];
  for (const task of tasks) {
    const plugin = task.settings.plugin;
    if (!plugin?.render) {
      log(`${task.taskName}: ${plugin ? `${plugin.name} has no renderer` : "plain container task"}; skipped`);
      continue;
    }
    rendered.push(...(await plugin.render(taskSpecToJson(serializeTask(task, sctx)))));
  }
  const { stringify } = await import("yaml");
  if (options.out === undefined) return rendered.map((r) => stringify(r.resource)).join("---\n");
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  for (const r of rendered) writeFileSync(join(out, `${r.name}.yaml`), stringify(r.resource));
  log(`wrote ${rendered.length} resource(s) to ${out}`);
  return undefined;
}
