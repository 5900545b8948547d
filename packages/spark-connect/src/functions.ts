// The common Spark SQL functions. Arguments that are strings name columns, except where a parameter is
// documented as a literal (patterns, formats, units); every other plain value becomes a literal. Anything not
// here: {@link call_function} or {@link expr}.
import { Column, col, expr, lit, toColumn, type ColumnLike, type ColumnOrValue } from "./expr/column.ts";

export { col, expr, lit };

/** A column argument: a Column, or a column name. */
export type Col = ColumnLike;

const c = (x: ColumnLike | ColumnOrValue): Column => (typeof x === "string" ? col(x) : toColumn(x));
const v = (x: ColumnOrValue): Column => toColumn(x);

/** Calls any Spark SQL function by name with Column (or name) arguments. */
export function call_function(name: string, ...args: (ColumnLike | ColumnOrValue)[]): Column {
  return Column.fn(name, args.map(c));
}

/** An alias of {@link col}. */
export const column = col;

/** Starts a CASE WHEN chain: `when(cond, value).when(…).otherwise(value)`. */
export function when(condition: Column, value: ColumnOrValue): Column {
  return Column.fn("when", [condition, v(value)]);
}

/** Ascending sort by a column name or Column. */
export const asc = (x: ColumnLike): Column => c(x).asc();
export const asc_nulls_first = (x: ColumnLike): Column => c(x).asc_nulls_first();
export const asc_nulls_last = (x: ColumnLike): Column => c(x).asc_nulls_last();
export const desc = (x: ColumnLike): Column => c(x).desc();
export const desc_nulls_first = (x: ColumnLike): Column => c(x).desc_nulls_first();
export const desc_nulls_last = (x: ColumnLike): Column => c(x).desc_nulls_last();

/** `count("*")` counts rows; `count(col)` counts non-null values. */
export function count(x: ColumnLike): Column {
  return Column.fn("count", [x === "*" ? lit(1) : c(x)]).alias(x === "*" ? "count(1)" : typeof x === "string" ? `count(${x})` : x.expression.exprType.case === "unresolvedAttribute" ? `count(${x.expression.exprType.value.unparsedIdentifier})` : "count");
}

/** The number of distinct (non-null) combinations of the columns. */
export function count_distinct(first: ColumnLike, ...rest: ColumnLike[]): Column {
  return Column.fn("count", [first, ...rest].map(c), { distinct: true });
}
export const countDistinct = count_distinct;

export function sum_distinct(x: ColumnLike): Column {
  return Column.fn("sum", [c(x)], { distinct: true });
}

/** Rounds half up to `scale` decimal places. */
export function round(x: ColumnLike, scale = 0): Column {
  return Column.fn("round", [c(x), lit(scale)]);
}

/** Substring from 1-based `pos`, `len` characters. */
export function substring(x: ColumnLike, pos: number, len: number): Column {
  return Column.fn("substring", [c(x), lit(pos), lit(len)]);
}

/** Splits around a Java regular expression (a literal). */
export function split(x: ColumnLike, pattern: string, limit = -1): Column {
  return Column.fn("split", [c(x), lit(pattern), lit(limit)]);
}

export function regexp_replace(x: ColumnLike, pattern: string | Column, replacement: string | Column): Column {
  return Column.fn("regexp_replace", [c(x), v(pattern), v(replacement)]);
}

export function regexp_extract(x: ColumnLike, pattern: string, idx: number): Column {
  return Column.fn("regexp_extract", [c(x), lit(pattern), lit(idx)]);
}

export function concat_ws(sep: string, ...cols: ColumnLike[]): Column {
  return Column.fn("concat_ws", [lit(sep), ...cols.map(c)]);
}

/** Formats a date/timestamp with a Spark datetime pattern (a literal). */
export function date_format(x: ColumnLike, format: string): Column {
  return Column.fn("date_format", [c(x), lit(format)]);
}

