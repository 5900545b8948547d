// `yaml.dump(value)` as PyYAML writes it with default arguments: block style, keys sorted, sequences
// inside a mapping at the key's indentation, two-space indentation, long scalars folded past
// column 80 as PyYAML folds them, explicit "? key" entries for empty, multi-line or long keys, trailing
// newline. Ray's `runtimeEnvYaml` must read back as the same value (KubeRay parses it); it is also
// byte-identical to Python's for JSON values (the only difference: integral floats print as ints).
import { pythonNumber } from "./python-json.ts";
import { scalarStyle } from "./pyyaml-scalar.ts";
import { YamlWriter as Writer } from "./pyyaml-writer.ts";

type Value = unknown;

const isMapping = (v: Value): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isEmptyCollection = (v: Value) => (Array.isArray(v) && v.length === 0) || (isMapping(v) && Object.keys(v).length === 0);

/** The YAML text PyYAML's `yaml.dump` gives for a JSON-like value. */
export function pyyamlDump(value: Value): string {
  const w = new Writer();
  if (isMapping(value) && Object.keys(value).length > 0) writeMapping(w, value, 0, false);
  else if (Array.isArray(value) && value.length > 0) writeSequence(w, value, 0, false);
  else {
    writeScalarOrEmpty(w, value, 2, false);
    // PyYAML ends a lone top-level scalar with the document end marker.
    if (!isEmptyCollection(value)) w.write("\n...");
  }
  return `${w.text}\n`;
}

// `inline`: the first entry continues the current line (after "- "), later ones start new lines.
function writeMapping(w: Writer, map: Record<string, unknown>, indent: number, inline: boolean): void {
  const keys = Object.keys(map).filter((k) => map[k] !== undefined).sort(compareCodePoints);
  keys.forEach((key, i) => {
    if (i > 0 || !inline) startLine(w, indent);
    if (isSimpleKey(key)) {
      writeString(w, key, indent + 2, true);
      w.write(":");
      writeNode(w, map[key], indent, "mapping");
    } else {
      // PyYAML's explicit key form: "? key" on one line, ": value" on the next.
      w.write("? ");
      writeString(w, key, indent + 2, false);
      w.newline(indent);
      w.write(":");
      writeNode(w, map[key], indent, "sequence");
    }
  });
}

// An empty, multi-line or long key cannot be a plain "key:" (PyYAML's check_simple_key).
const isSimpleKey = (key: string) => key !== "" && [...key].length < 128 && !/[\n\x85\u2028\u2029]/.test(key);

function writeSequence(w: Writer, items: readonly unknown[], indent: number, inline: boolean): void {
  items.forEach((item, i) => {
    if (i > 0 || !inline) startLine(w, indent);
    w.write("-");
    writeNode(w, item, indent, "sequence");
  });
}

// Writes a value after "key:" or "-"; `indent` is the column of that key or dash.
function writeNode(w: Writer, value: Value, indent: number, parent: "mapping" | "sequence"): void {
  if (isMapping(value) && Object.keys(value).length > 0) {
    if (parent === "mapping") writeMapping(w, value, indent + 2, false);
    else {
      w.write(" ");
      writeMapping(w, value, indent + 2, true);
    }
  } else if (Array.isArray(value) && value.length > 0) {
    // A sequence under a key is "indentless": its dashes line up with the key.
    if (parent === "mapping") writeSequence(w, value, indent, false);
    else {
      w.write(" ");
      writeSequence(w, value, indent + 2, true);
    }
  } else {
    w.write(" ");
    writeScalarOrEmpty(w, value, indent + 2, false);
  }
}

function startLine(w: Writer, indent: number): void {
  if (w.text === "") w.write(" ".repeat(indent));
  else w.newline(indent);
}

function writeScalarOrEmpty(w: Writer, value: Value, indent: number, simpleKey: boolean): void {
  if (value === null || value === undefined) w.write("null");
  else if (value === true) w.write("true");
  else if (value === false) w.write("false");
  else if (typeof value === "number") w.write(pyyamlNumber(value));
  else if (typeof value === "string") writeString(w, value, indent, simpleKey);
  else if (Array.isArray(value)) w.write("[]");
  else if (isMapping(value)) w.write("{}");
  else throw new TypeError(`cannot represent ${typeof value} in YAML`);
}

function pyyamlNumber(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (value === Infinity) return ".inf";
  if (value === -Infinity) return "-.inf";
  const repr = pythonNumber(value).toLowerCase();
  // PyYAML keeps a float a float when read back: 1e-05 becomes 1.0e-05.
  return !repr.includes(".") && repr.includes("e") ? repr.replace("e", ".0e") : repr;
}

function writeString(w: Writer, text: string, indent: number, simpleKey: boolean): void {
  const style = scalarStyle(text);
  // Simple keys are never folded.
  if (style === "plain") w.plain(text, indent, !simpleKey);
  else if (style === "single") w.singleQuoted(text, indent, !simpleKey);
  else w.doubleQuoted(text, indent, !simpleKey);
}

// Python sorts str keys by code point; JS's default sort compares UTF-16 units.
function compareCodePoints(a: string, b: string): number {
  const ca = [...a].map((c) => c.codePointAt(0)!);
  const cb = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i]! - cb[i]!;
  return ca.length - cb.length;
}
