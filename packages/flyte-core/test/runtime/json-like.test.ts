// JSON-like values (z.unknown(), z.any(), z.json()): typed by the value inside structs, Python's untyped dict at
// the top level. The SDK's own vectors are in python-sdk.test.ts; these are the rules around them.
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type ConfigIssue, literalTypeOf } from "@flyte-ts/core";
import { type Literal, LiteralSchema } from "../../src/gen/flyteidl2/core/literals_pb.ts";
import { literalToValue, valueToLiteral } from "../../src/runtime/literals.ts";
import { encodeMsgpack, type MsgpackValue } from "../../src/runtime/msgpack.ts";
import { conversionFailure, literalHex, readHex } from "./helpers.ts";

const scalar = (value: unknown): Literal => create(LiteralSchema, { value: { case: "scalar", value: { value: value as never } } });
const binary = (value: MsgpackValue) => scalar({ case: "binary", value: { value: encodeMsgpack(value), tag: "msgpack" } });
const read = (literal: Literal, schema: z.ZodType) => literalToValue(literal, schema, ["inputs", "x"]);
const out = (value: unknown, schema: z.ZodType) => conversionFailure(() => valueToLiteral(value, schema, ["output"]));
const UNTYPED_DICT = { simple: "STRUCT", annotation: { annotations: { "cache-key-metadata": { "serialization-format": "msgpack" } } } };
const Holder = z.object({ v: z.unknown() });

describe("interface", () => {
  it("a string record of unknown/any/json values and z.json() are Python's untyped dict", () => {
    for (const schema of [z.record(z.string(), z.unknown()), z.record(z.string(), z.any()), z.record(z.string(), z.json()), z.json(), z.json().describe("d")]) {
      expect(literalTypeOf(schema, [], [])).toStrictEqual(UNTYPED_DICT);
    }
    expect(literalTypeOf(z.json().optional(), [], [])).toStrictEqual({
      unionType: { variants: [{ ...UNTYPED_DICT, structure: { tag: "Typed Dict" } }, { simple: "NONE", structure: { tag: "none" } }] },
    });
    expect(literalTypeOf(z.record(z.string(), z.int()), [], [])).toStrictEqual({ mapValueType: { simple: "INTEGER" } });
  });
  it("a bare z.unknown()/z.any() is an error naming the alternatives (Python would pickle it)", () => {
    for (const type of ["unknown", "any"] as const) {
      const issues: ConfigIssue[] = [];
      literalTypeOf(z.object({ ok: z[type]() }), ["inputs", "a"], issues);
      literalTypeOf(z.array(z[type]()), ["inputs", "b"], issues);
      expect(issues).toStrictEqual([{
        path: ["inputs", "b", "[]"],
        message: `z.${type}() has no Flyte literal type on its own; declare the value's type, or use z.record(z.string(), z.${type}()) or z.json() for a JSON-like object (z.${type}() is fine inside z.object)`,
      }]);
    }
    expect(out(1, z.unknown())).toStrictEqual({
      code: "INVALID_OUTPUT",
      issues: [{ path: "output", message: "z.unknown() has no Flyte literal type on its own (Python would pickle it); use z.record(z.string(), z.unknown()) or z.json() for a JSON-like object" }],
    });
  });
});

