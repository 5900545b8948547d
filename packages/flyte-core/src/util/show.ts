// How an error message shows a value the caller gave. It never throws (String() does on a symbol or a
// null-prototype object, JSON.stringify on a bigint or a cycle) and never dumps a whole structure.

const MAX_STRING = 200;

/** A short, safe description of any value: `"text"`, `12`, `10n`, `Symbol(s)`, `a Map`, `an object`. */
export function show(value: unknown): string {
  switch (typeof value) {
    case "string": {
      const points = Array.from(value);
      return JSON.stringify(points.length > MAX_STRING ? `${points.slice(0, MAX_STRING).join("")}…` : value);
    }
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "boolean":
    case "undefined":
      return String(value);
    case "function":
      return "a function";
    default:
      return describeObject(value as object | null);
  }
}

function describeObject(value: object | null): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return "an object with no prototype";
  if (proto === Object.prototype) return "an object";
  const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" ? `${/^[AEIO]/.test(name) ? "an" : "a"} ${name}` : "an object";
}
