// The Ray example's cluster path, emulated without Kubernetes from the RayJob the backend builds (the
// plugin's render, which `flyte-ts render` prints and conformance/ checks against the backend's own
// output): a head started with the head group's rayStartParams in a "container" directory that holds only
// the image's node_modules, a worker node with the worker group's, and the RayJob's entrypoint (backend
// placeholders filled, file storage) submitted with `ray job submit` and the RayJob's runtime env, as
// KubeRay's submitter does. a0 runs as the job's driver on the head, unpacks the bundle, and the body's
// Ray driver scores the trials in Ray tasks; outputs.pb is read back by the Python SDK; a failing body
// leaves error.pb.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fromBinary, fromJson, toBinary, toJson } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { LocalRayNode, renderRayJob } from "@flyte-ts/plugin-ray";
import { sweep } from "../src/ray.ts";
import { ErrorDocumentSchema, InputsSchema, decodeOutputs, renderArgsLikeBackend, examplesDir, repoRoot, cliBin, conformancePython } from "./runtime-harness.ts";


const { python } = inject("ray");
const ray = join(dirname(python), "ray");

type Json = Record<string, any>;
let work: string;
let container: string;
let spec: Json;
let rayJob: Json;
let head: (LocalRayNode & { gcsAddress: string; dashboardUrl: string }) | undefined;
let worker: LocalRayNode | undefined;

