// A protobuf binary writer for the TaskSpec encoder: one growing buffer reused across messages, length
// prefixes back-patched in place (no chunk list per nested message), and an ASCII fast path for strings.
// It writes the same bytes as @bufbuild/protobuf's BinaryWriter for the same calls; the encoder's tests
// compare its output with protobuf-es byte for byte.

/** Protobuf wire types used here. */
export const VARINT = 0;
export const BIT64 = 1;
export const LENGTH_DELIMITED = 2;

const utf8 = new TextEncoder();

// The shared block that WireWriter.keep() carves cached parts from (a block lives while any part of it does).
const KEEP_BLOCK_SIZE = 1 << 16;
let keepBlock = new Uint8Array(KEEP_BLOCK_SIZE);
let keepUsed = 0;

export class WireWriter {
  #buf: Uint8Array;
  #view: DataView;
  #forks: number[] = [];
  pos = 0;

  constructor(size = 1 << 14) {
    this.#buf = new Uint8Array(size);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Starts a new message, keeping the buffer. */
  reset(): void {
    this.pos = 0;
    this.#forks.length = 0;
  }

  /** A copy of what was written since `start`, in a buffer of its own. */
  slice(start = 0): Uint8Array {
    return this.#buf.slice(start, this.pos);
  }

  /**
   * A copy of what was written since `start`, for the encoder's caches only: small parts are carved out of
   * a shared block (a buffer allocation per cached part costs more than writing the part), so the result
   * must never be handed out, only copied from.
   */
  keep(start: number): Uint8Array {
    const length = this.pos - start;
    if (length > KEEP_BLOCK_SIZE >> 4) return this.slice(start);
    if (keepUsed + length > KEEP_BLOCK_SIZE) {
      keepBlock = new Uint8Array(KEEP_BLOCK_SIZE);
      keepUsed = 0;
    }
    const at = keepUsed;
    keepUsed += length;
    // A short part is copied byte by byte: cheaper than the view set() needs.
    const buf = this.#buf;
    if (length < 64) for (let i = 0; i < length; i++) keepBlock[at + i] = buf[start + i]!;
    else keepBlock.set(buf.subarray(start, this.pos), at);
    return keepBlock.subarray(at, at + length);
  }

  #ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  tag(field: number, wireType: number): void {
    this.uint32((field << 3) | wireType);
  }

  uint32(value: number): void {
    this.#ensure(5);
    const buf = this.#buf;
    let v = value >>> 0;
    while (v > 0x7f) {
      buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[this.pos++] = v;
  }

  /** int32 as protobuf writes it: a negative value takes ten bytes (sign-extended to 64 bits). */
  int32(value: number): void {
    if (value >= 0) this.uint32(value);
    else this.int64(value);
  }

  /** An int64 given as a JS number (a safe integer). */
  int64(value: number): void {
    if (value >= 0 && value <= 0xffffffff) {
      this.uint32(value);
      return;
    }
    this.#ensure(10);
    let v = BigInt.asUintN(64, BigInt(value));
    while (v > 0x7fn) {
      this.#buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.#buf[this.pos++] = Number(v);
  }

  bool(value: boolean): void {
    this.#ensure(1);
    this.#buf[this.pos++] = value ? 1 : 0;
  }

  double(value: number): void {
    this.#ensure(8);
    this.#view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /**
   * A string field (tag, then the length-prefixed UTF-8) in one call: what `tag(no, LENGTH_DELIMITED)` then
   * `string(value)` write.
   */
  stringField(no: number, value: string): void {
    this.#ensure(value.length + 10);
    this.pos = this.#varint(this.#buf, this.pos, (no << 3) | LENGTH_DELIMITED);
    this.string(value);
  }

  /** A bool field (tag, then 0 or 1) in one call. */
  boolField(no: number, value: boolean): void {
    this.#ensure(6);
    const buf = this.#buf;
    const pos = this.#varint(buf, this.pos, (no << 3) | VARINT);
    buf[pos] = value ? 1 : 0;
    this.pos = pos + 1;
  }

  // An unsigned varint at `pos` (room checked by the caller); returns the position after it.
  #varint(buf: Uint8Array, pos: number, value: number): number {
    let v = value >>> 0;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    return pos;
  }

  /** A length-prefixed UTF-8 string (lone surrogates become U+FFFD, as TextEncoder writes them). */
  string(value: string): void {
    const length = value.length;
    this.#ensure(length + 5);
    const start = this.pos;
    this.uint32(length);
    const buf = this.#buf;
    let pos = this.pos;
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = start;
        this.bytes(utf8.encode(value));
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** Length-prefixed bytes. */
  bytes(value: Uint8Array): void {
    this.uint32(value.length);
    this.raw(value);
  }

  raw(value: Uint8Array): void {
    this.#ensure(value.length);
    this.#buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** Starts a length-delimited part; {@link join} writes its length in front of it. */
  fork(): void {
    this.#ensure(1);
    this.#forks.push(this.pos);
    this.pos += 1;
  }

  join(): void {
    const start = this.#forks.pop()!;
    const length = this.pos - start - 1;
    if (length < 0x80) {
      this.#buf[start] = length;
      return;
    }
    let size = 1;
    for (let v = length >>> 7; v > 0; v >>>= 7) size++;
    this.#ensure(size - 1);
    this.#buf.copyWithin(start + size, start + 1, this.pos);
    this.pos += size - 1;
    let v = length;
    let at = start;
    while (v > 0x7f) {
      this.#buf[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.#buf[at] = v;
  }
}