export function to_date(x: ColumnLike, format?: string): Column {
  return Column.fn("to_date", format === undefined ? [c(x)] : [c(x), lit(format)]);
}

export function to_timestamp(x: ColumnLike, format?: string): Column {
  return Column.fn("to_timestamp", format === undefined ? [c(x)] : [c(x), lit(format)]);
}

export function date_add(x: ColumnLike, days: number | Column): Column {
  return Column.fn("date_add", [c(x), v(days)]);
}

export function date_sub(x: ColumnLike, days: number | Column): Column {
  return Column.fn("date_sub", [c(x), v(days)]);
}

export function add_months(x: ColumnLike, months: number | Column): Column {
  return Column.fn("add_months", [c(x), v(months)]);
}

/** Truncates a timestamp to a unit (a literal: "year", "month", "day", "hour", …). */
export function date_trunc(unit: string, x: ColumnLike): Column {
  return Column.fn("date_trunc", [lit(unit), c(x)]);
}

export function lpad(x: ColumnLike, len: number, pad: string): Column {
  return Column.fn("lpad", [c(x), lit(len), lit(pad)]);
}

export function rpad(x: ColumnLike, len: number, pad: string): Column {
  return Column.fn("rpad", [c(x), lit(len), lit(pad)]);
}

export function lag(x: ColumnLike, offset = 1, defaultValue: ColumnOrValue = null): Column {
  return Column.fn("lag", [c(x), lit(offset), v(defaultValue)]);
}

export function lead(x: ColumnLike, offset = 1, defaultValue: ColumnOrValue = null): Column {
  return Column.fn("lead", [c(x), lit(offset), v(defaultValue)]);
}

export function element_at(x: ColumnLike, key: ColumnOrValue): Column {
  return Column.fn("element_at", [c(x), v(key)]);
}

export function array_contains(x: ColumnLike, value: ColumnOrValue): Column {
  return Column.fn("array_contains", [c(x), v(value)]);
}

export function instr(x: ColumnLike, substr: string): Column {
  return Column.fn("instr", [c(x), lit(substr)]);
}

export function repeat(x: ColumnLike, n: number): Column {
  return Column.fn("repeat", [c(x), lit(n)]);
}

export function sha2(x: ColumnLike, numBits: number): Column {
  return Column.fn("sha2", [c(x), lit(numBits)]);
}

export function percentile_approx(x: ColumnLike, percentage: number | number[], accuracy = 10000): Column {
  return Column.fn("percentile_approx", [c(x), lit(percentage), lit(accuracy)]);
}

export function from_json(x: ColumnLike, schema: string): Column {
  return Column.fn("from_json", [c(x), lit(schema)]);
}

export function get_json_object(x: ColumnLike, path: string): Column {
  return Column.fn("get_json_object", [c(x), lit(path)]);
}

export function pow(x: ColumnLike, y: ColumnLike | number): Column {
  return Column.fn("power", [c(x), typeof y === "number" ? lit(y) : c(y)]);
}

