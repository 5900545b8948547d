# Times the same query round trips with PySpark's Spark Connect client; prints JSON
# {"wall": {name: median ms}, "cpu": {name: this process's CPU ms per query, all threads}}.
import json, sys, time
from pyspark.sql import SparkSession, functions as F

url, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
spark = SparkSession.builder.remote(url).getOrCreate()
queries = {
    "SELECT 1": lambda: spark.sql("SELECT 1 AS one").collect(),
    "1M-row aggregate": lambda: spark.range(0, 1_000_000).groupBy((F.col("id") % 7).alias("k")).agg(F.sum("id").alias("s")).collect(),
    "100k-row collect": lambda: spark.range(0, 100_000).select(F.col("id"), F.col("id").cast("string").alias("s")).collect(),
}
out = {"wall": {}, "cpu": {}}
for name, query in queries.items():
    query()  # warm-up
    times = []
    cpu = time.process_time()
    for _ in range(runs):
        t = time.perf_counter()
        rows = query()
        times.append((time.perf_counter() - t) * 1000)
        assert rows, name
    out["cpu"][name] = (time.process_time() - cpu) * 1000 / runs
    out["wall"][name] = sorted(times)[len(times) // 2]
spark.stop()
print(json.dumps(out))
