import { fromBinary, toBinary } from "@bufbuild/protobuf";
import type { z } from "zod";
import { ConfigError, formatPath, TaskEnvironment, type TaskSettings } from "@flyte-ts/core";
import { type Literal, LiteralSchema } from "../../src/gen/flyteidl2/core/literals_pb.ts";
import { literalToValue, valueToLiteral } from "../../src/runtime/literals.ts";

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
export const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));

/** Hex of the Literal bytes written for `value` as `schema`. */
export const literalHex = (value: unknown, schema: z.ZodType): string => hex(toBinary(LiteralSchema, valueToLiteral(value, schema, ["output"])));
/** The JS value read from Literal bytes given as hex. */
export const readHex = (text: string, schema: z.ZodType): unknown => literalToValue(fromBinary(LiteralSchema, unhex(text)), schema, ["inputs", "x"]);
export const parseLiteral = (text: string): Literal => fromBinary(LiteralSchema, unhex(text));

let count = 0;
const env = new TaskEnvironment({ name: "literals", image: "ghcr.io/acme/app:1.0" });
/** The settings of a real task declared with these schemas. */
export function settingsOf(inputs: z.ZodObject | undefined, output: z.ZodType | undefined): TaskSettings {
  const name = `t${count++}`;
  const fn = { [name]: async () => undefined }[name]!;
  return env.task({ inputs, output } as never, fn as never).settings;
}

/** The code, subject and issues of the ConfigError `fn` throws. */
export function conversionFailure(fn: () => unknown): { code: string; issues: Array<{ path: string; message: string }> } {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { code: err.code, issues: err.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  }
  throw new Error("expected a ConfigError, nothing was thrown");
}