// ---- aggregate ----
/** Spark SQL `sum`; string arguments name columns. */
export const sum = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("sum", args.map(c));
/** Spark SQL `avg`; string arguments name columns. */
export const avg = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("avg", args.map(c));
/** Spark SQL `avg`; string arguments name columns. */
export const mean = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("avg", args.map(c));
/** Spark SQL `min`; string arguments name columns. */
export const min = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("min", args.map(c));
/** Spark SQL `max`; string arguments name columns. */
export const max = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("max", args.map(c));
/** Spark SQL `first`; string arguments name columns. */
export const first = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("first", args.map(c));
/** Spark SQL `last`; string arguments name columns. */
export const last = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("last", args.map(c));
/** Spark SQL `collect_list`; string arguments name columns. */
export const collect_list = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("collect_list", args.map(c));
/** Spark SQL `collect_set`; string arguments name columns. */
export const collect_set = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("collect_set", args.map(c));
/** Spark SQL `stddev`; string arguments name columns. */
export const stddev = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("stddev", args.map(c));
/** Spark SQL `stddev_samp`; string arguments name columns. */
export const stddev_samp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("stddev_samp", args.map(c));
/** Spark SQL `stddev_pop`; string arguments name columns. */
export const stddev_pop = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("stddev_pop", args.map(c));
/** Spark SQL `variance`; string arguments name columns. */
export const variance = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("variance", args.map(c));
/** Spark SQL `var_samp`; string arguments name columns. */
export const var_samp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("var_samp", args.map(c));
/** Spark SQL `var_pop`; string arguments name columns. */
export const var_pop = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("var_pop", args.map(c));
/** Spark SQL `approx_count_distinct`; string arguments name columns. */
export const approx_count_distinct = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("approx_count_distinct", args.map(c));
/** Spark SQL `any_value`; string arguments name columns. */
export const any_value = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("any_value", args.map(c));
/** Spark SQL `bool_and`; string arguments name columns. */
export const bool_and = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("bool_and", args.map(c));
/** Spark SQL `bool_or`; string arguments name columns. */
export const bool_or = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("bool_or", args.map(c));
/** Spark SQL `every`; string arguments name columns. */
export const every = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("every", args.map(c));
/** Spark SQL `some`; string arguments name columns. */
export const some = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("some", args.map(c));
/** Spark SQL `product`; string arguments name columns. */
export const product = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("product", args.map(c));
/** Spark SQL `median`; string arguments name columns. */
export const median = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("median", args.map(c));
/** Spark SQL `mode`; string arguments name columns. */
export const mode = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("mode", args.map(c));
/** Spark SQL `skewness`; string arguments name columns. */
export const skewness = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("skewness", args.map(c));
/** Spark SQL `kurtosis`; string arguments name columns. */
export const kurtosis = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("kurtosis", args.map(c));
/** Spark SQL `corr`; string arguments name columns. */
export const corr = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("corr", args.map(c));
/** Spark SQL `covar_pop`; string arguments name columns. */
export const covar_pop = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("covar_pop", args.map(c));
/** Spark SQL `covar_samp`; string arguments name columns. */
export const covar_samp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("covar_samp", args.map(c));
/** Spark SQL `max_by`; string arguments name columns. */
export const max_by = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("max_by", args.map(c));
/** Spark SQL `min_by`; string arguments name columns. */
export const min_by = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("min_by", args.map(c));
/** Spark SQL `count_if`; string arguments name columns. */
export const count_if = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("count_if", args.map(c));

