// duration(): the schema, the interface type, and the conversions beyond the SDK's vectors (python-sdk.test.ts).
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { duration, literalTypeOf } from "@flyte-ts/core";
import { type Literal, LiteralSchema } from "../../src/gen/flyteidl2/core/literals_pb.ts";
import { formatIsoDuration, fromProtoDuration, parseIsoDuration, toProtoDuration } from "../../src/runtime/duration-value.ts";
import { literalToValue, valueToLiteral } from "../../src/runtime/literals.ts";
import { encodeMsgpack, type MsgpackValue } from "../../src/runtime/msgpack.ts";
import { conversionFailure, hex, literalHex, readHex } from "./helpers.ts";

const binary = (value: MsgpackValue): Literal =>
  create(LiteralSchema, { value: { case: "scalar", value: { value: { case: "binary", value: { value: encodeMsgpack(value), tag: "msgpack" } } } } });

describe("duration()", () => {
  it("takes finite seconds within the protobuf Duration range, and keeps its kind through zod wrappers", () => {
    expect(duration().safeParse(-1.5)).toStrictEqual({ success: true, data: -1.5 });
    expect(duration().safeParse(315_576_000_001).error?.issues.map((i) => i.message)).toStrictEqual(["a duration must be within ±315576000000 seconds"]);
    expect(duration().safeParse("1s").success).toBe(false);
    for (const schema of [duration().describe("how long"), duration().min(0), duration().default(30), duration().readonly()]) {
      expect(literalTypeOf(schema, [], [])).toStrictEqual({ simple: "DURATION" });
    }
    expect(literalTypeOf(z.number(), [], [])).toStrictEqual({ simple: "FLOAT" });
  });
  it("is a union variant tagged timedelta, and a time-delta number in an object's JSON Schema", () => {
    expect(literalTypeOf(z.union([duration(), z.string()]), [], [])).toStrictEqual({
      unionType: { variants: [{ simple: "DURATION", structure: { tag: "timedelta" } }, { simple: "STRING", structure: { tag: "str" } }] },
    });
    expect((literalTypeOf(z.object({ t: duration().describe("d") }), [], []) as { metadata: unknown }).metadata).toStrictEqual({
      title: "Object", type: "object", properties: { t: { type: "number", format: "time-delta", description: "d" } }, required: ["t"], additionalProperties: false,
    });
  });
});

describe("duration literals", () => {
  it("§7.2 vectors: 1.5 s and -1.5 s (seconds -1, nanos -500000000), both ways", () => {
    expect(literalHex(1.5, duration())).toBe("0a0c0a0a320808011080cab5ee01");
    expect(literalHex(-1.5, duration())).toBe("0a1a0a18321608ffffffffffffffffff011080b6ca91feffffffff01");
    expect(readHex("0a0c0a0a320808011080cab5ee01", duration())).toBe(1.5);
    expect(readHex("0a1a0a18321608ffffffffffffffffff011080b6ca91feffffffff01", duration())).toBe(-1.5);
  });
  it("seconds and nanos carry the value's sign; nanos round to the nearest", () => {
    expect(toProtoDuration(-0.25)).toStrictEqual({ seconds: 0n, nanos: -250_000_000 });
    expect(toProtoDuration(2.9999999999)).toStrictEqual({ seconds: 3n, nanos: 0 });
    expect(toProtoDuration(-2.9999999999)).toStrictEqual({ seconds: -3n, nanos: 0 });
    expect(toProtoDuration(-0)).toStrictEqual({ seconds: 0n, nanos: 0 });
    expect(fromProtoDuration(86400n, 1000)).toBe(86400.000001);
    expect(fromProtoDuration(0n, -1000)).toBe(-0.000001);
  });
  it("writing rejects what is not a duration, at the field path", () => {
    const out = (value: unknown, schema: z.ZodType) => conversionFailure(() => valueToLiteral(value, schema, ["output"]));
    expect(out("90s", duration())).toStrictEqual({ code: "INVALID_OUTPUT", issues: [{ path: "output", message: 'expected a duration in seconds (number), got string "90s"' }] });
    expect(out(Number.POSITIVE_INFINITY, duration())).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output", message: "expected a duration in seconds (a finite number), got number Infinity" }],
    });
    expect(out({ t: 4e11 }, z.object({ t: duration() }))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output.t", message: "duration 400000000000s is outside ±315576000000s, the range of a protobuf Duration, got number 400000000000" }],
    });
  });
  it("reading rejects other literal kinds", () => {
    expect(conversionFailure(() => readHex("0a0b0a0911000000000000f83f", duration()))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: "expected a duration in seconds (number), got a float literal" }],
    });
  });
});

describe("durations inside structs", () => {
  const Timing = z.object({ t: duration(), back: duration().optional() });
  it("are float seconds in an object (integral ones too) and ISO 8601 strings in a top-level tuple", () => {
    expect(hex(encodeMsgpack(new Map<MsgpackValue, MsgpackValue>([["t", 2], ["back", null]])))).toBe("82a174cb4000000000000000a46261636bc0");
    expect(literalHex({ t: 2 }, Timing)).toBe("0a1f1a1d0a1282a174cb4000000000000000a46261636bc012076d73677061636b");
    const tuple = z.tuple([duration(), duration()]);
    expect(read(valueToLiteral([-90061.5, 0.000001], tuple, ["output"]), tuple)).toStrictEqual([-90061.5, 0.000001]);
  });
  it("are read from float or int seconds, or an ISO 8601 duration string", () => {
    expect(read(binary({ t: 2n, back: "PT1M30.5S" }), Timing)).toStrictEqual({ t: 2, back: 90.5 });
    expect(read(binary({ t: "-P1W", back: null }), Timing)).toStrictEqual({ t: -604800, back: undefined });
    expect(conversionFailure(() => read(binary({ t: "soon" }), Timing))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x.t", message: 'expected a duration (seconds, or an ISO 8601 duration string), got string "soon"' }],
    });
  });
});

const read = (literal: Literal, schema: z.ZodType) => literalToValue(literal, schema, ["inputs", "x"]);

describe("ISO 8601 durations (pydantic's form)", () => {
  it.each([
    [1.5, "PT1.5S"], [-1.5, "-PT1.5S"], [0, "PT0S"], [-0, "PT0S"], [86400.000001, "P1DT0.000001S"], [34560005, "P1Y35DT5S"],
    [3723, "PT1H2M3S"], [31536000, "P1Y"], [172800, "P2D"], [60, "PT1M"], [-0.000001, "-PT0.000001S"], [90061.1, "P1DT1H1M1.1S"],
  ])("%s s ↔ %s", (seconds, text) => {
    expect(formatIsoDuration(seconds)).toBe(text);
    expect(parseIsoDuration(text)).toBe(Object.is(seconds, -0) ? 0 : seconds);
  });
  it("reads the other forms pydantic reads (weeks, months of 30 days, fractions, a + sign) and nothing else", () => {
    expect([parseIsoDuration("P1W"), parseIsoDuration("P1M"), parseIsoDuration("PT0.5M"), parseIsoDuration("P0,5D"), parseIsoDuration("+PT1S")])
      .toStrictEqual([604800, 2592000, 30, 43200, 1]);
    expect([parseIsoDuration("P"), parseIsoDuration("PT"), parseIsoDuration("P1DT"), parseIsoDuration("PT-1S"), parseIsoDuration("1S"), parseIsoDuration("")])
      .toStrictEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
