import type { RecordBatch, Table } from "apache-arrow";
import { AnalyzePlanRequest_Explain_ExplainMode } from "../gen/spark/connect/base_pb.ts";
import type { Expression, Expression_SortOrder } from "../gen/spark/connect/expressions_pb.ts";
import { Join_JoinType, SetOperation_SetOpType, type Relation } from "../gen/spark/connect/relations_pb.ts";
import type { ExecuteOptions } from "../connect/client.ts";
import { SparkConnectError } from "../errors/spark-connect-error.ts";
import { col, colOf, Column, expr, lit, toColumn, type ColumnLike, type ColumnOrValue } from "../expr/column.ts";
import { toLiteral, type LiteralValue } from "../expr/literal.ts";
import { relation } from "../plan/relation.ts";
import { fromProto, type StructType } from "../types/data-type.ts";
import { tableToRows, type Row } from "../arrow/to-rows.ts";
import { loadArrow } from "../arrow/load-arrow.ts";
import type { SparkSession } from "./session.ts";
import { GroupedData } from "./grouped-data.ts";
import { DataFrameNaFunctions } from "./na-functions.ts";
import { DataFrameWriter } from "./writer.ts";

/** Join types, as Spark names them (aliases included). */
export type JoinType =
  | "inner"
  | "cross"
  | "outer"
  | "full"
  | "fullouter"
  | "full_outer"
  | "left"
  | "leftouter"
  | "left_outer"
  | "right"
  | "rightouter"
  | "right_outer"
  | "semi"
  | "leftsemi"
  | "left_semi"
  | "anti"
  | "leftanti"
  | "left_anti";

const JOIN_TYPES: Record<JoinType, Join_JoinType> = {
  inner: Join_JoinType.INNER,
  cross: Join_JoinType.CROSS,
  outer: Join_JoinType.FULL_OUTER,
  full: Join_JoinType.FULL_OUTER,
  fullouter: Join_JoinType.FULL_OUTER,
  full_outer: Join_JoinType.FULL_OUTER,
  left: Join_JoinType.LEFT_OUTER,
  leftouter: Join_JoinType.LEFT_OUTER,
  left_outer: Join_JoinType.LEFT_OUTER,
  right: Join_JoinType.RIGHT_OUTER,
  rightouter: Join_JoinType.RIGHT_OUTER,
  right_outer: Join_JoinType.RIGHT_OUTER,
  semi: Join_JoinType.LEFT_SEMI,
  leftsemi: Join_JoinType.LEFT_SEMI,
  left_semi: Join_JoinType.LEFT_SEMI,
  anti: Join_JoinType.LEFT_ANTI,
  leftanti: Join_JoinType.LEFT_ANTI,
  left_anti: Join_JoinType.LEFT_ANTI,
};

/** Explain modes of {@link DataFrame.explain}. */
export type ExplainMode = "simple" | "extended" | "codegen" | "cost" | "formatted";

/** Options of an action: cancellation and operation tags. */
export type ActionOptions = ExecuteOptions;

function invalid(path: string, message: string): SparkConnectError {
  return new SparkConnectError(`${path}: ${message}`, { code: "INVALID_ARGUMENT" });
}

function int32(path: string, n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) throw invalid(path, `must be an integer from 0 to 2147483647, got ${n}`);
  return n;
}

function sortOrders(cols: (ColumnLike | ColumnLike[])[]): Expression_SortOrder[] {
  return cols.flat().map((c) => {
    const e = colOf(c).expression;
    return (e.exprType.case === "sortOrder" ? e : colOf(c).asc().expression).exprType.value as Expression_SortOrder;
  });
}

/**
 * A distributed dataset of rows with a schema, built lazily on the server. Transformations return new
 * DataFrames and send nothing; actions (`collect`, `count`, `show`, `toArrow`, writes …) run the plan.
 */
export class DataFrame implements AsyncIterable<Row> {
  /** @internal */
  constructor(
    readonly session: SparkSession,
    /** @internal */ readonly plan: Relation,
  ) {}

  private get planId(): bigint {
    return this.plan.common!.planId!;
  }

  private with(kind: Parameters<typeof relation>[0], value: Record<string, unknown>): DataFrame {
    return new DataFrame(this.session, relation(kind, { input: this.plan, ...value }));
  }

