// Conversion rules beyond the SDK's own vectors: the alternative forms other writers send, unions, wrappers,
// and the errors (code, field path, expected type).
import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type Literal, LiteralSchema } from "../../src/gen/flyteidl2/core/literals_pb.ts";
import { literalToValue, valueToLiteral } from "../../src/runtime/literals.ts";
import { encodeMsgpack, type MsgpackValue } from "../../src/runtime/msgpack.ts";
import { conversionFailure, hex, literalHex } from "./helpers.ts";

const scalar = (value: unknown): Literal => create(LiteralSchema, { value: { case: "scalar", value: { value: value as never } } });
const primitive = (c: string, value: unknown) => scalar({ case: "primitive", value: { value: { case: c, value } } });
const binary = (value: MsgpackValue, tag = "msgpack") => scalar({ case: "binary", value: { value: encodeMsgpack(value), tag } });
const read = (literal: Literal, schema: z.ZodType) => literalToValue(literal, schema, ["inputs", "x"]);

describe("alternative forms accepted on read", () => {
  it("an int declared input sent as a float is truncated (values typed in the UI)", () => {
    expect(read(primitive("floatValue", 3.9), z.int())).toBe(3);
    expect(read(primitive("floatValue", -3.9), z.int())).toBe(-3);
    expect(read(primitive("floatValue", 2), z.bigint())).toBe(2n);
  });
  it("a float declared input sent as an integer", () => {
    expect(read(primitive("integer", 5n), z.number())).toBe(5);
  });
  it("a list or a dict sent as a msgpack binary", () => {
    expect(read(binary([1n, 2n]), z.array(z.int()))).toStrictEqual([1, 2]);
    expect(read(binary([1n, 2.5]), z.array(z.number()))).toStrictEqual([1, 2.5]);
    expect(read(binary({ a: 1n, b: 2n }), z.record(z.string(), z.int()))).toStrictEqual({ a: 1, b: 2 });
  });
  it("an object sent as a protobuf Struct (scalar.generic), whose numbers are doubles", () => {
    const schema = z.object({ x: z.int(), y: z.number(), when: z.date(), tags: z.array(z.string()) });
    expect(read(scalar({ case: "generic", value: { x: 1, y: 2, when: "2024-01-02T03:04:05Z", tags: ["a"] } }), schema))
      .toStrictEqual({ x: 1, y: 2, when: new Date("2024-01-02T03:04:05Z"), tags: ["a"] });
    expect(conversionFailure(() => read(scalar({ case: "generic", value: { x: 1.5, y: 2, when: "2024-01-02", tags: [] } }), schema)))
      .toStrictEqual({ code: "INVALID_INPUT", issues: [{ path: "inputs.x.x", message: "expected an integer (int64), got number 1.5" }] });
  });
  it("a bare literal for an optional input, and a union literal for a plain one", () => {
    expect(read(primitive("integer", 3n), z.int().nullable())).toBe(3);
    expect(read(scalar({ case: "noneType", value: {} }), z.int().nullable())).toBeNull();
    expect(read(scalar({ case: "noneType", value: {} }), z.int().optional())).toBeUndefined();
    expect(read(scalar({ case: "union", value: { value: primitive("stringValue", "s"), type: { type: { case: "simple", value: 3 } } } }), z.string())).toBe("s");
  });
  it("datetimes inside structs: any UTC offset, naive taken as UTC, sub-millisecond digits truncated", () => {
    const schema = z.object({ a: z.date(), b: z.date(), c: z.date() });
    expect(read(binary({ a: "2024-01-02T08:34:05.123999+05:30", b: "1999-12-31T23:59:59", c: "2024-01-02" }), schema))
      .toStrictEqual({ a: new Date("2024-01-02T03:04:05.123Z"), b: new Date("1999-12-31T23:59:59Z"), c: new Date("2024-01-02T00:00:00Z") });
  });
  it("enum fields inside structs by value (dataclass) or by member name (pydantic)", () => {
    enum Color { RED = "red" }
    expect(read(binary({ c: "red", d: "RED" }), z.object({ c: z.enum(Color), d: z.enum(Color) }))).toStrictEqual({ c: Color.RED, d: Color.RED });
  });
  it("an absent struct field is left for the task's schema when it takes undefined", () => {
    expect(read(binary({ a: 1n }), z.object({ a: z.int(), b: z.int().optional(), c: z.string().default("d") }))).toStrictEqual({ a: 1 });
  });
  it("a record read from a map literal keeps a __proto__ key as data", () => {
    const value = read(create(LiteralSchema, { value: { case: "map", value: { literals: Object.fromEntries([["__proto__", primitive("integer", 1n)]]) } } }), z.record(z.string(), z.int()));
    expect(Object.keys(value as object)).toStrictEqual(["__proto__"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});

describe("unions", () => {
  const A = z.object({ a: z.int() });
  const B = z.object({ b: z.string() });
  it("a value takes the first variant it fits; reading picks by tag, then by fit", () => {
    const schema = z.union([A, B]);
    const literal = valueToLiteral({ b: "x" }, schema, ["output"]);
    expect(literal.value.case === "scalar" && literal.value.value.value.case === "union" && literal.value.value.value.value.type?.structure?.tag).toBe("Object-Dataclass-Transformer");
    expect(read(literal, schema)).toStrictEqual({ b: "x" });
    expect(read(valueToLiteral({ a: 1 }, schema, ["output"]), schema)).toStrictEqual({ a: 1 });
  });
  it("int before float when both fit; a non-integer goes to float", () => {
    const schema = z.union([z.int(), z.number()]);
    expect(literalHex(3, schema)).toBe("0a154a130a060a040a020803120908015a050a03696e74");
    expect(read(valueToLiteral(2.5, schema, ["output"]), schema)).toBe(2.5);
  });
  it("optional, nullable and wrappers share one none variant", () => {
    expect(literalHex(undefined, z.int().optional())).toBe(literalHex(null, z.int().nullable()));
    expect(literalHex(undefined, z.int().nullable().optional().default(3))).toBe("0a144a120a040a022a00120a08005a060a046e6f6e65");
  });
  it("an unknown tag names the declared ones", () => {
    const literal = scalar({ case: "union", value: { value: primitive("integer", 1n), type: { structure: { tag: "Typed List" } } } });
    expect(conversionFailure(() => read(literal, z.int().nullable()))).toStrictEqual({
      code: "INVALID_INPUT",
      issues: [{ path: "inputs.x", message: 'union variant tag "Typed List" matches none of the declared variants ("int", "none")' }],
    });
  });
});

describe("enums and literals", () => {
  enum Size { SMALL = "s", LARGE = "l" }
  it("a native enum travels by member name, z.enum([...]) and z.literal by value", () => {
    expect(literalHex(Size.LARGE, z.enum(Size))).toBe(hex(toBinary(LiteralSchema, primitive("stringValue", "LARGE"))));
    expect(read(primitive("stringValue", "LARGE"), z.enum(Size))).toBe(Size.LARGE);
    expect(read(primitive("stringValue", "b"), z.enum(["a", "b"]))).toBe("b");
    expect(literalHex("on", z.literal(["on", "off"]))).toBe(hex(toBinary(LiteralSchema, primitive("stringValue", "on"))));
    expect(read(primitive("stringValue", "off"), z.literal(["on", "off"]))).toBe("off");
  });
  it("an unknown name or value is an error listing the allowed ones", () => {
    expect(conversionFailure(() => read(primitive("stringValue", "l"), z.enum(Size)))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: 'expected one of "SMALL", "LARGE", got "l"' }],
    });
    expect(conversionFailure(() => valueToLiteral("LARGE", z.enum(Size), ["output"]))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output", message: 'expected one of "s", "l", got string "LARGE"' }],
    });
  });
});

