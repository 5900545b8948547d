import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorDocumentSchema } from "../../src/gen/flyteidl2/core/execution_pb.ts";
import { InputsSchema, OutputsSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { a0Bin, backendEnv, pkgDir, serializeFixture, type SerializedTask } from "./a0-harness.ts";
import { renderArgsLikeBackend } from "./backend-args.ts";

// The built executables (`pnpm build` first), run as the backend runs a task's container: the args of
// the serialized TaskTemplate with the placeholders filled in, the backend's environment, file storage.
const fixture = "test/fixtures/runtime-tasks.ts";

let tasks: Map<string, SerializedTask>;

beforeAll(() => {
  tasks = serializeFixture(fixture);
});

interface ActionResult { status: number | null; stderr: string; outputs?: unknown; outputBytes?: Buffer; error?: unknown; dir: string }

/** Writes inputs.pb, runs the task's own container args through a0, and reads what it left behind. */
function runAction(taskName: string, inputsJson: unknown, opts: { env?: Record<string, string>; attempt?: number; runStartTime?: Date } = {}): ActionResult {
  const task = tasks.get(taskName)!;
  const dir = mkdtempSync(join(tmpdir(), "a0-e2e-"));
  const runBase = `file://${dir}/run/`;
  const inputPrefix = `${dir}/run/inputs`;
  const attempt = opts.attempt ?? 0;
  const outputPrefix = `file://${dir}/run/a0/${attempt + 1}`;
  mkdirSync(inputPrefix, { recursive: true });
  writeFileSync(join(inputPrefix, "inputs.pb"), toBinary(InputsSchema, fromJson(InputsSchema, inputsJson as never)));
  const [, ...args] = renderArgsLikeBackend(task.taskTemplate.container.args, {
    inputPrefix,
    outputPrefix,
    prevCheckpointPrefix: attempt > 0 ? `file://${dir}/run/a0/${attempt}/_flytecheckpoints` : undefined,
    runStartTime: opts.runStartTime,
    runtimeVersion: task.taskTemplate.metadata.runtime.version,
  });
  const r = spawnSync(process.execPath, [a0Bin, ...args], {
    cwd: pkgDir, encoding: "utf8", env: backendEnv(runBase, { FLYTE_ATTEMPT_NUMBER: String(attempt), ...opts.env }),
  });
  const outDir = join(dir, "run", "a0", String(attempt + 1));
  const result: ActionResult = { status: r.status, stderr: r.stderr, dir };
  if (existsSync(join(outDir, "outputs.pb"))) {
    result.outputBytes = readFileSync(join(outDir, "outputs.pb"));
    result.outputs = toJson(OutputsSchema, fromBinary(OutputsSchema, result.outputBytes));
  }
  if (existsSync(join(outDir, "error.pb"))) result.error = toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(outDir, "error.pb"))));
  return result;
}

const int = (n: number) => ({ scalar: { primitive: { integer: String(n) } } });
const str = (s: string) => ({ scalar: { primitive: { stringValue: s } } });

