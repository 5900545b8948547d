import { SparkConnectError } from "../errors/spark-connect-error.ts";
import { toLiteral, type LiteralValue } from "../expr/literal.ts";
import type { DataFrame } from "./dataframe.ts";

type Scalar = boolean | number | bigint | string;

// The server's NA functions take BIGINT, DOUBLE, STRING and BOOLEAN literals only.
function naLiteral(value: Scalar | null, path: string) {
  if (typeof value === "number") return toLiteral(Number.isInteger(value) ? BigInt(value) : value, path);
  return toLiteral(value, path);
}

function scalar(value: unknown, path: string): Scalar {
  if (typeof value === "boolean" || typeof value === "number" || typeof value === "bigint" || typeof value === "string") return value;
  throw new SparkConnectError(`${path}: must be a boolean, number, bigint or string, got ${value === null ? "null" : typeof value}`, { code: "INVALID_ARGUMENT" });
}

/** Missing-value handling of a DataFrame (`df.na`). */
export class DataFrameNaFunctions {
  /** @internal */
  constructor(private readonly df: DataFrame) {}

  /**
   * Replaces nulls: with one value in every column of a matching type (numbers for numeric columns, strings
   * for string columns, booleans for boolean columns), limited to `subset` when given; or per column with
   * `{ column: value }`.
   */
  fill(value: LiteralValue | Record<string, LiteralValue>, subset?: string[]): DataFrame {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array) && !(value instanceof Map)) {
      const entries = Object.entries(value);
      return this.df.wrap("fillNa", { cols: entries.map(([k]) => k), values: entries.map(([k, v]) => naLiteral(scalar(v, `fill.${k}`), `fill.${k}`)) });
    }
    return this.df.wrap("fillNa", { cols: subset ?? [], values: [naLiteral(scalar(value, "fill.value"), "fill.value")] });
  }

  /** Drops rows with nulls: `how` "any" (default) or "all"; or fewer than `thresh` non-null values; in `subset` columns. */
  drop(options: { how?: "any" | "all"; thresh?: number; subset?: string[] } = {}): DataFrame {
    const { how = "any", thresh, subset } = options;
    if (how !== "any" && how !== "all") throw new SparkConnectError(`dropna.how: must be "any" or "all", got ${JSON.stringify(how)}`, { code: "INVALID_ARGUMENT" });
    if (thresh !== undefined && !(Number.isInteger(thresh) && thresh >= 0)) throw new SparkConnectError(`dropna.thresh: must be a non-negative integer, got ${thresh}`, { code: "INVALID_ARGUMENT" });
    const minNonNulls = thresh ?? (how === "all" ? 1 : undefined);
    return this.df.wrap("dropNa", { cols: subset ?? [], ...(minNonNulls === undefined ? {} : { minNonNulls }) });
  }

  /** Replaces values: `replace({ old: new, … }, subset?)` (null allowed as a new value). */
  replace(replacements: Map<Scalar | null, Scalar | null> | Record<string, Scalar | null>, subset?: string[]): DataFrame {
    const pairs = replacements instanceof Map ? [...replacements] : Object.entries(replacements);
    return this.df.wrap("replace", {
      cols: subset ?? [],
      replacements: pairs.map(([oldValue, newValue], i) => ({ oldValue: naLiteral(oldValue, `replace[${i}].old`), newValue: naLiteral(newValue, `replace[${i}].new`) })),
    });
  }
}
