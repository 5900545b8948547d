import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AnalysisException,
  ArithmeticException,
  NumberFormatException,
  OperationCancelledError,
  ParseException,
  SparkConnectError,
  col,
  functions as F,
  type SparkSession,
} from "../src/index.ts";
import { connect } from "./helpers.ts";

let spark: SparkSession;
beforeAll(async () => {
  spark = await connect();
});
afterAll(async () => {
  await spark?.stop();
});

async function failure(p: Promise<unknown>): Promise<SparkConnectError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SparkConnectError);
  return err as SparkConnectError;
}

describe("errors are typed with Spark's error class and SQL state", () => {
  it("bad SQL is a ParseException PARSE_SYNTAX_ERROR / 42601", async () => {
    const err = await failure(spark.sql("SELEC 1").collect());
    expect(err).toBeInstanceOf(ParseException);
    expect(err).toBeInstanceOf(AnalysisException);
    expect(err.code).toBe("SERVER_ERROR");
    expect(err.errorClass).toBe("PARSE_SYNTAX_ERROR");
    expect(err.sqlState).toBe("42601");
    expect(err.messageParameters).toEqual({ error: "'SELEC'", hint: "" });
    expect(err.message).toMatch(/^\[PARSE_SYNTAX_ERROR\] Syntax error at or near 'SELEC'\. SQLSTATE: 42601/);
    expect(err.message).not.toMatch(/\[unknown\]|\[internal\]|grpc/i);
  });

  it("a missing table is an AnalysisException TABLE_OR_VIEW_NOT_FOUND / 42P01", async () => {
    const err = await failure(spark.table("no_such_table").collect());
    expect(err).toBeInstanceOf(AnalysisException);
    expect(err).not.toBeInstanceOf(ParseException);
    expect(err.errorClass).toBe("TABLE_OR_VIEW_NOT_FOUND");
    expect(err.sqlState).toBe("42P01");
    expect(err.messageParameters).toMatchObject({ relationName: "`no_such_table`" });
    expect(err.message).toMatch(/^\[TABLE_OR_VIEW_NOT_FOUND\] The table or view `no_such_table` cannot be found/);
  });

  it("a missing column is UNRESOLVED_COLUMN.WITH_SUGGESTION / 42703", async () => {
    const err = await failure(spark.range(3).select(col("nope")).collect());
    expect(err).toBeInstanceOf(AnalysisException);
    expect(err.errorClass).toBe("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    expect(err.sqlState).toBe("42703");
  });

  it("a failed cast under ANSI mode is CAST_INVALID_INPUT / 22018 (NumberFormatException)", async () => {
    expect(await spark.conf.get("spark.sql.ansi.enabled")).toBe("true");
    const err = await failure(spark.sql("SELECT CAST('abc' AS INT) AS x").collect());
    expect(err).toBeInstanceOf(NumberFormatException);
    expect(err.errorClass).toBe("CAST_INVALID_INPUT");
    expect(err.sqlState).toBe("22018");
    expect(err.messageParameters).toMatchObject({ expression: "'abc'", sourceType: '"STRING"', targetType: '"INT"' });
    // The same through the DataFrame API.
    const viaColumn = await failure(spark.range(1).select(F.lit("x1").cast("bigint")).collect());
    expect(viaColumn.errorClass).toBe("CAST_INVALID_INPUT");
  });

  it("division by zero under ANSI mode is DIVIDE_BY_ZERO / 22012 (ArithmeticException)", async () => {
    const err = await failure(spark.sql("SELECT 1 / 0 AS x").collect());
    expect(err).toBeInstanceOf(ArithmeticException);
    expect(err.errorClass).toBe("DIVIDE_BY_ZERO");
    expect(err.sqlState).toBe("22012");
  });

  it("client-side bad input is INVALID_ARGUMENT naming the field and the allowed values, before any call", async () => {
    expect(() => spark.range(10).limit(-1)).toThrow(/^limit: must be an integer from 0 to 2147483647, got -1$/);
    expect(() => spark.range(1).join(spark.range(1), "id", "sideways" as never)).toThrow(/join\.how: must be one of inner, cross, outer, .*, got "sideways"/);
    expect(() => spark.range(1).write.mode("replace" as never)).toThrow(/write\.mode: must be one of append, overwrite, error, errorifexists, ignore/);
    const err = await failure(spark.createDataFrame([{ a: 1 }, { a: "x" }]));
    expect(err.code).toBe("INVALID_ARGUMENT");
    expect(err.message).toBe("createDataFrame: rows.a: values of different types (integer and string); give a schema");
    const bad = await failure(spark.createDataFrame([{ d: "1.234" }], "d DECIMAL(5,2)"));
    expect(bad.message).toBe("createDataFrame: rows.d[0]: 1.234 has more than 2 fraction digits (decimal(5,2))");
  });
});

describe("cancellation", () => {
  it("an AbortSignal stops a long query on the server", async () => {
    const started = Date.now();
    const controller = new AbortController();
    // Hours of work on two cores: a 10^12-row cross join, summed.
    const long = spark.range(0, 1_000_000).crossJoin(spark.range(0, 1_000_000).withColumnRenamed("id", "j")).agg(F.sum(col("id").plus(col("j"))).alias("s"));
    const pending = long.collect({ signal: controller.signal, tags: ["long-query"] });
    setTimeout(() => controller.abort(), 3_000);
    const err = await failure(pending);
    expect(err).toBeInstanceOf(OperationCancelledError);
    expect(err.code).toBe("CANCELLED");
    // The server acknowledged interrupting this very operation.
    expect((err as OperationCancelledError).interruptedOnServer).toBe(true);
    expect(err.message).toMatch(/^operation [0-9a-f-]{36} was cancelled by the caller's AbortSignal and interrupted on the server$/);
    expect(Date.now() - started).toBeLessThan(60_000);
    // The server no longer runs an operation with the query's tag: nothing is left to interrupt…
    expect(await spark.interruptTag("long-query")).toEqual([]);
    // …and the two cores are free again: with FIFO scheduling the hours-long job, were it still running,
    // would hold this one back far beyond the bound (which leaves room for a busy machine).
    const next = Date.now();
    expect(await spark.range(100).count()).toBe(100);
    expect(Date.now() - next).toBeLessThan(90_000);
  });

  it("interruptAll interrupts a running query from elsewhere", async () => {
    const long = spark.range(0, 200_000).crossJoin(spark.range(0, 200_000).withColumnRenamed("id", "j")).agg(F.sum(col("id").plus(col("j"))).alias("s"));
    const pending = long.collect();
    await new Promise((r) => setTimeout(r, 3_000));
    const interrupted = await spark.interruptAll();
    expect(interrupted.length).toBe(1);
    const err = await failure(pending);
    expect(err).toBeInstanceOf(OperationCancelledError);
    expect(err.errorClass).toBe("OPERATION_CANCELED");
  });

  it("an already-aborted signal sends nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(spark.range(1).collect({ signal: controller.signal })).rejects.toThrow();
  });
});
