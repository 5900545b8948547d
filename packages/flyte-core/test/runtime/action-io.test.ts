// a0 reads and writes through action-io, which skips the protobuf codec when there is nothing to convert:
// its results must be literal-io's, byte for byte, in those cases too.
import { fromJson, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorDocument, readInputs, writeOutputs } from "../../src/runtime/action-io.ts";
import { decodeInputs, encodeErrorDocument, encodeOutputs } from "../../src/runtime/literal-io.ts";
import { InputsSchema } from "../../src/gen/flyteidl2/task/common_pb.ts";
import { conversionFailure, hex, settingsOf } from "./helpers.ts";

describe("action-io (a0's inputs.pb, outputs.pb, error.pb)", () => {
  it("empty inputs.pb: no values and no context, as decodeInputs reads it, with or without declared inputs", async () => {
    for (const settings of [settingsOf(undefined, undefined), settingsOf(z.object({ n: z.int().default(3) }), z.int())]) {
      expect(await readInputs(new Uint8Array(), settings)).toStrictEqual(decodeInputs(new Uint8Array(), settings));
      expect(await readInputs(new Uint8Array(), settings)).toStrictEqual({ values: {}, context: {} });
    }
  });

  it("non-empty inputs.pb goes through decodeInputs", async () => {
    const settings = settingsOf(z.object({ n: z.int() }), undefined);
    const bytes = toBinary(InputsSchema, fromJson(InputsSchema, { literals: [{ name: "n", value: { scalar: { primitive: { integer: "7" } } } }] }));
    expect(await readInputs(bytes, settings)).toStrictEqual(decodeInputs(bytes, settings));
    expect(await readInputs(bytes, settings)).toStrictEqual({ values: { n: 7 }, context: {} });
  });

  it("a task without outputs writes 0 bytes for undefined or null, and refuses a value, as encodeOutputs", async () => {
    const settings = settingsOf(undefined, undefined);
    for (const output of [undefined, null]) {
      expect(hex(await writeOutputs(output, settings))).toBe(hex(encodeOutputs(output, settings)));
      expect((await writeOutputs(output, settings)).length).toBe(0);
    }
    const thrown = await writeOutputs(5, settings).then(() => undefined, (e: unknown) => e);
    expect(conversionFailure(() => { throw thrown; })).toStrictEqual(conversionFailure(() => encodeOutputs(5, settings)));
  });

  it("declared outputs and error documents are literal-io's bytes", async () => {
    const settings = settingsOf(undefined, z.string());
    expect(hex(await writeOutputs("hello", settings))).toBe(hex(encodeOutputs("hello", settings)));
    const failure = { code: "E", message: "m", kind: "NON_RECOVERABLE", origin: "USER" } as const;
    expect(hex(await errorDocument(failure))).toBe(hex(encodeErrorDocument(failure)));
  });
});
