import { create } from "@bufbuild/protobuf";
import {
  Expression_Cast_EvalMode,
  Expression_SortOrder_NullOrdering,
  Expression_SortOrder_SortDirection,
  ExpressionSchema,
  type Expression,
} from "../gen/spark/connect/expressions_pb.ts";
import { toProto, type DataType } from "../types/data-type.ts";
import { toLiteral, type LiteralValue } from "./literal.ts";

type ExprCase = Expression["exprType"];

function expression(exprType: ExprCase): Expression {
  return create(ExpressionSchema, { exprType } as never);
}

/** A column name or a Column; strings name columns (`"*"`, `"t.x"` and `` "`a.b`" `` too). */
export type ColumnLike = Column | string;
/** A Column or a plain value that becomes a literal. */
export type ColumnOrValue = Column | LiteralValue;

/**
 * A column expression. Columns are immutable: every method returns a new Column. Build them with
 * {@link col}, {@link lit}, {@link expr} and the `functions`; JS has no operator overloading, so
 * operators are methods (`plus`, `gt`, `and`, …).
 */
export class Column {
  /** @internal */
  constructor(readonly expression: Expression) {}

  /** @internal */
  static fn(name: string, args: ColumnOrValue[], options: { distinct?: boolean } = {}): Column {
    return new Column(
      expression({
        case: "unresolvedFunction",
        value: { functionName: name, arguments: args.map((a) => toColumn(a).expression), isDistinct: options.distinct ?? false } as never,
      }),
    );
  }

  private op(name: string, other: ColumnOrValue): Column {
    return Column.fn(name, [this, other]);
  }

  plus(other: ColumnOrValue): Column {
    return this.op("+", other);
  }
  minus(other: ColumnOrValue): Column {
    return this.op("-", other);
  }
  multiply(other: ColumnOrValue): Column {
    return this.op("*", other);
  }
  divide(other: ColumnOrValue): Column {
    return this.op("/", other);
  }
  mod(other: ColumnOrValue): Column {
    return this.op("%", other);
  }
  negate(): Column {
    return Column.fn("negative", [this]);
  }
  equalTo(other: ColumnOrValue): Column {
    return this.op("==", other);
  }
  eq(other: ColumnOrValue): Column {
    return this.op("==", other);
  }
  notEqual(other: ColumnOrValue): Column {
    return this.equalTo(other).not();
  }
  ne(other: ColumnOrValue): Column {
    return this.notEqual(other);
  }
  /** Null-safe equality (`<=>`). */
  eqNullSafe(other: ColumnOrValue): Column {
    return this.op("<=>", other);
  }
  gt(other: ColumnOrValue): Column {
    return this.op(">", other);
  }
  geq(other: ColumnOrValue): Column {
    return this.op(">=", other);
  }
  lt(other: ColumnOrValue): Column {
    return this.op("<", other);
  }
  leq(other: ColumnOrValue): Column {
    return this.op("<=", other);
  }
  and(other: ColumnOrValue): Column {
    return this.op("and", other);
  }
  or(other: ColumnOrValue): Column {
    return this.op("or", other);
  }
  not(): Column {
    return Column.fn("not", [this]);
  }
  isNull(): Column {
    return Column.fn("isnull", [this]);
  }
  isNotNull(): Column {
    return Column.fn("isnotnull", [this]);
  }
  isNaN(): Column {
    return Column.fn("isnan", [this]);
  }
  /** SQL LIKE with `%` and `_`. */
  like(pattern: string): Column {
    return Column.fn("like", [this, pattern]);
  }
  ilike(pattern: string): Column {
    return Column.fn("ilike", [this, pattern]);
  }
  /** Java regular expression match (anywhere in the string). */
  rlike(pattern: string): Column {
    return Column.fn("rlike", [this, pattern]);
  }
  startsWith(prefix: ColumnOrValue): Column {
    return Column.fn("startswith", [this, prefix]);
  }
  endsWith(suffix: ColumnOrValue): Column {
    return Column.fn("endswith", [this, suffix]);
  }
  contains(other: ColumnOrValue): Column {
    return Column.fn("contains", [this, other]);
  }
  substr(start: ColumnOrValue, length: ColumnOrValue): Column {
    return Column.fn("substr", [this, start, length]);
  }
  isin(...values: ColumnOrValue[]): Column {
    return Column.fn("in", [this, ...values]);
  }
  between(lower: ColumnOrValue, upper: ColumnOrValue): Column {
    return this.geq(lower).and(this.leq(upper));
  }
  bitwiseAND(other: ColumnOrValue): Column {
    return this.op("&", other);
  }
  bitwiseOR(other: ColumnOrValue): Column {
    return this.op("|", other);
  }
  bitwiseXOR(other: ColumnOrValue): Column {
    return this.op("^", other);
  }
  /** The value of a struct field, map key or array index. */
  getItem(key: ColumnOrValue): Column {
    return new Column(expression({ case: "unresolvedExtractValue", value: { child: this.expression, extraction: toColumn(key, true).expression } as never }));
  }
  getField(name: string): Column {
    return this.getItem(name);
  }
  /** Names the column (`AS name`); several names for a function returning several columns. */
  alias(...names: string[]): Column {
    return new Column(expression({ case: "alias", value: { expr: this.expression, name: names } as never }));
  }
  /** Same as {@link Column.alias}. */
  as(...names: string[]): Column {
    return this.alias(...names);
  }
  name(name: string): Column {
    return this.alias(name);
  }
  /** Casts to a type: a DDL string (`"int"`, `"decimal(10,2)"`, `"array<string>"`) or a {@link DataType}. */
  cast(to: string | DataType): Column {
    const castToType = typeof to === "string" ? { case: "typeStr", value: to } : { case: "type", value: toProto(to) };
    return new Column(expression({ case: "cast", value: { expr: this.expression, castToType } as never }));
  }
  /** A cast that yields null instead of failing under ANSI mode. */
  tryCast(to: string | DataType): Column {
    const castToType = typeof to === "string" ? { case: "typeStr", value: to } : { case: "type", value: toProto(to) };
    return new Column(expression({ case: "cast", value: { expr: this.expression, castToType, evalMode: Expression_Cast_EvalMode.TRY } as never }));
  }
  astype(to: string | DataType): Column {
    return this.cast(to);
  }
  private sort(direction: Expression_SortOrder_SortDirection, nulls: Expression_SortOrder_NullOrdering): Column {
    return new Column(expression({ case: "sortOrder", value: { child: this.expression, direction, nullOrdering: nulls } as never }));
  }
  /** Ascending, nulls first (Spark's default for ascending). */
  asc(): Column {
    return this.sort(Expression_SortOrder_SortDirection.ASCENDING, Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST);
  }
  asc_nulls_first(): Column {
    return this.asc();
  }
  asc_nulls_last(): Column {
    return this.sort(Expression_SortOrder_SortDirection.ASCENDING, Expression_SortOrder_NullOrdering.SORT_NULLS_LAST);
  }
  /** Descending, nulls last (Spark's default for descending). */
  desc(): Column {
    return this.sort(Expression_SortOrder_SortDirection.DESCENDING, Expression_SortOrder_NullOrdering.SORT_NULLS_LAST);
  }
  desc_nulls_first(): Column {
    return this.sort(Expression_SortOrder_SortDirection.DESCENDING, Expression_SortOrder_NullOrdering.SORT_NULLS_FIRST);
  }
  desc_nulls_last(): Column {
    return this.desc();
  }
  /** Continues a `functions.when` chain. */
  when(condition: Column, value: ColumnOrValue): Column {
    const f = this.expression.exprType;
    if (f.case !== "unresolvedFunction" || f.value.functionName !== "when" || f.value.arguments.length % 2 !== 0) {
      throw new TypeError("when(): call it on a when(...) column before otherwise()");
    }
    return new Column(expression({ case: "unresolvedFunction", value: { ...f.value, arguments: [...f.value.arguments, condition.expression, toColumn(value).expression] } as never }));
  }
  /** Ends a `functions.when` chain with the value for rows no condition matched. */
  otherwise(value: ColumnOrValue): Column {
    const f = this.expression.exprType;
    if (f.case !== "unresolvedFunction" || f.value.functionName !== "when" || f.value.arguments.length % 2 !== 0) {
      throw new TypeError("otherwise(): call it on a when(...) column, once");
    }
    return new Column(expression({ case: "unresolvedFunction", value: { ...f.value, arguments: [...f.value.arguments, toColumn(value).expression] } as never }));
  }
  /** A window function over a window specification. */
  over(window: { partitionSpec: Expression[]; orderSpec: Expression[] }): Column {
    return new Column(
      expression({
        case: "window",
        value: {
          windowFunction: this.expression,
          partitionSpec: window.partitionSpec,
          orderSpec: window.orderSpec.map((o) => (o.exprType.case === "sortOrder" ? o.exprType.value : new Column(o).asc().expression.exprType.value)),
        } as never,
      }),
    );
  }
}