describe("a0 runs a task from its own TaskTemplate args (file storage)", { timeout: 60_000 }, () => {
  it("writes outputs.pb for a plain task, applying the schema's defaults", () => {
    const r = runAction("rt.add", { literals: [{ name: "a", value: int(41) }] });
    expect([r.status, r.error]).toEqual([0, undefined]);
    expect(r.outputs).toEqual({ literals: [{ name: "o0", value: int(42) }] });
  });

  it("gives the body a remote context: names from the environment, start time, custom context, attempt", () => {
    const r = runAction("rt.describeRun", { literals: [{ name: "tag", value: str("x") }], context: [{ key: "team", value: "ml" }] }, {
      attempt: 1, runStartTime: new Date("2026-11-27T10:00:00Z"),
    });
    expect([r.status, r.error]).toEqual([0, undefined]);
    const prev = `file://${r.dir}/run/a0/1/_flytecheckpoints`;
    expect(r.outputs).toEqual({
      literals: [
        { name: "o0", value: str(`x|remote|rtest1|a0|rt.describeRun|p/d/local|v1|2026-11-27T10:00:00.000Z|{"team":"ml"}|${prev}`) },
        { name: "o1", value: int(1) },
        { name: "o2", value: { scalar: { primitive: { boolean: true } } } },
      ],
    });
  });

  it("writes an empty outputs.pb for a task without outputs", () => {
    const r = runAction("rt.nothing", {});
    expect([r.status, r.error, r.outputBytes?.length]).toEqual([0, undefined, 0]);
  });

  it("reports a body error in error.pb and exits 0, recoverable and named by its class", () => {
    const r = runAction("rt.explode", { literals: [{ name: "final", value: { scalar: { primitive: { boolean: false } } } }] });
    expect([r.status, r.outputs]).toEqual([0, undefined]);
    expect(r.error).toEqual({ error: { code: "QuotaExceeded", message: "quota of 3 exceeded", kind: "RECOVERABLE", origin: "USER" } });
  });

  it("reports a NonRecoverableError so the backend does not retry", () => {
    const r = runAction("rt.explode", { literals: [{ name: "final", value: { scalar: { primitive: { boolean: true } } } }] });
    // kind NON_RECOVERABLE is the enum's zero value, so proto JSON leaves it out.
    expect(r.error).toEqual({ error: { code: "BadRows", message: "rows are malformed", origin: "USER" } });
  });

  it("reports invalid inputs as a data validation error naming the field", () => {
    const r = runAction("rt.add", { literals: [{ name: "a", value: str("forty") }] });
    expect(r.status).toBe(0);
    expect(r.error).toMatchObject({ error: { code: "DataValidationError", origin: "USER" } });
    expect((r.error as { error: { message: string } }).error.message).toContain("inputs.a");
  });

  it("reports an output that does not match the interface", () => {
    const r = runAction("rt.wrongOutput", {});
    expect(r.error).toEqual({
      error: { code: "DataValidationError", message: "Invalid output of rt.wrongOutput (1 problem):\n  - (root): Invalid input: expected number, received string", kind: "RECOVERABLE", origin: "USER" },
    });
  });

  it("reports a task the module does not declare as a load failure", () => {
    const task = tasks.get("rt.add")!;
    const renamed = { ...task, taskTemplate: { ...task.taskTemplate, container: { args: task.taskTemplate.container.args.map((a) => (a === "rt.add" ? "rt.missing" : a)) } } };
    tasks.set("rt.missing", renamed);
    const r = runAction("rt.missing", {});
    expect(r.status).toBe(0);
    expect(r.error).toEqual({
      error: { code: "TASK_NOT_FOUND", message: `${join(pkgDir, fixture)} declares no task named "rt.missing"; it declares: rt.add, rt.describeRun, rt.nothing, rt.explode, rt.wrongOutput`, kind: "RECOVERABLE" }, // origin UNKNOWN is the zero value
    });
  });

  it("reports a storage error when inputs.pb is missing", () => {
    const task = tasks.get("rt.add")!;
    const dir = mkdtempSync(join(tmpdir(), "a0-e2e-"));
    const [, ...args] = renderArgsLikeBackend(task.taskTemplate.container.args, { inputPrefix: `${dir}/nowhere`, outputPrefix: `${dir}/out`, runtimeVersion: "2.12.1" });
    const r = spawnSync(process.execPath, [a0Bin, ...args], { cwd: pkgDir, encoding: "utf8", env: backendEnv(`${dir}/`) });
    expect(r.status).toBe(0);
    const doc = toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(dir, "out", "error.pb")))) as { error: Record<string, string> };
    expect([doc.error.code, doc.error.kind, doc.error.origin]).toEqual(["STORAGE", "RECOVERABLE", "SYSTEM"]);
    expect(doc.error.message).toContain(`${dir}/nowhere/inputs.pb`);
  });

  it("reports a missing or corrupt code bundle as a load failure naming the bundle", () => {
    const task = tasks.get("rt.add")!;
    const dir = mkdtempSync(join(tmpdir(), "a0-e2e-"));
    writeFileSync(join(dir, "corrupt.tar.gz"), "not a gzip stream");
    for (const [name, tgz] of [["missing", join(dir, "missing.tar.gz")], ["corrupt", join(dir, "corrupt.tar.gz")]] as const) {
      const withBundle = task.taskTemplate.container.args.flatMap((a) => (a === "--resolver" ? ["--tgz", tgz, "--dest", join(dir, `dest-${name}`), a] : [a]));
      const [, ...args] = renderArgsLikeBackend(withBundle, { inputPrefix: `${dir}/in`, outputPrefix: `${dir}/out-${name}`, runtimeVersion: "2.12.1" });
      const r = spawnSync(process.execPath, [a0Bin, ...args], { cwd: pkgDir, encoding: "utf8", env: backendEnv(`${dir}/`) });
      expect(r.status).toBe(0);
      const doc = toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(dir, `out-${name}`, "error.pb")))) as { error: Record<string, string> };
      expect([name, doc.error.code, doc.error.kind, doc.error.origin]).toEqual([name, "CODE_BUNDLE", "RECOVERABLE", undefined]);
      expect(doc.error.message).toContain(tgz);
    }
  });

  it("exits 2 without writing anything when the command line is malformed", () => {
    const dir = mkdtempSync(join(tmpdir(), "a0-e2e-"));
    const r = spawnSync(process.execPath, [a0Bin, "--inputs", `${dir}/inputs.pb`], { cwd: pkgDir, encoding: "utf8", env: backendEnv(`${dir}/`) });
    expect([r.status, r.stderr]).toEqual([2, "[a0] error: --outputs-path is required\n"]);
  });

  it("exits 1 when even error.pb cannot be written", () => {
    const dir = mkdtempSync(join(tmpdir(), "a0-e2e-"));
    writeFileSync(join(dir, "blocker"), "a file where the outputs directory should be");
    const task = tasks.get("rt.add")!;
    const [, ...args] = renderArgsLikeBackend(task.taskTemplate.container.args, { inputPrefix: `${dir}/none`, outputPrefix: `${dir}/blocker/out`, runtimeVersion: "2.12.1" });
    const r = spawnSync(process.execPath, [a0Bin, ...args], { cwd: pkgDir, encoding: "utf8", env: backendEnv(`${dir}/`) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`could not write ${dir}/blocker/out/error.pb`);
  });
});
