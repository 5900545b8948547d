// The main job: declares the example tasks, prints what each serializes to and what it returns when
// run locally (no cluster needed).
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isTask, listEnvironments, run, serializeTask, taskSpecToJson, type AnyTask } from "@flyte-ts/core";

// Every example module beside this file, in name order; or only those named on the command line
// (e.g. `basics.ts`): the Ray and Dask examples start local engines, which need scripts/engines/*.sh.
const only = process.argv.slice(2);
const modules = readdirSync(new URL(".", import.meta.url))
  .filter((f) => f.endsWith(".ts") && f !== "main.ts" && (only.length === 0 || only.includes(f)))
  .sort()
  .map((f) => `./${f}`);
const rootDir = fileURLToPath(new URL("..", import.meta.url));

let failures = 0;
for (const path of modules) {
  const before = new Set(listEnvironments());
  const mod = (await import(path)) as { exampleInputs?: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const inputs = mod.exampleInputs ?? {};
  const tasks = new Set<AnyTask>();
  for (const env of listEnvironments()) if (!before.has(env)) for (const task of env.tasks.values()) tasks.add(task);
  // Overridden copies belong to no environment; show the exported ones too.
  for (const value of Object.values(mod)) if (isTask(value)) tasks.add(value);
  for (const task of tasks.values()) {
    const spec = taskSpecToJson(serializeTask(task, { version: "example", project: "examples", domain: "development", rootDir }));
    console.log(`=== ${task.taskName} (${task.settings.shortName}) — ${path}`);
    console.log(JSON.stringify(spec, null, 2));
    const given = inputs[task.taskName];
    if (!given) continue;
    try {
      const output = await run(task, given, { mode: "local", sleep: async () => {} });
      console.log(`--- ${task.taskName}(${JSON.stringify(given)}) returned ${JSON.stringify(output)}`);
    } catch (err) {
      failures++;
      console.log(`--- ${task.taskName} failed: ${(err as Error).message}`);
    }
  }
}
if (failures > 0) process.exitCode = 1;
