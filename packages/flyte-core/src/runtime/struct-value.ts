import type { z } from "zod";
import type { IssuePath } from "../errors.ts";
import { enumNames, unionMembers, unwrapped } from "../serialize/interface.ts";
import { conversionError, describeValue, expectedType, zodDef, type ConversionCode } from "./conversion-error.ts";
import { isDurationSchema } from "../types/duration-schema.ts";
import { isJsonLikeSchema, isUntypedDictSchema } from "../types/json-like-schema.ts";
import { durationProblem, formatIsoDuration, parseIsoDuration } from "./duration-value.ts";
import { formatIsoDatetime, parseIsoDatetime } from "./iso-datetime.ts";
import { fromJsonLikeValue, toJsonLikeValue } from "./json-like-value.ts";
import type { MsgpackDecoded, MsgpackValue } from "./msgpack.ts";

/*
 * JS values ↔ the plain data inside a STRUCT literal (msgpack binary, or a protobuf Struct sent by the UI),
 * following the declared zod schema. Inside a struct the reference's dataclass rules apply (mashumaro
 * defaults): fields in declaration order, every field present (None as nil), dates as ISO strings, durations
 * as float seconds, enums by VALUE, tuples as arrays, unions as the bare value of the matching variant, and
 * JSON-like values (z.unknown()/z.any()/z.json()) typed by the value itself (json-like-value.ts).
 */

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

interface EnumDef { entries?: Record<string, string | number>; values?: unknown[] }

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Date) && !(v instanceof Uint8Array);

/** The JS value of a declared none type: `null` for z.null()/nullable, `undefined` for z.undefined()/void/optional. */
export function noneValueOf(schema: z.ZodType): null | undefined {
  const s = unwrapped(schema);
  const d = zodDef(s) as { type: string; options?: z.ZodType[]; innerType?: z.ZodType };
  switch (d.type) {
    case "null": case "nullable": return null;
    case "undefined": case "void": case "optional": return undefined;
    case "union": return d.options!.some((o) => noneValueOf(o) === null && isNoneSchema(o)) ? null : undefined;
    default: return undefined;
  }
}

function isNoneSchema(schema: z.ZodType): boolean {
  const t = zodDef(unwrapped(schema)).type;
  return t === "null" || t === "undefined" || t === "void" || t === "nullable" || t === "optional";
}

/** Whether a schema is a union/optional/nullable (its literal type is a union). */
export function isUnionSchema(schema: z.ZodType): boolean {
  const t = zodDef(unwrapped(schema)).type;
  return t === "union" || t === "optional" || t === "nullable";
}

/** `dataclass`: mashumaro's rules; `pydantic`: the reference's tuple wrapper (a pydantic model; dates end in `Z`). */
export type StructStyle = "dataclass" | "pydantic";

