import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { z } from "zod";
import { FlyteTsError } from "../errors.ts";
import { ContainerError_Kind, ErrorDocumentSchema, ExecutionError_ErrorKind } from "../gen/flyteidl2/core/execution_pb.ts";
import { InputsSchema, type NamedLiteral, NamedLiteralSchema, OutputsSchema } from "../gen/flyteidl2/task/common_pb.ts";
import type { TaskSettings } from "../task/settings.ts";
import { outputSchemas } from "../serialize/interface.ts";
import { conversionError } from "./conversion-error.ts";
import { literalToValue, valueToLiteral } from "./literals.ts";
import { noOutputs } from "./action-io.ts";

/*
 * The files the in-cluster runtime reads and writes (runtime contract §2): `inputs.pb` (flyteidl2.task.Inputs),
 * `outputs.pb` (flyteidl2.task.Outputs, read by the backend as core.LiteralMap) and `error.pb`
 * (flyteidl2.core.ErrorDocument).
 */

/** The declared inputs by name (the task's z.object shape). */
function inputSchemas(settings: TaskSettings): Record<string, z.ZodType> {
  return (settings.inputs?.shape ?? {}) as Record<string, z.ZodType>;
}

/**
 * Reads `inputs.pb` (`uri` only names it in errors). Only the literals present are converted (absent inputs are left for the task's zod
 * schema to default); a literal that names no declared input is an INVALID_INPUT error. Values have their JS
 * types (Date, bigint, …) but are not yet parsed by the task's schema. `context` is `Inputs.context`.
 */
export function decodeInputs(bytes: Uint8Array, settings: TaskSettings, uri?: string): { values: Record<string, unknown>; context: Record<string, string> } {
  let inputs;
  try {
    inputs = fromBinary(InputsSchema, bytes);
  } catch (err) {
    // The backend wrote a valid message: bytes that do not parse were truncated or damaged in storage or
    // on the way, so this is a STORAGE error (a0 reports it as a retryable system failure).
    throw new FlyteTsError(
      "STORAGE",
      `inputs${uri ? ` at ${uri}` : ""} are not a valid flyteidl2.task.Inputs message (${bytes.length} bytes, truncated or corrupt): ${(err as Error).message}`,
      { cause: err },
    );
  }
  const schemas = inputSchemas(settings);
  const values: Record<string, unknown> = {};
  for (const { name, value } of inputs.literals) {
    const path = ["inputs", name];
    const schema = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
    if (!schema) {
      const declared = Object.keys(schemas);
      throw conversionError("INVALID_INPUT", path, `is not an input of ${settings.name} (declared: ${declared.length > 0 ? declared.join(", ") : "none"})`);
    }
    if (!value) throw conversionError("INVALID_INPUT", path, "the literal is empty");
    Object.defineProperty(values, name, { value: literalToValue(value, schema, path, "INVALID_INPUT"), enumerable: true, writable: true, configurable: true });
  }
  const context: Record<string, string> = {};
  for (const { key, value } of inputs.context) Object.defineProperty(context, key, { value, enumerable: true, writable: true, configurable: true });
  return { values, context };
}

/**
 * Writes `outputs.pb`: one literal per declared output, named o0, o1, … in that order (a z.tuple output gives
 * one per element, so `output` must then be an array of that length). A task without outputs gives 0 bytes,
 * and must return undefined.
 */
export function encodeOutputs(output: unknown, settings: TaskSettings): Uint8Array {
  const schemas = outputSchemas(settings.output);
  if (schemas.length === 0) return noOutputs(output, settings);
  const isTuple = settings.output !== schemas[0];
  let values: unknown[] = [output];
  if (isTuple) {
    if (!Array.isArray(output) || output.length !== schemas.length) {
      throw conversionError("INVALID_OUTPUT", ["output"], `expected an array of ${schemas.length} values (the declared tuple), got ${Array.isArray(output) ? `an array of ${output.length}` : typeof output}`);
    }
    values = output;
  }
  const literals: NamedLiteral[] = schemas.map((schema, i) =>
    create(NamedLiteralSchema, { name: `o${i}`, value: valueToLiteral(values[i], schema, isTuple ? ["output", i] : ["output"], "INVALID_OUTPUT") }),
  );
  return toBinary(OutputsSchema, create(OutputsSchema, { literals }));
}

/** Reads `outputs.pb` back into the task's output value (an array for a tuple output; undefined without outputs). */
export function decodeOutputs(bytes: Uint8Array, settings: TaskSettings): unknown {
  const schemas = outputSchemas(settings.output);
  let outputs;
  try {
    outputs = fromBinary(OutputsSchema, bytes);
  } catch (err) {
    throw new FlyteTsError("INVALID_OUTPUT", `outputs are not a valid flyteidl2.task.Outputs message: ${(err as Error).message}`, { cause: err });
  }
  const byName = new Map(outputs.literals.map((l) => [l.name, l.value]));
  for (const name of byName.keys()) {
    if (!/^o\d+$/.test(name) || Number(name.slice(1)) >= schemas.length) {
      throw conversionError("INVALID_OUTPUT", ["output", name], `is not an output of ${settings.name} (it declares ${schemas.length})`);
    }
  }
  const values = schemas.map((schema, i) => {
    const literal = byName.get(`o${i}`);
    if (!literal) throw conversionError("INVALID_OUTPUT", ["output", i], `output o${i} is missing`);
    return literalToValue(literal, schema, ["output", i], "INVALID_OUTPUT");
  });
  if (schemas.length === 0) return undefined;
  return settings.output !== schemas[0] ? values : values[0];
}

/** What `error.pb` reports (runtime contract §2.6); `kind` decides whether the backend retries. */
export interface RuntimeErrorReport {
  code: string;
  message: string;
  kind: "RECOVERABLE" | "NON_RECOVERABLE";
  origin: "USER" | "SYSTEM" | "UNKNOWN";
}

/** `error.pb`: ErrorDocument {error: ContainerError {code, message, kind, origin}}. */
export function encodeErrorDocument(error: RuntimeErrorReport): Uint8Array {
  const kind = { RECOVERABLE: ContainerError_Kind.RECOVERABLE, NON_RECOVERABLE: ContainerError_Kind.NON_RECOVERABLE }[error.kind];
  const origin = { USER: ExecutionError_ErrorKind.USER, SYSTEM: ExecutionError_ErrorKind.SYSTEM, UNKNOWN: ExecutionError_ErrorKind.UNKNOWN }[error.origin];
  if (kind === undefined) throw new FlyteTsError("INVALID_OUTPUT", `error kind must be "RECOVERABLE" or "NON_RECOVERABLE", got ${JSON.stringify(error.kind)}`);
  if (origin === undefined) throw new FlyteTsError("INVALID_OUTPUT", `error origin must be "USER", "SYSTEM" or "UNKNOWN", got ${JSON.stringify(error.origin)}`);
  return toBinary(ErrorDocumentSchema, create(ErrorDocumentSchema, { error: { code: error.code, message: error.message, kind, origin } }));
}
