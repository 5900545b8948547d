// The example Spark, Ray and Dask tasks run in "cluster" mode through the a0 runtime, as a container the
// backend starts would run them: the examples are bundled (`flyte-ts bundle`), serialized with
// `--bundle`, and each task's own container args (placeholders filled as the backend fills them) run
// in an empty working directory that has only the image's node_modules. a0 unpacks the bundle there,
// the plugin's pre hook runs in remote mode, and outputs.pb is read back by flyte-ts and by the real
// Python SDK.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorDocumentSchema, InputsSchema, decodeOutputs, renderArgsLikeBackend, examplesDir, repoRoot, cliBin, a0Bin, conformancePython } from "./runtime-harness.ts";



interface SerializedTask { taskTemplate: { id: { name: string }; container: { args: string[] }; metadata: { runtime: { version: string }; codeBundleUri?: string } } }

let work: string;
let archive: string;
let version: string;
const tasks = new Map<string, SerializedTask>();

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "a0-plugins-"));
  const built = JSON.parse(run(cliBin, ["bundle", "--root-dir", examplesDir, "--out", join(work, "bundles")], examplesDir)) as { archive: string; version: string };
  archive = built.archive;
  version = built.version;
  for (const module of ["src/spark.ts", "src/ray.ts", "src/dask.ts"]) {
    const specs = JSON.parse(run(cliBin, ["serialize", module, "--root-dir", examplesDir, "--bundle", archive], examplesDir)) as SerializedTask[];
    for (const spec of specs) tasks.set(spec.taskTemplate.id.name, spec);
  }
  // Four CLI runs (each compiles its module with tsx): more than the default 10 s on a busy 2-core machine.
}, 120_000);

interface Action { status: number | null; stderr: string; dir: string; outputsPath: string; outputBytes?: Buffer; error?: unknown }

/** One action: inputs.pb under a fresh run dir, the container's working dir holding only node_modules. */
function runAction(taskName: string, inputsJson: unknown, env: Record<string, string> = {}): Action {
  const task = tasks.get(taskName)!;
  const dir = mkdtempSync(join(work, "run-"));
  const container = join(dir, "container");
  mkdirSync(container);
  symlinkSync(join(examplesDir, "node_modules"), join(container, "node_modules"));
  mkdirSync(join(dir, "inputs"));
  writeFileSync(join(dir, "inputs", "inputs.pb"), toBinary(InputsSchema, fromJson(InputsSchema, inputsJson as never)));
  const outputPrefix = `file://${dir}/a0/1`;
  const [, ...args] = renderArgsLikeBackend(task.taskTemplate.container.args, {
    inputPrefix: join(dir, "inputs"), outputPrefix, runStartTime: new Date("2026-11-27T10:00:00Z"), runtimeVersion: task.taskTemplate.metadata.runtime.version,
  });
  const r = spawnSync(a0Bin, args, {
    cwd: container, encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", _U_RUN_BASE: `file://${dir}/`, RUN_NAME: "rplug", ACTION_NAME: "a0",
      FLYTE_INTERNAL_EXECUTION_PROJECT: "p", FLYTE_INTERNAL_EXECUTION_DOMAIN: "d", _U_ORG_NAME: "local", FLYTE_ATTEMPT_NUMBER: "0", ...env,
    },
  });
  const outDir = join(dir, "a0", "1");
  const action: Action = { status: r.status, stderr: r.stderr, dir: container, outputsPath: join(outDir, "outputs.pb") };
  if (existsSync(action.outputsPath)) action.outputBytes = readFileSync(action.outputsPath);
  if (existsSync(join(outDir, "error.pb"))) action.error = toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(outDir, "error.pb"))));
  return action;
}

/** The outputs as the real Python SDK reads them, with the Python types it derives from the interface. */
function readByPythonSdk(taskName: string, outputsPath: string): unknown {
  const templateFile = join(work, `${taskName}.json`);
  writeFileSync(templateFile, JSON.stringify(tasks.get(taskName)));
  return JSON.parse(run(conformancePython, [join(repoRoot, "conformance", "python", "read_outputs.py"), templateFile, outputsPath], repoRoot));
}

const str = (s: string) => ({ scalar: { primitive: { stringValue: s } } });

describe("a0 runs the Spark, Ray and Dask examples in cluster mode from a code bundle", { timeout: 120_000 }, () => {
  it("serializes every task with the bundle and its MD5 as the version", () => {
    expect([...tasks.keys()].sort()).toEqual(["dask-etl.wordCount", "ray-training.sweep", "spark-examples-jvm.spark_pi", "spark-examples.word_count"]);
    expect(version).toMatch(/^[0-9a-f]{32}$/);
    for (const task of tasks.values()) {
      expect(task.taskTemplate.metadata.codeBundleUri).toBe(archive);
      // A JVM application runs instead of a0: its container carries the application's own arguments.
      if (task.taskTemplate.id.name === "spark-examples-jvm.spark_pi") {
        expect(task.taskTemplate.container.args).toEqual(["10"]);
        continue;
      }
      expect(task.taskTemplate.container.args.slice(task.taskTemplate.container.args.indexOf("--tgz"), task.taskTemplate.container.args.indexOf("--tgz") + 4)).toEqual(["--tgz", archive, "--dest", "."]);
    }
  });

  it("Spark: outside the driver bridge (no SPARK_REMOTE) the body's session fails, and a0 reports why in error.pb", () => {
    // The Spark run through the bridge, with outputs read back by the Python SDK: spark-driver.spark.test.ts.
    const r = runAction("spark-examples.word_count", { literals: [{ name: "text", value: str("to be or not to be") }] });
    expect(r.status).toBe(0);
    expect(r.outputBytes).toBeUndefined();
    expect(r.error).toEqual({
      error: {
        code: "EXECUTION",
        message: expect.stringMatching(/^SPARK_REMOTE is not set: in the cluster the Spark session is served by the Spark driver, which must run a0 through the flyte-ts driver bridge/),
        kind: "RECOVERABLE",
        origin: "USER",
      },
    });
    // The module was loaded from the unpacked bundle, not from the examples folder.
    expect(existsSync(join(r.dir, "src", "spark.ts"))).toBe(true);
  });

  // Ray: the example's body drives a Ray cluster; its cluster path is examples/test/ray-cluster.ray.test.ts.

  describe("Dask", () => {
    // With a real scheduler and workers: examples/test/dask-cluster.dask.test.ts.
    it("without a scheduler address the pre hook fails and a0 reports it in error.pb", () => {
      const r = runAction("dask-etl.wordCount", { literals: [{ name: "lines", value: { collection: { literals: [str("x")] } } }] });
      expect(r.status).toBe(0);
      expect(r.error).toEqual({
        error: {
          code: "EXECUTION",
          message: "DASK_SCHEDULER_ADDRESS is not set: the code bundle cannot reach the Dask workers (the Dask operator sets it in the job-runner pod)",
          kind: "RECOVERABLE",
          origin: "USER",
        },
      });
    });
  });
});