/** JS value → plain msgpack data, driven by `schema` (ints become bigint, floats stay numbers → float64). */
export function toStructValue(value: unknown, schema: z.ZodType, path: IssuePath, code: ConversionCode, style: StructStyle = "dataclass"): MsgpackValue {
  const s = unwrapped(schema);
  const d = zodDef(s);
  const wrong = () => conversionError(code, path, `expected ${expectedType(s)}, got ${describeValue(value)}`);
  if (isJsonLikeSchema(s)) return toJsonLikeValue(value, path, code);
  if (isUntypedDictSchema(s)) {
    if (!isPlainObject(value)) throw wrong();
    return toJsonLikeValue(value, path, code);
  }
  switch (d.type) {
    case "number":
      if (typeof value !== "number") throw wrong();
      if (isDurationSchema(s)) {
        const problem = durationProblem(value);
        if (problem) throw conversionError(code, path, `${problem}, got ${describeValue(value)}`);
        // mashumaro stores a dataclass's timedelta as float seconds; pydantic as an ISO 8601 duration.
        return style === "pydantic" ? formatIsoDuration(value) : value;
      }
      if ((s as z.ZodNumber).isInt) {
        if (!Number.isSafeInteger(value)) throw wrong();
        return BigInt(value);
      }
      return value;
    case "bigint":
      if (typeof value !== "bigint") throw wrong();
      if (value < INT64_MIN || value > INT64_MAX) throw conversionError(code, path, `bigint ${value}n is outside the int64 range`);
      return value;
    case "string":
      if (typeof value !== "string") throw wrong();
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw wrong();
      return value;
    case "date":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw wrong();
      try {
        return formatIsoDatetime(value, style);
      } catch (err) {
        throw conversionError(code, path, (err as Error).message);
      }
    case "null": case "undefined": case "void":
      if (value !== null && value !== undefined) throw wrong();
      return null;
    case "array":
      if (!Array.isArray(value)) throw wrong();
      return value.map((item, i) => toStructValue(item, d.element!, [...path, i], code, style));
    case "tuple": {
      const items = d.items ?? [];
      if (!Array.isArray(value) || value.length !== items.length) throw wrong();
      return items.map((item, i) => toStructValue(value[i], item, [...path, i], code, style));
    }
    case "record": {
      if (!isPlainObject(value)) throw wrong();
      const out = new Map<MsgpackValue, MsgpackValue>();
      for (const [k, v] of Object.entries(value)) out.set(k, toStructValue(v, d.valueType!, [...path, k], code, style));
      return out;
    }
    case "object": {
      if (!isPlainObject(value)) throw wrong();
      const out = new Map<MsgpackValue, MsgpackValue>();
      for (const [k, field] of Object.entries(d.shape ?? {})) out.set(k, toStructValue(value[k], field, [...path, k], code, style));
      return out;
    }
    case "enum": case "literal": {
      const values = enumValues(s);
      if (!values.some((v) => v === value)) throw conversionError(code, path, `expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(value)}`);
      return String(value);
    }
    case "union": case "optional": case "nullable": {
      const members = unionMembers([s]);
      if (value === null || value === undefined) {
        if (members.some(isNoneSchema)) return null;
        throw wrong();
      }
      for (const member of members) {
        if (isNoneSchema(member)) continue;
        try {
          return toStructValue(value, member, path, code, style);
        } catch {
          // not this variant; try the next one
        }
      }
      throw wrong();
    }
    default:
      throw conversionError(code, path, `zod type "${d.type}" cannot be stored in a Flyte literal`);
  }
}

/** Enum values (JS side) of a z.enum / z.literal. */
function enumValues(schema: z.ZodType): unknown[] {
  const d = zodDef(schema) as unknown as { type: string } & EnumDef;
  return d.type === "enum" ? Object.values(d.entries ?? {}) : (d.values ?? []);
}