  // ---- columns ----

  /** A column of this DataFrame, bound to it (resolves in self-joins). */
  col(name: string): Column {
    return col(name, this.planId);
  }

  // ---- transformations ----

  select(...cols: (ColumnLike | ColumnLike[])[]): DataFrame {
    return this.with("project", { expressions: cols.flat().map((c) => colOf(c).expression) });
  }

  /** Selects SQL expressions, e.g. `selectExpr("a * 2 AS b", "abs(c)")`. */
  selectExpr(...exprs: string[]): DataFrame {
    return this.with("project", { expressions: exprs.map((e) => expr(e).expression) });
  }

  /** Keeps rows matching a condition (a Column or a SQL string). */
  filter(condition: Column | string): DataFrame {
    return this.with("filter", { condition: (typeof condition === "string" ? expr(condition) : condition).expression });
  }

  where(condition: Column | string): DataFrame {
    return this.filter(condition);
  }

  withColumn(name: string, column: Column): DataFrame {
    return this.withColumns({ [name]: column });
  }

  withColumns(columns: Record<string, Column>): DataFrame {
    return this.with("withColumns", { aliases: Object.entries(columns).map(([name, c]) => ({ expr: c.expression, name: [name] })) });
  }

  withColumnRenamed(existing: string, renamed: string): DataFrame {
    return this.withColumnsRenamed({ [existing]: renamed });
  }

  withColumnsRenamed(renames: Record<string, string>): DataFrame {
    return this.with("withColumnsRenamed", { renames: Object.entries(renames).map(([colName, newColName]) => ({ colName, newColName })) });
  }

  /** Renames every column, in order. */
  toDF(...names: string[]): DataFrame {
    return this.with("toDf", { columnNames: names });
  }

  drop(...cols: ColumnLike[]): DataFrame {
    return this.with("drop", {
      columns: cols.filter((c): c is Column => typeof c !== "string").map((c) => c.expression),
      columnNames: cols.filter((c): c is string => typeof c === "string"),
    });
  }

  groupBy(...cols: (ColumnLike | ColumnLike[])[]): GroupedData {
    return new GroupedData(this, "groupby", cols.flat().map((c) => colOf(c)));
  }

  groupby(...cols: (ColumnLike | ColumnLike[])[]): GroupedData {
    return this.groupBy(...cols);
  }

  rollup(...cols: ColumnLike[]): GroupedData {
    return new GroupedData(this, "rollup", cols.map((c) => colOf(c)));
  }

  cube(...cols: ColumnLike[]): GroupedData {
    return new GroupedData(this, "cube", cols.map((c) => colOf(c)));
  }

  /** Aggregates over the whole DataFrame: `df.agg(F.sum("x"), F.max("y"))`. */
  agg(...exprs: Column[]): DataFrame {
    return this.groupBy().agg(...exprs);
  }

  /** Sorts by columns; strings sort ascending, use `F.desc("x")` or `col("x").desc()` for descending. */
  orderBy(...cols: (ColumnLike | ColumnLike[])[]): DataFrame {
    return this.with("sort", { order: sortOrders(cols), isGlobal: true });
  }

  sort(...cols: (ColumnLike | ColumnLike[])[]): DataFrame {
    return this.orderBy(...cols);
  }

  /** Sorts each partition, not globally. */
  sortWithinPartitions(...cols: ColumnLike[]): DataFrame {
    return this.with("sort", { order: sortOrders(cols), isGlobal: false });
  }

  limit(n: number): DataFrame {
    return this.with("limit", { limit: int32("limit", n) });
  }

  offset(n: number): DataFrame {
    return this.with("offset", { offset: int32("offset", n) });
  }

  /**
   * Joins with another DataFrame: `on` is a column name, a list of names (USING, one output column each), or a
   * boolean Column condition; `how` is any Spark join type (default `"inner"`).
   */
  join(other: DataFrame, on?: string | string[] | Column, how: JoinType = "inner"): DataFrame {
    const joinType = JOIN_TYPES[how];
    if (joinType === undefined) throw invalid("join.how", `must be one of ${Object.keys(JOIN_TYPES).join(", ")}, got ${JSON.stringify(how)}`);
    const condition = on instanceof Column ? { joinCondition: on.expression } : {};
    const using = typeof on === "string" ? [on] : Array.isArray(on) ? on : [];
    return new DataFrame(
      this.session,
      relation("join", { left: this.plan, right: other.plan, joinType: on === undefined && how === "inner" ? Join_JoinType.INNER : joinType, usingColumns: using, ...condition }),
    );
  }

