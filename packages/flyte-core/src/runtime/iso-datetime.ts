/**
 * Datetimes inside msgpack structs travel as ISO 8601 strings (mashumaro's default for dataclass fields).
 * We write what Python's `datetime.isoformat()` gives for an aware UTC value, so the bytes match the reference:
 * `2024-01-02T03:04:05+00:00`, with `.ffffff` only when there are sub-second digits. Inside a top-level tuple
 * (a pydantic model in the reference) the same instant is written `2024-01-02T03:04:05Z`.
 */
export function formatIsoDatetime(date: Date, style: "dataclass" | "pydantic" = "dataclass"): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError(`year ${year} is outside 1..9999, which Python's datetime supports`);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const base = `${p(year, 4)}-${p(date.getUTCMonth() + 1)}-${p(date.getUTCDate())}T${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
  const millis = date.getUTCMilliseconds();
  // pydantic (the reference's tuple wrapper) writes UTC as `Z` instead of `+00:00`.
  return `${base}${millis === 0 ? "" : `.${p(millis * 1000, 6)}`}${style === "pydantic" ? "Z" : "+00:00"}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?$/;

/**
 * Parses the ISO 8601 forms Python's `datetime.isoformat()` and `date.isoformat()` write (and the `Z` suffix).
 * A value without an offset is taken as UTC, as the reference does for naive datetimes. JS Dates hold
 * milliseconds, so digits below a millisecond are truncated. Returns undefined for anything else.
 */
export function parseIsoDatetime(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", offset = "Z"] = m;
  const millis = frac === "" ? 0 : Number(frac.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  const date = new Date(utc);
  // Date.UTC maps years 0..99 to 1900..1999; set the year explicitly.
  date.setUTCFullYear(Number(y));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return new Date(date.getTime() - offsetMillis(offset));
}

function offsetMillis(offset: string): number {
  if (offset === "Z") return 0;
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(/:/g, "");
  const hh = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4) || "0");
  const ss = Number(digits.slice(4, 6) || "0");
  return sign * ((hh * 60 + mm) * 60 + ss) * 1000;
}