function exec(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** `ray start` flags from KubeRay rayStartParams; loopback and usage stats are the local node's own. */
function startParams(params: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (["node-ip-address", "dashboard-host", "disable-usage-stats"].includes(key)) continue;
    out[key] = value;
  }
  return out;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "ray-cluster-path-"));
  const built = JSON.parse(exec(cliBin, ["bundle", "--root-dir", examplesDir, "--out", join(work, "bundles")], examplesDir)) as { archive: string };
  [spec] = JSON.parse(exec(cliBin, ["serialize", "src/ray.ts", "--root-dir", examplesDir, "--bundle", built.archive], examplesDir)) as Json[];
  rayJob = (await renderRayJob(spec!))[0]!.resource as Json;
  // The image: its WORKDIR holds the project's node_modules (and `a0` on PATH); the bundle is unpacked there.
  container = join(work, "container");
  mkdirSync(container);
  symlinkSync(join(examplesDir, "node_modules"), join(container, "node_modules"));
  const cluster = rayJob.spec.rayClusterSpec;
  const headEnv = Object.fromEntries((cluster.headGroupSpec.template.spec.containers[0].env as Array<{ name: string; value?: string }>).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
  const env = {
    ...process.env, ...headEnv,
    PATH: [join(examplesDir, "node_modules", ".bin"), process.env.PATH].join(delimiter),
    // The image's Python with Ray (python3 in a real image).
    FLYTE_TS_RAY_PYTHON: python,
    _U_RUN_BASE: `file://${work}/run/`, RUN_NAME: "rray", ACTION_NAME: "a0", FLYTE_INTERNAL_EXECUTION_PROJECT: "p", FLYTE_INTERNAL_EXECUTION_DOMAIN: "d", _U_ORG_NAME: "local", FLYTE_ATTEMPT_NUMBER: "0",
  };
  // KubeRay derives the CPUs of a node from its pod's limits (the head says num-cpus 0 itself); the
  // worker group's GPU pods are scaled down to this machine: 2 CPUs, no GPU.
  head = await LocalRayNode.startHead({ python, cwd: container, env, startParams: startParams(cluster.headGroupSpec.rayStartParams) });
  worker = await LocalRayNode.startWorker(head, { python, cpus: 2, env, startParams: startParams(cluster.workerGroupSpecs[0].rayStartParams) });
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await head?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Submitted { status: number | null; output: string; outDir: string; outputsPath: string; error?: unknown; outputBytes?: Buffer }

/** The RayJob's entrypoint with the backend's placeholders filled, submitted as KubeRay's submitter does. */
function submit(name: string, trials: number, extraEnvVars: Record<string, string> = {}): Submitted {
  const dir = join(work, name);
  mkdirSync(join(dir, "inputs"), { recursive: true });
  writeFileSync(join(dir, "inputs", "inputs.pb"), toBinary(InputsSchema, fromJson(InputsSchema, { literals: [{ name: "trials", value: { scalar: { primitive: { integer: String(trials) } } } }] } as never)));
  const outputPrefix = `file://${dir}/a0/1`;
  const entrypoint = renderArgsLikeBackend((rayJob.spec.entrypoint as string).split(" "), {
    inputPrefix: join(dir, "inputs"), outputPrefix, runStartTime: new Date("2026-11-27T10:00:00Z"), runtimeVersion: spec.taskTemplate.metadata.runtime.version,
  }).join(" ");
  // The RayJob's runtime env, less `pip` (torch from PyPI is not what this test is about; KubeRay would
  // install it on the cluster), plus what the case adds.
  const runtimeEnvYaml = (rayJob.spec.runtimeEnvYAML as string).replace(/^pip:\n(- .*\n)*/m, "");
  expect(runtimeEnvYaml).toBe("env_vars:\n  OMP_NUM_THREADS: '1'\n");
  const runtimeEnv = { env_vars: { OMP_NUM_THREADS: "1", ...extraEnvVars } };
  // KubeRay's submitter runs this through a shell, the entrypoint unquoted (so `""` is an empty argument).
  const command = `${ray} job submit --address ${head!.dashboardUrl} --submission-id ${name}-${process.pid} --runtime-env-json '${JSON.stringify(runtimeEnv)}' -- ${entrypoint}`;
  const r = spawnSync("sh", ["-c", command], { encoding: "utf8", env: { ...process.env, RAY_USAGE_STATS_ENABLED: "0" }, timeout: 240_000 });
  const outDir = join(dir, "a0", "1");
  const submitted: Submitted = { status: r.status, output: r.stdout + r.stderr, outDir, outputsPath: join(outDir, "outputs.pb") };
  if (existsSync(submitted.outputsPath)) submitted.outputBytes = readFileSync(submitted.outputsPath);
  if (existsSync(join(outDir, "error.pb"))) submitted.error = toJson(ErrorDocumentSchema, fromBinary(ErrorDocumentSchema, readFileSync(join(outDir, "error.pb"))));
  return submitted;
}

describe("the Ray example through its RayJob on a local Ray cluster", () => {
  it("the RayJob runs a0 as the job driver on the head; the trials run in Ray tasks on the worker node", async () => {
    const r = submit("ok", 4);
    expect([r.status, r.error], r.output).toEqual([0, undefined]);
    const output = decodeOutputs(r.outputBytes!, sweep.settings) as { best: number; rayInit: { address: null; runtime_env: { working_dir: string } } };
    expect(output.best).toBe(0.25);
    // The driver's runtime env: the unpacked bundle in the head's working directory, packaged code-only.
    expect(output.rayInit).toEqual({ address: null, runtime_env: { working_dir: expect.stringMatching(/\/_ray_pkg_[0-9a-f]{32}\.zip$/) } });
    expect(existsSync(join(container, "src", "ray.ts"))).toBe(true);
    // Which node ran what: the body logged the nodes its Ray tasks ran on.
    const nodes = JSON.parse(exec(ray, ["list", "nodes", "--address", head!.dashboardUrl, "--format", "json"], work)) as Array<{ node_id: string; is_head_node: boolean }>;
    const headNode = nodes.find((n) => n.is_head_node)!.node_id;
    const workerNode = nodes.find((n) => !n.is_head_node)!.node_id;
    expect(r.output).toContain(`sweep: 4 trials scored on Ray node(s) ${workerNode}; driver on node ${headNode}`);
    if (existsSync(conformancePython)) {
      const templateFile = join(work, "sweep.json");
      writeFileSync(templateFile, JSON.stringify(spec));
      const read = JSON.parse(exec(conformancePython, [join(repoRoot, "conformance", "python", "read_outputs.py"), templateFile, r.outputsPath], repoRoot));
      expect(read).toEqual({ o0: { type: expect.any(String), value: output } });
    } else {
      throw new Error(`${conformancePython} is missing: bash conformance/python/run.sh installs the Python SDK`);
    }
  });

  it("a body whose Ray driver fails leaves error.pb with the driver's Python error", () => {
    // The job's Python has no Ray: the driver fails on import, the body with it.
    const r = submit("fail", 2, { FLYTE_TS_RAY_PYTHON: exec("bash", ["-c", "command -v python3"], work).trim() });
    expect(r.status, r.output).toBe(0);
    expect(r.outputBytes).toBeUndefined();
    expect(r.error).toMatchObject({ error: { code: "EXECUTION", kind: "RECOVERABLE", origin: "USER" } });
    expect((r.error as Json).error.message).toMatch(/^Ray driver ray_sweep\.py failed \(exit code 1\):\nTraceback \(most recent call last\):[\s\S]*ModuleNotFoundError: No module named 'ray'$/);
  });
});
