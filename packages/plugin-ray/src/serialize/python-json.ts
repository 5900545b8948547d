// Python's `json.dumps` with its default arguments, byte for byte: ", " and ": " separators,
// every character outside printable ASCII escaped as \uXXXX (lower-case hex, surrogate pairs for astral
// characters), keys in insertion order. The Ray `runtimeEnv` field is the base64 of exactly these
// bytes, so `JSON.stringify` (no spaces, raw UTF-8) would not match the reference.

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f",
};

/** A JSON string literal as Python writes it with `ensure_ascii=True`. */
export function pythonJsonString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    // Python escapes everything outside " "…"~" (DEL included); JS strings are already UTF-16, so an
    // astral character arrives as its surrogate pair, which is what Python writes too.
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A number as Python prints it. JavaScript cannot tell `2` from `2.0`, so integral numbers print as
 * Python ints; other numbers follow Python's float repr (scientific below 1e-4, two-digit exponents).
 */
export function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  if (Number.isInteger(value)) return Object.is(value, -0) ? "0" : BigInt(value).toString();
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent >= -4) return String(value);
  const [mantissa, exp] = value.toExponential().split("e") as [string, string];
  const sign = exp.startsWith("-") ? "-" : "+";
  return `${mantissa}e${sign}${exp.replace(/^[-+]/, "").padStart(2, "0")}`;
}

/** `json.dumps(value)`: objects keep their key order (note that JS puts integer-like keys first). */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "number") return pythonNumber(value);
  if (typeof value === "string") return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item)).join(", ")}]`;
  if (value instanceof Map) {
    return `{${[...value].map(([k, v]) => `${pythonJsonString(String(k))}: ${pythonJsonDumps(v)}`).join(", ")}}`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pythonJsonString(k)}: ${pythonJsonDumps(v)}`).join(", ")}}`;
  }
  throw new TypeError(`Object of type ${typeof value} is not JSON serializable`);
}
