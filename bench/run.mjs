#!/usr/bin/env node
// pnpm bench: flyte-ts next to the pinned Python SDK (the conformance virtual environment) on this
// machine, in one run. Prints a table of ratios and writes RESULTS.md. Never part of the tests.
// RESULTS.md ends with the figures of bench/previous-results.md for comparison: to compare the next run
// with this one, copy RESULTS.md over previous-results.md before running. `--quick`: fewer sizes and runs.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { KINDS, workload } from "./workload.mjs";

const here = import.meta.dirname;
const root = resolve(here, "..");
const python = join(root, "conformance/.venv/bin/python");
const hasPython = existsSync(python);
const quick = process.argv.includes("--quick");
const sizes = quick ? [100, 1000] : [100, 1000, 10000];
const runs = quick ? 1 : 3;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, d = 0) => (x === undefined ? "n/a" : x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));
const ratio = (a, b) => (a === undefined || b === undefined ? "n/a" : `${(a / b).toFixed(1)}×`);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: here, encoding: "utf8", maxBuffer: 1 << 28, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

function wall(cmd, args, times, options) {
  run(cmd, args, options); // warm-up (file cache, compile cache)
  const out = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run(cmd, args, options);
    out.push(performance.now() - t);
  }
  return median(out);
}

// Plugins both sides can build; a plugin package that is not built yet is left out of both.
const kinds = KINDS.filter((kind) => {
  if (!["spark", "ray", "dask"].includes(kind)) return true;
  return spawnSync(process.execPath, ["--import", "tsx", "-e", `await import("@flyte-ts/plugin-${kind}")`], { cwd: here }).status === 0;
});
console.error(`bench: task kinds ${kinds.join(", ")}; python ${hasPython ? python : "missing (run bash conformance/python/run.sh)"}`);

// 1. Serialization throughput and peak memory.
const throughput = [];
for (const n of sizes) {
  const ts = [];
  const py = [];
  for (let i = 0; i < runs; i++) {
    ts.push(JSON.parse(run(process.execPath, ["--import", "tsx", "ts-serialize.ts", String(n), kinds.join(",")])));
    if (hasPython) py.push(JSON.parse(run(python, ["py_serialize.py", String(n), kinds.join(",")])));
  }
  const rate = (rs) => (rs.length ? median(rs.map((r) => r.tasks / (r.serializeMs / 1000))) : undefined);
  const declare = (rs) => (rs.length ? median(rs.map((r) => r.tasks / (r.declareMs / 1000))) : undefined);
  const rss = (rs) => (rs.length ? median(rs.map((r) => r.maxRssKb / 1024)) : undefined);
  throughput.push({ n, ts: rate(ts), py: rate(py), tsDeclare: declare(ts), pyDeclare: declare(py), tsRss: rss(ts), pyRss: rss(py) });
  console.error(`bench: ${n} tasks done`);
}

