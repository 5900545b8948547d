import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { SerializationContext } from "../serialize/context.ts";
import { serializeTask, taskSpecToBinary, taskSpecToJson, type TaskSpec } from "../serialize/task-spec.ts";
import { codeVersion } from "../task/code-version.ts";
import type { AnyTask } from "../task/task.ts";
import { ConfigError, type ConfigIssue } from "../errors.ts";
import { loadTasks } from "./load-module.ts";

export interface SerializeCommandOptions {
  version?: string;
  project?: string;
  domain?: string;
  org?: string;
  interpreterPath?: string;
  entrypointPath?: string;
  rootDir?: string;
  out?: string;
}

/** A version derived from the tasks' code, so that unchanged code serializes to the same version. */
export function defaultVersion(tasks: readonly AnyTask[]): string {
  const hash = createHash("sha256");
  for (const task of [...tasks].sort((a, b) => a.taskName.localeCompare(b.taskName))) {
    hash.update(task.taskName).update("\0").update(codeVersion(task.settings)).update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

/** Serializes every task first; only when all succeed is anything written (no half-written output). */
export async function serializeCommand(modulePath: string, options: SerializeCommandOptions, log: (line: string) => void): Promise<string | undefined> {
  const tasks = await loadTasks(modulePath);
  const sctx = new SerializationContext({
    version: options.version ?? defaultVersion(tasks),
    ...(options.project !== undefined ? { project: options.project } : {}),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
    ...(options.org !== undefined ? { org: options.org } : {}),
    ...(options.interpreterPath !== undefined ? { interpreterPath: options.interpreterPath } : {}),
    ...(options.entrypointPath !== undefined ? { entrypointPath: options.entrypointPath } : {}),
    rootDir: resolve(options.rootDir ?? process.cwd()),
  });
  const specs: Array<[AnyTask, TaskSpec]> = [];
  const issues: ConfigIssue[] = [];
  for (const task of tasks) {
    try {
      specs.push([task, serializeTask(task, sctx)]);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const issue of err.issues) issues.push({ path: [err.subject, ...issue.path], message: issue.message });
    }
  }
  if (issues.length > 0) throw new ConfigError(`tasks in ${modulePath}`, issues);
  if (options.out === undefined) {
    log(`serialized ${specs.length} task(s) from ${modulePath} at version ${sctx.version}`);
    return `${JSON.stringify(specs.map(([, spec]) => taskSpecToJson(spec)), null, 2)}\n`;
  }
  const out = resolve(options.out);
  const staging = `${out}.tmp-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  try {
    for (const [task, spec] of specs) {
      writeFileSync(join(staging, `${task.taskName}.json`), `${JSON.stringify(taskSpecToJson(spec), null, 2)}\n`);
      writeFileSync(join(staging, `${task.taskName}.pb`), taskSpecToBinary(spec));
    }
    mkdirSync(out, { recursive: true });
    for (const [task] of specs) {
      for (const ext of ["json", "pb"]) renameSync(join(staging, `${task.taskName}.${ext}`), join(out, `${task.taskName}.${ext}`));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`wrote ${specs.length} task(s) to ${out} at version ${sctx.version}`);
  return undefined;
}