// ---- math ----
/** Spark SQL `abs`; string arguments name columns. */
export const abs = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("abs", args.map(c));
/** Spark SQL `sqrt`; string arguments name columns. */
export const sqrt = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("sqrt", args.map(c));
/** Spark SQL `exp`; string arguments name columns. */
export const exp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("exp", args.map(c));
/** Spark SQL `log`; string arguments name columns. */
export const log = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("log", args.map(c));
/** Spark SQL `log10`; string arguments name columns. */
export const log10 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("log10", args.map(c));
/** Spark SQL `log2`; string arguments name columns. */
export const log2 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("log2", args.map(c));
/** Spark SQL `ln`; string arguments name columns. */
export const ln = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ln", args.map(c));
/** Spark SQL `power`; string arguments name columns. */
export const power = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("power", args.map(c));
/** Spark SQL `bround`; string arguments name columns. */
export const bround = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("bround", args.map(c));
/** Spark SQL `floor`; string arguments name columns. */
export const floor = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("floor", args.map(c));
/** Spark SQL `ceil`; string arguments name columns. */
export const ceil = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ceil", args.map(c));
/** Spark SQL `ceil`; string arguments name columns. */
export const ceiling = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ceil", args.map(c));
/** Spark SQL `signum`; string arguments name columns. */
export const signum = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("signum", args.map(c));
/** Spark SQL `sin`; string arguments name columns. */
export const sin = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("sin", args.map(c));
/** Spark SQL `cos`; string arguments name columns. */
export const cos = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("cos", args.map(c));
/** Spark SQL `tan`; string arguments name columns. */
export const tan = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("tan", args.map(c));
/** Spark SQL `asin`; string arguments name columns. */
export const asin = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("asin", args.map(c));
/** Spark SQL `acos`; string arguments name columns. */
export const acos = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("acos", args.map(c));
/** Spark SQL `atan`; string arguments name columns. */
export const atan = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("atan", args.map(c));
/** Spark SQL `atan2`; string arguments name columns. */
export const atan2 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("atan2", args.map(c));
/** Spark SQL `greatest`; string arguments name columns. */
export const greatest = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("greatest", args.map(c));
/** Spark SQL `least`; string arguments name columns. */
export const least = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("least", args.map(c));
/** Spark SQL `rand`; string arguments name columns. */
export const rand = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("rand", args.map(c));
/** Spark SQL `randn`; string arguments name columns. */
export const randn = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("randn", args.map(c));
/** Spark SQL `negative`; string arguments name columns. */
export const negative = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("negative", args.map(c));
/** Spark SQL `positive`; string arguments name columns. */
export const positive = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("positive", args.map(c));
/** Spark SQL `pmod`; string arguments name columns. */
export const pmod = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("pmod", args.map(c));
/** Spark SQL `hypot`; string arguments name columns. */
export const hypot = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("hypot", args.map(c));
/** Spark SQL `cbrt`; string arguments name columns. */
export const cbrt = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("cbrt", args.map(c));
/** Spark SQL `factorial`; string arguments name columns. */
export const factorial = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("factorial", args.map(c));
/** Spark SQL `degrees`; string arguments name columns. */
export const degrees = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("degrees", args.map(c));
/** Spark SQL `radians`; string arguments name columns. */
export const radians = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("radians", args.map(c));
/** Spark SQL `bin`; string arguments name columns. */
export const bin = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("bin", args.map(c));
/** Spark SQL `hex`; string arguments name columns. */
export const hex = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("hex", args.map(c));
/** Spark SQL `unhex`; string arguments name columns. */
export const unhex = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("unhex", args.map(c));
/** Spark SQL `conv`; string arguments name columns. */
export const conv = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("conv", args.map(c));
/** Spark SQL `rint`; string arguments name columns. */
export const rint = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("rint", args.map(c));
/** Spark SQL `try_add`; string arguments name columns. */
export const try_add = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("try_add", args.map(c));
/** Spark SQL `try_subtract`; string arguments name columns. */
export const try_subtract = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("try_subtract", args.map(c));
/** Spark SQL `try_multiply`; string arguments name columns. */
export const try_multiply = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("try_multiply", args.map(c));
/** Spark SQL `try_divide`; string arguments name columns. */
export const try_divide = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("try_divide", args.map(c));
/** Spark SQL `width_bucket`; string arguments name columns. */
export const width_bucket = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("width_bucket", args.map(c));