// 2. CLI start-up: --help, and serializing a 100-task module, wall time (median of 7 after a warm-up), next
// to each interpreter's own start-up (the floor).
const generated = join(here, "generated");
mkdirSync(generated, { recursive: true });
writeFileSync(join(generated, "tasks-100.ts"), [
  `import { TaskEnvironment } from "@flyte-ts/core";`,
  ...workload(100, ["plain"]).map((d, i) => `${i % 10 === 0 ? `const env${i / 10} = new TaskEnvironment({ name: "${d.env}", image: "img:1", resources: { cpu: ["1", "2"], memory: "4Gi" } });\n` : ""}export const ${d.name} = env${Math.floor(i / 10)}.task(async function ${d.name}() { return ${i}; });`),
].join("\n"));
// The Python SDK's counterpart of the module: the same environments and tasks, for py_serialize_module.py.
writeFileSync(join(generated, "tasks_100.py"), [
  "import flyte",
  ...workload(100, ["plain"]).map((d, i) => `${i % 10 === 0 ? `\nenv${i / 10} = flyte.TaskEnvironment(name="${d.env}", image="img:1", resources=flyte.Resources(cpu=("1", "2"), memory="4Gi"))\n` : ""}\n@env${Math.floor(i / 10)}.task\nasync def ${d.name}() -> int:\n    return ${i}`),
  "",
].join("\n"));
// The same module as JavaScript: what the CLI costs without a TypeScript loader (on Node 20 that loader is tsx,
// whose module hooks run on a thread of their own).
writeFileSync(join(generated, "tasks-100.mjs"), readFileSync(join(generated, "tasks-100.ts"), "utf8"));
const cli = join(root, "packages/flyte-core/bin/flyte-ts.js");
// Empty caches of compiled modules, one per cold run.
const coldCaches = mkdtempSync(join(tmpdir(), "flyte-ts-bench-caches-"));
// NODE_EXTRA_CA_CERTS makes Node read and parse that certificate file at every start (~40 ms here), before any
// code runs; no command measured below talks to a network. Both sides run without it; a floor row shows its cost.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
const startEnv = { ...process.env };
delete startEnv.NODE_EXTRA_CA_CERTS;
// Interleaved (a, b, c, a, b, c, ...) so that a busy moment of the machine hits every command alike.
function walls(commands, times) {
  const entries = Object.entries(commands).filter(([, c]) => c);
  // An optional third element adds to the command's environment, per run when a function.
  const envOf = (extra) => ({ env: { ...startEnv, ...(typeof extra === "function" ? extra() : extra) } });
  for (const [, [cmd, args, extra]] of entries) run(cmd, args, envOf(extra)); // warm-up (file cache, compiled-module cache)
  const samples = Object.fromEntries(entries.map(([k]) => [k, []]));
  for (let i = 0; i < times; i++) {
    for (const [k, [cmd, args, extra]] of entries) {
      const options = envOf(extra);
      const t = performance.now();
      run(cmd, args, options);
      samples[k].push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
}
const startup = {
  ...walls({
    tsHelp: [process.execPath, [cli, "--help"]],
    pyHelp: hasPython && [join(root, "conformance/.venv/bin/flyte"), ["--help"]],
    nodeFloor: [process.execPath, ["-e", "0"]],
    nodeFloorCerts: extraCaCerts !== undefined && [process.execPath, ["-e", "0"], { NODE_EXTRA_CA_CERTS: extraCaCerts }],
    pyFloor: hasPython && [python, ["-c", "0"]],
  }, 7),
  ...walls({
    // The TypeScript module is compiled into the cache of compiled modules on the first run (the warm-up) and
    // imported from it afterwards; "cold" empties the cache on every run, "tsx" loads it as before the cache.
    tsSerialize: [process.execPath, [cli, "serialize", "generated/tasks-100.ts", "--version", "v1"]],
    tsSerializeCold: [process.execPath, [cli, "serialize", "generated/tasks-100.ts", "--version", "v1"], () => ({ FLYTE_TS_CACHE_DIR: mkdtempSync(join(coldCaches, "cache-")) })],
    tsSerializeTsx: [process.execPath, [cli, "serialize", "generated/tasks-100.ts", "--version", "v1"], { FLYTE_TS_CACHE_DIR: "off" }],
    tsSerializeJs: [process.execPath, [cli, "serialize", "generated/tasks-100.mjs", "--version", "v1"]],
    tsxFloor: [process.execPath, ["--input-type=module", "-e", 'const { register } = await import("tsx/esm/api"); register();']],
    // Both sides import the module, serialize every task (binary and JSON) and print the JSON to standard output.
    pySerialize: hasPython && [python, ["py_serialize_module.py", "generated/tasks_100.py"]],
  }, 7),
};
rmSync(coldCaches, { recursive: true, force: true });

// 2b. Deploying 100 tasks to the loopback fake control plane, flyte-ts (`deploy` of @flyte-ts/core/remote) and
// the Python SDK (`flyte.deploy`, pre-built image URI so nothing is built), each against a fresh fake served from
// its own process. Median of `runs` runs; each deploys twice (new, then unchanged).
const deploys = [];
for (let i = 0; i < runs; i++) deploys.push(JSON.parse(run(process.execPath, ["deploy.mjs", "100", ...(hasPython ? ["--python", python] : [])])));
const deployOf = (side) => {
  const ok = deploys.map((d) => d[side]).filter((r) => r && !r.error);
  const error = deploys.map((d) => d[side]?.error).find(Boolean);
  return ok.length ? { first: median(ok.map((r) => r.firstMs)), again: median(ok.map((r) => r.againMs)), calls: ok[0].deployCalls } : { error };
};
const deployMs = { ts: deployOf("ts"), py: hasPython ? deployOf("py") : { error: "no Python SDK venv" } };
console.error("bench: deploy done");

// 2c. a0 start-up on a plain task, flyte-ts vs the Python SDK's a0 (bench/a0-startup.mjs, when present).
let a0;
if (hasPython && existsSync(join(here, "a0-startup.mjs"))) {
  a0 = JSON.parse(run(process.execPath, ["a0-startup.mjs", "--json", ...(quick ? ["--quick"] : [])]).trim().split("\n").at(-1));
  console.error("bench: a0 start-up done");
}

// 3. What imports cost (median of 5, minus bare node).
const importCost = (specifier) => wall(process.execPath, ["--input-type=module", "-e", specifier ? `await import(${JSON.stringify(specifier)})` : ""], 5, { cwd: join(root, "packages/flyte-core") });
const bare = importCost(undefined);
const pyBare = hasPython ? wall(python, ["-c", "0"], 5) : undefined;
const pyImport = hasPython ? Math.max(0, wall(python, ["-c", "import flyte"], 5) - pyBare) : undefined;
const imports = Object.fromEntries(
  [["@flyte-ts/core (built)", "@flyte-ts/core"], ["@kubernetes/client-node", "@kubernetes/client-node"], ["@bufbuild/protobuf", "@bufbuild/protobuf"], ["zod", "zod"], ["tsx (TypeScript loader)", "tsx/esm/api"]]
    .map(([label, spec]) => [label, Math.max(0, importCost(spec) - bare)]),
);

// 4. Install footprint: packed size of each package, installed size of core plus one plugin.
const footprint = { packed: {}, installed: undefined, installedWith: undefined };
const packDir = mkdtempSync(join(tmpdir(), "flyte-ts-pack-"));
for (const dir of readdirSync(join(root, "packages"))) {
  const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"));
  if (manifest.private) continue;
  run("pnpm", ["pack", "--pack-destination", packDir], { cwd: join(root, "packages", dir) });
}
for (const file of readdirSync(packDir)) footprint.packed[file.replace(/-\d+\.\d+\.\d+\.tgz$/, "")] = statSync(join(packDir, file)).size / 1024;
const plugin = readdirSync(packDir).find((f) => f.includes("plugin-spark")) ?? readdirSync(packDir).find((f) => f.includes("plugin-"));
const scratch = mkdtempSync(join(tmpdir(), "flyte-ts-install-"));
writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true }));
// The plugin's own @flyte-ts dependencies (e.g. @flyte-ts/spark-connect) are not on the registry yet: install
// their tarballs from this checkout too.
const tarballOf = (name) => readdirSync(packDir).find((f) => f.startsWith(`${name.replace("@", "").replace("/", "-")}-`) && /-\d+\.\d+\.\d+\.tgz$/.test(f));
const installing = new Set([tarballOf("@flyte-ts/core"), plugin].filter(Boolean));
for (const tarball of [...installing]) {
  const manifest = JSON.parse(execFileSync("tar", ["-xOzf", join(packDir, tarball), "package/package.json"], { encoding: "utf8" }));
  for (const dep of Object.keys(manifest.dependencies ?? {})) if (dep.startsWith("@flyte-ts/") && tarballOf(dep)) installing.add(tarballOf(dep));
}
run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...[...installing].map((f) => join(packDir, f))], { cwd: scratch });
footprint.installed = Number(execFileSync("du", ["-sk", join(scratch, "node_modules")], { encoding: "utf8" }).split("\t")[0]) / 1024;
footprint.installedWith = [...installing].slice(1).map((f) => f.replace(/-\d+\.\d+\.\d+\.tgz$/, "")).join(" + ") || "(no plugin package built)";
rmSync(scratch, { recursive: true, force: true });
rmSync(packDir, { recursive: true, force: true });
// The Python side: installed size of flyte + flyteplugins-spark and everything they require (recursively,
// extras left out), summed from the files each distribution installed in the conformance venv — without
// pyspark, which flyteplugins-spark requires but @flyte-ts/plugin-spark does not ship (Spark is in the image).
footprint.pyInstalled = hasPython ? Number(run(python, ["py_footprint.py", "flyte", "flyteplugins-spark", "--without", "pyspark"]).trim()) / 2 ** 20 : undefined;

