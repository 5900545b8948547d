import { create } from "@bufbuild/protobuf";
import { Expression_LiteralSchema, type Expression_Literal } from "../gen/spark/connect/expressions_pb.ts";
import { SparkConnectError } from "../errors/spark-connect-error.ts";
import { toProto } from "../types/data-type.ts";

/** A JS value that becomes a Spark literal (see {@link lit}). */
export type LiteralValue = null | undefined | boolean | number | bigint | string | Date | Uint8Array | LiteralValue[] | Map<LiteralValue, LiteralValue> | { [key: string]: LiteralValue };

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A JS value as a Spark Connect literal: integers in int32 range → INT, other integers → BIGINT, other
 * numbers → DOUBLE, bigint → BIGINT, string → STRING, boolean, Date → TIMESTAMP (the instant), Uint8Array →
 * BINARY, arrays → ARRAY, Map → MAP, plain objects → STRUCT, null/undefined → NULL.
 */
export function toLiteral(value: LiteralValue, path = "value"): Expression_Literal {
  return create(Expression_LiteralSchema, { literalType: literalType(value, path) } as never);
}

function literalType(value: LiteralValue, path: string): Expression_Literal["literalType"] {
  if (value === null || value === undefined) return { case: "null", value: toProto({ type: "null" }) };
  switch (typeof value) {
    case "boolean":
      return { case: "boolean", value };
    case "number":
      if (Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX) return { case: "integer", value };
      if (Number.isSafeInteger(value)) return { case: "long", value: BigInt(value) };
      return { case: "double", value };
    case "bigint":
      if (value < INT64_MIN || value > INT64_MAX) throw new SparkConnectError(`${path}: ${value} is outside the BIGINT range (-2^63 … 2^63-1); use lit(String(v)).cast("decimal(38,0)")`, { code: "INVALID_ARGUMENT" });
      return { case: "long", value };
    case "string":
      return { case: "string", value };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new SparkConnectError(`${path}: an invalid Date`, { code: "INVALID_ARGUMENT" });
    return { case: "timestamp", value: BigInt(value.getTime()) * 1000n };
  }
  if (value instanceof Uint8Array) return { case: "binary", value };
  if (Array.isArray(value)) return { case: "array", value: { elements: value.map((v, i) => toLiteral(v, `${path}[${i}]`)) } as never };
  if (value instanceof Map) {
    const keys: Expression_Literal[] = [];
    const values: Expression_Literal[] = [];
    for (const [k, v] of value) {
      keys.push(toLiteral(k, `${path}.key`));
      values.push(toLiteral(v, `${path}[${String(k)}]`));
    }
    return { case: "map", value: { keys, values } as never };
  }
  if (typeof value === "object") {
    return { case: "struct", value: { elements: Object.entries(value).map(([k, v]) => toLiteral(v, `${path}.${k}`)) } as never };
  }
  throw new SparkConnectError(`${path}: a ${typeof value} cannot be a Spark literal (allowed: null, boolean, number, bigint, string, Date, Uint8Array, arrays, Map, plain objects)`, { code: "INVALID_ARGUMENT" });
}
