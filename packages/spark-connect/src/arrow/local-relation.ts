import type { Data, DataType as ArrowType, Field } from "apache-arrow";
import { SparkConnectError } from "../errors/spark-connect-error.ts";
import type { DataType, StructType } from "../types/data-type.ts";
import { loadArrow } from "./load-arrow.ts";

type Arrow = typeof import("apache-arrow");

function invalid(path: string, message: string): SparkConnectError {
  return new SparkConnectError(`createDataFrame: ${path}: ${message}`, { code: "INVALID_ARGUMENT" });
}

/** The Spark type of a JS value, for schema inference (null when it says nothing). */
function typeOfValue(value: unknown, path: string): DataType | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "boolean":
      return { type: "boolean" };
    case "bigint":
      return { type: "long" };
    case "number":
      return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? { type: "integer" } : { type: "double" };
    case "string":
      return { type: "string" };
  }
  if (value instanceof Date) return { type: "timestamp" };
  if (value instanceof Uint8Array) return { type: "binary" };
  if (Array.isArray(value)) {
    const element = mergeAll(value, `${path}[]`);
    return element ? { type: "array", elementType: element, containsNull: true } : null;
  }
  if (value instanceof Map) {
    const key = mergeAll([...value.keys()], `${path}.key`);
    const val = mergeAll([...value.values()], `${path}.value`);
    return key ? { type: "map", keyType: key, valueType: val ?? { type: "string" }, valueContainsNull: true } : null;
  }
  if (typeof value === "object") return inferStruct([value as Record<string, unknown>], path);
  throw invalid(path, `a ${typeof value} has no Spark type (allowed: null, boolean, number, bigint, string, Date, Uint8Array, arrays, Map, plain objects)`);
}

/** Merges the types of values: integers widen to double when a fraction appears; other conflicts are errors. */
function merge(a: DataType | null, b: DataType | null, path: string): DataType | null {
  if (a === null) return b;
  if (b === null || a.type === b.type && a.type !== "struct" && a.type !== "array" && a.type !== "map") return a;
  const numeric = ["integer", "long", "double"];
  if (numeric.includes(a.type) && numeric.includes(b.type)) return a.type === "double" || b.type === "double" ? { type: "double" } : { type: "long" };
  if (a.type === "array" && b.type === "array") return { type: "array", elementType: merge(a.elementType, b.elementType, `${path}[]`)!, containsNull: true };
  if (a.type === "map" && b.type === "map") return { type: "map", keyType: merge(a.keyType, b.keyType, `${path}.key`)!, valueType: merge(a.valueType, b.valueType, `${path}.value`)!, valueContainsNull: true };
  if (a.type === "struct" && b.type === "struct") {
    const names = [...new Set([...a.fields.map((f) => f.name), ...b.fields.map((f) => f.name)])];
    return {
      type: "struct",
      fields: names.map((name) => ({
        name,
        dataType: merge(a.fields.find((f) => f.name === name)?.dataType ?? null, b.fields.find((f) => f.name === name)?.dataType ?? null, `${path}.${name}`) ?? { type: "string" },
        nullable: true,
      })),
    };
  }
  throw invalid(path, `values of different types (${a.type} and ${b.type}); give a schema`);
}

function mergeAll(values: unknown[], path: string): DataType | null {
  let t: DataType | null = null;
  for (const v of values) t = merge(t, typeOfValue(v, path), path);
  return t;
}

/** Infers a schema from rows (column order: first appearance). */
export function inferStruct(rows: Record<string, unknown>[], path = "rows"): StructType {
  const names: string[] = [];
  for (const row of rows) for (const k of Object.keys(row)) if (!names.includes(k)) names.push(k);
  return {
    type: "struct",
    fields: names.map((name) => {
      const t = mergeAll(rows.map((r) => r[name]), `${path}.${name}`);
      if (t === null) throw invalid(`${path}.${name}`, "every value is null, so its type cannot be inferred; give a schema");
      return { name, dataType: t, nullable: true };
    }),
  };
}

function arrowType(a: Arrow, t: DataType, path: string): ArrowType {
  switch (t.type) {
    case "null":
      return new a.Null();
    case "boolean":
      return new a.Bool();
    case "byte":
      return new a.Int8();
    case "short":
      return new a.Int16();
    case "integer":
      return new a.Int32();
    case "long":
      return new a.Int64();
    case "float":
      return new a.Float32();
    case "double":
      return new a.Float64();
    case "string":
    case "char":
    case "varchar":
      return new a.Utf8();
    case "binary":
      return new a.Binary();
    case "decimal":
      return new a.Decimal(t.scale, t.precision, 128);
    case "date":
      return new a.DateDay();
    case "timestamp":
      return new a.TimestampMicrosecond("UTC");
    case "timestamp_ntz":
      return new a.TimestampMicrosecond();
    case "array":
      return new a.List(new a.Field("element", arrowType(a, t.elementType, `${path}[]`), true));
    case "map":
      return new a.Map_(
        new a.Field("entries", new a.Struct([new a.Field("key", arrowType(a, t.keyType, `${path}.key`), false), new a.Field("value", arrowType(a, t.valueType, `${path}.value`), true)] as never[]), false),
      );
    case "struct":
      return new a.Struct(t.fields.map((f) => new a.Field(f.name, arrowType(a, f.dataType, `${path}.${f.name}`), f.nullable)));
    default:
      throw invalid(path, `type ${t.type} cannot be sent from JS values; cast after loading (e.g. withColumn(name, col(name).cast(…)))`);
  }
}

