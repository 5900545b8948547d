import type { IssuePath } from "../errors.ts";
import { conversionError, describeValue, type ConversionCode } from "./conversion-error.ts";
import type { MsgpackValue } from "./msgpack.ts";

/*
 * Values of z.unknown()/z.any()/z.json() ↔ msgpack, typed by the value itself as Python's `msgpack.packb`
 * types the values of an untyped `dict`: null, booleans, strings, safe integers as msgpack ints, every other
 * number as a float64, bigints as ints, Uint8Array as bin, arrays, and plain objects as maps (an undefined
 * property is left out, as JSON does). Anything else — a Date included, which Python's msgpack refuses in an
 * untyped dict — is an error at its path.
 */

const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** A JS value → msgpack data. */
export function toJsonLikeValue(value: unknown, path: IssuePath, code: ConversionCode, ancestors: object[] = []): MsgpackValue {
  switch (typeof value) {
    case "undefined": return null;
    case "boolean": case "string": return value;
    // -0 stays a float: an int would lose its sign.
    case "number": return Number.isSafeInteger(value) && !Object.is(value, -0) ? BigInt(value) : value;
    case "bigint":
      if (value < INT64_MIN || value > UINT64_MAX) throw conversionError(code, path, `bigint ${value}n is outside the int64/uint64 range of msgpack`);
      return value;
    case "object": break;
    default:
      throw conversionError(code, path, `a ${typeof value} cannot be stored in a JSON-like value`);
  }
  if (value === null) return null;
  if (value instanceof Uint8Array) return value;
  if (value instanceof Date) {
    throw conversionError(code, path, "a Date cannot be stored in a JSON-like value (Python's msgpack refuses datetimes in an untyped dict); store date.toISOString(), or declare the field with z.date()");
  }
  if (ancestors.includes(value)) throw conversionError(code, path, "a JSON-like value cannot contain itself (cyclic reference)");
  const inner = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item, i) => toJsonLikeValue(item, [...path, i], code, inner));
  if (!isPlainObject(value)) {
    throw conversionError(code, path, `expected a JSON-like value (null, boolean, number, string, array or plain object), got ${describeValue(value)} (${value.constructor?.name ?? "no constructor"})`);
  }
  const out = new Map<MsgpackValue, MsgpackValue>();
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) out.set(k, toJsonLikeValue(v, [...path, k], code, inner));
  }
  return out;
}

/**
 * Decoded msgpack data (or a protobuf Struct's JSON) → plain JS: integers as numbers when safe and bigints
 * otherwise, maps as plain objects (string keys only; a `__proto__` key stays data), bin as Uint8Array.
 */
export function fromJsonLikeValue(value: unknown, path: IssuePath, code: ConversionCode): unknown {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((item, i) => fromJsonLikeValue(item, [...path, i], code));
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (typeof k !== "string") throw conversionError(code, path, `map key ${describeValue(k)} is not a string; a JSON-like object needs string keys`);
    Object.defineProperty(out, k, { value: fromJsonLikeValue(v, [...path, k], code), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