// 5. Spark Connect query round trips, @flyte-ts/spark-connect vs PySpark's client on one local server (when the
// project's Spark is installed: bash scripts/engines/spark.sh).
let sparkConnect;
if (existsSync(join(root, ".engines/spark/venv/bin/python"))) {
  sparkConnect = JSON.parse(run(process.execPath, ["spark-connect.mjs", "--json", ...(quick ? ["--quick"] : [])]).trim().split("\n").at(-1));
  console.error("bench: spark connect round trips done");
}

// Report.
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${hasPython ? `, ${run(python, ["--version"]).trim()}, flyte ${run(python, ["-c", "import importlib.metadata as m; print(m.version('flyte'))"]).trim()}` : ""}`;
// Targets of issue 16, as ratios against the Python SDK (Python / flyte-ts unless said otherwise).
const targets = { throughput100: 10, throughput: 20, help: 10, serialize: 5, a0: 5, installMiB: 15 };
const meets = (value, target) => (value === undefined || Number.isNaN(value) ? "" : value >= target ? " ✓" : " ✗");
const versus = (py, ts, target) => `${ratio(py, ts)}${target ? meets(py / ts, target) : ""}`;
// The previous run's figures (bench/previous-results.md: the RESULTS.md before this run), for comparison.
const previousPath = join(here, "previous-results.md");
const previous = existsSync(previousPath) ? readFileSync(previousPath, "utf8") : undefined;
const previousDate = previous?.match(/on (\d{4}-\d{2}-\d{2})/)?.[1] ?? "unknown date";
const lines = [
  "# Benchmark results",
  "",
  `Run with \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. Task kinds in the workload: ${kinds.join(", ")}.`,
  "Same machine, same run, for both SDKs. Wall times are medians; the machine may have been busy, so compare ratios.",
  "A ratio is Python / flyte-ts (higher is better for flyte-ts) unless its column says otherwise; ✓ / ✗: target of issue 16 met or not.",
  "",
  "## Serialization throughput (tasks per second, declaration excluded; binary TaskSpec per task)",
  "",
  "| tasks | flyte-ts | Python SDK | flyte-ts / Python | target | declare: flyte-ts | declare: Python |",
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ...throughput.map((t) => {
    const target = t.n <= 100 ? targets.throughput100 : targets.throughput;
    return `| ${fmt(t.n)} | ${fmt(t.ts)} | ${fmt(t.py)} | ${versus(t.ts, t.py, target)} | ≥ ${target}× | ${fmt(t.tsDeclare)} | ${fmt(t.pyDeclare)} |`;
  }),
  "",
  `Peak memory (RSS) at ${fmt(throughput.at(-1).n)} tasks: flyte-ts ${fmt(throughput.at(-1).tsRss)} MiB, Python SDK ${fmt(throughput.at(-1).pyRss)} MiB (Python / flyte-ts: ${ratio(throughput.at(-1).pyRss, throughput.at(-1).tsRss)}).`,
  "",
  "## CLI start-up (wall ms, median of 7 after a warm-up, interleaved)",
  "",
  "| command | flyte-ts | Python SDK | Python / flyte-ts | target |",
  "| --- | ---: | ---: | ---: | ---: |",
  `| \`--help\` | ${fmt(startup.tsHelp)} | ${fmt(startup.pyHelp)} (\`flyte --help\`) | ${versus(startup.pyHelp, startup.tsHelp, targets.help)} | ≥ ${targets.help}× |`,
  `| serialize a 100-task module (TypeScript; compiled-module cache warm: after a warm-up run, as Python's __pycache__) | ${fmt(startup.tsSerialize)} | ${fmt(startup.pySerialize)} (bench/py_serialize_module.py: import the same module, serialize, print JSON) | ${versus(startup.pySerialize, startup.tsSerialize, targets.serialize)} | ≥ ${targets.serialize}× |`,
  `| the same, first run (cache empty: esbuild compiles the module) | ${fmt(startup.tsSerializeCold)} | ${fmt(startup.pySerialize)} | ${versus(startup.pySerialize, startup.tsSerializeCold, targets.serialize)} | ≥ ${targets.serialize}× |`,
  `| the same through tsx (\`FLYTE_TS_CACHE_DIR=off\`, the fallback) | ${fmt(startup.tsSerializeTsx)} | ${fmt(startup.pySerialize)} | ${versus(startup.pySerialize, startup.tsSerializeTsx, targets.serialize)} | |`,
  `| serialize the same module written in JavaScript | ${fmt(startup.tsSerializeJs)} | ${fmt(startup.pySerialize)} | ${versus(startup.pySerialize, startup.tsSerializeJs, targets.serialize)} | ≥ ${targets.serialize}× |`,
  `| floor: the interpreter doing nothing | ${fmt(startup.nodeFloor)} (\`node -e 0\`) | ${fmt(startup.pyFloor)} (\`python -c 0\`) | ${ratio(startup.pyFloor, startup.nodeFloor)} | |`,
  ...(startup.nodeFloorCerts !== undefined ? [`| not counted above: Node's start-up with this machine's \`NODE_EXTRA_CA_CERTS\` | ${fmt(startup.nodeFloorCerts)} (\`node -e 0\`) | | | |`] : []),
  `| floor of a TypeScript module on Node 20: starting tsx's loader | ${fmt(startup.tsxFloor)} (\`register()\` of tsx/esm/api, nothing loaded) | | | |`,
  "",
  `Measured interleaved (one run of each command in turn), every command without \`NODE_EXTRA_CA_CERTS\` (see the row above; none of them uses the network). The serialize rows print every task's JSON to standard output on both sides (no files written). \`flyte-ts --help\` is ${fmt(startup.tsHelp - startup.nodeFloor)} ms above Node's own start-up: with Node's start-up as the floor, the --help ratio cannot exceed ${ratio(startup.pyHelp, startup.nodeFloor)} on this machine.`,
  "",
  ...(a0
    ? [
        `## \`a0\` start-up, plain task (wall ms and peak RSS, median of ${a0.runs}; bench/a0-startup.mjs)`,
        "",
        "| code from | flyte-ts ms | Python ms | Python / flyte-ts | target | flyte-ts MiB | Python MiB | memory: Python / flyte-ts (target ≥ 1.0×) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ...[["bundle", "code bundle (--tgz)"], ["inPlace", "module in the image (compiled-module cache warm: after a warm-up start)"], ["inPlaceCold", "module in the image, first start (cache empty: esbuild compiles)"], ["inPlaceTsx", "module in the image through tsx (`FLYTE_TS_CACHE_DIR=off`, the fallback)"]]
          .filter(([mode]) => a0[mode]?.ts && a0[mode]?.py)
          .map(([mode, label]) => {
            const { ts, py } = a0[mode];
            // The tsx row is the fallback, for comparison: the targets are the other rows'.
            const target = mode === "inPlaceTsx" ? undefined : targets.a0;
            return `| ${label} | ${fmt(ts.ms)} | ${fmt(py.ms)} | ${versus(py.ms, ts.ms, target)} | ${target ? `≥ ${target}×` : ""} | ${fmt(ts.rssMiB)} | ${fmt(py.rssMiB)} | ${versus(py.rssMiB, ts.rssMiB, target && 1)} |`;
          }),
        "",
        ...(a0.node ? [`Node's floor (\`node -e 0\`) in the same measurement: ${fmt(a0.node.ms)} ms, ${fmt(a0.node.rssMiB)} MiB.`, ""] : []),
      ]
    : ["## `a0` start-up", "", "Not measured: bench/a0-startup.mjs is not in this checkout, or the Python SDK venv is missing.", ""]),
  "## Deploy 100 tasks to the loopback fake control plane (wall ms, median)",
  "",
  "Each side deploys 10 environments × 10 tasks with a pre-built image to a fresh fake control plane",
  "(packages/flyte-core/test/control-plane, the official flyteidl2 service descriptors over Connect, in its own",
  "process): flyte-ts with `deploy` of `@flyte-ts/core/remote` (bench/ts-deploy.ts: bundle, upload through the",
  "data proxy, DeployTask per task, 8 in flight), the Python SDK with `flyte.deploy` (bench/py_deploy.py: its",
  "code bundle, upload, DeployTask per task). In-process API on both sides; the second deploy is of the same code.",
  "On that second deploy the Python SDK derives a new version (its version hashes the pickled environments and",
  "image cache, which the first deploy changed; in a fresh process the same code gets the same version), so it",
  "registers its tasks again under a new version; flyte-ts deploys the same version again. Both make a DeployTask",
  "call per task each time.",
  "",
  "| deploy | flyte-ts | Python SDK | Python / flyte-ts | DeployTask calls (flyte-ts, Python) |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...(deployMs.py.error
    ? [
        `| first | ${fmt(deployMs.ts.first)} | n/a | n/a | ${deployMs.ts.calls ?? "n/a"}, n/a |`,
        `| unchanged re-deploy | ${fmt(deployMs.ts.again)} | n/a | n/a | |`,
        "",
        `The Python SDK's deploy failed against the fake: ${deployMs.py.error}`,
      ]
    : [
        `| first | ${fmt(deployMs.ts.first)} | ${fmt(deployMs.py.first)} | ${ratio(deployMs.py.first, deployMs.ts.first)} | ${deployMs.ts.calls}, ${deployMs.py.calls} (both deploys) |`,
        `| unchanged re-deploy | ${fmt(deployMs.ts.again)} | ${fmt(deployMs.py.again)} | ${ratio(deployMs.py.again, deployMs.ts.again)} | |`,
      ]),
  "",
  "## Import cost (ms above the bare interpreter, median of 5)",
  "",
  "| module | ms |",
  "| --- | ---: |",
  ...Object.entries(imports).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
  `| Python: \`import flyte\` | ${fmt(pyImport)} |`,
  "",
  `\`import flyte\` / \`import("@flyte-ts/core")\`: ${ratio(pyImport, imports["@flyte-ts/core (built)"])}.`,
  "",
  "## Install footprint",
  "",
  "| package | packed KiB |",
  "| --- | ---: |",
  ...Object.entries(footprint.packed).map(([k, v]) => `| ${k} | ${fmt(v, 1)} |`),
  "",
  "| installed | MiB | target |",
  "| --- | ---: | ---: |",
  `| @flyte-ts/core + ${footprint.installedWith} (npm, clean project) | ${fmt(footprint.installed, 1)} | < ${targets.installMiB} MiB${footprint.installed < targets.installMiB ? " ✓" : " ✗"} |`,
  `| Python: flyte + flyteplugins-spark and their requirements, without pyspark | ${fmt(footprint.pyInstalled, 1)} | |`,
  "",
  `Python / flyte-ts: ${ratio(footprint.pyInstalled, footprint.installed)}.`,
  "",
  ...(sparkConnect
    ? [
        `## Spark Connect query round trips (wall ms; one local[2] server warmed by both clients, then ${sparkConnect.rounds ?? 1} rounds of ${sparkConnect.runs} queries per client, alternating which goes first; mean of the rounds' medians)`,
        "",
        "| query | @flyte-ts/spark-connect | PySpark Connect | flyte-ts / PySpark (lower is better) | target | client CPU ms per query: flyte-ts | PySpark | flyte-ts / PySpark |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ...sparkConnect.result.map((r) => `| ${r.name} | ${fmt(r.ts)} | ${fmt(r.py)} | ${(r.ts / r.py).toFixed(2)}×${r.ts <= r.py ? " ✓" : " ✗"} | ≤ 1.0× | ${fmt(r.tsCpu, 1)} | ${fmt(r.pyCpu, 1)} | ${r.tsCpu === undefined ? "n/a" : `${(r.tsCpu / r.pyCpu).toFixed(2)}×`} |`),
        "",
        "Wall time includes the server's work, which is the same plan for both clients on the same server; the client CPU",
        "columns are each client process's own CPU time (all its threads) per query: the client's cost alone, which a busy",
        "machine disturbs much less than wall time.",
        "",
      ]
    : ["## Spark Connect query round trips", "", "Not measured: the project's Spark is not installed (bash scripts/engines/spark.sh).", ""]),
  ...(previous
    ? [
        `## Previous run (${previousDate})`,
        "",
        "The figures of the run before this one (bench/previous-results.md), unchanged, for comparison.",
        "",
        ...previous.trim().split("\n").slice(1).join("\n").trim().split("\n").map((line) => (line.startsWith("#") ? `#${line}` : line)),
        "",
      ]
    : []),
];
writeFileSync(join(here, "RESULTS.md"), lines.join("\n"));
console.log(lines.join("\n"));
