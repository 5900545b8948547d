import { outputSchemas } from "../serialize/interface.ts";
import type { TaskSettings } from "../task/settings.ts";
import { conversionError } from "./conversion-error.ts";
import type { RuntimeErrorReport } from "./literal-io.ts";

/*
 * inputs.pb, outputs.pb and error.pb as a0 reads and writes them. The protobuf codec (literal-io.ts, with
 * flyteidl2's descriptors) is imported only when there is a literal to convert or an error to write: a task
 * without inputs and outputs that succeeds starts and ends without it. The results are those of literal-io.
 */

const literalIo = () => import("./literal-io.ts");

/** `decodeInputs`: empty bytes are an Inputs message without literals or context. */
export async function readInputs(bytes: Uint8Array, settings: TaskSettings, uri?: string): Promise<{ values: Record<string, unknown>; context: Record<string, string> }> {
  if (bytes.length === 0) return { values: {}, context: {} };
  return (await literalIo()).decodeInputs(bytes, settings, uri);
}

/** `encodeOutputs`: a task that declares no output writes 0 bytes, and must have returned nothing. */
export async function writeOutputs(output: unknown, settings: TaskSettings): Promise<Uint8Array> {
  if (outputSchemas(settings.output).length === 0) return noOutputs(output, settings);
  return (await literalIo()).encodeOutputs(output, settings);
}

/** outputs.pb of a task without outputs (an empty Outputs message is 0 bytes). */
export function noOutputs(output: unknown, settings: TaskSettings): Uint8Array {
  // null is Python's None, which a task without outputs may return; anything else would be lost.
  if (output !== undefined && output !== null) {
    throw conversionError("INVALID_OUTPUT", ["output"], `${settings.name} declares no output but returned a value; declare it with \`output\` (a zod schema)`);
  }
  return new Uint8Array(0);
}

/** `encodeErrorDocument`. */
export async function errorDocument(error: RuntimeErrorReport): Promise<Uint8Array> {
  return (await literalIo()).encodeErrorDocument(error);
}
