import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SparkSession } from "../src/index.ts";
import { connect } from "./helpers.ts";

let spark: SparkSession;
beforeAll(async () => {
  spark = await connect();
});
afterAll(async () => {
  await spark?.stop();
});

const SCHEMA = [
  "b BOOLEAN",
  "i8 TINYINT",
  "i16 SMALLINT",
  "i32 INT",
  "i64 BIGINT",
  "f32 FLOAT",
  "f64 DOUBLE",
  "dec DECIMAL(38,10)",
  "s STRING",
  "bin BINARY",
  "d DATE",
  "ts TIMESTAMP",
  "ntz TIMESTAMP_NTZ",
  "arr ARRAY<INT>",
  "nested ARRAY<ARRAY<STRING>>",
  "m MAP<STRING, BIGINT>",
  "st STRUCT<x: INT, y: STRING, z: ARRAY<DECIMAL(5,2)>>",
].join(", ");

const ROWS = [
  {
    b: true,
    i8: -128,
    i16: 32767,
    i32: -2147483648,
    i64: 9223372036854775807n,
    f32: 1.5,
    f64: -0.1,
    dec: "1234567890123456789012345678.0123456789",
    s: "héllo, 世界 😀",
    bin: new Uint8Array([0, 1, 254, 255]),
    d: new Date("1969-07-20T00:00:00Z"),
    ts: new Date("2024-02-29T23:59:59.999Z"),
    ntz: new Date("1900-01-01T12:00:00Z"),
    arr: [1, null, 3],
    nested: [["a"], [], ["b", "c"]],
    m: new Map<string, bigint | null>([
      ["one", 1n],
      ["none", null],
    ]),
    st: { x: 7, y: null, z: ["1.50", "-999.99"] },
  },
  {
    b: false,
    i8: 127,
    i16: -32768,
    i32: 2147483647,
    i64: -9223372036854775808n,
    f32: -0,
    f64: 1e308,
    dec: "-0.0000000001",
    s: "",
    bin: new Uint8Array([]),
    d: new Date("9999-12-31T00:00:00Z"),
    ts: new Date("1950-06-15T08:30:00.001Z"),
    ntz: new Date("2024-01-02T03:04:05.678Z"),
    arr: [],
    nested: [],
    m: new Map(),
    st: { x: null, y: "y", z: [] },
  },
  Object.fromEntries(["b", "i8", "i16", "i32", "i64", "f32", "f64", "dec", "s", "bin", "d", "ts", "ntz", "arr", "nested", "m", "st"].map((c) => [c, null])),
];

describe("every type round-trips: createDataFrame → collect", () => {
  it("returns exactly the values sent (README type mapping)", async () => {
    const df = await spark.createDataFrame(ROWS, SCHEMA);
    const back = await df.orderBy(df.col("i32").asc_nulls_last()).collect();
    expect(back).toEqual([ROWS[0], ROWS[1], ROWS[2]]);
    // Longs beyond 2^53 and decimals beyond double precision stay exact.
    expect(back[0]!.i64).toBe(9223372036854775807n);
    expect(back[0]!.dec).toBe("1234567890123456789012345678.0123456789");
  });

  it("the server sees the declared types and values (checked in SQL on the server)", async () => {
    const df = await spark.createDataFrame(ROWS.slice(0, 1), SCHEMA);
    await df.createOrReplaceTempView("all_types");
    expect(
      await spark
        .sql(
          `SELECT typeof(i64) AS t64, i64 = 9223372036854775807 AS max_long, dec * 10 AS dec10, d = DATE'1969-07-20' AS moon,
                  ts = TIMESTAMP'2024-02-29 23:59:59.999' AS leap, CAST(ntz AS STRING) AS ntz_text, hex(bin) AS hex,
                  m['one'] AS one, st.z[1] AS z1, length(s) AS len, typeof(st) AS tst
           FROM all_types`,
        )
        .collect(),
    ).toEqual([
      {
        t64: "bigint",
        max_long: true,
        dec10: "12345678901234567890123456780.1234568", // Spark's DECIMAL(38) arithmetic rounds to 38 digits
        moon: true,
        leap: true,
        ntz_text: "1900-01-01 12:00:00",
        hex: "0001FEFF",
        one: 1n,
        z1: "-999.99",
        len: 11,
        tst: "struct<x:int,y:string,z:array<decimal(5,2)>>",
      },
    ]);
  });

  it("infers a schema from JS values", async () => {
    const df = await spark.createDataFrame([
      { n: 1, x: 1.5, big: 2n, s: "a", ok: true, when: new Date("2024-01-01T00:00:00Z"), tags: ["a"], attrs: new Map([["k", "v"]]), pt: { x: 1, y: 2 } },
      { n: 2, x: 2, big: null, s: null, ok: false, when: null, tags: [], attrs: new Map(), pt: null },
    ]);
    expect((await df.schema()).fields.map((f) => `${f.name} ${f.dataType.type}`)).toEqual([
      "n integer",
      "x double",
      "big long",
      "s string",
      "ok boolean",
      "when timestamp",
      "tags array",
      "attrs map",
      "pt struct",
    ]);
    expect(await df.orderBy("n").collect()).toEqual([
      { n: 1, x: 1.5, big: 2n, s: "a", ok: true, when: new Date("2024-01-01T00:00:00Z"), tags: ["a"], attrs: new Map([["k", "v"]]), pt: { x: 1, y: 2 } },
      { n: 2, x: 2, big: null, s: null, ok: false, when: null, tags: [], attrs: new Map(), pt: null },
    ]);
  });

  it("reads Spark-made values of every type, with the documented time zone rule", async () => {
    const [row] = await spark
      .sql(
        `SELECT CAST(1 AS TINYINT) AS t, 12345678901234567 AS l, CAST(-12.345 AS DECIMAL(10,3)) AS dec, CAST(0 AS DECIMAL(3,0)) AS zero,
                DATE'2000-02-29' AS d, TIMESTAMP'2000-02-29 13:14:15.123456' AS ts, TIMESTAMP_NTZ'2000-02-29 13:14:15' AS ntz,
                X'CAFE' AS bin, INTERVAL '1 02:03:04.5' DAY TO SECOND AS dt, INTERVAL '1-2' YEAR TO MONTH AS ym,
                map(1, 'a', 2, NULL) AS m, named_struct('a', array(named_struct('b', 1))) AS deep, CAST(NULL AS STRING) AS n`,
      )
      .collect();
    expect(row).toEqual({
      t: 1,
      l: 12345678901234567n,
      dec: "-12.345",
      zero: "0",
      d: new Date("2000-02-29T00:00:00Z"),
      ts: new Date("2000-02-29T13:14:15.123Z"), // session time zone UTC: the text is read as UTC
      ntz: new Date("2000-02-29T13:14:15Z"),
      bin: new Uint8Array([0xca, 0xfe]),
      dt: 93784500000n,
      ym: 14,
      m: new Map([
        [1, "a"],
        [2, null],
      ]),
      deep: { a: [{ b: 1 }] },
      n: null,
    });
    // In another session time zone the same text is another instant; the Date is that instant.
    const tokyo = await connect({ "spark.sql.session.timeZone": "Asia/Tokyo" });
    try {
      const [t] = await tokyo.sql("SELECT TIMESTAMP'2000-02-29 13:14:15' AS ts, DATE'2000-02-29' AS d").collect();
      expect(t).toEqual({ ts: new Date("2000-02-29T04:14:15Z"), d: new Date("2000-02-29T00:00:00Z") });
    } finally {
      await tokyo.stop();
    }
  });
});
