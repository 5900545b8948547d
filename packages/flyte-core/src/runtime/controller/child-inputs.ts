import { create } from "@bufbuild/protobuf";
import type { z } from "zod";
import { FlyteTsError } from "../../errors.ts";
import { type Inputs, InputsSchema, NamedLiteralSchema } from "../../gen/flyteidl2/task/common_pb.ts";
import type { TaskSettings } from "../../task/settings.ts";
import { valueToLiteral } from "../literals.ts";
import { deterministicBytes } from "./child-name.ts";

/** The reference's `max_inline_io_bytes` default: a child's inputs.pb may not be larger (contract §5). */
export const MAX_INLINE_IO_BYTES = 10 * 1024 * 1024;

/**
 * A child's `flyteidl2.task.Inputs`: one literal per declared input with a value (defaults already
 * applied by the schema), in declaration order, plus the parent's custom context pairs.
 */
export function childInputs(settings: TaskSettings, values: Record<string, unknown>, context: Readonly<Record<string, string>> = {}): Inputs {
  const shape = (settings.inputs?.shape ?? {}) as Record<string, z.ZodType>;
  const literals = Object.entries(shape)
    .filter(([name]) => values[name] !== undefined)
    .map(([name, schema]) => create(NamedLiteralSchema, { name, value: valueToLiteral(values[name], schema, ["inputs", name], "INVALID_INPUT") }));
  return create(InputsSchema, { literals, context: Object.entries(context).map(([key, value]) => ({ key, value })) });
}

/** inputs.pb bytes (deterministic, so a retried parent writes the same object); refuses more than the limit. */
export function childInputsBytes(inputs: Inputs, taskName: string, limit = MAX_INLINE_IO_BYTES): Uint8Array {
  const bytes = deterministicBytes(InputsSchema, inputs);
  if (bytes.length > limit) {
    throw new FlyteTsError("INVALID_INPUT", `inputs of ${taskName} are ${bytes.length} bytes, more than the ${limit} bytes a child action's inputs.pb may hold; pass large data as files or directories`);
  }
  return bytes;
}

