import { show } from "../util/show.ts";
import { ConfigError } from "../errors.ts";
import { MAX_DURATION_SECONDS } from "../types/duration-schema.ts";

/** Seconds as a number, or a string such as "90s", "5m", "1h30m", "1.5s", "250ms", "2d". */
export type DurationInput = number | string;

const UNIT_SECONDS: Record<string, number> = { ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * Seconds for a duration input; throws a ConfigError (path = []) for anything else, and for a duration
 * beyond ±315,576,000,000 s (10,000 years), the range of the `google.protobuf.Duration` every duration here
 * is written as.
 */
export function toSeconds(value: DurationInput): number {
  const seconds = parseSeconds(value);
  if (Math.abs(seconds) > MAX_DURATION_SECONDS) {
    throw new ConfigError("duration", [
      { path: [], message: `must be at most ${MAX_DURATION_SECONDS} seconds (10,000 years, the protobuf Duration range), got ${show(value)}` },
    ]);
  }
  return seconds;
}

function parseSeconds(value: DurationInput): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw durationError(value);
    return value;
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
    if (text !== "" && text.replace(PART, "") === "") {
      let total = 0;
      for (const m of text.matchAll(PART)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
      return total;
    }
  }
  throw durationError(value);
}

function durationError(value: unknown): ConfigError {
  return new ConfigError("duration", [
    { path: [], message: `expected seconds as a number or a duration string like "90s", "5m", "1h30m", got ${show(value)}` },
  ]);
}

/** `google.protobuf.Duration` JSON: "600s", "60.500s" (0, 3, 6 or 9 fractional digits). */
export function formatProtoDuration(seconds: number): string {
  const nanosTotal = Math.round(seconds * 1e9);
  const whole = Math.trunc(nanosTotal / 1e9);
  const nanos = Math.abs(nanosTotal - whole * 1e9);
  const sign = nanosTotal < 0 && whole === 0 ? "-" : "";
  if (nanos === 0) return `${sign}${whole}s`;
  let frac = String(nanos).padStart(9, "0");
  if (frac.endsWith("000000")) frac = frac.slice(0, 3);
  else if (frac.endsWith("000")) frac = frac.slice(0, 6);
  return `${sign}${whole}.${frac}s`;
}