// ---- string ----
/** Spark SQL `upper`; string arguments name columns. */
export const upper = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("upper", args.map(c));
/** Spark SQL `lower`; string arguments name columns. */
export const lower = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("lower", args.map(c));
/** Spark SQL `length`; string arguments name columns. */
export const length = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("length", args.map(c));
/** Spark SQL `char_length`; string arguments name columns. */
export const char_length = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("char_length", args.map(c));
/** Spark SQL `trim`; string arguments name columns. */
export const trim = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("trim", args.map(c));
/** Spark SQL `ltrim`; string arguments name columns. */
export const ltrim = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ltrim", args.map(c));
/** Spark SQL `rtrim`; string arguments name columns. */
export const rtrim = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("rtrim", args.map(c));
/** Spark SQL `btrim`; string arguments name columns. */
export const btrim = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("btrim", args.map(c));
/** Spark SQL `concat`; string arguments name columns. */
export const concat = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("concat", args.map(c));
/** Spark SQL `substr`; string arguments name columns. */
export const substr = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("substr", args.map(c));
/** Spark SQL `regexp_extract_all`; string arguments name columns. */
export const regexp_extract_all = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("regexp_extract_all", args.map(c));
/** Spark SQL `regexp_like`; string arguments name columns. */
export const regexp_like = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("regexp_like", args.map(c));
/** Spark SQL `reverse`; string arguments name columns. */
export const reverse = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("reverse", args.map(c));
/** Spark SQL `initcap`; string arguments name columns. */
export const initcap = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("initcap", args.map(c));
/** Spark SQL `locate`; string arguments name columns. */
export const locate = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("locate", args.map(c));
/** Spark SQL `translate`; string arguments name columns. */
export const translate = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("translate", args.map(c));
/** Spark SQL `ascii`; string arguments name columns. */
export const ascii = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ascii", args.map(c));
/** Spark SQL `base64`; string arguments name columns. */
export const base64 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("base64", args.map(c));
/** Spark SQL `unbase64`; string arguments name columns. */
export const unbase64 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("unbase64", args.map(c));
/** Spark SQL `format_string`; string arguments name columns. */
export const format_string = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("format_string", args.map(c));
/** Spark SQL `printf`; string arguments name columns. */
export const printf = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("printf", args.map(c));
/** Spark SQL `left`; string arguments name columns. */
export const left = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("left", args.map(c));
/** Spark SQL `right`; string arguments name columns. */
export const right = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("right", args.map(c));
/** Spark SQL `replace`; string arguments name columns. */
export const replace = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("replace", args.map(c));
/** Spark SQL `split_part`; string arguments name columns. */
export const split_part = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("split_part", args.map(c));
/** Spark SQL `startswith`; string arguments name columns. */
export const startswith = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("startswith", args.map(c));
/** Spark SQL `endswith`; string arguments name columns. */
export const endswith = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("endswith", args.map(c));
/** Spark SQL `contains`; string arguments name columns. */
export const contains = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("contains", args.map(c));
/** Spark SQL `levenshtein`; string arguments name columns. */
export const levenshtein = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("levenshtein", args.map(c));
/** Spark SQL `soundex`; string arguments name columns. */
export const soundex = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("soundex", args.map(c));
/** Spark SQL `md5`; string arguments name columns. */
export const md5 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("md5", args.map(c));
/** Spark SQL `sha1`; string arguments name columns. */
export const sha1 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("sha1", args.map(c));
/** Spark SQL `crc32`; string arguments name columns. */
export const crc32 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("crc32", args.map(c));
/** Spark SQL `hash`; string arguments name columns. */
export const hash = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("hash", args.map(c));
/** Spark SQL `xxhash64`; string arguments name columns. */
export const xxhash64 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("xxhash64", args.map(c));
/** Spark SQL `to_binary`; string arguments name columns. */
export const to_binary = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("to_binary", args.map(c));
/** Spark SQL `encode`; string arguments name columns. */
export const encode = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("encode", args.map(c));
/** Spark SQL `decode`; string arguments name columns. */
export const decode = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("decode", args.map(c));
/** Spark SQL `overlay`; string arguments name columns. */
export const overlay = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("overlay", args.map(c));
/** Spark SQL `sentences`; string arguments name columns. */
export const sentences = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("sentences", args.map(c));
/** Spark SQL `format_number`; string arguments name columns. */
export const format_number = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("format_number", args.map(c));
/** Spark SQL `lcase`; string arguments name columns. */
export const lcase = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("lcase", args.map(c));
/** Spark SQL `ucase`; string arguments name columns. */
export const ucase = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ucase", args.map(c));
/** Spark SQL `position`; string arguments name columns. */
export const position = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("position", args.map(c));
/** Spark SQL `to_char`; string arguments name columns. */
export const to_char = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("to_char", args.map(c));
/** Spark SQL `to_number`; string arguments name columns. */
export const to_number = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("to_number", args.map(c));
/** Spark SQL `try_to_number`; string arguments name columns. */
export const try_to_number = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("try_to_number", args.map(c));