function validity(values: unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8) || 1);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nullCount++;
    else nullBitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { nullBitmap, nullCount };
}

const utf8 = new TextEncoder();
const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;

function unscaled(value: unknown, scale: number, precision: number, path: string): bigint {
  let text: string;
  if (typeof value === "bigint") text = value.toString();
  else if (typeof value === "number" && Number.isFinite(value)) text = String(value).includes("e") ? value.toFixed(scale) : String(value);
  else if (typeof value === "string") text = value.trim();
  else throw invalid(path, `a decimal must be a string, number or bigint, got ${typeof value}`);
  const m = DECIMAL_TEXT.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw invalid(path, `${JSON.stringify(text)} is not a decimal number`);
  const fraction = m[3] ?? "";
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) throw invalid(path, `${text} has more than ${scale} fraction digits (decimal(${precision},${scale}))`);
  const digits = BigInt(`${m[2] || "0"}${fraction.slice(0, scale).padEnd(scale, "0")}`);
  if (digits.toString().length > precision) throw invalid(path, `${text} has more than ${precision} digits (decimal(${precision},${scale}))`);
  return m[1] === "-" ? -digits : digits;
}

function check<T>(ok: boolean, value: T, path: string, expected: string): T {
  if (!ok) throw invalid(path, `expected ${expected}, got ${value === null ? "null" : typeof value === "object" ? (value as object).constructor?.name ?? "object" : JSON.stringify(value)}`);
  return value;
}