/** Decoded msgpack data (or a protobuf Struct's JSON) → the JS value `schema` declares. */
export function fromStructValue(value: MsgpackDecoded | unknown, schema: z.ZodType, path: IssuePath, code: ConversionCode): unknown {
  const s = unwrapped(schema);
  const d = zodDef(s);
  const wrong = () => conversionError(code, path, `expected ${expectedType(s)}, got ${describeValue(value)}`);
  if (isJsonLikeSchema(s)) return fromJsonLikeValue(value, path, code);
  if (isUntypedDictSchema(s)) {
    if (!(value instanceof Map) && !isPlainObject(value)) throw wrong();
    return fromJsonLikeValue(value, path, code);
  }
  switch (d.type) {
    case "number":
      if (isDurationSchema(s)) {
        // Float seconds (dataclass), an int from other writers, or an ISO 8601 string (pydantic model).
        const seconds = typeof value === "bigint" ? Number(value) : typeof value === "string" ? parseIsoDuration(value) : value;
        if (typeof seconds !== "number") throw conversionError(code, path, `expected a duration (seconds, or an ISO 8601 duration string), got ${describeValue(value)}`);
        return seconds;
      }
      if ((s as z.ZodNumber).isInt) {
        if (typeof value === "bigint") {
          if (value < BigInt(Number.MIN_SAFE_INTEGER) || value > BigInt(Number.MAX_SAFE_INTEGER)) {
            throw conversionError(code, path, `integer ${value} is outside the safe range of a JS number; declare the field as z.bigint()`);
          }
          return Number(value);
        }
        // A JSON Struct has only doubles; accept integral ones.
        if (typeof value === "number" && Number.isSafeInteger(value)) return value;
        throw wrong();
      }
      if (typeof value === "number") return value;
      if (typeof value === "bigint") return Number(value);
      throw wrong();
    case "bigint":
      if (typeof value === "bigint") return value;
      if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
      throw wrong();
    case "string":
      if (typeof value !== "string") throw wrong();
      return value;
    case "boolean":
      if (typeof value !== "boolean") throw wrong();
      return value;
    case "date": {
      const date = typeof value === "string" ? parseIsoDatetime(value) : undefined;
      if (!date) throw conversionError(code, path, `expected an ISO 8601 datetime string, got ${describeValue(value)}`);
      return date;
    }
    case "null": case "undefined": case "void":
      if (value !== null && value !== undefined) throw wrong();
      return noneValueOf(s);
    case "array":
      if (!Array.isArray(value)) throw wrong();
      return value.map((item, i) => fromStructValue(item, d.element!, [...path, i], code));
    case "tuple": {
      const items = d.items ?? [];
      // An array inside a struct; a top-level tuple is a map {item_0, item_1, …} (the reference's wrapper model).
      const entries = mapEntries(value);
      const list = entries ? tupleItems(entries) : value;
      if (!Array.isArray(list) || list.length !== items.length) throw wrong();
      return items.map((item, i) => fromStructValue(list[i], item, [...path, i], code));
    }
    case "record": {
      const entries = mapEntries(value);
      if (!entries) throw wrong();
      const out: Array<[string, unknown]> = [];
      for (const [k, v] of entries) {
        if (typeof k !== "string") throw conversionError(code, path, `expected string keys, got key ${describeValue(k)}`);
        out.push([k, fromStructValue(v, d.valueType!, [...path, k], code)]);
      }
      return Object.fromEntries(out);
    }
    case "object": {
      const entries = mapEntries(value);
      if (!entries) throw wrong();
      const byKey = new Map(entries);
      const out: Array<[string, unknown]> = [];
      for (const [k, field] of Object.entries(d.shape ?? {})) {
        // An absent field is left out when the schema takes undefined (optional, or a default it then applies);
        // otherwise it is an error, which also keeps a union of objects from matching the wrong variant.
        if (byKey.has(k)) out.push([k, fromStructValue(byKey.get(k), field, [...path, k], code)]);
        else if (!field.safeParse(undefined).success) throw conversionError(code, [...path, k], `missing field (expected ${expectedType(field)})`);
      }
      return Object.fromEntries(out);
    }
    case "enum": case "literal": {
      // Dataclass fields carry the enum VALUE; a pydantic model carries the member NAME. Accept both.
      const values = enumValues(s);
      const names = enumNames(s);
      const byValue = values.find((v) => v === value);
      if (byValue !== undefined) return byValue;
      const at = typeof value === "string" ? names.indexOf(value) : -1;
      if (at >= 0) return values[at];
      throw conversionError(code, path, `expected one of ${values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(value)}`);
    }
    case "union": case "optional": case "nullable": {
      const members = unionMembers([s]);
      if (value === null || value === undefined) {
        if (members.some(isNoneSchema)) return noneValueOf(s);
        throw wrong();
      }
      for (const member of members) {
        if (isNoneSchema(member)) continue;
        try {
          return fromStructValue(value, member, path, code);
        } catch {
          // not this variant; try the next one
        }
      }
      throw wrong();
    }
    default:
      throw conversionError(code, path, `zod type "${d.type}" cannot be read from a Flyte literal`);
  }
}

function tupleItems(entries: Array<[unknown, unknown]>): unknown[] | undefined {
  const byKey = new Map(entries);
  const items: unknown[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (!byKey.has(`item_${i}`)) return undefined;
    items.push(byKey.get(`item_${i}`));
  }
  return items;
}

function mapEntries(value: unknown): Array<[unknown, unknown]> | undefined {
  if (value instanceof Map) return [...value.entries()];
  if (isPlainObject(value)) return Object.entries(value);
  return undefined;
}