// ---- datetime ----
/** Spark SQL `current_date`; string arguments name columns. */
export const current_date = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("current_date", args.map(c));
/** Spark SQL `current_timestamp`; string arguments name columns. */
export const current_timestamp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("current_timestamp", args.map(c));
/** Spark SQL `now`; string arguments name columns. */
export const now = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("now", args.map(c));
/** Spark SQL `datediff`; string arguments name columns. */
export const datediff = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("datediff", args.map(c));
/** Spark SQL `months_between`; string arguments name columns. */
export const months_between = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("months_between", args.map(c));
/** Spark SQL `year`; string arguments name columns. */
export const year = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("year", args.map(c));
/** Spark SQL `quarter`; string arguments name columns. */
export const quarter = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("quarter", args.map(c));
/** Spark SQL `month`; string arguments name columns. */
export const month = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("month", args.map(c));
/** Spark SQL `day`; string arguments name columns. */
export const day = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("day", args.map(c));
/** Spark SQL `dayofmonth`; string arguments name columns. */
export const dayofmonth = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("dayofmonth", args.map(c));
/** Spark SQL `dayofweek`; string arguments name columns. */
export const dayofweek = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("dayofweek", args.map(c));
/** Spark SQL `dayofyear`; string arguments name columns. */
export const dayofyear = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("dayofyear", args.map(c));
/** Spark SQL `hour`; string arguments name columns. */
export const hour = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("hour", args.map(c));
/** Spark SQL `minute`; string arguments name columns. */
export const minute = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("minute", args.map(c));
/** Spark SQL `second`; string arguments name columns. */
export const second = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("second", args.map(c));
/** Spark SQL `weekofyear`; string arguments name columns. */
export const weekofyear = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("weekofyear", args.map(c));
/** Spark SQL `last_day`; string arguments name columns. */
export const last_day = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("last_day", args.map(c));
/** Spark SQL `next_day`; string arguments name columns. */
export const next_day = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("next_day", args.map(c));
/** Spark SQL `to_timestamp_ntz`; string arguments name columns. */
export const to_timestamp_ntz = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("to_timestamp_ntz", args.map(c));
/** Spark SQL `trunc`; string arguments name columns. */
export const trunc = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("trunc", args.map(c));
/** Spark SQL `from_unixtime`; string arguments name columns. */
export const from_unixtime = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("from_unixtime", args.map(c));
/** Spark SQL `unix_timestamp`; string arguments name columns. */
export const unix_timestamp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("unix_timestamp", args.map(c));
/** Spark SQL `from_utc_timestamp`; string arguments name columns. */
export const from_utc_timestamp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("from_utc_timestamp", args.map(c));
/** Spark SQL `to_utc_timestamp`; string arguments name columns. */
export const to_utc_timestamp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("to_utc_timestamp", args.map(c));
/** Spark SQL `make_date`; string arguments name columns. */
export const make_date = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("make_date", args.map(c));
/** Spark SQL `make_timestamp`; string arguments name columns. */
export const make_timestamp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("make_timestamp", args.map(c));
/** Spark SQL `date_part`; string arguments name columns. */
export const date_part = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("date_part", args.map(c));
/** Spark SQL `extract`; string arguments name columns. */
export const extract = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("extract", args.map(c));
/** Spark SQL `timestamp_seconds`; string arguments name columns. */
export const timestamp_seconds = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("timestamp_seconds", args.map(c));
/** Spark SQL `timestamp_millis`; string arguments name columns. */
export const timestamp_millis = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("timestamp_millis", args.map(c));
/** Spark SQL `timestamp_micros`; string arguments name columns. */
export const timestamp_micros = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("timestamp_micros", args.map(c));
/** Spark SQL `unix_seconds`; string arguments name columns. */
export const unix_seconds = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("unix_seconds", args.map(c));
/** Spark SQL `unix_millis`; string arguments name columns. */
export const unix_millis = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("unix_millis", args.map(c));
/** Spark SQL `unix_micros`; string arguments name columns. */
export const unix_micros = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("unix_micros", args.map(c));
/** Spark SQL `try_to_timestamp`; string arguments name columns. */
export const try_to_timestamp = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("try_to_timestamp", args.map(c));

