/**
 * A small MessagePack codec that writes exactly what Python's `msgpack.packb(obj, use_bin_type=True)` writes,
 * so that binary literals are byte-identical to the reference SDK's.
 *
 * The JS value model is explicit about ints and floats, because JS numbers cannot say which one was meant:
 * a `bigint` is an integer (smallest encoding, int64/uint64 range), a `number` is ALWAYS a float64 (`cb`),
 * even when integral. Callers that know a field is an integer convert it to bigint first (see literals.ts).
 * Strings use the str family, Uint8Array the bin family, arrays the array family; a `Map` (any keys) or a
 * plain object (string keys) is a map written in insertion order — nothing is sorted.
 */

export type MsgpackValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | MsgpackValue[]
  | Map<MsgpackValue, MsgpackValue>
  | { [key: string]: MsgpackValue };

const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

/** Thrown for values that cannot be written or bytes that cannot be read; callers add the field path. */
export class MsgpackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MsgpackError";
  }
}

class Writer {
  private buf = new Uint8Array(64);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void { this.reserve(1); this.buf[this.length++] = v; }
  u16(v: number): void { this.reserve(2); this.view.setUint16(this.length, v); this.length += 2; }
  u32(v: number): void { this.reserve(4); this.view.setUint32(this.length, v); this.length += 4; }
  u64(v: bigint): void { this.reserve(8); this.view.setBigUint64(this.length, v); this.length += 8; }
  i64(v: bigint): void { this.reserve(8); this.view.setBigInt64(this.length, v); this.length += 8; }
  f64(v: number): void { this.reserve(8); this.view.setFloat64(this.length, v); this.length += 8; }
  bytes(b: Uint8Array): void { this.reserve(b.length); this.buf.set(b, this.length); this.length += b.length; }
  result(): Uint8Array { return this.buf.slice(0, this.length); }
}

/** Encodes `value` (see {@link MsgpackValue} for the int/float rule). */
export function encodeMsgpack(value: MsgpackValue): Uint8Array {
  const w = new Writer();
  write(w, value, 0);
  return w.result();
}

function write(w: Writer, value: MsgpackValue, depth: number): void {
  if (depth > 512) throw new MsgpackError("value is nested too deeply (or cyclic)");
  if (value === null) return w.u8(0xc0);
  switch (typeof value) {
    case "boolean": return w.u8(value ? 0xc3 : 0xc2);
    case "number": w.u8(0xcb); return w.f64(value);
    case "bigint": return writeInt(w, value);
    case "string": return writeStr(w, value);
    case "object": break;
    default: throw new MsgpackError(`cannot encode a value of type ${typeof value}`);
  }
  if (value instanceof Uint8Array) {
    writeHeader(w, value.length, [-1, 0xc4, 0xc5, 0xc6]);
    return w.bytes(value);
  }
  if (Array.isArray(value)) {
    writeHeader(w, value.length, [0x90, -1, 0xdc, 0xdd], 15);
    for (const item of value) write(w, item, depth + 1);
    return;
  }
  const entries: Array<[MsgpackValue, MsgpackValue]> = value instanceof Map ? [...value.entries()] : Object.entries(value);
  writeHeader(w, entries.length, [0x80, -1, 0xde, 0xdf], 15);
  for (const [k, v] of entries) {
    write(w, k, depth + 1);
    write(w, v, depth + 1);
  }
}

/** Length header: [fix base (or -1), 8-bit code (or -1), 16-bit code, 32-bit code]. */
function writeHeader(w: Writer, n: number, codes: [number, number, number, number], fixMax = 31): void {
  const [fix, c8, c16, c32] = codes;
  if (fix >= 0 && n <= fixMax) w.u8(fix | n);
  else if (c8 >= 0 && n <= 0xff) { w.u8(c8); w.u8(n); }
  else if (n <= 0xffff) { w.u8(c16); w.u16(n); }
  else if (n <= 0xffffffff) { w.u8(c32); w.u32(n); }
  else throw new MsgpackError(`length ${n} exceeds the msgpack limit`);
}

const utf8Encoder = new TextEncoder();

function writeStr(w: Writer, s: string): void {
  const bytes = utf8Encoder.encode(s);
  writeHeader(w, bytes.length, [0xa0, 0xd9, 0xda, 0xdb]);
  w.bytes(bytes);
}

// The smallest encoding, choosing as Python's msgpack does: unsigned families for non-negative values.
function writeInt(w: Writer, v: bigint): void {
  if (v < INT64_MIN || v > UINT64_MAX) throw new MsgpackError(`integer ${v} is outside the int64/uint64 range`);
  if (v >= 0n) {
    if (v <= 0x7fn) return w.u8(Number(v));
    if (v <= 0xffn) { w.u8(0xcc); return w.u8(Number(v)); }
    if (v <= 0xffffn) { w.u8(0xcd); return w.u16(Number(v)); }
    if (v <= 0xffffffffn) { w.u8(0xce); return w.u32(Number(v)); }
    w.u8(0xcf);
    return w.u64(v);
  }
  if (v >= -32n) return w.u8(Number(v) & 0xff);
  if (v >= -0x80n) { w.u8(0xd0); return w.u8(Number(v) & 0xff); }
  if (v >= -0x8000n) { w.u8(0xd1); return w.u16(Number(v) & 0xffff); }
  if (v >= -0x80000000n) { w.u8(0xd2); return w.u32(Number(v) >>> 0); }
  w.u8(0xd3);
  w.i64(v);
}