/** A column by name (`"x"`, `"t.x"`, `"*"`, `"t.*"`), optionally bound to a plan (for self-joins). */
export function col(name: string, planId?: bigint): Column {
  if (name === "*") return new Column(expression({ case: "unresolvedStar", value: planId === undefined ? {} : ({ planId } as never) } as never));
  if (name.endsWith(".*")) return new Column(expression({ case: "unresolvedStar", value: { unparsedTarget: name } as never }));
  return new Column(expression({ case: "unresolvedAttribute", value: { unparsedIdentifier: name, ...(planId === undefined ? {} : { planId }) } as never }));
}

/** A literal; arrays, Maps and plain objects become `array(…)`, `map(…)` and `named_struct(…)`. */
export function lit(value: ColumnOrValue): Column {
  if (value instanceof Column) return value;
  if (Array.isArray(value)) return Column.fn("array", value.map((v) => lit(v)));
  if (value instanceof Map) return Column.fn("map", [...value].flatMap(([k, v]) => [lit(k), lit(v)]));
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return Column.fn("named_struct", Object.entries(value).flatMap(([k, v]) => [lit(k), lit(v)]));
  }
  return new Column(expression({ case: "literal", value: toLiteral(value) }));
}

/** A SQL expression parsed by Spark, e.g. `expr("a + 1 AS b")`. */
export function expr(sql: string): Column {
  return new Column(expression({ case: "expressionString", value: { expression: sql } as never }));
}

/** @internal A column from a column name (when `names` is true) or a value. */
export function toColumn(value: ColumnOrValue, valuesAreLiterals = true): Column {
  if (value instanceof Column) return value;
  if (!valuesAreLiterals && typeof value === "string") return col(value);
  return lit(value);
}

/** @internal A column from a name or a Column. */
export function colOf(value: ColumnLike): Column {
  return typeof value === "string" ? col(value) : value;
}
