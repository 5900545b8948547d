import { create, fromJson, type JsonObject } from "@bufbuild/protobuf";
import type { z } from "zod";
import type { IssuePath } from "../errors.ts";
import { type Literal, LiteralSchema, type Scalar } from "../gen/flyteidl2/core/literals_pb.ts";
import { type LiteralType, LiteralTypeSchema } from "../gen/flyteidl2/core/types_pb.ts";
import { enumNames, literalTypeOf, transformerTag, unionMembers, unwrapped, type LiteralTypeJson } from "../serialize/interface.ts";
import { conversionError, describeValue, expectedType, zodDef, type ConversionCode } from "./conversion-error.ts";
import { isDurationSchema } from "../types/duration-schema.ts";
import { isUntypedDictSchema } from "../types/json-like-schema.ts";
import { durationProblem, fromProtoDuration, toProtoDuration } from "./duration-value.ts";
import { fromJsonLikeValue, toJsonLikeValue } from "./json-like-value.ts";
import { decodeMsgpack, encodeMsgpack, MsgpackError, type MsgpackValue } from "./msgpack.ts";
import { fromStructValue, isUnionSchema, noneValueOf, toStructValue } from "./struct-value.ts";

/*
 * JS values ↔ flyteidl2 `core.Literal`, following the zod schema the task declares and the literal types
 * serialize/interface.ts gives it (docs/literals.md has the table). Writing is strict about JS types;
 * reading also takes the alternative forms other writers use (an int sent as a float, a list/dict sent as a
 * msgpack binary, an object sent as a protobuf Struct).
 */

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const MSGPACK_TAG = "msgpack";

const scalarLiteral = (value: Scalar["value"]): Literal => create(LiteralSchema, { value: { case: "scalar", value: { value } } });
const primitiveLiteral = (value: NonNullable<Extract<Scalar["value"], { case: "primitive" }>["value"]>["value"]): Literal =>
  scalarLiteral({ case: "primitive", value: { $typeName: "flyteidl2.core.Primitive", value } } as Scalar["value"]);

/**
 * The literal for `value` as `schema` declares it. `path` locates the value in errors (e.g. ["output", 0]);
 * `code` is INVALID_OUTPUT (writing a task's outputs, the default) or INVALID_INPUT (writing inputs).
 */
export function valueToLiteral(value: unknown, schema: z.ZodType, path: IssuePath, code: ConversionCode = "INVALID_OUTPUT"): Literal {
  const s = unwrapped(schema);
  const d = zodDef(s);
  const wrong = () => conversionError(code, path, `expected ${expectedType(s)}, got ${describeValue(value)}`);
  if (isUntypedDictSchema(s)) {
    // Python's untyped dict: the value as msgpack, typed by itself. z.json() also takes a bare JSON value.
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    if (d.type === "record" && !isObject) throw wrong();
    return msgpackLiteral(toJsonLikeValue(value, path, code), path, code);
  }
  switch (d.type) {
    case "number":
      if (typeof value !== "number") throw wrong();
      if (isDurationSchema(s)) {
        const problem = durationProblem(value);
        if (problem) throw conversionError(code, path, `${problem}, got ${describeValue(value)}`);
        return primitiveLiteral({ case: "duration", value: { $typeName: "google.protobuf.Duration", ...toProtoDuration(value) } });
      }
      if ((s as z.ZodNumber).isInt) {
        if (!Number.isSafeInteger(value)) throw wrong();
        return primitiveLiteral({ case: "integer", value: BigInt(value) });
      }
      return primitiveLiteral({ case: "floatValue", value });
    case "bigint":
      if (typeof value !== "bigint") throw wrong();
      if (value < INT64_MIN || value > INT64_MAX) throw conversionError(code, path, `bigint ${value}n is outside the int64 range`);
      return primitiveLiteral({ case: "integer", value });
    case "string":
      if (typeof value !== "string") throw wrong();
      return primitiveLiteral({ case: "stringValue", value });
    case "boolean":
      if (typeof value !== "boolean") throw wrong();
      return primitiveLiteral({ case: "boolean", value });
    case "date": {
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw wrong();
      const ms = value.getTime();
      const seconds = Math.floor(ms / 1000);
      const datetime = { $typeName: "google.protobuf.Timestamp", seconds: BigInt(seconds), nanos: (ms - seconds * 1000) * 1_000_000 } as const;
      return primitiveLiteral({ case: "datetime", value: datetime });
    }
    case "null": case "undefined": case "void":
      if (value !== null && value !== undefined) throw wrong();
      return noneLiteral();
    case "array":
      if (!Array.isArray(value)) throw wrong();
      return create(LiteralSchema, {
        value: { case: "collection", value: { literals: value.map((item, i) => valueToLiteral(item, d.element!, [...path, i], code)) } },
      });
    case "record": {
      if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Map || value instanceof Date) throw wrong();
      const literals: Record<string, Literal> = {};
      for (const [k, v] of Object.entries(value)) literals[k] = valueToLiteral(v, d.valueType!, [...path, k], code);
      return create(LiteralSchema, { value: { case: "map", value: { literals } } });
    }
    case "enum": case "literal": {
      // The literal carries the member NAME (which is the value for string arrays and z.literal).
      const values = Object.values((d as { entries?: Record<string, unknown> }).entries ?? {});
      const literalValues = (d as { values?: unknown[] }).values ?? [];
      const names = enumNames(s);
      const at = d.type === "enum" ? values.indexOf(value) : literalValues.indexOf(value);
      if (at < 0 || typeof value !== "string") {
        const allowed = d.type === "enum" ? values : literalValues;
        throw conversionError(code, path, `expected one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(value)}`);
      }
      return primitiveLiteral({ case: "stringValue", value: names[at]! });
    }
    case "object": case "tuple": {
      // A top-level tuple is the reference's wrapper model: a map {item_0, item_1, …} in pydantic style.
      const items = d.type === "tuple" ? ((d as { items?: z.ZodType[] }).items ?? []) : undefined;
      if (items && (!Array.isArray(value) || value.length !== items.length)) throw wrong();
      const plain = items
        ? new Map(items.map((item, i) => [`item_${i}`, toStructValue((value as unknown[])[i], item, [...path, i], code, "pydantic")] as const))
        : toStructValue(value, s, path, code);
      return msgpackLiteral(plain, path, code);
    }
    case "union": case "optional": case "nullable":
      return unionLiteral(value, s, path, code);
    case "unknown": case "any":
      throw conversionError(code, path, `z.${d.type}() has no Flyte literal type on its own (Python would pickle it); use z.record(z.string(), z.${d.type}()) or z.json() for a JSON-like object`);
    default:
      throw conversionError(code, path, `zod type "${d.type}" has no Flyte literal type`);
  }
}

