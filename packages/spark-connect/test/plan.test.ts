// Plan building needs no server: DataFrames are plain Spark Connect Relation messages.
import { toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { SparkConnectClient } from "../src/connect/client.ts";
import { parseConnectionString } from "../src/connect/connection-string.ts";
import { RelationSchema } from "../src/gen/spark/connect/relations_pb.ts";
import { col, expr, functions as F, lit, SparkConnectError, SparkSession, type DataFrame } from "../src/index.ts";

const spark = new SparkSession(new SparkConnectClient(parseConnectionString("sc://127.0.0.1:1")));

/** The relation as JSON with plan ids replaced by their order of appearance. */
function plan(df: DataFrame): unknown {
  const ids = new Map<string, number>();
  const json = JSON.stringify(toJson(RelationSchema, df.plan), (key, value) => {
    if (key === "planId") {
      if (!ids.has(value)) ids.set(value, ids.size);
      return ids.get(value);
    }
    return value;
  });
  return JSON.parse(json);
}

const attr = (name: string) => ({ unresolvedAttribute: { unparsedIdentifier: name } });
const fn = (name: string, ...args: unknown[]) => ({ unresolvedFunction: { functionName: name, arguments: args } });

describe("plan building", () => {
  it("sql with named and positional parameters", () => {
    expect(plan(spark.sql("SELECT :a", { a: 1 }))).toEqual({ common: { planId: 0 }, sql: { query: "SELECT :a", namedArguments: { a: { literal: { integer: 1 } } } } });
    expect(plan(spark.sql("SELECT ?, ?", [2n ** 40n, "x"]))).toEqual({
      common: { planId: 0 },
      sql: { query: "SELECT ?, ?", posArguments: [{ literal: { long: "1099511627776" } }, { literal: { string: "x" } }] },
    });
  });

  it("filter, select with operators, alias, cast and sort orders over a range", () => {
    const df = spark
      .range(10)
      .filter(col("id").gt(2).and(col("id").notEqual(5)))
      .select(col("id").plus(1).alias("next"), col("id").cast("string"), expr("id * 2"))
      .orderBy(col("next").desc(), "id");
    expect(plan(df)).toEqual({
      common: { planId: 0 },
      sort: {
        input: {
          common: { planId: 1 },
          project: {
            input: {
              common: { planId: 2 },
              filter: {
                input: { common: { planId: 3 }, range: { start: "0", end: "10", step: "1" } },
                condition: fn("and", fn(">", attr("id"), { literal: { integer: 2 } }), fn("not", fn("==", attr("id"), { literal: { integer: 5 } }))),
              },
            },
            expressions: [
              { alias: { expr: fn("+", attr("id"), { literal: { integer: 1 } }), name: ["next"] } },
              { cast: { expr: attr("id"), typeStr: "string" } },
              { expressionString: { expression: "id * 2" } },
            ],
          },
        },
        order: [
          { child: attr("next"), direction: "SORT_DIRECTION_DESCENDING", nullOrdering: "SORT_NULLS_LAST" },
          { child: attr("id"), direction: "SORT_DIRECTION_ASCENDING", nullOrdering: "SORT_NULLS_FIRST" },
        ],
        isGlobal: true,
      },
    });
  });

  it("joins, set operations, aggregates and dedup map to their relations", () => {
    const a = spark.range(3);
    const b = spark.range(5);
    expect(plan(a.join(b, "id", "left_anti"))).toMatchObject({ join: { joinType: "JOIN_TYPE_LEFT_ANTI", usingColumns: ["id"] } });
    expect(plan(a.join(b, a.col("id").eq(b.col("id")), "full"))).toMatchObject({
      join: { joinType: "JOIN_TYPE_FULL_OUTER", joinCondition: fn("==", { unresolvedAttribute: { unparsedIdentifier: "id", planId: 1 } }, { unresolvedAttribute: { unparsedIdentifier: "id", planId: 2 } }) },
    });
    expect(plan(a.unionByName(b, true))).toMatchObject({ setOp: { setOpType: "SET_OP_TYPE_UNION", isAll: true, byName: true, allowMissingColumns: true } });
    expect(plan(a.except(b))).toMatchObject({ setOp: { setOpType: "SET_OP_TYPE_EXCEPT", isAll: false } });
    expect(plan(a.groupBy("id").agg(F.count_distinct("id").alias("n")))).toMatchObject({
      aggregate: {
        groupType: "GROUP_TYPE_GROUPBY",
        groupingExpressions: [attr("id")],
        aggregateExpressions: [{ alias: { expr: { unresolvedFunction: { functionName: "count", arguments: [attr("id")], isDistinct: true } }, name: ["n"] } }],
      },
    });
    expect(plan(a.dropDuplicates(["id"]))).toMatchObject({ deduplicate: { columnNames: ["id"] } });
    expect(plan(a.distinct())).toMatchObject({ deduplicate: { allColumnsAsKeys: true } });
    expect(plan(a.na.fill(0))).toMatchObject({ fillNa: { values: [{ long: "0" }] } });
    expect(plan(a.limit(2).offset(1))).toMatchObject({ offset: { offset: 1, input: { limit: { limit: 2 } } } });
  });

  it("when/otherwise, isin, between, like and literals of every JS kind", () => {
    const c = F.when(col("x").isin(1, 2), "small").otherwise(lit(null));
    expect(toJson(RelationSchema, spark.range(1).select(c).plan)).toMatchObject({
      project: { expressions: [fn("when", fn("in", attr("x"), { literal: { integer: 1 } }, { literal: { integer: 2 } }), { literal: { string: "small" } }, { literal: { null: { null: {} } } })] },
    });
    const lits = spark.range(1).select(lit(true), lit(1.5), lit(3_000_000_000), lit(new Date(Date.UTC(2024, 0, 1))), lit(new Uint8Array([1])), lit([1]), lit({ a: 1 }));
    expect((toJson(RelationSchema, lits.plan) as { project: { expressions: unknown[] } }).project.expressions).toEqual([
      { literal: { boolean: true } },
      { literal: { double: 1.5 } },
      { literal: { long: "3000000000" } },
      { literal: { timestamp: "1704067200000000" } },
      { literal: { binary: "AQ==" } },
      fn("array", { literal: { integer: 1 } }),
      fn("named_struct", { literal: { string: "a" } }, { literal: { integer: 1 } }),
    ]);
  });

  it("rejects bad arguments before anything is sent, naming the field", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(SparkConnectError);
        expect((e as SparkConnectError).code).toBe("INVALID_ARGUMENT");
        return (e as Error).message;
      }
      throw new Error("no error");
    };
    expect(err(() => spark.range(1).limit(1.5))).toBe("limit: must be an integer from 0 to 2147483647, got 1.5");
    expect(err(() => spark.range(1, 2, 0))).toBe("range.step: must not be 0");
    expect(err(() => spark.sql(""))).toBe("sql: query must be a non-empty string");
    expect(err(() => spark.range(1).sample(2))).toBe("sample.fraction: must be in [0, 1] (or ≥ 0 with replacement), got 2");
    expect(err(() => spark.range(1).dropna({ how: "some" as never }))).toBe('dropna.how: must be "any" or "all", got "some"');
    expect(err(() => lit(2n ** 70n))).toMatch(/^value: 1180591620717411303424 is outside the BIGINT range/);
  });
});
