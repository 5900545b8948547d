import type { Data, DataType as ArrowType, Table } from "apache-arrow";

/** A result row: column name → value (see the README's type mapping). */
export type Row = Record<string, unknown>;

// Arrow's Type ids (apache-arrow's enum), inlined so this module needs no runtime import of apache-arrow.
const T = { Null: 1, Int: 2, Float: 3, Binary: 4, Utf8: 5, Bool: 6, Decimal: 7, Date: 8, Time: 9, Timestamp: 10, Interval: 11, List: 12, Struct: 13, FixedSizeBinary: 15, FixedSizeList: 16, Map: 17, Duration: 18, LargeBinary: 19, LargeUtf8: 20, LargeList: 21 } as const;

const utf8 = new TextDecoder();
const TEN = 10n;

/** An exact decimal string with `scale` fraction digits, e.g. `-12.30`. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  } else if (scale < 0) {
    digits = (BigInt(digits) * TEN ** BigInt(-scale)).toString();
  }
  return negative ? `-${digits}` : digits;
}

function decimalAt(values: Uint32Array, stride: number, i: number): bigint {
  // Little-endian two's complement words.
  let v = 0n;
  for (let w = stride - 1; w >= 0; w--) v = (v << 32n) | BigInt(values[i * stride + w]!);
  const bits = BigInt(stride * 32);
  return v >= 1n << (bits - 1n) ? v - (1n << bits) : v;
}

type Reader = (i: number) => unknown;

/**
 * The bytes `start..end` as one string when they are all ASCII, else undefined. Decoding a whole column
 * once and slicing it per value is several times faster than a TextDecoder call per value (most result
 * strings are short), and ASCII bytes are the same characters in UTF-8 and Latin-1.
 */
function asciiText(bytes: Uint8Array, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}

/** A function reading value `i` of one Arrow array (one chunk of a column) as the README's JS value. */
export function reader(data: Data): Reader {
  const type = data.type as ArrowType & Record<string, unknown>;
  const valid = data.nullCount > 0 ? (i: number) => data.getValid(i) : () => true;
  const nullable = (read: Reader): Reader => (data.nullCount > 0 ? (i) => (valid(i) ? read(i) : null) : read);
  const values = data.values as unknown as ArrayLike<number | bigint> & { subarray(a: number, b: number): Uint8Array };
  const offsets = data.valueOffsets as unknown as ArrayLike<number | bigint>;
  switch (type.typeId) {
    case T.Null:
      return () => null;
    case T.Bool: {
      const bytes = data.values as unknown as Uint8Array;
      const off = data.offset;
      return nullable((i) => ((bytes[(off + i) >> 3]! >> ((off + i) & 7)) & 1) === 1);
    }
    case T.Int:
    case T.Float:
      return nullable((i) => values[i]);
    case T.Utf8:
    case T.LargeUtf8: {
      const bytes = data.values as unknown as Uint8Array;
      const ascii = asciiText(bytes, Number(offsets[0] ?? 0), Number(offsets[data.length] ?? 0));
      if (ascii !== undefined) {
        const base = Number(offsets[0] ?? 0);
        return nullable((i) => ascii.slice(Number(offsets[i]) - base, Number(offsets[i + 1]) - base));
      }
      return nullable((i) => utf8.decode(bytes.subarray(Number(offsets[i]), Number(offsets[i + 1]))));
    }
    case T.Binary:
    case T.LargeBinary: {
      const bytes = data.values as unknown as Uint8Array;
      return nullable((i) => bytes.slice(Number(offsets[i]), Number(offsets[i + 1])));
    }
    case T.Decimal: {
      const scale = type.scale as number;
      const stride = (type.bitWidth as number) / 32;
      const words = data.values as unknown as Uint32Array;
      return nullable((i) => formatDecimal(decimalAt(words, stride, i), scale));
    }
    case T.Date:
      // DAY (0): int32 days; MILLISECOND (1): int64 ms. Both at UTC midnight.
      return type.unit === 0 ? nullable((i) => new Date((values[i] as number) * 86_400_000)) : nullable((i) => new Date(Number(values[i])));
    case T.Timestamp: {
      // unit 0 s, 1 ms, 2 µs, 3 ns; floor division keeps times before 1970 right.
      const perMs = [1e-3, 1, 1000, 1e6][type.unit as number]!;
      return nullable((i) => new Date(Math.floor(Number(values[i]) / perMs)));
    }
    case T.Duration:
      // Spark's day-time interval: microseconds as bigint.
      return nullable((i) => values[i]);
    case T.Interval:
      // Spark's year-month interval: months (int32).
      return nullable((i) => values[i]);
    case T.Time:
      return nullable((i) => values[i]);
    case T.List:
    case T.LargeList: {
      const child = reader(data.children[0]!);
      return nullable((i) => {
        const out: unknown[] = [];
        for (let j = Number(offsets[i]); j < Number(offsets[i + 1]); j++) out.push(child(j));
        return out;
      });
    }
    case T.FixedSizeList: {
      const child = reader(data.children[0]!);
      const size = type.listSize as number;
      return nullable((i) => Array.from({ length: size }, (_, j) => child(i * size + j)));
    }
    case T.Struct: {
      const names = (type.children as { name: string }[]).map((f) => f.name);
      const children = data.children.map((c) => reader(c));
      return nullable((i) => {
        const out: Row = {};
        for (let c = 0; c < names.length; c++) out[names[c]!] = children[c]!(i);
        return out;
      });
    }
    case T.Map: {
      const entries = data.children[0]!;
      const key = reader(entries.children[0]!);
      const value = reader(entries.children[1]!);
      return nullable((i) => {
        const out = new Map<unknown, unknown>();
        for (let j = Number(offsets[i]); j < Number(offsets[i + 1]); j++) out.set(key(j), value(j));
        return out;
      });
    }
    default:
      return nullable((i) => (data as unknown as { type: unknown }).type && (values as ArrayLike<unknown>)[i]);
  }
}

/** The rows of an Arrow table (one Spark result batch) as plain objects. */
export function tableToRows(table: Table, out: Row[] = []): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  // Every row starts as a copy of one object that already has all the columns, so that all rows share one
  // shape and filling them in adds no properties (less work for V8 than growing each row key by key). Own
  // data properties from the start also make a column named "__proto__" an ordinary value.
  const template: Row = Object.fromEntries(names.map((name) => [name, null]));
  for (const batch of table.batches) {
    const readers = names.map((_, c) => reader(batch.data.children[c]!));
    for (let i = 0; i < batch.numRows; i++) {
      const row: Row = { ...template };
      for (let c = 0; c < names.length; c++) row[names[c]!] = readers[c]!(i);
      out.push(row);
    }
  }
  return out;
}