/** `scalar.binary` {msgpack bytes, tag "msgpack"}. */
function msgpackLiteral(plain: MsgpackValue, path: IssuePath, code: ConversionCode): Literal {
  let bytes: Uint8Array;
  try {
    bytes = encodeMsgpack(plain);
  } catch (err) {
    throw conversionError(code, path, (err as Error).message);
  }
  return scalarLiteral({ case: "binary", value: { $typeName: "flyteidl2.core.Binary", value: bytes, tag: MSGPACK_TAG } });
}

function noneLiteral(): Literal {
  return scalarLiteral({ case: "noneType", value: { $typeName: "flyteidl2.core.Void" } });
}

// The union's variant types as the interface declares them (with structure.tag), computed once per schema.
const variantTypes = new WeakMap<z.ZodType, LiteralType[]>();
function unionVariantTypes(schema: z.ZodType): LiteralType[] {
  let types = variantTypes.get(schema);
  if (!types) {
    const json = literalTypeOf(schema, [], []) as { unionType?: { variants: LiteralTypeJson[] } };
    types = (json.unionType?.variants ?? []).map((v) => fromJson(LiteralTypeSchema, v as JsonObject));
    variantTypes.set(schema, types);
  }
  return types;
}

const isNoneKind = (schema: z.ZodType) => ["null", "undefined", "void"].includes(zodDef(schema).type);

/** `scalar.union` {value, type}: null/undefined take the none variant, anything else the first variant it fits. */
function unionLiteral(value: unknown, schema: z.ZodType, path: IssuePath, code: ConversionCode): Literal {
  const members = unionMembers([schema]);
  const types = unionVariantTypes(schema);
  const wrap = (i: number, literal: Literal) => scalarLiteral({ case: "union", value: { $typeName: "flyteidl2.core.Union", value: literal, type: types[i] } });
  if (value === null || value === undefined) {
    const none = members.findIndex(isNoneKind);
    if (none < 0) throw conversionError(code, path, `expected ${expectedType(schema)}, got ${describeValue(value)}`);
    return wrap(none, noneLiteral());
  }
  for (const [i, member] of members.entries()) {
    if (isNoneKind(member)) continue;
    try {
      return wrap(i, valueToLiteral(value, member, path, code));
    } catch {
      // not this variant; try the next one
    }
  }
  throw conversionError(code, path, `expected ${expectedType(schema)}, got ${describeValue(value)}`);
}

