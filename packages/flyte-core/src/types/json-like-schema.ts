import type { z } from "zod";

/*
 * Schemas whose values have no declared shape: z.unknown(), z.any() and z.json(). Inside an object they are
 * stored like the values of Python's untyped `dict` (msgpack, typed by the value itself); at the top level
 * only a record of them (or z.json()) has a Flyte type: Python's untyped `dict`.
 */

interface Def { type: string; getter?: () => z.ZodType; options?: z.ZodType[]; element?: z.ZodType; valueType?: z.ZodType; keyType?: z.ZodType }
const def = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

const JSON_MEMBERS = ["array", "boolean", "null", "number", "record", "string"];

/** z.json(): a lazy union of string, number, boolean, null, an array of itself and a string record of itself. */
export function isZodJson(schema: z.ZodType): boolean {
  const d = def(schema);
  if (d.type !== "lazy" || !d.getter) return false;
  const inner = def(d.getter());
  if (inner.type !== "union" || !inner.options) return false;
  const types = inner.options.map((o) => def(o).type).sort();
  if (types.join() !== JSON_MEMBERS.join()) return false;
  // The inner references are to the z.json() itself, or to the schema a clone (.describe(), .meta()) was made from.
  const isSelf = (s: z.ZodType) => s === schema || def(s).getter === d.getter;
  return inner.options.every((o) => {
    const od = def(o);
    if (od.type === "array") return isSelf(od.element!);
    if (od.type === "record") return isSelf(od.valueType!) && def(od.keyType!).type === "string";
    return true;
  });
}

/** z.unknown(), z.any() or z.json() (already unwrapped of .optional()/.default()/…). */
export function isJsonLikeSchema(schema: z.ZodType): boolean {
  const t = def(schema).type;
  return t === "unknown" || t === "any" || isZodJson(schema);
}

/** Python's untyped `dict`: z.record(z.string(), <JSON-like>) or z.json(). */
export function isUntypedDictSchema(schema: z.ZodType): boolean {
  const d = def(schema);
  if (d.type === "record") return def(d.keyType!).type === "string" && isJsonLikeSchema(d.valueType!);
  return isZodJson(schema);
}
