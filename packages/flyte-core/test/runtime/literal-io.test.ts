// inputs.pb / outputs.pb / error.pb as the runtime reads and writes them.
import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FlyteTsError } from "@flyte-ts/core";
import { InputsSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { decodeInputs, decodeOutputs, encodeErrorDocument, encodeOutputs } from "../../src/runtime/literal-io.ts";
import { valueToLiteral } from "../../src/runtime/literals.ts";
import { conversionFailure, settingsOf } from "./helpers.ts";

const inputsBytes = (values: Record<string, [unknown, z.ZodType]>, context: Record<string, string> = {}) =>
  toBinary(InputsSchema, create(InputsSchema, {
    literals: Object.entries(values).map(([name, [value, schema]]) => ({ name, value: valueToLiteral(value, schema, ["inputs", name], "INVALID_INPUT") })),
    context: Object.entries(context).map(([key, value]) => ({ key, value })),
  }));

describe("decodeInputs", () => {
  const Config = z.object({ rows: z.array(z.int()), when: z.date() });
  const settings = settingsOf(z.object({ n: z.int().default(1), big: z.bigint(), config: Config, tags: z.array(z.string()).optional() }), undefined);

  it("gives JS values (bigint, Date, nested objects) for the literals present only", () => {
    const when = new Date("2024-05-06T07:08:09.010Z");
    const bytes = inputsBytes({ big: [2n ** 62n, z.bigint()], config: [{ rows: [1, 2], when }, Config] }, { trace: "abc" });
    expect(decodeInputs(bytes, settings)).toStrictEqual({ values: { big: 2n ** 62n, config: { rows: [1, 2], when } }, context: { trace: "abc" } });
  });
  it("rejects a literal that names no declared input", () => {
    expect(conversionFailure(() => decodeInputs(inputsBytes({ zzz: [1, z.int()] }), settings))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.zzz", message: `is not an input of ${settings.name} (declared: n, big, config, tags)` }],
    });
    expect(conversionFailure(() => decodeInputs(inputsBytes({ x: [1, z.int()] }), settingsOf(undefined, undefined)))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.x", message: expect.stringMatching(/^is not an input of literals\.t\d+ \(declared: none\)$/) }],
    });
  });
  it("locates a bad value by its field path", () => {
    const bytes = inputsBytes({ config: [{ rows: [1, 2, 3] }, z.object({ rows: z.array(z.union([z.int(), z.string()])) })] });
    expect(conversionFailure(() => decodeInputs(bytes, settings)).issues).toStrictEqual([{ path: "inputs.config.when", message: "missing field (expected a Date)" }]);
    const bad = inputsBytes({ config: [{ rows: [1, "x"], when: new Date(0) }, z.object({ rows: z.array(z.union([z.int(), z.string()])), when: z.date() })] });
    expect(conversionFailure(() => decodeInputs(bad, settings))).toStrictEqual({
      code: "INVALID_INPUT", issues: [{ path: "inputs.config.rows[1]", message: 'expected an integer (int64), got string "x"' }],
    });
  });
  it("rejects bytes that are not an Inputs message as a storage fault (they were cut short or damaged)", () => {
    let error: unknown;
    try {
      decodeInputs(new Uint8Array([0x0a, 0x05, 0x01]), settings);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FlyteTsError);
    expect((error as FlyteTsError).code).toBe("STORAGE");
    expect((error as FlyteTsError).message).toMatch(/^inputs are not a valid flyteidl2\.task\.Inputs message \(3 bytes, truncated or corrupt\): /);
  });
});

describe("encodeOutputs / decodeOutputs", () => {
  it("a tuple output gives o0, o1, … in order and reads back as an array", () => {
    const settings = settingsOf(undefined, z.tuple([z.int(), z.string(), z.date()]));
    const value = [7, "seven", new Date("2020-02-02T02:02:02.002Z")];
    expect(decodeOutputs(encodeOutputs(value, settings), settings)).toStrictEqual(value);
  });
  it("a single struct output is one literal o0", () => {
    const settings = settingsOf(undefined, z.object({ a: z.array(z.number()) }));
    expect(decodeOutputs(encodeOutputs({ a: [1, 2.5] }, settings), settings)).toStrictEqual({ a: [1, 2.5] });
  });
  it("no declared output: 0 bytes for undefined or null (Python's None), an error for any other value", () => {
    for (const output of [undefined, z.void(), z.undefined()]) expect(encodeOutputs(undefined, settingsOf(undefined, output)).length).toBe(0);
    const settings = settingsOf(undefined, undefined);
    expect(encodeOutputs(null, settings).length).toBe(0);
    expect(conversionFailure(() => encodeOutputs("hello", settings))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output", message: `${settings.name} declares no output but returned a value; declare it with \`output\` (a zod schema)` }],
    });
  });
  it("a tuple output of the wrong length, and a wrong element type with its index", () => {
    const settings = settingsOf(undefined, z.tuple([z.int(), z.string()]));
    expect(conversionFailure(() => encodeOutputs([1], settings))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output", message: "expected an array of 2 values (the declared tuple), got an array of 1" }],
    });
    expect(conversionFailure(() => encodeOutputs([1, 2], settings))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: "expected a string, got number 2" }],
    });
  });
  it("decodeOutputs rejects unknown and missing outputs", () => {
    const one = settingsOf(undefined, z.int());
    const two = settingsOf(undefined, z.tuple([z.int(), z.int()]));
    expect(conversionFailure(() => decodeOutputs(encodeOutputs([1, 2], two), one))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output.o1", message: `is not an output of ${one.name} (it declares 1)` }],
    });
    expect(conversionFailure(() => decodeOutputs(encodeOutputs(1, one), two))).toStrictEqual({
      code: "INVALID_OUTPUT", issues: [{ path: "output[1]", message: "output o1 is missing" }],
    });
  });
});

describe("encodeErrorDocument", () => {
  it("rejects a kind or origin outside the contract", () => {
    expect(() => encodeErrorDocument({ code: "X", message: "m", kind: "MAYBE" as never, origin: "USER" }))
      .toThrow('error kind must be "RECOVERABLE" or "NON_RECOVERABLE", got "MAYBE"');
    expect(() => encodeErrorDocument({ code: "X", message: "m", kind: "RECOVERABLE", origin: "ME" as never }))
      .toThrow('error origin must be "USER", "SYSTEM" or "UNKNOWN", got "ME"');
  });
});