/** What a literal holds, for error messages. */
export function describeLiteral(literal: Literal): string {
  const v = literal.value;
  if (v.case === "scalar") {
    const sv = v.value.value;
    if (sv.case === "primitive") {
      const names: Record<string, string> = { integer: "an integer", floatValue: "a float", stringValue: "a string", boolean: "a boolean", datetime: "a datetime", duration: "a duration" };
      return `${names[sv.value.value.case ?? ""] ?? "an empty primitive"} literal`;
    }
    const names: Record<string, string> = {
      blob: "a blob (file/dir) literal", binary: `a binary literal (tag "${sv.case === "binary" ? sv.value.tag : ""}")`, schema: "a schema literal",
      noneType: "a none literal", error: "an error literal", generic: "a Struct literal", structuredDataset: "a structured dataset literal", union: "a union literal",
    };
    return names[sv.case ?? ""] ?? "an empty scalar literal";
  }
  const names: Record<string, string> = { collection: "a collection literal", map: "a map literal", offloadedMetadata: "an offloaded literal" };
  return names[v.case ?? ""] ?? "an empty literal";
}

/**
 * The JS value a literal holds, as `schema` declares it: int64 → number (error when beyond 2^53) or bigint for
 * z.bigint(), datetime → Date (milliseconds; digits below a millisecond are truncated), duration → seconds
 * (number), enum name → member value, none → null or undefined (see noneValueOf), a msgpack untyped dict →
 * plain JS data. `path` locates the value in errors; `code` defaults to INVALID_INPUT.
 */
export function literalToValue(literal: Literal, schema: z.ZodType, path: IssuePath, code: ConversionCode = "INVALID_INPUT"): unknown {
  const s = unwrapped(schema);
  const d = zodDef(s);
  const wrong = () => conversionError(code, path, `expected ${expectedType(s)}, got ${describeLiteral(literal)}`);
  const lv = literal.value;
  if (lv.case === "offloadedMetadata") {
    throw conversionError(code, path, `offloaded literals (stored at ${JSON.stringify(lv.value.uri)}) are not supported yet`);
  }
  const scalar = lv.case === "scalar" ? lv.value.value : undefined;
  if (isUnionSchema(s)) return unionValue(literal, s, path, code);
  // A union literal for a non-union type: read the value it wraps.
  if (scalar?.case === "union" && scalar.value.value) return literalToValue(scalar.value.value, s, path, code);
  const primitive = scalar?.case === "primitive" ? scalar.value.value : undefined;
  if (isUntypedDictSchema(s)) {
    // msgpack (what the SDKs write) or a protobuf Struct (what the UI sends).
    const data = scalar?.case === "binary" ? msgpackOf(scalar.value, path, code) : scalar?.case === "generic" ? scalar.value : undefined;
    if (data === undefined) throw wrong();
    if (d.type === "record" && !(data instanceof Map) && scalar?.case !== "generic") {
      throw conversionError(code, path, `expected a msgpack map (a JSON-like object), got ${describeValue(data)}`);
    }
    return fromJsonLikeValue(data, path, code);
  }
  switch (d.type) {
    case "number":
      if (isDurationSchema(s)) {
        if (primitive?.case === "duration") return fromProtoDuration(primitive.value.seconds, primitive.value.nanos);
        throw wrong();
      }
      if ((s as z.ZodNumber).isInt) {
        if (primitive?.case === "integer") {
          const v = primitive.value;
          if (v < BigInt(Number.MIN_SAFE_INTEGER) || v > BigInt(Number.MAX_SAFE_INTEGER)) {
            throw conversionError(code, path, `integer ${v} is outside the safe range of a JS number; declare it as z.bigint()`);
          }
          return Number(v);
        }
        // Values typed in the UI may arrive as floats; the reference truncates them.
        if (primitive?.case === "floatValue" && Number.isFinite(primitive.value) && Number.isSafeInteger(Math.trunc(primitive.value))) {
          return Math.trunc(primitive.value);
        }
        throw wrong();
      }
      if (primitive?.case === "floatValue") return primitive.value;
      if (primitive?.case === "integer") return Number(primitive.value);
      throw wrong();
    case "bigint":
      if (primitive?.case === "integer") return primitive.value;
      if (primitive?.case === "floatValue" && Number.isFinite(primitive.value)) {
        const v = BigInt(Math.trunc(primitive.value));
        if (v >= INT64_MIN && v <= INT64_MAX) return v;
      }
      throw wrong();
    case "string":
      if (primitive?.case === "stringValue") return primitive.value;
      throw wrong();
    case "boolean":
      if (primitive?.case === "boolean") return primitive.value;
      throw wrong();
    case "date":
      if (primitive?.case === "datetime") {
        const { seconds, nanos } = primitive.value;
        const ms = Number(seconds) * 1000 + Math.floor(nanos / 1_000_000);
        const date = new Date(ms);
        if (Number.isNaN(date.getTime())) throw conversionError(code, path, `datetime ${seconds}s is outside the range of a JS Date`);
        return date;
      }
      throw wrong();
    case "null": case "undefined": case "void":
      if (scalar?.case === "noneType") return noneValueOf(s);
      throw wrong();
    case "array":
      if (lv.case === "collection") return lv.value.literals.map((item, i) => literalToValue(item, d.element!, [...path, i], code));
      if (scalar?.case === "binary") return fromStructValue(msgpackOf(scalar.value, path, code), s, path, code);
      throw wrong();
    case "record":
      if (lv.case === "map") {
        return Object.fromEntries(Object.entries(lv.value.literals).map(([k, v]) => [k, literalToValue(v, d.valueType!, [...path, k], code)]));
      }
      if (scalar?.case === "binary") return fromStructValue(msgpackOf(scalar.value, path, code), s, path, code);
      throw wrong();
    case "enum": case "literal": {
      if (primitive?.case !== "stringValue") throw wrong();
      const names = enumNames(s);
      const at = names.indexOf(primitive.value);
      if (at < 0) throw conversionError(code, path, `expected one of ${names.map((n) => JSON.stringify(n)).join(", ")}, got ${JSON.stringify(primitive.value)}`);
      return d.type === "enum"
        ? Object.values((d as { entries?: Record<string, unknown> }).entries ?? {})[at]
        : ((d as { values?: unknown[] }).values ?? [])[at];
    }
    case "object": case "tuple":
      if (scalar?.case === "binary") return fromStructValue(msgpackOf(scalar.value, path, code), s, path, code);
      if (scalar?.case === "generic") return fromStructValue(scalar.value, s, path, code);
      throw wrong();
    default:
      throw conversionError(code, path, `zod type "${d.type}" has no Flyte literal type`);
  }
}