describe("errors name the field path and the expected type", () => {
  it("reading: a nested struct field", () => {
    const schema = z.object({ rows: z.array(z.int()) });
    expect(conversionFailure(() => literalToValue(binary({ rows: [1n, 2n, "x"] }), schema, ["inputs", "config"]))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.config.rows[2]", message: 'expected an integer (int64), got string "x"' }],
    });
    expect(conversionFailure(() => literalToValue(binary({}), schema, ["inputs", "config"]))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.config.rows", message: "missing field (expected an array of an integer (int64))" }],
    });
  });
  it("reading: an int64 beyond 2^53 for a number, a wrong literal kind, offloaded and pickled literals", () => {
    expect(conversionFailure(() => read(primitive("integer", 2n ** 53n), z.int()))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: "integer 9007199254740992 is outside the safe range of a JS number; declare it as z.bigint()" }],
    });
    expect(conversionFailure(() => read(scalar({ case: "blob", value: { uri: "s3://b/k" } }), z.string()))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: "expected a string, got a blob (file/dir) literal" }],
    });
    const offloaded = create(LiteralSchema, { value: { case: "offloadedMetadata", value: { uri: "s3://b/lit.pb", sizeBytes: 10n } } });
    expect(conversionFailure(() => read(offloaded, z.string()))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: 'offloaded literals (stored at "s3://b/lit.pb") are not supported yet' }],
    });
    expect(conversionFailure(() => read(binary(null, ""), z.object({})))).toStrictEqual({
      code: "INVALID_INPUT",
      issues: [{ path: "inputs.x", message: 'binary literal with tag "" cannot be read (only "msgpack"; pickled Python values are not readable from TypeScript)' }],
    });
    expect(conversionFailure(() => read(scalar({ case: "binary", value: { value: new Uint8Array([0xc1]), tag: "msgpack" } }), z.object({})))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: "invalid msgpack data: unsupported msgpack type byte 0xc1 at byte 0" }],
    });
  });
  it("writing: wrong JS types, out-of-range and invalid values", () => {
    const out = (value: unknown, schema: z.ZodType) => conversionFailure(() => valueToLiteral(value, schema, ["output", 1]));
    expect(out(1.5, z.int())).toStrictEqual({ code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: "expected an integer (int64), got number 1.5" }] });
    expect(out(true, z.number())).toStrictEqual({ code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: "expected a float, got boolean true" }] });
    expect(out(2n ** 63n, z.bigint())).toStrictEqual({ code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: "bigint 9223372036854775808n is outside the int64 range" }] });
    expect(out(new Date(Number.NaN), z.date())).toStrictEqual({ code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: "expected a Date, got an invalid Date" }] });
    expect(out({ p: { when: new Date("0000-01-01T00:00:00Z") } }, z.object({ p: z.object({ when: z.date() }) }))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output[1].p.when", message: "year 0 is outside 1..9999, which Python's datetime supports" }],
    });
    expect(out([1, "x", 3], z.tuple([z.int(), z.string()]))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: "expected a tuple of 2, got an array of 3" }],
    });
    expect(out("x", z.int().nullable())).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: 'expected an integer (int64) or null, got string "x"' }],
    });
  });
});
