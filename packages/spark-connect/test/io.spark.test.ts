import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { col, type DataFrame, type SparkSession } from "../src/index.ts";
import { connect } from "./helpers.ts";

let spark: SparkSession;
let dir: string;
let sales: DataFrame;

beforeAll(async () => {
  spark = await connect();
  dir = mkdtempSync(join(tmpdir(), "spark-connect-io-"));
  sales = await spark.createDataFrame(
    [
      { day: "2024-01-01", item: "apple", qty: 3 },
      { day: "2024-01-01", item: "pear", qty: 1 },
      { day: "2024-01-02", item: "apple", qty: 5 },
    ],
    "day STRING, item STRING, qty INT",
  );
});
afterAll(async () => {
  await spark?.execSql("DROP TABLE IF EXISTS io_sales").catch(() => undefined);
  await spark?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const byItemDay = (df: DataFrame) => df.select("day", "item", "qty").orderBy("day", "item").collect();
const EXPECTED = [
  { day: "2024-01-01", item: "apple", qty: 3 },
  { day: "2024-01-01", item: "pear", qty: 1 },
  { day: "2024-01-02", item: "apple", qty: 5 },
];

describe("writing and reading files", () => {
  it("parquet with partitionBy, read back with read.parquet and read.format().load()", async () => {
    const path = join(dir, "parquet");
    await sales.write.mode("overwrite").partitionBy("day").parquet(path);
    expect(readdirSync(path).filter((f) => f.startsWith("day=")).sort()).toEqual(["day=2024-01-01", "day=2024-01-02"]);
    // Spark infers the partition column's type from the folder names: a DATE.
    const asText = (df: DataFrame) => byItemDay(df.withColumn("day", col("day").cast("string")));
    expect((await spark.read.parquet(path).schema()).fields.find((f) => f.name === "day")?.dataType).toEqual({ type: "date" });
    expect(await asText(spark.read.parquet(path))).toEqual(EXPECTED);
    expect(await asText(spark.read.format("parquet").load(path))).toEqual(EXPECTED);
    // mode: the default "error" refuses an existing path; "append" adds; "ignore" keeps.
    await expect(sales.write.parquet(path)).rejects.toMatchObject({ errorClass: "PATH_ALREADY_EXISTS" });
    await sales.write.mode("append").partitionBy("day").parquet(path);
    expect(await spark.read.parquet(path).count()).toBe(6);
    await sales.write.mode("ignore").parquet(path);
    expect(await spark.read.parquet(path).count()).toBe(6);
  });

  it("csv with options and a schema; json; orc; text", async () => {
    const csv = join(dir, "csv");
    await sales.coalesce(1).write.format("csv").option("header", true).mode("overwrite").save(csv);
    expect(await byItemDay(spark.read.option("header", true).schema("day STRING, item STRING, qty INT").csv(csv))).toEqual(EXPECTED);
    const json = join(dir, "json");
    await sales.write.mode("overwrite").json(json);
    expect(await byItemDay(spark.read.schema("day STRING, item STRING, qty INT").json(json))).toEqual(EXPECTED);
    const orc = join(dir, "orc");
    await sales.write.mode("overwrite").orc(orc);
    expect(await byItemDay(spark.read.orc(orc))).toEqual(EXPECTED);
    const text = join(dir, "text.txt");
    writeFileSync(text, "one\ntwo\n");
    expect(await spark.read.text(text).collect()).toEqual([{ value: "one" }, { value: "two" }]);
  });

  it("saveAsTable and insertInto", async () => {
    await spark.execSql("DROP TABLE IF EXISTS io_sales");
    await sales.write.format("parquet").saveAsTable("io_sales");
    expect(await byItemDay(spark.table("io_sales"))).toEqual(EXPECTED);
    await sales.filter(col("item").eq("pear")).write.insertInto("io_sales");
    expect(await spark.table("io_sales").count()).toBe(4);
    await sales.filter(col("qty").gt(4)).write.insertInto("io_sales", { overwrite: true });
    expect(await spark.table("io_sales").collect()).toEqual([{ day: "2024-01-02", item: "apple", qty: 5 }]);
    await expect(sales.write.saveAsTable("io_sales")).rejects.toMatchObject({ errorClass: "TABLE_OR_VIEW_ALREADY_EXISTS" });
  });
});