  crossJoin(other: DataFrame): DataFrame {
    return new DataFrame(this.session, relation("join", { left: this.plan, right: other.plan, joinType: Join_JoinType.CROSS }));
  }

  private setOp(other: DataFrame, type: SetOperation_SetOpType, isAll: boolean, byName = false, allowMissingColumns = false): DataFrame {
    return new DataFrame(this.session, relation("setOp", { leftInput: this.plan, rightInput: other.plan, setOpType: type, isAll, byName, allowMissingColumns }));
  }

  /** UNION ALL by position (Spark's `union` keeps duplicates). */
  union(other: DataFrame): DataFrame {
    return this.setOp(other, SetOperation_SetOpType.UNION, true);
  }

  unionAll(other: DataFrame): DataFrame {
    return this.union(other);
  }

  /** UNION ALL by column name; `allowMissingColumns` fills absent columns with nulls. */
  unionByName(other: DataFrame, allowMissingColumns = false): DataFrame {
    return this.setOp(other, SetOperation_SetOpType.UNION, true, true, allowMissingColumns);
  }

  /** Rows in both (distinct). */
  intersect(other: DataFrame): DataFrame {
    return this.setOp(other, SetOperation_SetOpType.INTERSECT, false);
  }

  intersectAll(other: DataFrame): DataFrame {
    return this.setOp(other, SetOperation_SetOpType.INTERSECT, true);
  }

  /** Rows in this one and not in `other` (distinct; SQL EXCEPT). */
  except(other: DataFrame): DataFrame {
    return this.setOp(other, SetOperation_SetOpType.EXCEPT, false);
  }

  subtract(other: DataFrame): DataFrame {
    return this.except(other);
  }

  exceptAll(other: DataFrame): DataFrame {
    return this.setOp(other, SetOperation_SetOpType.EXCEPT, true);
  }

  distinct(): DataFrame {
    return this.with("deduplicate", { allColumnsAsKeys: true });
  }

  /** Drops duplicate rows, considering only `subset` columns when given. */
  dropDuplicates(subset?: string[]): DataFrame {
    return subset && subset.length > 0 ? this.with("deduplicate", { columnNames: subset }) : this.distinct();
  }

  drop_duplicates(subset?: string[]): DataFrame {
    return this.dropDuplicates(subset);
  }

  /** A random sample of about `fraction` of the rows; a `seed` makes it repeatable. */
  sample(fraction: number, options: { withReplacement?: boolean; seed?: number | bigint } = {}): DataFrame {
    if (!(fraction >= 0) || (!options.withReplacement && fraction > 1)) throw invalid("sample.fraction", `must be in [0, 1] (or ≥ 0 with replacement), got ${fraction}`);
    const seed = options.seed === undefined ? BigInt(Math.floor(Math.random() * 2 ** 53)) : BigInt(options.seed);
    return this.with("sample", { lowerBound: 0, upperBound: fraction, withReplacement: options.withReplacement ?? false, seed, deterministicOrder: false });
  }

  /** Repartitions into `n` partitions (a shuffle), or by columns. */
  repartition(n: number, ...cols: ColumnLike[]): DataFrame;
  repartition(...cols: ColumnLike[]): DataFrame;
  repartition(first?: number | ColumnLike, ...cols: ColumnLike[]): DataFrame {
    const n = typeof first === "number" ? int32("repartition.numPartitions", first) : undefined;
    const exprs = (typeof first === "number" || first === undefined ? cols : [first, ...cols]).map((c) => colOf(c).expression);
    if (exprs.length === 0) {
      if (n === undefined) throw invalid("repartition", "give a number of partitions or columns");
      return this.with("repartition", { numPartitions: n, shuffle: true });
    }
    return this.with("repartitionByExpression", { partitionExprs: exprs, ...(n === undefined ? {} : { numPartitions: n }) });
  }