// ---- collection ----
/** Spark SQL `array`; string arguments name columns. */
export const array = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array", args.map(c));
/** Spark SQL `array_distinct`; string arguments name columns. */
export const array_distinct = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_distinct", args.map(c));
/** Spark SQL `array_except`; string arguments name columns. */
export const array_except = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_except", args.map(c));
/** Spark SQL `array_intersect`; string arguments name columns. */
export const array_intersect = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_intersect", args.map(c));
/** Spark SQL `array_union`; string arguments name columns. */
export const array_union = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_union", args.map(c));
/** Spark SQL `array_join`; string arguments name columns. */
export const array_join = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_join", args.map(c));
/** Spark SQL `array_max`; string arguments name columns. */
export const array_max = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_max", args.map(c));
/** Spark SQL `array_min`; string arguments name columns. */
export const array_min = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_min", args.map(c));
/** Spark SQL `array_position`; string arguments name columns. */
export const array_position = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_position", args.map(c));
/** Spark SQL `array_remove`; string arguments name columns. */
export const array_remove = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_remove", args.map(c));
/** Spark SQL `array_repeat`; string arguments name columns. */
export const array_repeat = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_repeat", args.map(c));
/** Spark SQL `array_sort`; string arguments name columns. */
export const array_sort = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_sort", args.map(c));
/** Spark SQL `arrays_zip`; string arguments name columns. */
export const arrays_zip = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("arrays_zip", args.map(c));
/** Spark SQL `array_size`; string arguments name columns. */
export const array_size = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_size", args.map(c));
/** Spark SQL `array_append`; string arguments name columns. */
export const array_append = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_append", args.map(c));
/** Spark SQL `array_compact`; string arguments name columns. */
export const array_compact = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("array_compact", args.map(c));
/** Spark SQL `size`; string arguments name columns. */
export const size = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("size", args.map(c));
/** Spark SQL `sort_array`; string arguments name columns. */
export const sort_array = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("sort_array", args.map(c));
/** Spark SQL `explode`; string arguments name columns. */
export const explode = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("explode", args.map(c));
/** Spark SQL `explode_outer`; string arguments name columns. */
export const explode_outer = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("explode_outer", args.map(c));
/** Spark SQL `posexplode`; string arguments name columns. */
export const posexplode = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("posexplode", args.map(c));
/** Spark SQL `flatten`; string arguments name columns. */
export const flatten = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("flatten", args.map(c));
/** Spark SQL `slice`; string arguments name columns. */
export const slice = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("slice", args.map(c));
/** Spark SQL `sequence`; string arguments name columns. */
export const sequence = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("sequence", args.map(c));
/** Spark SQL `shuffle`; string arguments name columns. */
export const shuffle = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("shuffle", args.map(c));
/** Spark SQL `map`; string arguments name columns. */
export const map = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map", args.map(c));
/** Spark SQL `map`; string arguments name columns. */
export const create_map = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map", args.map(c));
/** Spark SQL `map_keys`; string arguments name columns. */
export const map_keys = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map_keys", args.map(c));
/** Spark SQL `map_values`; string arguments name columns. */
export const map_values = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map_values", args.map(c));
/** Spark SQL `map_entries`; string arguments name columns. */
export const map_entries = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map_entries", args.map(c));
/** Spark SQL `map_from_arrays`; string arguments name columns. */
export const map_from_arrays = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map_from_arrays", args.map(c));
/** Spark SQL `map_from_entries`; string arguments name columns. */
export const map_from_entries = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map_from_entries", args.map(c));
/** Spark SQL `map_concat`; string arguments name columns. */
export const map_concat = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("map_concat", args.map(c));
/** Spark SQL `struct`; string arguments name columns. */
export const struct = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("struct", args.map(c));
/** Spark SQL `named_struct`; string arguments name columns. */
export const named_struct = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("named_struct", args.map(c));
/** Spark SQL `get`; string arguments name columns. */
export const get = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("get", args.map(c));
/** Spark SQL `cardinality`; string arguments name columns. */
export const cardinality = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("cardinality", args.map(c));

