#!/usr/bin/env node
// a0 start-up: the runtime running a plain task (no inputs, no work, file storage), flyte-ts's `a0` next to
// the Python SDK's `a0` (conformance/.venv), in one run. Each side starts as the backend starts it: the task's
// code comes from a code bundle (--tgz/--dest, unpacked into a fresh directory on every start, as in a new
// pod), and, second row, from a module already in the working directory (code baked into the image).
// Wall time and peak RSS of each process come from wait4 (a tiny Python helper forks and waits, so its own
// start-up is not counted). Prints a table; `--json` prints the numbers for run.mjs. Never part of the tests.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const here = import.meta.dirname;
const root = resolve(here, "..");
const venv = join(root, "conformance/.venv/bin");
if (!existsSync(join(venv, "a0"))) {
  console.error("a0-startup bench: run `bash conformance/python/setup-venv.sh` first (the Python SDK's a0)");
  process.exit(1);
}
const runs = process.argv.includes("--quick") ? 5 : 11;
const cli = join(root, "packages/flyte-core/bin/flyte-ts.js");
const tsA0 = join(root, "packages/flyte-core/bin/a0.js");

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: here, encoding: "utf8", maxBuffer: 1 << 26, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

// The same task on both sides: one environment, one async task that returns nothing.
const work = join(here, "generated/a0-startup");
rmSync(work, { recursive: true, force: true });
const tsProject = join(work, "ts");
const pyProject = join(work, "py");
mkdirSync(tsProject, { recursive: true });
mkdirSync(pyProject, { recursive: true });
writeFileSync(join(tsProject, "package.json"), `${JSON.stringify({ name: "a0-bench", private: true, type: "module" })}\n`);
writeFileSync(join(tsProject, "hello.ts"), [
  `import { TaskEnvironment } from "@flyte-ts/core";`,
  `export const env = new TaskEnvironment({ name: "bench", image: "img:1" });`,
  `export const hello = env.task(async function hello(): Promise<void> {});`,
  "",
].join("\n"));
writeFileSync(join(pyProject, "hello.py"), [
  "import flyte",
  `env = flyte.TaskEnvironment(name="bench", image="img:1")`,
  "@env.task",
  "async def hello() -> None:",
  "    return None",
  "",
].join("\n"));

// Bundles: ours from `flyte-ts bundle`; the Python side's is the same kind of .tar.gz of hello.py.
const tsBundle = JSON.parse(run(process.execPath, [cli, "bundle", "--root-dir", tsProject, "--out", join(work, "ts-bundle")])).archive;
const pyBundle = JSON.parse(run(process.execPath, [cli, "bundle", "--root-dir", pyProject, "--out", join(work, "py-bundle")])).archive;
// Empty inputs, as the backend writes them for a task without inputs (flyteidl2 task.Inputs, no fields).
writeFileSync(join(work, "inputs.pb"), new Uint8Array());

