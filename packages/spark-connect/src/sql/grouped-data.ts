import { Aggregate_GroupType } from "../gen/spark/connect/relations_pb.ts";
import { Column, col, lit, type ColumnOrValue } from "../expr/column.ts";
import { toLiteral, type LiteralValue } from "../expr/literal.ts";
import { SparkConnectError } from "../errors/spark-connect-error.ts";
import type { DataFrame } from "./dataframe.ts";

const GROUP_TYPES = { groupby: Aggregate_GroupType.GROUPBY, rollup: Aggregate_GroupType.ROLLUP, cube: Aggregate_GroupType.CUBE, pivot: Aggregate_GroupType.PIVOT };

/** A grouping of a DataFrame (`groupBy`, `rollup`, `cube`), waiting for its aggregates. */
export class GroupedData {
  /** @internal */
  constructor(
    private readonly df: DataFrame,
    private readonly kind: keyof typeof GROUP_TYPES,
    private readonly groupings: Column[],
    private readonly pivotSpec?: { col: Column; values: LiteralValue[] },
  ) {}

  /**
   * Aggregates each group: `agg(F.sum("x").alias("total"), F.count("*"))`, or `agg({ x: "sum", y: "max" })`
   * (function names as in Spark SQL).
   */
  agg(...exprs: (Column | Record<string, string>)[]): DataFrame {
    const columns = exprs.flatMap((e) => (e instanceof Column ? [e] : Object.entries(e).map(([name, fn]) => Column.fn(fn, [name === "*" ? lit(1) : col(name)]))));
    if (columns.length === 0) throw new SparkConnectError("agg: give at least one aggregate expression", { code: "INVALID_ARGUMENT" });
    return this.df.wrap("aggregate", {
      groupType: GROUP_TYPES[this.kind],
      groupingExpressions: this.groupings.map((g) => g.expression),
      aggregateExpressions: columns.map((c) => c.expression),
      ...(this.pivotSpec ? { pivot: { col: this.pivotSpec.col.expression, values: this.pivotSpec.values.map((v, i) => toLiteral(v, `pivot.values[${i}]`)) } } : {}),
    });
  }

  private simple(fn: string, cols: string[]): DataFrame {
    if (cols.length === 0) throw new SparkConnectError(`${fn}: name the columns to aggregate`, { code: "INVALID_ARGUMENT" });
    return this.agg(...cols.map((c) => Column.fn(fn, [col(c)]).alias(`${fn}(${c})`)));
  }

  /** The number of rows in each group, as column `count`. */
  count(): DataFrame {
    return this.agg(Column.fn("count", [lit(1)]).alias("count"));
  }
  sum(...cols: string[]): DataFrame {
    return this.simple("sum", cols);
  }
  avg(...cols: string[]): DataFrame {
    return this.simple("avg", cols);
  }
  mean(...cols: string[]): DataFrame {
    return this.simple("avg", cols);
  }
  min(...cols: string[]): DataFrame {
    return this.simple("min", cols);
  }
  max(...cols: string[]): DataFrame {
    return this.simple("max", cols);
  }

  /** Pivots a column: one output column per value (give `values` to skip a pass over the data). */
  pivot(pivotCol: string | Column, values?: LiteralValue[]): GroupedData {
    if (this.kind !== "groupby") throw new SparkConnectError("pivot: only after groupBy", { code: "INVALID_ARGUMENT" });
    return new GroupedData(this.df, "pivot", this.groupings, { col: typeof pivotCol === "string" ? col(pivotCol) : pivotCol, values: values ?? [] });
  }
}

/** @internal */
export type { ColumnOrValue };