/**
 * Decodes one msgpack value. Every integer comes back as a `bigint` (exact; the caller decides whether a JS
 * number is safe), every float (32 or 64 bit) as a `number`, str as string, bin as Uint8Array, and every
 * map as a `Map` in wire order (keys of any type, as Python's `strict_map_key=False`).
 */
export function decodeMsgpack(bytes: Uint8Array): MsgpackDecoded {
  const r = new Reader(bytes);
  const value = r.read(0);
  if (r.pos !== bytes.length) throw new MsgpackError(`${bytes.length - r.pos} unexpected trailing byte(s) after the msgpack value`);
  return value;
}

export type MsgpackDecoded =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | MsgpackDecoded[]
  | Map<MsgpackDecoded, MsgpackDecoded>;

const utf8 = new TextDecoder("utf-8", { fatal: true });

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new MsgpackError(`truncated msgpack data at byte ${this.pos}`);
  }
  private u8(): number { this.need(1); return this.buf[this.pos++]!; }
  private u16(): number { this.need(2); const v = this.view.getUint16(this.pos); this.pos += 2; return v; }
  private u32(): number { this.need(4); const v = this.view.getUint32(this.pos); this.pos += 4; return v; }
  private take(n: number): Uint8Array { this.need(n); const b = this.buf.slice(this.pos, this.pos + n); this.pos += n; return b; }
  private str(n: number): string {
    this.need(n);
    let s: string;
    try {
      s = utf8.decode(this.buf.subarray(this.pos, this.pos + n));
    } catch {
      throw new MsgpackError(`invalid UTF-8 in a msgpack string at byte ${this.pos}`);
    }
    this.pos += n;
    return s;
  }

  read(depth: number): MsgpackDecoded {
    if (depth > 512) throw new MsgpackError("msgpack data is nested too deeply");
    const at = this.pos;
    const b = this.u8();
    if (b <= 0x7f) return BigInt(b);
    if (b >= 0xe0) return BigInt(b - 0x100);
    if (b >= 0x80 && b <= 0x8f) return this.map(b & 0x0f, depth);
    if (b >= 0x90 && b <= 0x9f) return this.array(b & 0x0f, depth);
    if (b >= 0xa0 && b <= 0xbf) return this.str(b & 0x1f);
    switch (b) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return this.take(this.u8());
      case 0xc5: return this.take(this.u16());
      case 0xc6: return this.take(this.u32());
      case 0xca: { this.need(4); const v = this.view.getFloat32(this.pos); this.pos += 4; return v; }
      case 0xcb: { this.need(8); const v = this.view.getFloat64(this.pos); this.pos += 8; return v; }
      case 0xcc: return BigInt(this.u8());
      case 0xcd: return BigInt(this.u16());
      case 0xce: return BigInt(this.u32());
      case 0xcf: { this.need(8); const v = this.view.getBigUint64(this.pos); this.pos += 8; return v; }
      case 0xd0: { this.need(1); const v = this.view.getInt8(this.pos); this.pos += 1; return BigInt(v); }
      case 0xd1: { this.need(2); const v = this.view.getInt16(this.pos); this.pos += 2; return BigInt(v); }
      case 0xd2: { this.need(4); const v = this.view.getInt32(this.pos); this.pos += 4; return BigInt(v); }
      case 0xd3: { this.need(8); const v = this.view.getBigInt64(this.pos); this.pos += 8; return v; }
      case 0xd9: return this.str(this.u8());
      case 0xda: return this.str(this.u16());
      case 0xdb: return this.str(this.u32());
      case 0xdc: return this.array(this.u16(), depth);
      case 0xdd: return this.array(this.u32(), depth);
      case 0xde: return this.map(this.u16(), depth);
      case 0xdf: return this.map(this.u32(), depth);
      default:
        // 0xc1 is never used; c7–c9 and d4–d8 are extension types, which Python's packb never writes for plain data.
        throw new MsgpackError(`unsupported msgpack type byte 0x${b.toString(16)} at byte ${at}`);
    }
  }

  private array(n: number, depth: number): MsgpackDecoded[] {
    const out: MsgpackDecoded[] = [];
    for (let i = 0; i < n; i++) out.push(this.read(depth + 1));
    return out;
  }
  private map(n: number, depth: number): Map<MsgpackDecoded, MsgpackDecoded> {
    const out = new Map<MsgpackDecoded, MsgpackDecoded>();
    for (let i = 0; i < n; i++) {
      const k = this.read(depth + 1);
      out.set(k, this.read(depth + 1));
    }
    return out;
  }
}
