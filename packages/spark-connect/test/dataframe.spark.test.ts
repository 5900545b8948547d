import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { col, expr, functions as F, lit, type DataFrame, type SparkSession } from "../src/index.ts";
import { connect } from "./helpers.ts";

let spark: SparkSession;
let people: DataFrame;
let depts: DataFrame;

beforeAll(async () => {
  spark = await connect();
  people = await spark.createDataFrame(
    [
      { id: 1, name: "ann", dept: 10, salary: 100.5, bonus: null },
      { id: 2, name: "bob", dept: 20, salary: 80, bonus: 5 },
      { id: 3, name: "cid", dept: 10, salary: 120, bonus: null },
      { id: 4, name: "dee", dept: 30, salary: 95, bonus: 7 },
      { id: 5, name: "eve", dept: null, salary: 60, bonus: 1 },
    ],
    "id INT, name STRING, dept INT, salary DOUBLE, bonus INT",
  );
  depts = await spark.createDataFrame(
    [
      { dept: 10, dname: "eng" },
      { dept: 20, dname: "ops" },
      { dept: 40, dname: "hr" },
    ],
    "dept INT, dname STRING",
  );
});
afterAll(async () => {
  await spark?.stop();
});

const ids = async (df: DataFrame) => (await df.orderBy("id").collect()).map((r) => r.id);

