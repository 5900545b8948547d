#!/usr/bin/env node
// pnpm bench: flyte-ts next to the pinned Python SDK (the conformance virtual environment) on this
// machine, in one run. Prints a table of ratios and writes RESULTS.md. Never part of the tests.
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

// 2. CLI start-up: --help, and serializing a 100-task module, wall time (median of 7 after a warm-up).
const generated = join(here, "generated");
mkdirSync(generated, { recursive: true });
writeFileSync(join(generated, "tasks-100.ts"), [
  `import { TaskEnvironment } from "@flyte-ts/core";`,
  ...workload(100, ["plain"]).map((d, i) => `${i % 10 === 0 ? `const env${i / 10} = new TaskEnvironment({ name: "${d.env}", image: "img:1", resources: { cpu: ["1", "2"], memory: "4Gi" } });\n` : ""}export const ${d.name} = env${Math.floor(i / 10)}.task(async function ${d.name}() { return ${i}; });`),
].join("\n"));
const cli = join(root, "packages/flyte-core/bin/flyte-ts.js");
const out = mkdtempSync(join(tmpdir(), "flyte-ts-bench-"));
const startup = {
  tsHelp: wall(process.execPath, [cli, "--help"], 7),
  pyHelp: hasPython ? wall(join(root, "conformance/.venv/bin/flyte"), ["--help"], 7) : undefined,
  tsSerialize: wall(process.execPath, [cli, "serialize", "generated/tasks-100.ts", "--version", "v1", "--out", out], 7),
  pySerialize: hasPython ? wall(python, ["py_serialize.py", "100", "plain"], 7) : undefined,
};
rmSync(out, { recursive: true, force: true });

// 2b. Deploying 100 tasks to the loopback fake control plane (flyte-ts only: the Python SDK's deploy needs
// a real backend and image builder). Median of `runs` runs; each deploys twice (new, then unchanged).
const deploys = [];
for (let i = 0; i < runs; i++) deploys.push(JSON.parse(run(process.execPath, ["--import", "tsx", "ts-deploy.ts", "100"])));
const deployMs = { first: median(deploys.map((d) => d.firstMs)), again: median(deploys.map((d) => d.againMs)) };

// 3. What imports cost (median of 5, minus bare node).
const importCost = (specifier) => wall(process.execPath, ["--input-type=module", "-e", specifier ? `await import(${JSON.stringify(specifier)})` : ""], 5, { cwd: join(root, "packages/flyte-core") });
const bare = importCost(undefined);
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
run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...[readdirSync(packDir).find((f) => f.includes("core")), plugin].filter(Boolean).map((f) => join(packDir, f))], { cwd: scratch });
footprint.installed = Number(execFileSync("du", ["-sk", join(scratch, "node_modules")], { encoding: "utf8" }).split("\t")[0]) / 1024;
footprint.installedWith = plugin ? plugin.replace(/-\d+\.\d+\.\d+\.tgz$/, "") : "(no plugin package built)";
rmSync(scratch, { recursive: true, force: true });
rmSync(packDir, { recursive: true, force: true });

// 5. Spark Connect query round trips, @flyte-ts/spark-connect vs PySpark's client on one local server (when the
// project's Spark is installed: bash scripts/engines/spark.sh).
let sparkConnect;
if (existsSync(join(root, ".engines/spark/venv/bin/python"))) {
  sparkConnect = JSON.parse(run(process.execPath, ["spark-connect.mjs", "--json", ...(quick ? ["--quick"] : [])]).trim().split("\n").at(-1));
  console.error("bench: spark connect round trips done");
}

// Report.
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${hasPython ? `, ${run(python, ["--version"]).trim()}, flyte ${run(python, ["-c", "import importlib.metadata as m; print(m.version('flyte'))"]).trim()}` : ""}`;
const lines = [
  "# Benchmark results",
  "",
  `Run with \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. Task kinds in the workload: ${kinds.join(", ")}.`,
  "Same machine, same run, for both SDKs. Wall times are medians; the machine may have been busy, so compare ratios.",
  "",
  "## Serialization throughput (tasks per second, declaration excluded; binary TaskSpec per task)",
  "",
  "| tasks | flyte-ts | Python SDK | ratio (target ≥ 20×) | declare: flyte-ts | declare: Python |",
  "| ---: | ---: | ---: | ---: | ---: | ---: |",
  ...throughput.map((t) => `| ${fmt(t.n)} | ${fmt(t.ts)} | ${fmt(t.py)} | ${ratio(t.ts, t.py)} | ${fmt(t.tsDeclare)} | ${fmt(t.pyDeclare)} |`),
  "",
  `Peak memory (RSS) at ${fmt(throughput.at(-1).n)} tasks: flyte-ts ${fmt(throughput.at(-1).tsRss)} MiB, Python SDK ${fmt(throughput.at(-1).pyRss)} MiB (Python / flyte-ts: ${ratio(throughput.at(-1).pyRss, throughput.at(-1).tsRss)}).`,
  "",
  "## CLI start-up (wall ms, median of 7 after a warm-up)",
  "",
  "| command | flyte-ts | Python SDK | Python / flyte-ts | target |",
  "| --- | ---: | ---: | ---: | --- |",
  `| \`--help\` | ${fmt(startup.tsHelp)} | ${fmt(startup.pyHelp)} (\`flyte --help\`) | ${ratio(startup.pyHelp, startup.tsHelp)} | < 150 ms |`,
  `| serialize a 100-task module | ${fmt(startup.tsSerialize)} | ${fmt(startup.pySerialize)} (script: import, declare, serialize) | ${ratio(startup.pySerialize, startup.tsSerialize)} | < 500 ms |`,
  "",
  "## Deploy to the loopback fake control plane (flyte-ts only; wall ms, median)",
  "",
  "Bundle, upload through the data proxy (SelectCluster, CreateUploadLocation, PUT), DeployTask per task (8 in flight).",
  "The Python SDK's deploy needs a real backend and an image builder, so there is no ratio.",
  "",
  "| tasks | first deploy | unchanged re-deploy |",
  "| ---: | ---: | ---: |",
  `| 100 | ${fmt(deployMs.first)} | ${fmt(deployMs.again)} |`,
  "",
  "## Import cost (ms above bare `node`, median of 5)",
  "",
  "| module | ms |",
  "| --- | ---: |",
  ...Object.entries(imports).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
  "",
  "## Install footprint",
  "",
  "| package | packed KiB |",
  "| --- | ---: |",
  ...Object.entries(footprint.packed).map(([k, v]) => `| ${k} | ${fmt(v, 1)} |`),
  "",
  `Installed size of @flyte-ts/core + ${footprint.installedWith} with npm in a clean project: ${fmt(footprint.installed, 1)} MiB (target < 15 MiB).`,
  "",
  ...(sparkConnect
    ? [
        `## Spark Connect query round trips (wall ms, median of ${sparkConnect.runs} after a warm-up; one local[2] server, both clients)`,
        "",
        "| query | @flyte-ts/spark-connect | PySpark Connect | TS / PySpark (target ≤ 1.0×) |",
        "| --- | ---: | ---: | ---: |",
        ...sparkConnect.result.map((r) => `| ${r.name} | ${fmt(r.ts)} | ${fmt(r.py)} | ${(r.ts / r.py).toFixed(2)}× |`),
        "",
      ]
    : []),
];
writeFileSync(join(here, "RESULTS.md"), lines.join("\n"));
console.log(lines.join("\n"));
