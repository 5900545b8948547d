#!/usr/bin/env node
// Spark Connect round trips: @flyte-ts/spark-connect next to PySpark's Spark Connect client, both against ONE
// local Spark Connect server (the project's Spark: bash scripts/engines/spark.sh), in one run. Prints a
// table of medians and ratios; `--json` prints the numbers for run.mjs. Never part of the tests. Both clients
// warm the server first; then two measured rounds, one with each client first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { startLocalSparkConnect } from "@flyte-ts/spark-connect/local";

const here = import.meta.dirname;
const python = resolve(here, "../.engines/spark/venv/bin/python");
if (!existsSync(python)) {
  console.error("spark-connect bench: run `bash scripts/engines/spark.sh` first");
  process.exit(1);
}
const runs = process.argv.includes("--quick") ? 3 : 7;
const server = await startLocalSparkConnect({ python, master: "local[2]", conf: { "spark.sql.shuffle.partitions": "4" } });
let ts;
let py;
try {
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: here, encoding: "utf8", maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split("\n").at(-1));
  };
  const tsRun = (n) => run(process.execPath, [join(here, "ts_spark_connect.mjs"), server.url, String(n)]);
  const pyRun = (n) => run(python, [join(here, "py_spark_connect.py"), server.url, String(n)]);
  // The server's JVM keeps getting faster over the first queries it runs (JIT): warm it with both clients
  // first, then measure in rounds that alternate which client goes first, so neither profits from going last.
  tsRun(3);
  pyRun(3);
  const rounds = { ts: [], py: [] };
  for (let round = 0; round < 2; round++) {
    if (round % 2 === 0) rounds.ts.push(tsRun(runs)), rounds.py.push(pyRun(runs));
    else rounds.py.push(pyRun(runs)), rounds.ts.push(tsRun(runs));
  }
  // Each round prints its medians; a query's figure is the mean of its rounds' medians.
  const combine = (results, key) => Object.fromEntries(Object.keys(results[0][key]).map((name) => [name, results.reduce((sum, r) => sum + r[key][name], 0) / results.length]));
  ts = { wall: combine(rounds.ts, "wall"), cpu: combine(rounds.ts, "cpu") };
  py = { wall: combine(rounds.py, "wall"), cpu: combine(rounds.py, "cpu") };
} finally {
  await server.stop();
}
const result = Object.keys(ts.wall).map((name) => ({ name, ts: ts.wall[name], py: py.wall[name], tsCpu: ts.cpu[name], pyCpu: py.cpu[name] }));
if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ runs, rounds: 2, result }));
} else {
  console.log(`| query | @flyte-ts/spark-connect ms | PySpark Connect ms | TS / PySpark (target ≤ 1.0×) | client CPU ms per query: TS, PySpark |\n| --- | ---: | ---: | ---: | ---: |`);
  for (const r of result) console.log(`| ${r.name} | ${r.ts.toFixed(0)} | ${r.py.toFixed(0)} | ${(r.ts / r.py).toFixed(2)}× | ${r.tsCpu.toFixed(1)}, ${r.pyCpu.toFixed(1)} |`);
}
