import type { z } from "zod";
import { zodModule } from "./zod-module.ts";

/** The range of a `google.protobuf.Duration` (±10,000 years), which carries durations between tasks. */
export const MAX_DURATION_SECONDS = 315_576_000_000;

// The check that makes a number schema a duration. It stays in the schema's checks through .describe(),
// .min(), .optional(), .default() and the like, so the interface and the runtime recognise the schema by it.
// Made on the first duration() (zod is loaded only when a schema needs it); no schema can carry it before.
let durationRange: z.core.$ZodCheck<number> | undefined;

/**
 * A task input or output that is a duration (Python's `timedelta`): its JS value is a number of seconds,
 * fractional and possibly negative (`90`, `1.5`, `-0.25`). Flyte carries it as a DURATION literal (seconds +
 * nanoseconds); inside an object it is float seconds, as Python dataclasses store a timedelta.
 *
 * ```ts
 * inputs: z.object({ timeout: duration(), grace: duration().default(30) })
 * ```
 */
export function duration(): z.ZodNumber {
  // format "time-delta" is what Python dataclasses declare for a timedelta field in their JSON Schema.
  const zod = zodModule();
  durationRange ??= zod.refine<number>((seconds) => Math.abs(seconds) <= MAX_DURATION_SECONDS, {
    message: `a duration must be within ±${MAX_DURATION_SECONDS} seconds`,
    abort: true,
  });
  return zod.number().check(durationRange).meta({ format: "time-delta" });
}

/** Whether `schema` (already unwrapped of .optional()/.default()/…) is a {@link duration}. */
export function isDurationSchema(schema: z.ZodType): boolean {
  const def = (schema as unknown as { def: { type: string; checks?: unknown[] } }).def;
  return durationRange !== undefined && def.type === "number" && (def.checks ?? []).includes(durationRange);
}