describe("DataFrame transformations", () => {
  it("select, selectExpr, alias, arithmetic", async () => {
    expect(await people.select(col("id"), col("salary").multiply(2).alias("double"), col("id").plus(1).minus(lit(2)).divide(2).alias("d")).where(col("id").leq(2)).orderBy("id").collect()).toEqual([
      { id: 1, double: 201, d: 0 },
      { id: 2, double: 160, d: 0.5 },
    ]);
    expect(await people.selectExpr("id * 10 AS x", "upper(name) AS n").orderBy("x").limit(2).collect()).toEqual([
      { x: 10, n: "ANN" },
      { x: 20, n: "BOB" },
    ]);
    expect(await people.select(col("id").mod(2).alias("m"), col("id").negate().alias("neg")).where("id = 3").collect()).toEqual([{ m: 1, neg: -3 }]);
  });

  it("filter/where with comparisons, and/or/not, null checks, like/rlike, isin, between", async () => {
    expect(await ids(people.filter(col("salary").gt(90).and(col("dept").equalTo(10))))).toEqual([1, 3]);
    expect(await ids(people.where(col("dept").eq(20).or(col("id").geq(5))))).toEqual([2, 5]);
    expect(await ids(people.filter(col("dept").eq(10).not()))).toEqual([2, 4]); // null dept: NOT(NULL) is NULL
    expect(await ids(people.filter(col("dept").isNull()))).toEqual([5]);
    expect(await ids(people.filter(col("bonus").isNotNull()))).toEqual([2, 4, 5]);
    expect(await ids(people.filter(col("name").like("%e%")))).toEqual([4, 5]);
    expect(await ids(people.filter(col("name").rlike("^[ab]")))).toEqual([1, 2]);
    expect(await ids(people.filter(col("id").isin(2, 4, 9)))).toEqual([2, 4]);
    expect(await ids(people.filter(col("salary").between(80, 100.5)))).toEqual([1, 2, 4]);
    expect(await ids(people.filter(col("id").ne(1).and(col("id").lt(3))))).toEqual([2]);
    expect(await ids(people.filter(col("dept").eqNullSafe(null)))).toEqual([5]);
    expect(await ids(people.filter("salary < 90"))).toEqual([2, 5]);
  });

  it("withColumn(s), withColumnRenamed, drop, cast, when/otherwise", async () => {
    const df = people
      .withColumn("band", F.when(col("salary").geq(100), "high").when(col("salary").geq(80), "mid").otherwise("low"))
      .withColumns({ sid: col("id").cast("string"), half: col("salary").divide(2).cast("int") })
      .withColumnRenamed("name", "who")
      .drop("dept", "bonus", col("salary"));
    expect(await df.orderBy("id").collect()).toEqual([
      { id: 1, who: "ann", band: "high", sid: "1", half: 50 },
      { id: 2, who: "bob", band: "mid", sid: "2", half: 40 },
      { id: 3, who: "cid", band: "high", sid: "3", half: 60 },
      { id: 4, who: "dee", band: "mid", sid: "4", half: 47 },
      { id: 5, who: "eve", band: "low", sid: "5", half: 30 },
    ]);
    expect(await df.columns()).toEqual(["id", "who", "band", "sid", "half"]);
    expect(await people.toDF("a", "b", "c", "d", "e").columns()).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("groupBy/agg with the usual aggregates, dict form, count(), and global agg", async () => {
    const rows = await people
      .groupBy("dept")
      .agg(F.count("*").alias("n"), F.sum("salary").alias("total"), F.avg("salary").alias("avg"), F.min("id").alias("lo"), F.max("name").alias("hi"), F.collect_list("name").alias("names"), F.count_distinct("bonus").alias("nb"))
      .orderBy(col("dept").asc_nulls_last())
      .collect();
    expect(rows).toEqual([
      { dept: 10, n: 2n, total: 220.5, avg: 110.25, lo: 1, hi: "cid", names: ["ann", "cid"], nb: 0n },
      { dept: 20, n: 1n, total: 80, avg: 80, lo: 2, hi: "bob", names: ["bob"], nb: 1n },
      { dept: 30, n: 1n, total: 95, avg: 95, lo: 4, hi: "dee", names: ["dee"], nb: 1n },
      { dept: null, n: 1n, total: 60, avg: 60, lo: 5, hi: "eve", names: ["eve"], nb: 1n },
    ]);
    expect(await people.groupBy("dept").agg({ salary: "max" }).orderBy(col("dept").desc_nulls_first()).collect()).toEqual([
      { dept: null, "max(salary)": 60 },
      { dept: 30, "max(salary)": 95 },
      { dept: 20, "max(salary)": 80 },
      { dept: 10, "max(salary)": 120 },
    ]);
    expect(await people.groupBy("dept").count().orderBy(col("dept").asc_nulls_first()).collect()).toEqual([
      { dept: null, count: 1n },
      { dept: 10, count: 2n },
      { dept: 20, count: 1n },
      { dept: 30, count: 1n },
    ]);
    expect(await people.agg(F.sum("bonus").alias("b"), F.stddev("id").alias("sd")).collect()).toEqual([{ b: 13n, sd: Math.sqrt(2.5) }]);
    expect(await people.groupBy().sum("id").collect()).toEqual([{ "sum(id)": 15n }]);
  });

  it("orderBy/sort with asc/desc and nulls first/last, limit and offset", async () => {
    expect((await people.orderBy(col("bonus").asc()).collect()).map((r) => r.id)).toEqual([1, 3, 5, 2, 4].slice(0, 2).concat([5, 2, 4])); // nulls first by default
    expect((await people.sort(col("bonus").asc_nulls_last(), "id").collect()).map((r) => r.id)).toEqual([5, 2, 4, 1, 3]);
    expect((await people.sort(col("bonus").desc(), col("id").desc()).collect()).map((r) => r.id)).toEqual([4, 2, 5, 3, 1]);
    expect((await people.sort(F.desc_nulls_first("bonus"), "id").collect()).map((r) => r.id)).toEqual([1, 3, 4, 2, 5]);
    expect((await people.orderBy("id").offset(1).limit(2).collect()).map((r) => r.id)).toEqual([2, 3]);
  });

  it("joins of every type, on names, lists or a condition", async () => {
    const j = async (how: Parameters<DataFrame["join"]>[2]) => (await people.join(depts, "dept", how).select("id", "dname").orderBy(col("id").asc_nulls_last(), "dname").collect()).map((r) => `${r.id}:${r.dname}`);
    expect(await j("inner")).toEqual(["1:eng", "2:ops", "3:eng"]);
    expect(await j("left")).toEqual(["1:eng", "2:ops", "3:eng", "4:null", "5:null"]);
    expect(await j("right")).toEqual(["1:eng", "2:ops", "3:eng", "null:hr"]);
    expect(await j("full")).toEqual(["1:eng", "2:ops", "3:eng", "4:null", "5:null", "null:hr"]);
    expect(await j("outer")).toEqual(await j("full_outer"));
    expect((await people.join(depts, ["dept"], "left_semi").orderBy("id").collect()).map((r) => r.id)).toEqual([1, 2, 3]);
    expect((await people.join(depts, "dept", "anti").orderBy("id").collect()).map((r) => r.id)).toEqual([4, 5]);
    expect(await people.crossJoin(depts).count()).toBe(15);
    expect(await people.join(depts, undefined, "cross").count()).toBe(15);
    const p = people.alias("p");
    const d = depts.alias("d");
    expect(await p.join(d, col("p.dept").eq(col("d.dept")).and(col("d.dname").ne("ops")), "inner").select("p.id", "d.dname").orderBy("id").collect()).toEqual([
      { id: 1, dname: "eng" },
      { id: 3, dname: "eng" },
    ]);
    // A self-join resolved through DataFrame-bound columns.
    const boss = people.select(col("id").alias("bid"), col("dept").alias("bdept"));
    expect(await people.join(boss, people.col("dept").eq(boss.col("bdept")).and(people.col("id").lt(boss.col("bid")))).select("id", "bid").collect()).toEqual([{ id: 1, bid: 3 }]);
  });

  it("union/unionByName, intersect/except, distinct, dropDuplicates", async () => {
    const a = spark.range(1, 5); // 1..4
    const b = spark.range(3, 7); // 3..6
    const sorted = async (df: DataFrame) => (await df.orderBy("id").collect()).map((r) => r.id);
    expect(await sorted(a.union(b))).toEqual([1n, 2n, 3n, 3n, 4n, 4n, 5n, 6n]);
    expect(await sorted(a.union(b).distinct())).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(await sorted(a.intersect(b))).toEqual([3n, 4n]);
    expect(await sorted(a.except(b))).toEqual([1n, 2n]);
    expect(await sorted(a.union(a).exceptAll(a))).toEqual([1n, 2n, 3n, 4n]);
    expect(await sorted(a.union(a).intersectAll(a.union(b)))).toEqual([1n, 2n, 3n, 3n, 4n, 4n]);
    const x = spark.sql("SELECT 1 AS a, 'x' AS b");
    const y = spark.sql("SELECT 'y' AS b, 2 AS a");
    expect(await x.unionByName(y).orderBy("a").collect()).toEqual([
      { a: 1, b: "x" },
      { a: 2, b: "y" },
    ]);
    expect(await x.unionByName(spark.sql("SELECT 3 AS a"), true).orderBy("a").collect()).toEqual([
      { a: 1, b: "x" },
      { a: 3, b: null },
    ]);
    expect((await people.dropDuplicates(["dept"]).collect()).length).toBe(4);
    expect(await people.select("dept").distinct().count()).toBe(4);
  });

  it("sample, repartition/coalesce, describe/summary", async () => {
    const r = spark.range(0, 1000);
    const s1 = await r.sample(0.1, { seed: 7 }).collect();
    const s2 = await r.sample(0.1, { seed: 7 }).collect();
    expect(s1).toEqual(s2);
    expect(s1.length).toBeGreaterThan(50);
    expect(s1.length).toBeLessThan(150);
    const parts = async (df: DataFrame) => (await df.select(F.spark_partition_id().alias("p")).distinct().count());
    expect(await parts(r.repartition(5))).toBe(5);
    expect(await parts(r.repartition(3, "id"))).toBe(3);
    expect(await parts(r.repartition(6).coalesce(2))).toBe(2);
    expect(await people.describe("salary").collect()).toEqual([
      { summary: "count", salary: "5" },
      { summary: "mean", salary: "91.1" },
      { summary: "stddev", salary: "22.523321247098526" },
      { summary: "min", salary: "60.0" },
      { summary: "max", salary: "120.0" },
    ]);
    expect(await people.select("id").summary("count", "min", "50%", "max").collect()).toEqual([
      { summary: "count", id: "5" },
      { summary: "min", id: "1" },
      { summary: "50%", id: "3" },
      { summary: "max", id: "5" },
    ]);
  });

  it("na.fill / fillna / na.drop / dropna / na.replace", async () => {
    expect((await people.fillna(0).orderBy("id").collect()).map((r) => [r.dept, r.bonus])).toEqual([
      [10, 0],
      [20, 5],
      [10, 0],
      [30, 7],
      [0, 1],
    ]);
    expect((await people.na.fill({ bonus: -1 }).orderBy("id").collect()).map((r) => [r.dept, r.bonus])).toEqual([
      [10, -1],
      [20, 5],
      [10, -1],
      [30, 7],
      [null, 1],
    ]);
    expect(await ids(people.dropna())).toEqual([2, 4]);
    expect(await ids(people.dropna({ subset: ["dept"] }))).toEqual([1, 2, 3, 4]);
    expect(await ids(people.na.drop({ how: "all", subset: ["dept", "bonus"] }))).toEqual([1, 2, 3, 4, 5]);
    expect(await ids(people.dropna({ thresh: 5 }))).toEqual([2, 4]);
    expect((await people.na.replace({ ann: "ANN", bob: null }, ["name"]).orderBy("id").limit(2).collect()).map((r) => r.name)).toEqual(["ANN", null]);
  });
});

describe("columns and functions", () => {
  it("string, math, date and collection functions, expr and call_function", async () => {
    const [row] = await spark
      .sql("SELECT ' Hello World ' AS s, -7.5 AS x, DATE'2024-02-28' AS d, TIMESTAMP'2024-03-01 10:20:30' AS t, array(3, 1, 2) AS a")
      .select(
        F.trim("s").alias("trim"),
        F.upper(F.trim("s")).alias("up"),
        F.lower("s").alias("low"),
        F.length("s").alias("len"),
        F.substring("s", 2, 5).alias("sub"),
        F.concat_ws("-", lit("a"), lit("b")).alias("cws"),
        F.regexp_replace("s", "o", "0").alias("re"),
        F.split(F.trim("s"), " ").alias("parts"),
        F.abs("x").alias("abs"),
        F.round("x").alias("round"),
        F.floor("x").alias("floor"),
        F.ceil("x").alias("ceil"),
        F.sqrt(lit(16)).alias("sqrt"),
        F.pow("x", 2).alias("pow"),
        F.date_add("d", 2).alias("dadd"),
        F.year("d").alias("y"),
        F.month("t").alias("m"),
        F.dayofmonth("t").alias("dom"),
        F.hour("t").alias("h"),
        F.datediff(lit("2024-03-01").cast("date"), col("d")).alias("diff"),
        F.date_format("t", "yyyy/MM/dd HH:mm").alias("fmt"),
        F.to_date(lit("01.02.2023"), "dd.MM.yyyy").alias("todate"),
        F.size("a").alias("size"),
        F.sort_array("a").alias("sorted"),
        F.array_contains("a", 2).alias("has2"),
        F.element_at("a", 1).alias("first"),
        F.coalesce(lit(null), lit("z")).alias("coal"),
        expr("a[1] + 100").alias("ex"),
        F.call_function("greatest", lit(1), lit(9), lit(4)).alias("cf"),
      )
      .collect();
    expect(row).toEqual({
      trim: "Hello World",
      up: "HELLO WORLD",
      low: " hello world ",
      len: 13,
      sub: "Hello",
      cws: "a-b",
      re: " Hell0 W0rld ",
      parts: ["Hello", "World"],
      abs: "7.5",
      round: "-8",
      floor: "-8", // floor/ceil of a DECIMAL are DECIMAL(p, 0)
      ceil: "-7",
      sqrt: 4,
      pow: 56.25,
      dadd: new Date("2024-03-01T00:00:00Z"),
      y: 2024,
      m: 3,
      dom: 1,
      h: 10,
      diff: 2,
      fmt: "2024/03/01 10:20",
      todate: new Date("2023-02-01T00:00:00Z"),
      size: 3,
      sorted: [1, 2, 3],
      has2: true,
      first: 3,
      coal: "z",
      ex: 101,
      cf: 9,
    });
  });

  it("lit of arrays, maps, structs; getItem/getField; isNaN; window functions through over()", async () => {
    const [row] = await spark
      .range(1)
      .select(lit([1, 2]).alias("arr"), lit(new Map([["k", 1]])).alias("m"), lit({ a: 1, b: "x" }).alias("st"), lit({ a: 1, b: "x" }).getField("b").alias("b"), lit([5, 6]).getItem(1).alias("i"), lit(Number.NaN).isNaN().alias("nan"))
      .collect();
    expect(row).toEqual({ arr: [1, 2], m: new Map([["k", 1]]), st: { a: 1, b: "x" }, b: "x", i: 6, nan: true });
    const ranked = await people
      .select("id", F.row_number().over({ partitionSpec: [col("dept").expression], orderSpec: [col("salary").desc().expression] }).alias("rn"))
      .orderBy("id")
      .collect();
    expect(ranked.map((r) => r.rn)).toEqual([2, 1, 1, 1, 1]);
  });
});

describe("DataFrame actions", () => {
  it("count, first, take, head, isEmpty", async () => {
    expect(await people.count()).toBe(5);
    expect(await people.orderBy("id").first()).toEqual({ id: 1, name: "ann", dept: 10, salary: 100.5, bonus: null });
    expect((await people.orderBy("id").take(2)).map((r) => r.id)).toEqual([1, 2]);
    expect((await people.orderBy(col("id").desc()).head(1)).map((r) => r.id)).toEqual([5]);
    expect(await people.filter("id > 100").first()).toBeUndefined();
    expect(await people.isEmpty()).toBe(false);
    expect(await people.filter("id > 100").isEmpty()).toBe(true);
  });

  it("show prints Spark's table; showString with truncate and vertical", async () => {
    const df = spark.sql("SELECT 1 AS n, 'a long string value, longer than twenty' AS s");
    expect(await df.showString()).toBe(
      ["+---+--------------------+", "|  n|                   s|", "+---+--------------------+", "|  1|a long string val...|", "+---+--------------------+", ""].join("\n"),
    );
    expect(await df.showString(20, { truncate: false })).toContain("|a long string value, longer than twenty|");
    expect(await df.showString(20, { vertical: true })).toBe("-RECORD 0-------------------\n n   | 1                    \n s   | a long string val... \n");
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      await spark.range(2).show();
    } finally {
      process.stdout.write = original;
    }
    expect(written.join("")).toBe("+---+\n| id|\n+---+\n|  0|\n|  1|\n+---+\n");
  });

  it("schema, columns, explain", async () => {
    expect(await people.schema()).toEqual({
      type: "struct",
      fields: [
        { name: "id", dataType: { type: "integer" }, nullable: true },
        { name: "name", dataType: { type: "string" }, nullable: true },
        { name: "dept", dataType: { type: "integer" }, nullable: true },
        { name: "salary", dataType: { type: "double" }, nullable: true },
        { name: "bonus", dataType: { type: "integer" }, nullable: true },
      ],
    });
    const plan = await spark.range(10).filter(col("id").gt(3)).explain("simple", { print: false });
    expect(plan).toMatch(/^== Physical Plan ==/);
    expect(plan).toContain("Filter (id#");
    expect(plan).toContain("Range (0, 10, step=1");
    expect(await spark.range(1).explain("extended", { print: false })).toContain("== Parsed Logical Plan ==");
  });

  it("toArrow returns an apache-arrow Table with exact types", async () => {
    const table = await spark.sql("SELECT 9007199254740993 AS big, CAST('12345678901234567890.123' AS DECIMAL(38,3)) AS d, TIMESTAMP'2024-01-02 03:04:05.123456' AS ts").toArrow();
    expect(table.numRows).toBe(1);
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["big:Int64", "d:Decimal[38e+3]", "ts:Timestamp<MICROSECOND, UTC>"]);
    expect(table.getChild("big")!.get(0)).toBe(9007199254740993n);
    expect((table.getChild("ts")!.data[0]!.values as BigInt64Array)[0]).toBe(1704164645123456n);
  });

  it("temp views and SQL over them; execSql runs statements", async () => {
    await people.createOrReplaceTempView("people_v");
    expect(await spark.sql("SELECT count(*) AS c FROM people_v WHERE dept = :d", { d: 10 }).collect()).toEqual([{ c: 2n }]);
    await spark.execSql("CREATE OR REPLACE TEMP VIEW v2 AS SELECT 42 AS answer");
    expect(await spark.table("v2").collect()).toEqual([{ answer: 42 }]);
  });
});
