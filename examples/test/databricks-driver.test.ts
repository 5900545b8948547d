// The Databricks route to a0, emulated without Databricks: the connector's runs/submit body (sent to the
// fake Jobs API and read back from it) names this project's bridge as the run's entrypoint, with the
// task's container arguments as its parameters; then the driver is emulated: the bridge file, run with
// python3 and those parameters (placeholders filled as the backend fills them before the connector gets
// the task, file storage) in a driver directory that holds only the image's node_modules and with the
// cluster's spark_env_vars, starts a0, which unpacks the bundle, runs the body and writes outputs.pb.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabricksConnector, ENTRYPOINT_FILE, buildRunsSubmitBody, entrypointPath } from "@flyte-ts/plugin-databricks";
import { startFakeJobsServer } from "@flyte-ts/plugin-databricks/testing";
import { ErrorDocumentSchema, InputsSchema, decodeOutputs, renderArgsLikeBackend, examplesDir, cliBin } from "./runtime-harness.ts";


type Json = Record<string, any>;
// The interpreter itself (python3 may be a shim script that needs PATH).
const python3 = spawnSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).stdout.trim();

let work: string;
let spec: Json;
let submitted: Json;
let stopFake: () => Promise<void>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "databricks-driver-"));
  const built = JSON.parse(spawnSync(cliBin, ["bundle", "--root-dir", examplesDir, "--out", join(work, "bundles")], { cwd: examplesDir, encoding: "utf8" }).stdout) as { archive: string };
  const serialized = spawnSync(cliBin, ["serialize", "src/databricks.ts", "--root-dir", examplesDir, "--bundle", built.archive], { cwd: examplesDir, encoding: "utf8" });
  [spec] = JSON.parse(serialized.stdout) as Json[];
  const token = "token-for-the-fake";
  const fake = await startFakeJobsServer({ token });
  stopFake = () => fake.close();
  const connector = new DatabricksConnector({ host: fake.url, token });
  await connector.submit(buildRunsSubmitBody(spec!.taskTemplate, entrypointPath({})));
  submitted = JSON.parse(fake.requests.find((r) => r.path.endsWith("/runs/submit"))!.body) as Json;
}, 120_000);

afterAll(async () => {
  await stopFake?.();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The Databricks driver: python3 <bridge> <parameters>, placeholders filled, in the driver's directory. */
function runDriver(name: string, env: Record<string, string> = {}) {
  const dir = join(work, name);
  const driver = join(dir, "driver");
  mkdirSync(driver, { recursive: true });
  symlinkSync(join(examplesDir, "node_modules"), join(driver, "node_modules"));
  mkdirSync(join(dir, "inputs"));
  writeFileSync(join(dir, "inputs", "inputs.pb"), toBinary(InputsSchema, fromJson(InputsSchema, { literals: [] } as never)));
  const parameters = renderArgsLikeBackend(submitted.spark_python_task.parameters as string[], {
    inputPrefix: join(dir, "inputs"), outputPrefix: `file://${dir}/a0/1`, runStartTime: new Date("2026-11-27T10:00:00Z"), runtimeVersion: spec.taskTemplate.metadata.runtime.version,
  });
  const r = spawnSync(python3, [ENTRYPOINT_FILE, ...parameters], {
    cwd: driver, encoding: "utf8", timeout: 120_000,
    env: {
      ...(submitted.new_cluster.spark_env_vars as Record<string, string>),
      PATH: [join(examplesDir, "node_modules", ".bin"), process.env.PATH].join(delimiter), HOME: process.env.HOME ?? "",
      _U_RUN_BASE: `file://${dir}/`, RUN_NAME: "rdbx", ACTION_NAME: "a0", FLYTE_INTERNAL_EXECUTION_PROJECT: "p", FLYTE_INTERNAL_EXECUTION_DOMAIN: "d", _U_ORG_NAME: "local", FLYTE_ATTEMPT_NUMBER: "0",
      ...env,
    },
  });
  const outDir = join(dir, "a0", "1");
  return {
    ...r, driver,
    outputs: existsSync(join(outDir, "outputs.pb")) ? readFileSync(join(outDir, "outputs.pb")) : undefined,
    error: existsSync(join(outDir, "error.pb")) ? toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(outDir, "error.pb")))) : undefined,
  };
}

describe("a Databricks task reaches a0 on the driver through the bridge", () => {
  it("the submitted run's entrypoint is the bridge, a workspace file, with the task's container arguments", () => {
    expect(submitted.spark_python_task).toEqual({ python_file: "/Workspace/Shared/flyte-ts/flyte_ts_entrypoint.py", source: "WORKSPACE", parameters: spec.taskTemplate.container.args });
    expect(submitted.git_source).toBeUndefined();
    expect(submitted.spark_python_task.parameters.slice(0, 1)).toEqual(["a0"]);
    expect(submitted.spark_python_task.parameters.slice(-4)).toEqual(["mod", "src/databricks.ts", "task", "databricks-examples.nightly_etl"]);
    expect(submitted.new_cluster.spark_env_vars).toMatchObject({ STAGE: "example" });
  });

  it("the bridge starts a0 with the run's parameters; a0 unpacks the bundle, runs the body and writes outputs.pb", async () => {
    const r = runDriver("ok");
    expect([r.status, r.error], r.stderr).toEqual([0, undefined]);
    expect(existsSync(join(r.driver, "src", "databricks.ts"))).toBe(true);
    // The body ran with the cluster's environment (spark_env_vars); a task without outputs writes an empty outputs.pb.
    expect(r.stderr).toContain("nightly_etl: running on the driver, stage example");
    const { nightlyEtl } = await import("../src/databricks.ts");
    expect(r.outputs).toBeDefined();
    expect(decodeOutputs(r.outputs!, nightlyEtl.settings)).toBeUndefined();
  });

  it("the bridge fails the run when the cluster has no a0", () => {
    const r = runDriver("no-node", { PATH: "/nonexistent" });
    expect(r.status).toBe(127);
    expect(r.stderr.trim()).toBe(
      "flyte-ts: `a0` was not found on PATH (and FLYTE_TS_A0 is not set): the cluster needs Node >= 20.19 and the project's dependencies, from a Databricks Container Services image or an init script",
    );
  });
});