// ---- misc ----
/** Spark SQL `coalesce`; string arguments name columns. */
export const coalesce = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("coalesce", args.map(c));
/** Spark SQL `nvl`; string arguments name columns. */
export const nvl = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("nvl", args.map(c));
/** Spark SQL `nvl2`; string arguments name columns. */
export const nvl2 = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("nvl2", args.map(c));
/** Spark SQL `ifnull`; string arguments name columns. */
export const ifnull = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ifnull", args.map(c));
/** Spark SQL `nullif`; string arguments name columns. */
export const nullif = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("nullif", args.map(c));
/** Spark SQL `isnull`; string arguments name columns. */
export const isnull = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("isnull", args.map(c));
/** Spark SQL `isnotnull`; string arguments name columns. */
export const isnotnull = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("isnotnull", args.map(c));
/** Spark SQL `isnan`; string arguments name columns. */
export const isnan = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("isnan", args.map(c));
/** Spark SQL `nanvl`; string arguments name columns. */
export const nanvl = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("nanvl", args.map(c));
/** Spark SQL `monotonically_increasing_id`; string arguments name columns. */
export const monotonically_increasing_id = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("monotonically_increasing_id", args.map(c));
/** Spark SQL `spark_partition_id`; string arguments name columns. */
export const spark_partition_id = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("spark_partition_id", args.map(c));
/** Spark SQL `input_file_name`; string arguments name columns. */
export const input_file_name = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("input_file_name", args.map(c));
/** Spark SQL `uuid`; string arguments name columns. */
export const uuid = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("uuid", args.map(c));
/** Spark SQL `row_number`; string arguments name columns. */
export const row_number = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("row_number", args.map(c));
/** Spark SQL `rank`; string arguments name columns. */
export const rank = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("rank", args.map(c));
/** Spark SQL `dense_rank`; string arguments name columns. */
export const dense_rank = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("dense_rank", args.map(c));
/** Spark SQL `percent_rank`; string arguments name columns. */
export const percent_rank = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("percent_rank", args.map(c));
/** Spark SQL `cume_dist`; string arguments name columns. */
export const cume_dist = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("cume_dist", args.map(c));
/** Spark SQL `ntile`; string arguments name columns. */
export const ntile = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("ntile", args.map(c));
/** Spark SQL `nth_value`; string arguments name columns. */
export const nth_value = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("nth_value", args.map(c));
/** Spark SQL `to_json`; string arguments name columns. */
export const to_json = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("to_json", args.map(c));
/** Spark SQL `json_tuple`; string arguments name columns. */
export const json_tuple = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("json_tuple", args.map(c));
/** Spark SQL `schema_of_json`; string arguments name columns. */
export const schema_of_json = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("schema_of_json", args.map(c));
/** Spark SQL `equal_null`; string arguments name columns. */
export const equal_null = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("equal_null", args.map(c));
/** Spark SQL `try_element_at`; string arguments name columns. */
export const try_element_at = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("try_element_at", args.map(c));
/** Spark SQL `assert_true`; string arguments name columns. */
export const assert_true = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("assert_true", args.map(c));
/** Spark SQL `raise_error`; string arguments name columns. */
export const raise_error = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("raise_error", args.map(c));
/** Spark SQL `bit_count`; string arguments name columns. */
export const bit_count = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("bit_count", args.map(c));
/** Spark SQL `shiftleft`; string arguments name columns. */
export const shiftleft = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("shiftleft", args.map(c));
/** Spark SQL `shiftright`; string arguments name columns. */
export const shiftright = (...args: (ColumnLike | ColumnOrValue)[]): Column => Column.fn("shiftright", args.map(c));
