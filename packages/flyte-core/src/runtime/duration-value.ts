import { MAX_DURATION_SECONDS } from "../types/duration-schema.ts";

/*
 * Durations (a JS number of seconds) in the forms Flyte and the Python SDK store them: a protobuf Duration
 * (seconds + nanos, both with the value's sign), float seconds inside a dataclass, and an ISO 8601 duration
 * string inside a pydantic model (the Python SDK's wrapper for tuples).
 */

/** Why `seconds` is not a storable duration, or undefined when it is. */
export function durationProblem(seconds: unknown): string | undefined {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return "expected a duration in seconds (a finite number)";
  if (Math.abs(seconds) > MAX_DURATION_SECONDS) return `duration ${seconds}s is outside ±${MAX_DURATION_SECONDS}s, the range of a protobuf Duration`;
  return undefined;
}

/** `google.protobuf.Duration` fields for a number of seconds: -1.5 → {seconds: -1n, nanos: -500000000}. */
export function toProtoDuration(seconds: number): { seconds: bigint; nanos: number } {
  let whole = Math.trunc(seconds);
  // Subtracting the integral part of a double is exact, so only the rounding to nanoseconds is lossy.
  let nanos = Math.round((seconds - whole) * 1e9);
  if (Math.abs(nanos) === 1e9) {
    whole += Math.sign(nanos);
    nanos = 0;
  }
  return { seconds: BigInt(whole), nanos: nanos === 0 ? 0 : nanos };
}

/** Seconds of a `google.protobuf.Duration`. */
export function fromProtoDuration(seconds: bigint, nanos: number): number {
  return secondsOfNanos(seconds * 1_000_000_000n + BigInt(nanos));
}

// Through the decimal text, so that the result is the double nearest to the exact value (as the JS literal
// `86400.000001` is), which adding seconds and a fraction does not always give.
function secondsOfNanos(total: bigint): number {
  const abs = total < 0n ? -total : total;
  return Number(`${total < 0n ? "-" : ""}${abs / 1_000_000_000n}.${String(abs % 1_000_000_000n).padStart(9, "0")}`);
}

/**
 * The ISO 8601 duration pydantic writes for a timedelta: the sign, then years of 365 days, days, hours, minutes
 * and seconds with microseconds, zero parts left out (`PT1.5S`, `-PT1.5S`, `P1Y35DT5S`, `PT0S`).
 */
export function formatIsoDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  let whole = Math.trunc(abs);
  let micros = Math.round((abs - whole) * 1e6);
  if (micros === 1e6) {
    whole += 1;
    micros = 0;
  }
  if (whole === 0 && micros === 0) return "PT0S";
  const days = Math.floor(whole / 86400);
  const inDay = whole % 86400;
  const years = Math.floor(days / 365);
  let text = `${seconds < 0 ? "-" : ""}P${years ? `${years}Y` : ""}${days % 365 ? `${days % 365}D` : ""}`;
  if (inDay !== 0 || micros !== 0) {
    const h = Math.floor(inDay / 3600);
    const m = Math.floor((inDay % 3600) / 60);
    const s = inDay % 60;
    const fraction = micros ? `.${String(micros).padStart(6, "0").replace(/0+$/, "")}` : "";
    text += `T${h ? `${h}H` : ""}${m ? `${m}M` : ""}${s || micros ? `${s}${fraction}S` : ""}`;
  }
  return text;
}

const NUM = String.raw`(\d+(?:[.,]\d+)?)`;
const ISO_DURATION = new RegExp(`^([+-])?P(?:${NUM}Y)?(?:${NUM}M)?(?:${NUM}W)?(?:${NUM}D)?(?:T(?:${NUM}H)?(?:${NUM}M)?(?:${NUM}S)?)?$`);
// Years and months have no fixed length; these are the lengths pydantic reads them with.
const PART_SECONDS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];

/** Seconds of an ISO 8601 duration (`PT1.5S`, `-P1DT2H`, `P1W`), or undefined when `text` is not one. */
export function parseIsoDuration(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text.endsWith("T")) return undefined;
  const parts = m.slice(2);
  if (parts.every((p) => p === undefined)) return undefined;
  let nanos = 0n;
  parts.forEach((p, i) => {
    if (p === undefined) return;
    // Exact decimal arithmetic in nanoseconds (digits below a nanosecond are dropped).
    const [whole = "0", fraction = ""] = p.split(/[.,]/);
    const unit = BigInt(PART_SECONDS[i]!) * 1_000_000_000n;
    nanos += BigInt(whole) * unit + (BigInt(fraction.padEnd(9, "0").slice(0, 9) || "0") * unit) / 1_000_000_000n;
  });
  return secondsOfNanos(m[1] === "-" ? -nanos : nanos);
}
