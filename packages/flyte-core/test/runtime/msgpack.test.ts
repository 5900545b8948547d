// The msgpack codec against Python's msgpack.packb(value, use_bin_type=True) (golden vectors written by
// conformance/python/literal_vectors.py) and against malformed input.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeMsgpack, encodeMsgpack, MsgpackError, type MsgpackDecoded, type MsgpackValue } from "../../src/runtime/msgpack.ts";
import { hex, unhex } from "./helpers.ts";

const golden = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../../../conformance/golden-literals/literals.json"), "utf8")) as {
  msgpack: Record<string, string>;
};

const ints = [0, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32].map(BigInt).concat([2n ** 63n - 1n, 2n ** 64n - 1n]);
const negatives = [-1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1].map(BigInt).concat([-(2n ** 63n)]);
// The same names and values as MSGPACK in literal_vectors.py (JS: bigint = int, number = float64).
const values: Record<string, MsgpackValue> = {
  ...Object.fromEntries(ints.map((n) => [`int_${n}`, n])),
  ...Object.fromEntries(negatives.map((n) => [`int_minus_${-n}`, n])),
  float_2: 2,
  float_minus_0_1: -0.1,
  ...Object.fromEntries([0, 31, 32, 255, 256, 65535, 65536].map((n) => [`str_${n}`, "a".repeat(n)])),
  str_unicode: "é✓🚀",
  ...Object.fromEntries([0, 255, 256, 65536].map((n) => [`bin_${n}`, new Uint8Array(n).fill(1)])),
  ...Object.fromEntries([0, 15, 16, 65536].map((n) => [`array_${n}`, new Array<MsgpackValue>(n).fill(true)])),
  ...Object.fromEntries([0, 15, 16].map((n) => [`map_${n}`, Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, null]))])),
  map_int_keys: new Map<MsgpackValue, MsgpackValue>([[1n, "a"], [-2n, false]]),
  nested: { b: 1n, a: [1n, 2, "x", null, { z: [new Uint8Array([0])] }] },
};

/** The form decodeMsgpack returns: every map as a Map. */
function decodedForm(v: MsgpackValue): MsgpackDecoded {
  if (Array.isArray(v)) return v.map(decodedForm);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [decodedForm(k), decodedForm(x)]));
  if (typeof v === "object" && v !== null && !(v instanceof Uint8Array)) return new Map(Object.entries(v).map(([k, x]) => [k, decodedForm(x)]));
  return v;
}

const packedForm = (bytes: Uint8Array) =>
  bytes.length <= 1024 ? hex(bytes) : `sha256:${createHash("sha256").update(bytes).digest("hex")}:${bytes.length}`;

describe("msgpack, as Python's packb(use_bin_type=True)", () => {
  it("covers exactly the golden values", () => {
    expect(Object.keys(values).sort()).toStrictEqual(Object.keys(golden.msgpack).sort());
  });
  it.each(Object.entries(values))("%s encodes byte-exact", (name, value) => {
    expect(packedForm(encodeMsgpack(value))).toBe(golden.msgpack[name]);
  });
  it.each(Object.entries(values))("%s decodes back", (_name, value) => {
    expect(decodeMsgpack(encodeMsgpack(value))).toStrictEqual(decodedForm(value));
  });
  it("decodes the small golden vectors directly", () => {
    expect(decodeMsgpack(unhex(golden.msgpack.nested!))).toStrictEqual(decodedForm(values.nested!));
    expect(decodeMsgpack(unhex(golden.msgpack.map_int_keys!))).toStrictEqual(new Map<MsgpackDecoded, MsgpackDecoded>([[1n, "a"], [-2n, false]]));
  });
  it("writes every JS number as float64, even integral ones", () => {
    expect(hex(encodeMsgpack([2, 0, -1]))).toBe("93cb4000000000000000cb0000000000000000cbbff0000000000000");
  });
  it("reads float32 and keeps map order", () => {
    expect(decodeMsgpack(unhex("ca3fc00000"))).toBe(1.5);
    expect([...(decodeMsgpack(unhex("82a162c0a161c0")) as Map<unknown, unknown>).keys()]).toStrictEqual(["b", "a"]);
  });
});

describe("msgpack errors", () => {
  const fails = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(MsgpackError);
      return (err as Error).message;
    }
    throw new Error("expected a MsgpackError");
  };
  it("rejects integers outside int64/uint64", () => {
    expect(fails(() => encodeMsgpack(2n ** 64n))).toBe("integer 18446744073709551616 is outside the int64/uint64 range");
    expect(fails(() => encodeMsgpack(-(2n ** 63n) - 1n))).toBe("integer -9223372036854775809 is outside the int64/uint64 range");
  });
  it("rejects values msgpack cannot hold", () => {
    expect(fails(() => encodeMsgpack(undefined as unknown as MsgpackValue))).toBe("cannot encode a value of type undefined");
  });
  it("rejects truncated, trailing, extension and invalid UTF-8 data", () => {
    expect(fails(() => decodeMsgpack(unhex("cd01")))).toBe("truncated msgpack data at byte 1");
    expect(fails(() => decodeMsgpack(unhex("9201")))).toBe("truncated msgpack data at byte 2");
    expect(fails(() => decodeMsgpack(unhex("0102")))).toBe("1 unexpected trailing byte(s) after the msgpack value");
    expect(fails(() => decodeMsgpack(unhex("d6ff00000000")))).toBe("unsupported msgpack type byte 0xd6 at byte 0");
    expect(fails(() => decodeMsgpack(unhex("a1ff")))).toBe("invalid UTF-8 in a msgpack string at byte 1");
  });
});
