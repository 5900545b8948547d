import { create, toBinary } from "@bufbuild/protobuf";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildCodeBundle, type BuiltCodeBundle } from "../bundle/build.ts";
import { findTask, loadTasks } from "../module/load-tasks.ts";
import { ConfigError, type ConfigIssue } from "../errors.ts";
import { TaskIdentifierSchema, TaskSpecSchema, type TaskIdentifier, type TaskSpec } from "../gen/flyteidl2/task/task_definition_pb.ts";
import { SerializationContext, type CodeBundle } from "../serialize/context.ts";
import { serializeTask } from "../serialize/task-spec.ts";
import { isTask, type AnyTask } from "../task/task.ts";
import { TaskEnvironment } from "../environment.ts";
import { pathToFileURL } from "node:url";
import { FlyteRemote, type FlyteRemoteOptions } from "./client.ts";
import { requireScope, resolveRemoteConfig } from "./config.ts";
import { RemoteError } from "./errors.ts";
import { uploadFile, type UploadProgress } from "./upload.ts";
import { Code, ConnectError } from "@connectrpc/connect";

/** Where the tasks come from and what they are deployed as; any key may be omitted except the tasks. */
export interface DeployOptions {
  /**
   * Modules that declare the tasks (every task they declare is deployed). Either this or `tasks` is required.
   *
   * Validation: existing TypeScript or JavaScript modules.
   *
   * @defaultValue `[]`
   */
  modules?: readonly string[];
  /**
   * Tasks to deploy, besides those of `modules`.
   *
   * Validation: tasks created with `env.task(…)`.
   *
   * @defaultValue `[]`
   */
  tasks?: readonly AnyTask[];
  /**
   * The project directory that is bundled; task modules must lie inside it.
   *
   * Validation: an existing directory.
   *
   * @defaultValue `process.cwd()`
   */
  rootDir?: string;
  /**
   * The version the tasks are deployed under.
   *
   * Validation: a non-empty string of at most 63 characters.
   *
   * @defaultValue `undefined`: a hash of the code bundle and every task's serialized spec (image, resources, settings)
   */
  version?: string;
  /**
   * Build, serialize and report what would be deployed, without contacting the control plane.
   *
   * Validation: a boolean.
   *
   * @defaultValue `false`
   */
  dryRun?: boolean;
  /**
   * DeployTask calls in flight at once.
   *
   * Validation: an integer from 1 to 64.
   *
   * @defaultValue `8`
   */
  concurrency?: number;
  /**
   * The control plane: a connection, or options resolved like the CLI's (flags over `FLYTE_*` over the config file).
   *
   * Validation: see {@link RemoteOptions}.
   *
   * @defaultValue `{}`: the config file, FLYTE_* variables and FLYTE_API_KEY found on this machine
   */
  remote?: FlyteRemote | FlyteRemoteOptions;
  /**
   * Progress messages (bundle, upload, each task).
   *
   * Validation: a function.
   *
   * @defaultValue `undefined`
   */
  onProgress?: (message: string) => void;
  /**
   * Upload progress in bytes.
   *
   * Validation: a function.
   *
   * @defaultValue `undefined`
   */
  onUploadProgress?: UploadProgress;
}

/** One task of a deployment. */
export interface DeployedTask {
  readonly name: string;
  readonly id: { readonly org: string; readonly project: string; readonly domain: string; readonly name: string; readonly version: string };
  /** `deployed`; `exists` when the server already had this version; `planned` in a dry run. */
  readonly status: "deployed" | "exists" | "planned";
}

/** What {@link deploy} did. */
export interface DeployResult {
  readonly version: string;
  readonly dryRun: boolean;
  readonly bundle: { readonly md5: string; readonly files: number; readonly bytes: number; readonly uri: string | undefined };
  readonly tasks: readonly DeployedTask[];
}

/** The code of some tasks, bundled and (unless a dry run) uploaded, with the version derived from it. */
export interface PreparedCode {
  readonly version: string;
  readonly bundle: BuiltCodeBundle;
  readonly bytes: number;
  readonly uri: string | undefined;
  readonly specs: ReadonlyArray<{ task: AnyTask; spec: TaskSpec }>;
  readonly scope: { org: string; project: string; domain: string };
}

const PLANNED_BUNDLE_URI = "<uploaded on deploy>";

