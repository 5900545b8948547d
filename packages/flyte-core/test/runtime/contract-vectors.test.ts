// Every §7.2 vector of the runtime contract (the team reference runtime-contract.md; the vectors are copied into this file), byte-exact both ways.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { duration } from "@flyte-ts/core";
import { decodeInputs, decodeOutputs, encodeErrorDocument, encodeOutputs } from "../../src/runtime/literal-io.ts";
import { hex, literalHex, readHex, settingsOf, unhex } from "./helpers.ts";

enum Color { RED = "red", GREEN = "green" }

// [name, schema, JS value, Literal hex]. Each is written (value → hex) and read back (hex → value).
const vectors: Array<[string, z.ZodType, unknown, string]> = [
  ["42 (int)", z.int(), 42, "0a040a02082a"],
  ["-1 (int)", z.int(), -1, "0a0d0a0b08ffffffffffffffffff01"],
  ["-1 (bigint)", z.bigint(), -1n, "0a0d0a0b08ffffffffffffffffff01"],
  ["1.5 (float)", z.number(), 1.5, "0a0b0a0911000000000000f83f"],
  ["1.0 (float, stays a double)", z.number(), 1, "0a0b0a0911000000000000f03f"],
  ["hello (str)", z.string(), "hello", "0a090a071a0568656c6c6f"],
  ["empty string", z.string(), "", "0a040a021a00"],
  ["true", z.boolean(), true, "0a040a022001"],
  ["false", z.boolean(), false, "0a040a022000"],
  ["1.5 s (timedelta)", duration(), 1.5, "0a0c0a0a320808011080cab5ee01"],
  ["-1.5 s (timedelta: seconds -1, nanos -500000000)", duration(), -1.5, "0a1a0a18321608ffffffffffffffffff011080b6ca91feffffffff01"],
  ["None", z.null(), null, "0a022a00"],
  ["[1, 2] (list[int])", z.array(z.int()), [1, 2], "12100a060a040a0208010a060a040a020802"],
  ["[] (list[int])", z.array(z.int()), [], "1200"],
  ['{"a": 1} (dict[str, int])', z.record(z.string(), z.int()), { a: 1 }, "1a0d0a0b0a016112060a040a020801"],
  ['{"b": 1, "a": [1, 2.0, "x"]} (struct)', z.object({ b: z.int(), a: z.tuple([z.int(), z.number(), z.string()]) }), { b: 1, a: [1, 2, "x"] },
    "0a201a1e0a1382a16201a1619301cb4000000000000000a17812076d73677061636b"],
  ["DC(x=1, y=2.0, s='a')", z.object({ x: z.int(), y: z.number(), s: z.string() }), { x: 1, y: 2, s: "a" },
    "0a201a1e0a1383a17801a179cb4000000000000000a173a16112076d73677061636b"],
  ["3 (int | None)", z.int().nullable(), 3, "0a154a130a060a040a020803120908015a050a03696e74"],
  ["None (int | None)", z.int().nullable(), null, "0a144a120a040a022a00120a08005a060a046e6f6e65"],
  ["Color.RED (enum by name)", z.enum(Color), Color.RED, "0a070a051a03524544"],
];

describe("§7.2 literal vectors", () => {
  it.each(vectors)("%s is written byte-exact", (_name, schema, value, bytes) => {
    expect(literalHex(value, schema)).toBe(bytes);
  });
  it.each(vectors)("%s is read back exactly", (_name, schema, value, bytes) => {
    expect(readHex(bytes, schema)).toStrictEqual(value);
  });

  it("datetime with microseconds: read keeps milliseconds (sub-ms digits are truncated)", () => {
    expect(readHex("0a0d0a0b2a0908a5facdac0610f02e", z.date())).toStrictEqual(new Date("2024-01-02T03:04:05.000Z"));
  });
  it("datetime with milliseconds is written as seconds + nanos", () => {
    // 2024-01-02T03:04:05.006Z: nanos 6_000_000 (bytes from protobuf in the conformance venv; the vector's 6 µs is not representable in a JS Date).
    expect(literalHex(new Date("2024-01-02T03:04:05.006Z"), z.date())).toBe("0a0f0a0d2a0b08a5facdac0610809bee02");
    expect(readHex("0a0f0a0d2a0b08a5facdac0610809bee02", z.date())).toStrictEqual(new Date("2024-01-02T03:04:05.006Z"));
  });
});

describe("§7.2 file vectors", () => {
  const xy = settingsOf(z.object({ x: z.int(), y: z.string() }), z.int());
  it("inputs.pb {x: 42, y: hello}", () => {
    expect(decodeInputs(unhex("0a0b0a017812060a040a02082a0a100a0179120b0a090a071a0568656c6c6f"), xy)).toStrictEqual({ values: { x: 42, y: "hello" }, context: {} });
  });
  it("inputs.pb {x: 42} with context k=v", () => {
    expect(decodeInputs(unhex("0a0b0a017812060a040a02082a12060a016b120176"), xy)).toStrictEqual({ values: { x: 42 }, context: { k: "v" } });
  });
  it("outputs.pb {o0: 42}", () => {
    expect(hex(encodeOutputs(42, xy))).toBe("0a0c0a026f3012060a040a02082a");
    expect(decodeOutputs(unhex("0a0c0a026f3012060a040a02082a"), xy)).toBe(42);
  });
  it("outputs.pb without outputs is 0 bytes", () => {
    const none = settingsOf(undefined, undefined);
    expect(encodeOutputs(undefined, none)).toStrictEqual(new Uint8Array(0));
    expect(decodeOutputs(new Uint8Array(0), none)).toBeUndefined();
  });
  it("error.pb for ValueError('boom') (user, recoverable)", () => {
    expect(hex(encodeErrorDocument({ code: "ValueError", message: "boom", kind: "RECOVERABLE", origin: "USER" })))
      .toBe("0a160a0a56616c75654572726f721204626f6f6d18012001");
  });
  it("error.pb for NonRecoverableError('nope') (kind 0 is omitted on the wire)", () => {
    expect(hex(encodeErrorDocument({ code: "NonRecoverableError", message: "nope", kind: "NON_RECOVERABLE", origin: "USER" })))
      .toBe("0a1d0a134e6f6e5265636f76657261626c654572726f7212046e6f70652001");
  });
  it("error.pb for RuntimeSystemError('FilesystemIOError', 'x')", () => {
    expect(hex(encodeErrorDocument({ code: "FilesystemIOError", message: "x", kind: "RECOVERABLE", origin: "SYSTEM" })))
      .toBe("0a1a0a1146696c6573797374656d494f4572726f7212017818012002");
  });
});
