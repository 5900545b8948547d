// Runs the built `a0` (`pnpm build` first) as the backend runs a task's container: the serialized
// TaskTemplate's args with the placeholders filled in, the backend's environment, file storage. Shared
// by the a0 tests that need to wait for it asynchronously (signals) or to run modules serialize cannot load.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { ErrorDocumentSchema } from "../../src/gen/flyteidl2/core/execution_pb.ts";
import { InputsSchema, OutputsSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { renderArgsLikeBackend } from "./backend-args.ts";

export const pkgDir = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const cliBin = join(pkgDir, "bin", "flyte-ts.js");
export const a0Bin = join(pkgDir, "bin", "a0.js");

export interface SerializedTask { taskTemplate: { id: { name: string }; container: { args: string[] }; metadata: { runtime: { version: string } } } }

/** The tasks of a fixture module, serialized by the built CLI, by full name. */
export function serializeFixture(fixture: string): Map<string, SerializedTask> {
  const r = spawnSync(process.execPath, [cliBin, "serialize", fixture, "--version", "v1", "--project", "p", "--domain", "d"], { cwd: pkgDir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`serialize ${fixture} failed: ${r.stderr}`);
  return new Map((JSON.parse(r.stdout) as SerializedTask[]).map((t) => [t.taskTemplate.id.name, t]));
}

export const backendEnv = (runBase: string, extra: Record<string, string> = {}): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  _U_RUN_BASE: runBase,
  RUN_NAME: "rtest1",
  ACTION_NAME: "a0",
  FLYTE_INTERNAL_EXECUTION_PROJECT: "p",
  FLYTE_INTERNAL_EXECUTION_DOMAIN: "d",
  _U_ORG_NAME: "local",
  FLYTE_ATTEMPT_NUMBER: "0",
  ...extra,
});

export interface ActionRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly outputs?: unknown;
  readonly error?: unknown;
  readonly dir: string;
  readonly elapsedMs: number;
}

export interface ActionRunOptions {
  /** inputs.pb as proto JSON, or raw bytes (e.g. a damaged file). */
  inputs?: unknown;
  env?: Record<string, string>;
  /** Replace the module of the task's args (for modules `serialize` cannot load). */
  module?: string;
  /** Called with the child once its stderr contains this text (e.g. to send a signal). */
  when?: { stderrContains: string; then: (child: ReturnType<typeof spawn>) => void };
}

/** Writes inputs.pb, runs a0 with the task's own container args, and reads what it left behind. */
export async function runA0(task: SerializedTask, options: ActionRunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "a0-guard-"));
  const inputPrefix = `${dir}/run/inputs`;
  mkdirSync(inputPrefix, { recursive: true });
  const bytes = options.inputs instanceof Uint8Array ? options.inputs : toBinary(InputsSchema, fromJson(InputsSchema, (options.inputs ?? {}) as never));
  writeFileSync(join(inputPrefix, "inputs.pb"), bytes);
  let templateArgs = task.taskTemplate.container.args;
  if (options.module) {
    const at = templateArgs.indexOf("mod");
    templateArgs = templateArgs.map((a, i) => (i === at + 1 ? options.module! : a));
  }
  const [, ...args] = renderArgsLikeBackend(templateArgs, { inputPrefix, outputPrefix: `file://${dir}/run/a0/1`, runtimeVersion: task.taskTemplate.metadata.runtime.version });
  const started = Date.now();
  const child = spawn(process.execPath, [a0Bin, ...args], { cwd: pkgDir, env: backendEnv(`file://${dir}/run/`, options.env), stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let told = false;
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    if (!told && options.when && stderr.includes(options.when.stderrContains)) {
      told = true;
      options.when.then(child);
    }
  });
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on("close", (code, sig) => resolve([code, sig])));
  const outDir = join(dir, "run", "a0", "1");
  const read = (name: string) => (existsSync(join(outDir, name)) ? readFileSync(join(outDir, name)) : undefined);
  const outputs = read("outputs.pb");
  const error = read("error.pb");
  return {
    status, signal, stderr, dir, elapsedMs: Date.now() - started,
    ...(outputs ? { outputs: toJson(OutputsSchema, fromBinary(OutputsSchema, outputs)) } : {}),
    ...(error ? { error: toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, error)) } : {}),
  };
}