describe("writing", () => {
  it("types each value itself: safe integers as ints, other numbers as float64, bigints as ints, bytes as bin", () => {
    // The msgpack of the struct {v: value} is 81 a1 76 <value>.
    const bytesOf = (v: unknown) => {
      const literal = valueToLiteral({ v }, Holder, ["output"]);
      const s = literal.value.case === "scalar" ? literal.value.value.value : undefined;
      return Buffer.from(s?.case === "binary" ? s.value.value : []).toString("hex").replace(/^81a176/, "");
    };
    expect(bytesOf(3)).toBe("03");
    expect(bytesOf(-40)).toBe("d0d8");
    expect(bytesOf(2.5)).toBe("cb4004000000000000");
    expect(bytesOf(-0)).toBe("cb8000000000000000");
    expect(bytesOf(2 ** 53)).toBe("cb4340000000000000");
    expect(bytesOf(Number.NaN)).toBe("cb7ff8000000000000");
    expect(bytesOf(2n ** 63n)).toBe("cf8000000000000000");
    expect(bytesOf(new Uint8Array([1, 2]))).toBe("c4020102");
    expect(bytesOf([null, true, "é"])).toBe("93c0c3a2c3a9");
    expect(bytesOf(undefined)).toBe("c0");
  });
  it("plain objects become maps in insertion order; undefined properties are left out, undefined items are nil", () => {
    const proto = Object.create(null) as Record<string, unknown>;
    proto.z = 1;
    expect(literalHex({ v: { b: 1, a: undefined, c: [undefined], d: proto } }, Holder)).toBe(
      literalHex({ v: { b: 1, c: [null], d: { z: 1 } } }, Holder),
    );
    expect(read(valueToLiteral({ v: { b: 1, a: undefined, c: [undefined] } }, Holder, ["output"]), Holder)).toStrictEqual({ v: { b: 1, c: [null] } });
  });
  it("rejects Dates, class instances, Maps, functions, symbols, cycles and out-of-range bigints at their path", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const rayOutput = z.object({ best: z.number(), rayInit: z.record(z.string(), z.unknown()) });
    const failures = [
      out({ best: 1, rayInit: { started: new Date(0) } }, rayOutput),
      out({ v: [new (class Job {})()] }, Holder),
      out({ v: new Map() }, Holder),
      out({ v: { f: () => 1 } }, Holder),
      out({ v: Symbol("s") }, Holder),
      out({ v: cyclic }, Holder),
      out({ k: -(2n ** 63n) - 1n }, z.record(z.string(), z.unknown())),
    ].map((f) => `${f.code} ${f.issues[0]!.path}: ${f.issues[0]!.message}`);
    expect(failures).toStrictEqual([
      "INVALID_OUTPUT output.rayInit.started: a Date cannot be stored in a JSON-like value (Python's msgpack refuses datetimes in an untyped dict); store date.toISOString(), or declare the field with z.date()",
      "INVALID_OUTPUT output.v[0]: expected a JSON-like value (null, boolean, number, string, array or plain object), got an object (Job)",
      "INVALID_OUTPUT output.v: expected a JSON-like value (null, boolean, number, string, array or plain object), got a map (Map)",
      "INVALID_OUTPUT output.v.f: a function cannot be stored in a JSON-like value",
      "INVALID_OUTPUT output.v: a symbol cannot be stored in a JSON-like value",
      "INVALID_OUTPUT output.v.self: a JSON-like value cannot contain itself (cyclic reference)",
      "INVALID_OUTPUT output.k: bigint -9223372036854775809n is outside the int64/uint64 range of msgpack",
    ]);
  });
  it("a top-level record needs an object; z.json() also takes a bare JSON value", () => {
    expect(out([1], z.record(z.string(), z.unknown()))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output", message: "expected a JSON-like object, got an array of 1" }],
    });
    expect(literalHex([1, "a"], z.json())).toBe("0a111a0f0a049201a16112076d73677061636b");
    expect(readHex("0a111a0f0a049201a16112076d73677061636b", z.json())).toStrictEqual([1, "a"]);
  });
});

describe("reading", () => {
  it("ints become numbers when safe and bigints otherwise; maps become plain objects keeping __proto__ as data", () => {
    const value = read(binary(new Map<MsgpackValue, MsgpackValue>([["n", 2n ** 53n], ["m", -5n], ["__proto__", { x: 1.5 }]])), z.record(z.string(), z.unknown()));
    expect(value).toStrictEqual(Object.defineProperty({ n: 2n ** 53n, m: -5 }, "__proto__", { value: { x: 1.5 }, enumerable: true, writable: true, configurable: true }));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
  it("a protobuf Struct (scalar.generic) as the UI sends it", () => {
    expect(read(scalar({ case: "generic", value: { a: 1, b: [true, null, "s"], c: { d: 2.5 } } }), z.record(z.string(), z.unknown())))
      .toStrictEqual({ a: 1, b: [true, null, "s"], c: { d: 2.5 } });
  });
  it("non-string keys (a Python dict with int keys) and a non-map for a record are errors", () => {
    // msgpack.packb({1: "a"}) from the Python SDK, for an untyped dict.
    const intKeys = scalar({ case: "binary", value: { value: new Uint8Array(Buffer.from("8101a161", "hex")), tag: "msgpack" } });
    expect(conversionFailure(() => read(intKeys, z.record(z.string(), z.unknown())))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: "map key bigint 1n is not a string; a JSON-like object needs string keys" }],
    });
    expect(conversionFailure(() => read(binary([1n]), z.record(z.string(), z.unknown())))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: "expected a msgpack map (a JSON-like object), got an array of 1" }],
    });
    expect(conversionFailure(() => read(binary({ v: [1n] }), z.object({ v: z.record(z.string(), z.any()) })))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x.v", message: "expected a JSON-like object, got an array of 1" }],
    });
  });
});
