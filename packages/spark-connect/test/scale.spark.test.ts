import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { col, functions as F, type SparkSession } from "../src/index.ts";
import { connect } from "./helpers.ts";

let spark: SparkSession;
beforeAll(async () => {
  spark = await connect();
});
afterAll(async () => {
  await spark?.stop();
});

describe("large results", () => {
  it("aggregates 1,000,000 rows exactly", async () => {
    const rows = await spark
      .range(0, 1_000_000)
      .withColumn("k", col("id").mod(7))
      .groupBy("k")
      .agg(F.count("*").alias("n"), F.sum("id").alias("s"), F.max("id").alias("hi"))
      .orderBy("k")
      .collect();
    // Closed forms: ids ≡ k (mod 7) below 10^6.
    const expected = Array.from({ length: 7 }, (_, k) => {
      const n = BigInt(Math.floor((999_999 - k) / 7) + 1);
      const hi = BigInt(k) + (n - 1n) * 7n;
      return { k: BigInt(k), n, s: (n * (BigInt(k) + hi)) / 2n, hi };
    });
    expect(rows).toEqual(expected);
    expect(await spark.range(0, 1_000_000).count()).toBe(1_000_000);
  });

  it("collects 100,000 rows, reattaching when the server cuts the stream", async () => {
    const before = spark.client.stats.reattaches;
    const rows = await spark.range(0, 100_000).select(col("id"), col("id").cast("string").alias("s"), col("id").divide(2).alias("h")).collect();
    expect(rows.length).toBe(100_000);
    rows.forEach((r, i) => {
      if (r.id !== BigInt(i) || r.s !== String(i) || r.h !== i / 2) throw new Error(`row ${i}: ${JSON.stringify(r, (_, v) => (typeof v === "bigint" ? `${v}n` : v))}`);
    });
    // The server (senderMaxStreamSize = 1 MiB in the test set-up) ended the stream early at least once.
    expect(spark.client.stats.reattaches).toBeGreaterThan(before);
  });

  it("streams 100,000 rows batch by batch with the async iterator", async () => {
    let n = 0;
    let sum = 0n;
    for await (const row of spark.range(0, 100_000).repartition(4)) {
      n++;
      sum += row.id as bigint;
    }
    expect(n).toBe(100_000);
    expect(sum).toBe(4_999_950_000n);
    let batches = 0;
    let rows = 0;
    for await (const batch of spark.range(0, 100_000).repartition(4).batches()) {
      batches++;
      rows += batch.numRows;
    }
    expect(rows).toBe(100_000);
    expect(batches).toBeGreaterThanOrEqual(4);
  });
});
