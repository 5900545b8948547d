// Times query round trips of @flyte-ts/spark-connect against a Spark Connect server (argv[2]); prints JSON
// {wall: {name: median ms}, cpu: {name: this process's CPU ms per query}}. Run by spark-connect.mjs next to py_spark_connect.py on the same server.
import { SparkSession, col, functions as F } from "@flyte-ts/spark-connect";

const [url, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const spark = await SparkSession.connect(url);
const queries = {
  "SELECT 1": () => spark.sql("SELECT 1 AS one").collect(),
  "1M-row aggregate": () => spark.range(0, 1_000_000).groupBy(col("id").mod(7).alias("k")).agg(F.sum("id").alias("s")).collect(),
  "100k-row collect": () => spark.range(0, 100_000).select(col("id"), col("id").cast("string").alias("s")).collect(),
};
const out = { wall: {}, cpu: {} };
for (const [name, query] of Object.entries(queries)) {
  await query(); // warm-up
  const times = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const rows = await query();
    times.push(performance.now() - t);
    if (rows.length === 0) throw new Error(`${name}: no rows`);
  }
  const used = process.cpuUsage(cpu);
  out.wall[name] = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  out.cpu[name] = (used.user + used.system) / 1000 / runs;
}
await spark.stop();
console.log(JSON.stringify(out));