/**
 * The default version: a hash of the bundle's MD5 and every task's spec serialized with a fixed version and
 * bundle URI, so that a change to the code, the files, the image or any setting gives a new version, and
 * nothing else does.
 */
export function deployVersion(bundleMd5: string, tasks: readonly AnyTask[], rootDir: string, scope: { org: string; project: string; domain: string }): string {
  const hash = createHash("sha256").update(`flyte-ts deploy v1\0${bundleMd5}\0`);
  const sctx = new SerializationContext({ version: "0", ...scope, rootDir, codeBundle: { tgz: "bundle", computedVersion: bundleMd5, destination: "." } });
  for (const task of [...tasks].sort((a, b) => a.taskName.localeCompare(b.taskName))) {
    hash.update(task.taskName).update("\0").update(toBinary(TaskSpecSchema, serializeTask(task, sctx))).update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

/** Serializes every task (all problems reported at once), before anything is uploaded. */
function serializeAll(tasks: readonly AnyTask[], sctx: SerializationContext): Array<{ task: AnyTask; spec: TaskSpec }> {
  const out: Array<{ task: AnyTask; spec: TaskSpec }> = [];
  const issues: ConfigIssue[] = [];
  for (const task of tasks) {
    try {
      out.push({ task, spec: serializeTask(task, sctx) });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      for (const issue of err.issues) issues.push({ path: [err.subject, ...issue.path], message: issue.message });
    }
  }
  if (issues.length > 0) throw new ConfigError("tasks", issues);
  return out;
}

/**
 * Bundles `rootDir`, derives the version, serializes the tasks against it and (unless `dryRun`) uploads the
 * bundle, so that the specs point at its native URL. Shared by deploy and runRemote.
 */
export async function prepareCode(
  tasks: readonly AnyTask[],
  options: { rootDir: string; version?: string | undefined; dryRun: boolean; remote: FlyteRemote | undefined; scope: { org: string; project: string; domain: string }; onProgress?: ((m: string) => void) | undefined; onUploadProgress?: UploadProgress | undefined },
): Promise<PreparedCode> {
  const work = mkdtempSync(join(tmpdir(), "flyte-ts-deploy-"));
  try {
    const bundle = await buildCodeBundle({ rootDir: options.rootDir, outDir: work });
    const { size } = statSync(bundle.archivePath);
    options.onProgress?.(`bundled ${bundle.files.length} file(s) of ${options.rootDir} (${size} bytes, md5 ${bundle.version})`);
    const version = options.version ?? deployVersion(bundle.version, tasks, options.rootDir, options.scope);
    // Serialized once before the upload, so that a bad task fails before anything is sent.
    const check = (tgz: string) =>
      serializeAll(tasks, new SerializationContext({ version, ...options.scope, rootDir: options.rootDir, codeBundle: codeBundle(tgz, bundle.version) }));
    let specs = check(PLANNED_BUNDLE_URI);
    let uri: string | undefined;
    if (!options.dryRun) {
      const uploaded = await uploadFile(options.remote!, bundle.archivePath, {
        scope: options.scope,
        ...(options.onUploadProgress ? { onProgress: options.onUploadProgress } : {}),
        onRetry: (attempt, err) => options.onProgress?.(`upload attempt ${attempt} failed (${err.message}); retrying`),
      });
      uri = uploaded.nativeUrl;
      options.onProgress?.(`uploaded the code bundle to ${uri}`);
      specs = check(uri);
    }
    return { version, bundle, bytes: size, uri, specs, scope: options.scope };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function codeBundle(tgz: string, md5: string): CodeBundle {
  return { tgz, computedVersion: md5, destination: "." };
}

/** The TaskIdentifier of a serialized task. */
export function taskIdOf(spec: TaskSpec): TaskIdentifier {
  const id = spec.taskTemplate!.id!;
  return create(TaskIdentifierSchema, { org: id.org, project: id.project, domain: id.domain, name: id.name, version: id.version });
}

/** Runs `fn` over `items` with at most `limit` in flight; the first failure is thrown once all have settled. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
  return results;
}

// A module is imported once per process; loadTasks reports the environments its import created, so a
// second deploy of the same module in one process must reuse what the first import found.
const tasksByModule = new Map<string, AnyTask[]>();

function exportedTasks(namespace: Record<string, unknown>): AnyTask[] {
  const out: AnyTask[] = [];
  for (const value of Object.values(namespace)) {
    if (isTask(value)) out.push(value);
    else if (value instanceof TaskEnvironment) out.push(...value.tasks.values());
  }
  return out;
}

/** Loads tasks from modules (and adds `tasks`), in declaration order without duplicates. */
export async function collectTasks(modules: readonly string[], tasks: readonly AnyTask[] = []): Promise<AnyTask[]> {
  const all = [...tasks];
  for (const module of modules) {
    const key = resolve(module);
    let found = tasksByModule.get(key);
    if (!found) {
      found = await loadTasks(module);
      // Imported before (by the caller): no environment was created by this import, so take the tasks
      // the module exports, directly or through its exported environments.
      if (found.length === 0) found = exportedTasks((await import(pathToFileURL(key).href)) as Record<string, unknown>);
      tasksByModule.set(key, found);
    }
    all.push(...found);
  }
  const seen = new Set<string>();
  return all.filter((t) => (seen.has(t.taskName) ? false : (seen.add(t.taskName), true)));
}

export { findTask };

/**
 * Deploys tasks: bundles the project, uploads the bundle through the data proxy and calls DeployTask for
 * every task (at most `concurrency` at once). A version the server already has counts as deployed.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new ConfigError("deploy options", [{ path: ["concurrency"], message: `must be an integer from 1 to 64, got ${String(concurrency)}` }]);
  }
  const tasks = await collectTasks(options.modules ?? [], options.tasks ?? []);
  if (tasks.length === 0) throw new RemoteError("REMOTE_CONFIG", `no tasks to deploy: ${options.modules?.length ? `${options.modules.join(", ")} declare(s) no task` : "pass modules or tasks"}`);
  const dryRun = options.dryRun ?? false;
  const remote = dryRun ? undefined : options.remote instanceof FlyteRemote ? options.remote : new FlyteRemote(options.remote ?? {});
  const config = remote?.config ?? (options.remote instanceof FlyteRemote ? options.remote.config : resolveRemoteConfig(options.remote ?? {}, (options.remote as FlyteRemoteOptions | undefined)?.env ?? process.env));
  const scope = requireScope(config);
  const rootDir = resolve(options.rootDir ?? process.cwd());
  const prepared = await prepareCode(tasks, { rootDir, version: options.version, dryRun, remote, scope, onProgress: options.onProgress, onUploadProgress: options.onUploadProgress });
  const bundle = { md5: prepared.bundle.version, files: prepared.bundle.files.length, bytes: prepared.bytes, uri: prepared.uri };
  if (dryRun) {
    return { version: prepared.version, dryRun, bundle, tasks: prepared.specs.map(({ task, spec }) => ({ name: task.taskName, id: plainId(taskIdOf(spec)), status: "planned" as const })) };
  }
  const deployed = await mapLimited(prepared.specs, concurrency, async ({ task, spec }) => {
    const taskId = taskIdOf(spec);
    const status = await remote!.call({ rpc: "flyteidl2.task.TaskService/DeployTask", doing: `deploying task ${task.taskName}` }, async (call) => {
      try {
        await remote!.tasks.deployTask({ taskId, spec, triggers: [] }, call);
        return "deployed" as const;
      } catch (err) {
        // The same id and version is already there: deploying it again changes nothing.
        if (err instanceof ConnectError && err.code === Code.AlreadyExists) return "exists" as const;
        throw err;
      }
    });
    options.onProgress?.(`${status === "exists" ? "already deployed" : "deployed"} ${task.taskName} @ ${prepared.version}`);
    return { name: task.taskName, id: plainId(taskId), status };
  });
  return { version: prepared.version, dryRun, bundle, tasks: deployed };
}

function plainId(id: TaskIdentifier): DeployedTask["id"] {
  return { org: id.org, project: id.project, domain: id.domain, name: id.name, version: id.version };
}

/** The summary table the CLI prints. */
export function formatDeployTable(result: DeployResult): string {
  const rows = [["task", "version", "status"], ...result.tasks.map((t) => [t.name, t.id.version, t.status])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd());
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const where = result.tasks[0] ? `${result.tasks[0].id.project}/${result.tasks[0].id.domain}` : "";
  const tail = result.dryRun
    ? `dry run: ${result.tasks.length} task(s) would be deployed to ${where}; nothing was uploaded or deployed`
    : `${result.tasks.length} task(s) in ${where}, code bundle ${result.bundle.uri}`;
  return `${lines.join("\n")}\n${tail}\n`;
}