/** Arrow data of `values` (one column) with Spark type `t`. */
function columnData(a: Arrow, t: DataType, type: ArrowType, values: unknown[], path: string): Data {
  const { nullBitmap, nullCount } = validity(values);
  const length = values.length;
  const at = (i: number) => `${path}[${i}]`;
  const present = (v: unknown) => v !== null && v !== undefined;
  const numeric = <A extends { [i: number]: number }>(Ctor: new (n: number) => A, ok: (v: number) => boolean, what: string) => {
    const data = new Ctor(length);
    values.forEach((v, i) => {
      if (present(v)) data[i] = check(typeof v === "number" && ok(v), v as number, at(i), what);
    });
    return a.makeData({ type: type as never, length, nullCount, nullBitmap, data: data as never });
  };
  const intIn = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;
  switch (t.type) {
    case "null":
      return a.makeData({ type: type as never, length, nullCount: length });
    case "boolean": {
      const data = new Uint8Array(Math.ceil(length / 8) || 1);
      values.forEach((v, i) => {
        if (present(v) && check(typeof v === "boolean", v, at(i), "a boolean")) data[i >> 3]! |= 1 << (i & 7);
      });
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, data: data as never });
    }
    case "byte":
      return numeric(Int8Array, intIn(-128, 127), "an integer from -128 to 127");
    case "short":
      return numeric(Int16Array, intIn(-32768, 32767), "an integer from -32768 to 32767");
    case "integer":
      return numeric(Int32Array, intIn(-(2 ** 31), 2 ** 31 - 1), "an integer in the INT range");
    case "float":
      return numeric(Float32Array, () => true, "a number");
    case "double":
      return numeric(Float64Array, () => true, "a number");
    case "long": {
      const data = new BigInt64Array(length);
      values.forEach((v, i) => {
        if (!present(v)) return;
        if (typeof v === "bigint" && v >= -(2n ** 63n) && v < 2n ** 63n) data[i] = v;
        else data[i] = BigInt(check(typeof v === "number" && Number.isSafeInteger(v), v as number, at(i), "a bigint or a safe integer"));
      });
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, data: data as never });
    }
    case "string":
    case "char":
    case "varchar":
    case "binary": {
      const chunks = values.map((v, i) =>
        !present(v) ? new Uint8Array() : t.type === "binary" ? check(v instanceof Uint8Array, v as Uint8Array, at(i), "a Uint8Array") : utf8.encode(check(typeof v === "string", v as string, at(i), "a string")),
      );
      const valueOffsets = new Int32Array(length + 1);
      chunks.forEach((c, i) => (valueOffsets[i + 1] = valueOffsets[i]! + c.length));
      const data = new Uint8Array(valueOffsets[length]!);
      chunks.forEach((c, i) => data.set(c, valueOffsets[i]!));
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, valueOffsets, data } as never);
    }
    case "decimal": {
      const data = new Uint32Array(length * 4);
      values.forEach((v, i) => {
        if (!present(v)) return;
        let u = BigInt.asUintN(128, unscaled(v, t.scale, t.precision, at(i)));
        for (let w = 0; w < 4; w++, u >>= 32n) data[i * 4 + w] = Number(u & 0xffffffffn);
      });
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, data: data as never });
    }
    case "date": {
      const data = new Int32Array(length);
      values.forEach((v, i) => {
        if (!present(v)) return;
        const ms = v instanceof Date ? v.getTime() : typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) : Number.NaN;
        data[i] = Math.floor(check(!Number.isNaN(ms), ms, at(i), 'a Date or a "YYYY-MM-DD" string') / 86_400_000);
      });
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, data: data as never });
    }
    case "timestamp":
    case "timestamp_ntz": {
      const data = new BigInt64Array(length);
      values.forEach((v, i) => {
        if (!present(v)) return;
        if (typeof v === "bigint") data[i] = v; // microseconds
        else data[i] = BigInt(check(v instanceof Date && !Number.isNaN(v.getTime()), v as Date, at(i), "a Date (or bigint microseconds)").getTime()) * 1000n;
      });
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, data: data as never });
    }
    case "array": {
      const valueOffsets = new Int32Array(length + 1);
      const flat: unknown[] = [];
      values.forEach((v, i) => {
        if (present(v)) flat.push(...check(Array.isArray(v), v as unknown[], at(i), "an array"));
        valueOffsets[i + 1] = flat.length;
      });
      const child = columnData(a, t.elementType, (type as unknown as { children: Field[] }).children[0]!.type, flat, `${path}[]`);
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, valueOffsets, child } as never);
    }
    case "map": {
      const valueOffsets = new Int32Array(length + 1);
      const keys: unknown[] = [];
      const vals: unknown[] = [];
      values.forEach((v, i) => {
        if (present(v)) {
          const entries: [unknown, unknown][] =
            v instanceof Map ? [...v] : typeof v === "object" && v !== null && !Array.isArray(v) ? Object.entries(v) : check(false, v as never, at(i), "a Map or a plain object");
          for (const [k, x] of entries) {
            if (k === null || k === undefined) throw invalid(at(i), "a map key must not be null");
            keys.push(k);
            vals.push(x);
          }
        }
        valueOffsets[i + 1] = keys.length;
      });
      const entriesType = (type as unknown as { children: Field[] }).children[0]!.type as unknown as { children: Field[] };
      const entries = a.makeData({
        type: entriesType as never,
        length: keys.length,
        nullCount: 0,
        children: [columnData(a, t.keyType, entriesType.children[0]!.type, keys, `${path}.key`), columnData(a, t.valueType, entriesType.children[1]!.type, vals, `${path}.value`)],
      } as never);
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, valueOffsets, child: entries } as never);
    }
    case "struct": {
      const fields = (type as unknown as { children: Field[] }).children;
      const children = t.fields.map((f, c) =>
        columnData(
          a,
          f.dataType,
          fields[c]!.type,
          values.map((v, i) => (present(v) ? (check(typeof v === "object" && !Array.isArray(v), v, at(i), "an object") as Record<string, unknown>)[f.name] : null)),
          `${path}.${f.name}`,
        ),
      );
      return a.makeData({ type: type as never, length, nullCount, nullBitmap, children } as never);
    }
    default:
      throw invalid(path, `type ${t.type} cannot be sent from JS values`);
  }
}

/** One Arrow IPC stream holding `rows` with `schema` (what a LocalRelation carries). */
export async function rowsToArrowIpc(rows: Record<string, unknown>[], schema: StructType): Promise<Uint8Array> {
  const a = await loadArrow();
  const fields = schema.fields.map((f) => new a.Field(f.name, arrowType(a, f.dataType, `rows.${f.name}`), f.nullable));
  const children = schema.fields.map((f, c) => {
    const values = rows.map((r, i) => {
      if (r === null || typeof r !== "object") throw invalid(`rows[${i}]`, "must be a plain object");
      return r[f.name];
    });
    if (!f.nullable) values.forEach((v, i) => {
      if (v === null || v === undefined) throw invalid(`rows[${i}].${f.name}`, "must not be null (the column is NOT NULL)");
    });
    return columnData(a, f.dataType, fields[c]!.type, values, `rows.${f.name}`);
  });
  const struct = new a.Struct(fields);
  const batch = new a.RecordBatch(new a.Schema(fields), a.makeData({ type: struct, length: rows.length, nullCount: 0, children }));
  return a.tableToIPC(new a.Table([batch]), "stream");
}