function msgpackOf(binary: { value: Uint8Array; tag: string }, path: IssuePath, code: ConversionCode) {
  if (binary.tag !== MSGPACK_TAG) {
    throw conversionError(code, path, `binary literal with tag ${JSON.stringify(binary.tag)} cannot be read (only "${MSGPACK_TAG}"; pickled Python values are not readable from TypeScript)`);
  }
  try {
    return decodeMsgpack(binary.value);
  } catch (err) {
    if (err instanceof MsgpackError) throw conversionError(code, path, `invalid msgpack data: ${err.message}`);
    throw err;
  }
}

/**
 * A union literal picks its variant by `type.structure.tag` (the transformer name); among variants sharing
 * the tag, or when a writer sent a bare (non-union) literal, the first variant that reads it wins.
 */
function unionValue(literal: Literal, schema: z.ZodType, path: IssuePath, code: ConversionCode): unknown {
  const members = unionMembers([schema]);
  const lv = literal.value;
  const scalar = lv.case === "scalar" ? lv.value.value : undefined;
  let inner = literal;
  let candidates = members;
  if (scalar?.case === "union") {
    if (!scalar.value.value) throw conversionError(code, path, "union literal has no value");
    inner = scalar.value.value;
    const tag = scalar.value.type?.structure?.tag ?? "";
    if (tag !== "") {
      candidates = members.filter((m) => transformerTag(m) === tag);
      if (candidates.length === 0) {
        throw conversionError(code, path, `union variant tag ${JSON.stringify(tag)} matches none of the declared variants (${members.map((m) => JSON.stringify(transformerTag(m))).join(", ")})`);
      }
    }
  }
  const innerScalar = inner.value.case === "scalar" ? inner.value.value.value : undefined;
  if (innerScalar?.case === "noneType") {
    if (candidates.some(isNoneKind)) return noneValueOf(schema);
    throw conversionError(code, path, `expected ${expectedType(schema)}, got a none literal`);
  }
  const valued = candidates.filter((m) => !isNoneKind(m));
  let firstError: unknown;
  for (const member of valued) {
    try {
      return literalToValue(inner, member, path, code);
    } catch (err) {
      firstError ??= err;
    }
  }
  if (valued.length === 1 && firstError) throw firstError;
  throw conversionError(code, path, `expected ${expectedType(schema)}, got ${describeLiteral(inner)}`);
}