const env = {
  PATH: process.env.PATH ?? "",
  HOME: process.env.HOME ?? "/tmp",
  RUN_NAME: "rbench",
  ACTION_NAME: "a0",
  FLYTE_INTERNAL_EXECUTION_PROJECT: "p",
  FLYTE_INTERNAL_EXECUTION_DOMAIN: "d",
  _U_ORG_NAME: "local",
  FLYTE_ATTEMPT_NUMBER: "0",
};
const common = (side, i) => {
  const out = join(work, "runs", `${side}-${i}`);
  // The Python SDK's file storage does not create the output directory (the backend's object stores need none).
  mkdirSync(join(out, "out"), { recursive: true });
  return [
    "--inputs", `file://${join(work, "inputs.pb")}`, "--outputs-path", `file://${out}/out`, "--version", "v1",
    "--raw-data-path", `file://${out}/raw`, "--checkpoint-path", `file://${out}/ck`, "--prev-checkpoint", '""',
    "--run-base-dir", `file://${out}/base`, "--run-name", "{{.runName}}", "--name", "{{.actionName}}",
  ];
};
const cases = {
  ts: {
    bundle: (i) => [process.execPath, tsA0, ...common("ts", i), "--tgz", `file://${tsBundle}`, "--dest", join(work, "dest", `ts-${i}`), "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "hello.ts", "task", "bench.hello"],
    inPlace: (i) => [process.execPath, tsA0, ...common("ts", i), "--resolver", "flyte_ts.DefaultTaskResolver", "mod", "hello.ts", "task", "bench.hello"],
    inPlaceCold: (i) => cases.ts.inPlace(i),
    inPlaceTsx: (i) => cases.ts.inPlace(i),
    cwd: tsProject,
    // The module in the image is compiled into the cache of compiled modules on a0's first start (esbuild) and
    // imported from it afterwards: "inPlace" measures the warm cache (after the uncounted warm-up round),
    // "inPlaceCold" an empty cache on every start (a fresh FLYTE_TS_CACHE_DIR).
    // "inPlaceTsx" loads it through tsx, as before the cache (FLYTE_TS_CACHE_DIR=off).
    env: { inPlaceCold: (i) => ({ ...env, FLYTE_TS_CACHE_DIR: join(work, "cold-cache", i) }), inPlaceTsx: () => ({ ...env, FLYTE_TS_CACHE_DIR: "off" }) },
  },
  py: {
    bundle: (i) => [join(venv, "a0"), ...common("py", i), "--tgz", `file://${pyBundle}`, "--dest", join(work, "dest", `py-${i}`), "--resolver", "flyte._internal.resolvers.default.DefaultTaskResolver", "mod", "hello", "instance", "hello"],
    inPlace: (i) => [join(venv, "a0"), ...common("py", i), "--resolver", "flyte._internal.resolvers.default.DefaultTaskResolver", "mod", "hello", "instance", "hello"],
    // Python's side of the cold row is the same start (its __pycache__ warm, as in the image).
    inPlaceCold: (i) => cases.py.inPlace(i),
    inPlaceTsx: (i) => cases.py.inPlace(i),
    cwd: pyProject,
  },
};

// Forks each command, waits with wait4 and prints [wall ms, peak RSS KiB, exit status] per command.
const MEASURE = `
import json, os, sys, time
out = []
for spec in json.loads(sys.stdin.read()):
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.chdir(spec["cwd"])
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        if not spec.get("stderr"):
            os.dup2(fd, 2)
        os.execve(spec["argv"][0], spec["argv"], spec["env"])
    _, status, usage = os.wait4(pid, 0)
    out.append([(time.perf_counter() - t) * 1000, usage.ru_maxrss, os.waitstatus_to_exitcode(status)])
print(json.dumps(out))
`;
function measure(specs) {
  const r = spawnSync(join(venv, "python"), ["-c", MEASURE], { input: JSON.stringify(specs), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`measure failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Interleaved (ts, py, ts, py, ...) so that a busy moment of the machine hits both sides alike. The first
// round warms the file cache (and Node's compile cache) and is not counted.
const results = {};
for (const mode of ["bundle", "inPlace", "inPlaceCold", "inPlaceTsx"]) {
  const specs = [];
  for (let i = 0; i <= runs; i++) {
    for (const side of ["ts", "py"]) specs.push({ side, i, argv: cases[side][mode](`${mode}-${i}`), cwd: cases[side].cwd, env: cases[side].env?.[mode]?.(`${mode}-${i}`) ?? env });
  }
  const measured = measure(specs.map(({ argv, cwd, env: e }) => ({ argv, cwd, env: e })));
  for (const [k, spec] of specs.entries()) {
    const [ms, rssKb, status] = measured[k];
    if (status !== 0) {
      const again = spawnSync(spec.argv[0], spec.argv.slice(1), { cwd: spec.cwd, env, encoding: "utf8" });
      throw new Error(`${spec.side} a0 (${mode}) exited ${status}:\n${again.stderr}`);
    }
    const outputs = join(work, "runs", `${spec.side}-${mode}-${spec.i}`, "out", "outputs.pb");
    if (!existsSync(outputs)) throw new Error(`${spec.side} a0 (${mode}) wrote no outputs.pb`);
    if (spec.i === 0) continue;
    ((results[mode] ??= {})[spec.side] ??= { ms: [], rssMiB: [] }).ms.push(ms);
    results[mode][spec.side].rssMiB.push(rssKb / 1024);
  }
}
// What remains: Node's own floor (`node -e 0`) and importing the root entry point, which the task module does.
const floors = measure(Array.from({ length: runs + 1 }, () => [
  { argv: [process.execPath, "-e", "0"], cwd: tsProject, env },
  { argv: [process.execPath, "--input-type=module", "-e", 'await import("@flyte-ts/core")'], cwd: tsProject, env },
]).flat());
const floor = floors.filter((_, k) => k % 2 === 0).slice(1);
const coreImport = floors.filter((_, k) => k % 2 === 1).slice(1);
if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });

const summary = Object.fromEntries(Object.entries(results).map(([mode, sides]) => [mode, Object.fromEntries(
  Object.entries(sides).map(([side, r]) => [side, { ms: median(r.ms), rssMiB: median(r.rssMiB) }]),
)]));
const stat = (ms) => ({ ms: median(ms.map((m) => m[0])), rssMiB: median(ms.map((m) => m[1] / 1024)) });
const report = { runs, ...summary, node: stat(floor), coreImport: stat(coreImport) };
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(report));
} else {
  console.log(`a0, plain task, median of ${runs} (file storage; same run for both)\n`);
  console.log("| code from | flyte-ts ms | Python ms | Python / flyte-ts (target ≥ 5×) | flyte-ts MiB | Python MiB |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const [mode, label] of [["bundle", "code bundle (--tgz)"], ["inPlace", "module in the image (compiled-module cache warm)"], ["inPlaceCold", "module in the image, first start (cache empty: esbuild compiles)"], ["inPlaceTsx", "module in the image through tsx (FLYTE_TS_CACHE_DIR=off, the fallback)"]]) {
    const { ts, py } = summary[mode];
    console.log(`| ${label} | ${ts.ms.toFixed(0)} | ${py.ms.toFixed(0)} | ${(py.ms / ts.ms).toFixed(1)}× | ${ts.rssMiB.toFixed(0)} | ${py.rssMiB.toFixed(0)} |`);
  }
  console.log(`\nNode's floor (node -e 0): ${report.node.ms.toFixed(0)} ms, ${report.node.rssMiB.toFixed(0)} MiB; importing @flyte-ts/core: ${report.coreImport.ms.toFixed(0)} ms, ${report.coreImport.rssMiB.toFixed(0)} MiB`);
}
