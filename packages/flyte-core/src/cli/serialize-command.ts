import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { SerializationContext } from "../serialize/context.ts";
import { encodeTask, type EncodedTaskSpec } from "../serialize/task-spec.ts";
import { codeVersion } from "../task/code-version.ts";
import type { AnyTask } from "../task/task.ts";
import { ConfigError, FlyteTsError, type ConfigIssue } from "../errors.ts";
import { codeBundleOption, type CodeBundleOption } from "./code-bundle-option.ts";
import { loadTasks } from "../module/load-tasks.ts";
import { writeOutDir } from "./write-out-dir.ts";

export interface SerializeCommandOptions {
  version?: string;
  project?: string;
  domain?: string;
  org?: string;
  interpreterPath?: string;
  entrypointPath?: string;
  rootDir?: string;
  out?: string;
  /** URI of a code bundle built by `flyte-ts bundle` (`--tgz` of every task). */
  bundle?: string;
}

/** A version derived from the tasks' code, so that unchanged code serializes to the same version. */
export function defaultVersion(tasks: readonly AnyTask[]): string {
  const hash = createHash("sha256");
  for (const task of [...tasks].sort((a, b) => a.taskName.localeCompare(b.taskName))) {
    hash.update(task.taskName).update("\0").update(codeVersion(task.settings)).update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

/** The container args of a serialized task: its container's, or those of the pod's primary container. */
function taskArgs(spec: EncodedTaskSpec): string[] {
  const template = spec.json.taskTemplate as { container?: { args?: string[] }; k8sPod?: { podSpec?: { containers?: Array<{ args?: string[] }> } } };
  if (template.container) return template.container.args ?? [];
  return template.k8sPod?.podSpec?.containers?.find((c) => c.args?.[0] === "a0")?.args ?? [];
}

/** Every task's module (the `mod` argument) must be a file of a local bundle, or `a0` could not import it. */
function checkModulesInBundle(specs: ReadonlyArray<[AnyTask, EncodedTaskSpec]>, bundle: CodeBundleOption, rootDir: string): void {
  if (!bundle.entries) return;
  const missing = new Set<string>();
  for (const [, spec] of specs) {
    const args = taskArgs(spec);
    const at = args.indexOf("mod");
    const module = at >= 0 ? args[at + 1] : undefined;
    if (module !== undefined && !bundle.entries.has(module)) missing.add(module);
  }
  if (missing.size > 0) {
    throw new FlyteTsError(
      "CODE_BUNDLE",
      `code bundle ${bundle.codeBundle.tgz} does not contain ${[...missing].join(", ")}: build it from the --root-dir of this command (${rootDir}) and check that the module is not ignored (flyte-ts bundle --list)`,
    );
  }
}

/**
 * Serializes every task first; only when all succeed is anything written. `--out` is replaced as a whole
 * (written beside it, then swapped in): it ends up holding exactly these tasks' files, or is left as it was.
 */
export async function serializeCommand(modulePath: string, options: SerializeCommandOptions, log: (line: string) => void): Promise<string | undefined> {
  // The bundle is checked before the module is loaded: a missing archive fails fast.
  const bundle = options.bundle !== undefined ? codeBundleOption(options.bundle, options.version) : undefined;
  const tasks = await loadTasks(modulePath);
  const sctx = new SerializationContext({
    version: options.version ?? bundle?.codeBundle.computedVersion ?? defaultVersion(tasks),
    ...(bundle ? { codeBundle: bundle.codeBundle } : {}),
    ...(options.project !== undefined ? { project: options.project } : {}),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
    ...(options.org !== undefined ? { org: options.org } : {}),
    ...(options.interpreterPath !== undefined ? { interpreterPath: options.interpreterPath } : {}),
    ...(options.entrypointPath !== undefined ? { entrypointPath: options.entrypointPath } : {}),
    rootDir: resolve(options.rootDir ?? process.cwd()),
  });
  // encodeTask writes the binary and the JSON directly (no protobuf messages), sharing an environment's parts.
  const specs: Array<[AnyTask, EncodedTaskSpec]> = [];
  const issues: ConfigIssue[] = [];
  for (const task of tasks) {
    try {
      specs.push([task, encodeTask(task, sctx)]);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const issue of err.issues) issues.push({ path: [err.subject, ...issue.path], message: issue.message });
    }
  }
  if (issues.length > 0) throw new ConfigError(`tasks in ${modulePath}`, issues);
  if (bundle) checkModulesInBundle(specs, bundle, sctx.rootDir!);
  if (options.out === undefined) {
    log(`serialized ${specs.length} task(s) from ${modulePath} at version ${sctx.version}`);
    return `${JSON.stringify(specs.map(([, spec]) => spec.json), null, 2)}\n`;
  }
  const files = new Map<string, string | Uint8Array>();
  for (const [task, spec] of specs) {
    files.set(`${task.taskName}.json`, `${JSON.stringify(spec.json, null, 2)}\n`);
    files.set(`${task.taskName}.pb`, spec.binary);
  }
  const out = writeOutDir(options.out, files, (name) => /\.(json|pb)$/.test(name));
  log(`wrote ${specs.length} task(s) to ${out} at version ${sctx.version}`);
  return undefined;
}
