// The Dask example's cluster path, emulated without Kubernetes from the DaskJob the backend builds (the
// plugin's render, which `flyte-ts render` prints and conformance/ checks against the backend's own
// output): a scheduler on 127.0.0.1, workers started with the DaskJob's worker arguments (`dask worker
// --name $(DASK_WORKER_NAME) --nthreads … --memory-limit …`, 2 of its 8 replicas), and the job runner's
// command (placeholders filled as the backend fills them, file storage) with DASK_SCHEDULER_ADDRESS, in a
// working directory holding only the image's node_modules. a0 unpacks the bundle, the pre hook ships it
// to every worker, the body's Dask client counts on the workers; outputs.pb is read back by the Python
// SDK, and a failure on a worker leaves error.pb.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LocalDaskCluster, renderDaskJob } from "@flyte-ts/plugin-dask";
import { wordCount } from "../src/dask.ts";
import { ErrorDocumentSchema, InputsSchema, decodeOutputs, renderArgsLikeBackend, examplesDir, repoRoot, cliBin, a0Bin, conformancePython } from "./runtime-harness.ts";


const { python } = inject("dask");

type Json = Record<string, any>;
let work: string;
let spec: Json;
let daskJob: Json;
let cluster: LocalDaskCluster;
let scheduler: string;
const workerNames = ["dask-worker-0", "dask-worker-1"];
const workerDirs: string[] = [];

function exec(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "dask-cluster-path-"));
  const built = JSON.parse(exec(cliBin, ["bundle", "--root-dir", examplesDir, "--out", join(work, "bundles")], examplesDir)) as { archive: string };
  [spec] = JSON.parse(exec(cliBin, ["serialize", "src/dask.ts", "--root-dir", examplesDir, "--bundle", built.archive], examplesDir)) as Json[];
  daskJob = (await renderDaskJob(spec!))[0]!.resource as Json;
  cluster = new LocalDaskCluster(python, join(work, "cluster"));
  scheduler = await cluster.startScheduler();
  const workerArgs = daskJob.spec.cluster.spec.worker.spec.containers[0].args as string[];
  expect(workerArgs.slice(0, 2)).toEqual(["dask", "worker"]);
  for (const name of workerNames) {
    // What the Dask operator's pod does: the DaskJob's arguments, with the pod's $(DASK_WORKER_NAME).
    workerDirs.push(cluster.startWorker({ name, args: workerArgs.slice(2).map((a) => a.replace("$(DASK_WORKER_NAME)", name)) }));
  }
  exec(python, ["-c", "import sys; from distributed import Client; c = Client(sys.argv[1], timeout=60); c.wait_for_workers(2, timeout=120); c.close()", scheduler], work);
}, 300_000);

afterAll(() => {
  cluster?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Action { status: number | null; stderr: string; dir: string; outputsPath: string; outputBytes?: Buffer; error?: Json }

/** The job runner: the DaskJob's job-runner container args, placeholders filled, in a fresh image dir. */
function runJobRunner(name: string, lines: string[]): Action {
  const dir = join(work, name);
  const container = join(dir, "container");
  mkdirSync(container, { recursive: true });
  symlinkSync(join(examplesDir, "node_modules"), join(container, "node_modules"));
  mkdirSync(join(dir, "inputs"));
  const literal = { collection: { literals: lines.map((s) => ({ scalar: { primitive: { stringValue: s } } })) } };
  writeFileSync(join(dir, "inputs", "inputs.pb"), toBinary(InputsSchema, fromJson(InputsSchema, { literals: [{ name: "lines", value: literal }] } as never)));
  const jobRunner = (daskJob.spec.job.spec.containers as Json[]).find((c) => c.name === "job-runner")!;
  const outputPrefix = `file://${dir}/a0/1`;
  const [command, ...args] = renderArgsLikeBackend(jobRunner.args as string[], {
    inputPrefix: join(dir, "inputs"), outputPrefix, runStartTime: new Date("2026-11-27T10:00:00Z"), runtimeVersion: spec.taskTemplate.metadata.runtime.version,
  });
  expect(command).toBe("a0");
  const r = spawnSync(a0Bin, args, {
    cwd: container, encoding: "utf8", timeout: 240_000,
    env: {
      PATH: [join(examplesDir, "node_modules", ".bin"), process.env.PATH].join(delimiter), HOME: process.env.HOME ?? "",
      DASK_SCHEDULER_ADDRESS: scheduler, FLYTE_TS_DASK_PYTHON: python,
      _U_RUN_BASE: `file://${dir}/`, RUN_NAME: "rdask", ACTION_NAME: "a0", FLYTE_INTERNAL_EXECUTION_PROJECT: "p", FLYTE_INTERNAL_EXECUTION_DOMAIN: "d", _U_ORG_NAME: "local", FLYTE_ATTEMPT_NUMBER: "0",
    },
  });
  const outDir = join(dir, "a0", "1");
  const action: Action = { status: r.status, stderr: r.stderr, dir: container, outputsPath: join(outDir, "outputs.pb") };
  if (existsSync(action.outputsPath)) action.outputBytes = readFileSync(action.outputsPath);
  if (existsSync(join(outDir, "error.pb"))) action.error = toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(outDir, "error.pb")))) as Json;
  return action;
}

describe("the Dask example through its DaskJob on a local Dask cluster", () => {
  it("the job runner's a0 counts the words on the DaskJob's workers; outputs.pb reads back in the Python SDK", () => {
    const r = runJobRunner("ok", ["to be or not", "to be", "that is the question"]);
    expect([r.status, r.error], r.stderr).toEqual([0, undefined]);
    const expected = { words: 10, scheduler };
    expect(decodeOutputs(r.outputBytes!, wordCount.settings)).toEqual(expected);
    // The counting ran on the workers started with the DaskJob's arguments, not in the job runner.
    const line = r.stderr.split("\n").find((l) => l.startsWith("wordCount: "));
    expect(line).toMatch(/^wordCount: 3 lines counted on Dask worker\(s\) (dask-worker-[01])(, dask-worker-[01])?$/);
    // The pre hook unpacked the code bundle in every worker's working directory.
    for (const dir of workerDirs) expect(existsSync(join(dir, "src", "dask.ts"))).toBe(true);
    expect(existsSync(conformancePython), `${conformancePython} is missing: bash conformance/python/run.sh installs the Python SDK`).toBe(true);
    const templateFile = join(work, "wordCount.json");
    writeFileSync(templateFile, JSON.stringify(spec));
    expect(JSON.parse(exec(conformancePython, [join(repoRoot, "conformance", "python", "read_outputs.py"), templateFile, r.outputsPath], repoRoot))).toEqual({ o0: { type: expect.any(String), value: expected } });
  });

  it("a failure on a worker fails the body and leaves error.pb with the worker's Python error", () => {
    const r = runJobRunner("fail", ["fine", "x".repeat(10_001)]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputBytes).toBeUndefined();
    expect(r.error).toMatchObject({ error: { code: "EXECUTION", kind: "RECOVERABLE", origin: "USER" } });
    expect(r.error!.error.message).toMatch(/^Dask client dask_words\.py failed \(exit code 1\):\nTraceback \(most recent call last\):[\s\S]*ValueError: line of 10001 characters: longer than 10000$/);
  });
});