  /** Reduces to `n` partitions without a shuffle. */
  coalesce(n: number): DataFrame {
    return this.with("repartition", { numPartitions: int32("coalesce.numPartitions", n), shuffle: false });
  }

  /** Names this DataFrame, so its columns can be referred to as `alias.column`. */
  alias(name: string): DataFrame {
    return this.with("subqueryAlias", { alias: name });
  }

  /** Missing-value functions: `df.na.fill(…)`, `df.na.drop(…)`, `df.na.replace(…)`. */
  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this);
  }

  /** Replaces nulls: a value for every column of a matching type, or one value per column. */
  fillna(value: LiteralValue | Record<string, LiteralValue>, subset?: string[]): DataFrame {
    return this.na.fill(value, subset);
  }

  /** Drops rows with nulls: `how` "any" (default) or "all", or at least `thresh` non-null values. */
  dropna(options: { how?: "any" | "all"; thresh?: number; subset?: string[] } = {}): DataFrame {
    return this.na.drop(options);
  }

  /** count, mean, stddev, min and max of the given (or all numeric and string) columns. */
  describe(...cols: string[]): DataFrame {
    return this.with("describe", { cols });
  }

  /** Statistics, by default count, mean, stddev, min, 25%, 50%, 75%, max. */
  summary(...statistics: string[]): DataFrame {
    return this.with("summary", { statistics });
  }

  /** @internal A relation over this one, for the helpers in this package. */
  wrap(kind: Parameters<typeof relation>[0], value: Record<string, unknown>): DataFrame {
    return this.with(kind, value);
  }

  // ---- actions ----

  private async *responses(relationToRun: Relation, options?: ActionOptions) {
    yield* this.session.client.execute({ opType: { case: "root", value: relationToRun } }, options);
  }

  /** The result as Arrow record batches, as the server sends them: for large results. */
  async *batches(options?: ActionOptions): AsyncGenerator<RecordBatch> {
    const arrow = await loadArrow();
    for await (const response of this.responses(this.plan, options)) {
      if (response.responseType.case !== "arrowBatch") continue;
      const table = arrow.tableFromIPC(response.responseType.value.data);
      for (const batch of table.batches) yield batch;
    }
  }

  /** The rows one at a time, reading batch by batch (constant memory in the batch size). */
  async *toLocalIterator(options?: ActionOptions): AsyncGenerator<Row> {
    const arrow = await loadArrow();
    for await (const batch of this.batches(options)) {
      yield* tableToRows(new arrow.Table(batch));
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Row> {
    return this.toLocalIterator();
  }

  /** The whole result as an `apache-arrow` Table (exact types: int64 as bigint, decimals, µs timestamps). */
  async toArrow(options?: ActionOptions): Promise<Table> {
    const arrow = await loadArrow();
    const batches: RecordBatch[] = [];
    let schema: Table["schema"] | undefined;
    for await (const response of this.responses(this.plan, options)) {
      if (response.responseType.case !== "arrowBatch") continue;
      const table = arrow.tableFromIPC(response.responseType.value.data);
      schema ??= table.schema;
      batches.push(...table.batches);
    }
    if (schema === undefined) {
      // No batch at all: an empty table with the plan's columns.
      const fields = (await this.schema()).fields;
      return new arrow.Table(new arrow.Schema(fields.map((f) => new arrow.Field(f.name, new arrow.Null(), true))));
    }
    return new arrow.Table(schema, batches);
  }

  /** All rows as plain objects (see the README for the type mapping). */
  async collect(options?: ActionOptions): Promise<Row[]> {
    const arrow = await loadArrow();
    const rows: Row[] = [];
    for await (const response of this.responses(this.plan, options)) {
      if (response.responseType.case !== "arrowBatch") continue;
      tableToRows(arrow.tableFromIPC(response.responseType.value.data), rows);
    }
    return rows;
  }

  /** The number of rows. */
  async count(options?: ActionOptions): Promise<number> {
    const [row] = await this.groupBy().agg(Column.fn("count", [lit(1)]).alias("count")).collect(options);
    return Number(row!.count as bigint);
  }

  /** The first `n` rows. */
  async take(n: number, options?: ActionOptions): Promise<Row[]> {
    return this.limit(n).collect(options);
  }

  async head(n = 1, options?: ActionOptions): Promise<Row[]> {
    return this.take(n, options);
  }

  /** The first row, or undefined when there is none. */
  async first(options?: ActionOptions): Promise<Row | undefined> {
    return (await this.take(1, options))[0];
  }

  /** Whether there are no rows. */
  async isEmpty(options?: ActionOptions): Promise<boolean> {
    return (await this.select().limit(1).toArrow(options)).numRows === 0;
  }

  /** The table Spark prints for `show()`, as a string. */
  async showString(n = 20, options: { truncate?: boolean | number; vertical?: boolean } & ActionOptions = {}): Promise<string> {
    const truncate = options.truncate === undefined || options.truncate === true ? 20 : options.truncate === false ? 0 : int32("show.truncate", options.truncate);
    const shown = this.with("showString", { numRows: int32("show.n", n), truncate, vertical: options.vertical ?? false });
    const [row] = await shown.collect(options);
    return String(row?.show_string ?? "");
  }

  /** Prints the first `n` rows as Spark's table (truncating cells to 20 characters unless `truncate: false`). */
  async show(n = 20, options: { truncate?: boolean | number; vertical?: boolean } & ActionOptions = {}): Promise<void> {
    process.stdout.write(await this.showString(n, options));
  }

  /** The schema (one round trip to the server). */
  async schema(): Promise<StructType> {
    const response = await this.session.client.analyze({ case: "schema", value: { plan: { opType: { case: "root", value: this.plan } } } });
    if (response.result.case !== "schema") throw new SparkConnectError("the server sent no schema", { code: "PROTOCOL" });
    const type = fromProto(response.result.value.schema);
    return type.type === "struct" ? type : { type: "struct", fields: [{ name: "value", dataType: type, nullable: true }] };
  }

  /** The column names. */
  async columns(): Promise<string[]> {
    return (await this.schema()).fields.map((f) => f.name);
  }

  /** The plan Spark would run, as text; also printed unless `print: false`. */
  async explain(mode: ExplainMode | boolean = "simple", options: { print?: boolean } = {}): Promise<string> {
    const modes: Record<ExplainMode, AnalyzePlanRequest_Explain_ExplainMode> = {
      simple: AnalyzePlanRequest_Explain_ExplainMode.SIMPLE,
      extended: AnalyzePlanRequest_Explain_ExplainMode.EXTENDED,
      codegen: AnalyzePlanRequest_Explain_ExplainMode.CODEGEN,
      cost: AnalyzePlanRequest_Explain_ExplainMode.COST,
      formatted: AnalyzePlanRequest_Explain_ExplainMode.FORMATTED,
    };
    const key: ExplainMode = mode === true ? "extended" : mode === false ? "simple" : mode;
    if (modes[key] === undefined) throw invalid("explain.mode", `must be one of ${Object.keys(modes).join(", ")}, got ${JSON.stringify(mode)}`);
    const response = await this.session.client.analyze({ case: "explain", value: { plan: { opType: { case: "root", value: this.plan } }, explainMode: modes[key] } });
    const text = response.result.case === "explain" ? response.result.value.explainString : "";
    if (options.print !== false) process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    return text;
  }

  /** Registers this DataFrame as a temporary view for SQL. */
  async createOrReplaceTempView(name: string, options?: ActionOptions): Promise<void> {
    await this.session.runCommand({ case: "createDataframeView", value: { input: this.plan, name, isGlobal: false, replace: true } }, options);
  }

  async createTempView(name: string, options?: ActionOptions): Promise<void> {
    await this.session.runCommand({ case: "createDataframeView", value: { input: this.plan, name, isGlobal: false, replace: false } }, options);
  }

  /** Writing: `df.write.format("parquet").mode("overwrite").save(path)`. */
  get write(): DataFrameWriter {
    return new DataFrameWriter(this);
  }
}

/** @internal */
export function literalsOf(values: LiteralValue[]) {
  return values.map((v, i) => toLiteral(v, `values[${i}]`));
}

/** @internal */
export function expressionsOf(cols: ColumnOrValue[]): Expression[] {
  return cols.map((c) => toColumn(c).expression);
}
