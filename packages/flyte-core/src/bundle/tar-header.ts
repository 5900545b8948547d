/**
 * The POSIX ustar header (512 bytes): field offsets and sizes as POSIX.1-1988 defines them, numbers
 * as NUL-terminated octal, the checksum as the byte sum of the header with the checksum field read as
 * spaces.
 */
export const BLOCK_SIZE = 512;
/** Archives are padded to whole 10 KiB records, as tar tools write them. */
export const RECORD_SIZE = 20 * BLOCK_SIZE;
/** 1981-01-01T00:00:00Z, the modification time of every entry (as the reference's bundles). */
export const BUNDLE_MTIME = Date.UTC(1981, 0, 1) / 1000;

const FIELDS = {
  name: [0, 100], mode: [100, 8], uid: [108, 8], gid: [116, 8], size: [124, 12], mtime: [136, 12], checksum: [148, 8],
  typeflag: [156, 1], linkname: [157, 100], magic: [257, 6], version: [263, 2], uname: [265, 32], gname: [297, 32],
  devmajor: [329, 8], devminor: [337, 8], prefix: [345, 155],
} as const satisfies Record<string, readonly [number, number]>;

/** Largest size an 11-digit octal field holds (8 GiB - 1). */
const MAX_SIZE = 0o77777777777;

export type TarEntryType = "file" | "directory" | "symlink" | "hardlink" | "pax" | "pax-global" | "gnu-longname" | "gnu-longlink" | "other";

export interface TarHeader {
  readonly name: string;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly type: TarEntryType;
  readonly typeflag: string;
  readonly linkname: string;
}

function writeString(block: Buffer, [offset, length]: readonly [number, number], bytes: Buffer): void {
  bytes.copy(block, offset, 0, Math.min(bytes.length, length));
}

function writeOctal(block: Buffer, field: readonly [number, number], value: number): void {
  writeString(block, field, Buffer.from(`${value.toString(8).padStart(field[1] - 1, "0")}\0`, "ascii"));
}

/** Sum of the header bytes with the checksum field counted as eight spaces. */
export function headerChecksum(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const [start, length] = FIELDS.checksum;
    sum += i >= start && i < start + length ? 0x20 : block[i]!;
  }
  return sum;
}

/**
 * `path` split into the ustar (prefix, name) fields: the whole path in `name` when it fits in 100
 * bytes, else the longest prefix of at most 155 bytes ending before a "/" whose rest fits in `name`.
 */
export function splitUstarPath(path: string): { prefix: Buffer; name: Buffer } | undefined {
  const bytes = Buffer.from(path, "utf8");
  if (bytes.length <= FIELDS.name[1]) return { prefix: Buffer.alloc(0), name: bytes };
  for (let i = Math.min(bytes.length - 1, FIELDS.prefix[1]); i > 0; i--) {
    if (bytes[i] !== 0x2f) continue;
    const name = bytes.subarray(i + 1);
    if (name.length === 0 || name.length > FIELDS.name[1]) return undefined;
    return { prefix: bytes.subarray(0, i), name };
  }
  return undefined;
}

/** The header of a regular file: uid/gid 0, no user or group names, fixed mtime. */
export function encodeFileHeader(path: string, size: number, mode: number): Buffer {
  const split = splitUstarPath(path);
  if (!split) throw new RangeError(`path does not fit a ustar header (at most 155 bytes of directories and a 100-byte name): ${path}`);
  if (size > MAX_SIZE) throw new RangeError(`file too large for a ustar header (${size} bytes, at most ${MAX_SIZE}): ${path}`);
  const block = Buffer.alloc(BLOCK_SIZE);
  writeString(block, FIELDS.name, split.name);
  writeOctal(block, FIELDS.mode, mode);
  writeOctal(block, FIELDS.uid, 0);
  writeOctal(block, FIELDS.gid, 0);
  writeOctal(block, FIELDS.size, size);
  writeOctal(block, FIELDS.mtime, BUNDLE_MTIME);
  writeString(block, FIELDS.typeflag, Buffer.from("0"));
  writeString(block, FIELDS.magic, Buffer.from("ustar\0", "ascii"));
  writeString(block, FIELDS.version, Buffer.from("00", "ascii"));
  writeOctal(block, FIELDS.devmajor, 0);
  writeOctal(block, FIELDS.devminor, 0);
  writeString(block, FIELDS.prefix, split.prefix);
  // Six octal digits, NUL, space: the form tar tools write.
  writeString(block, FIELDS.checksum, Buffer.from(`${headerChecksum(block).toString(8).padStart(6, "0")}\0 `, "ascii"));
  return block;
}

function readString(block: Uint8Array, [offset, length]: readonly [number, number]): string {
  const field = Buffer.from(block.buffer, block.byteOffset + offset, length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString("utf8");
}

/** A numeric field: octal text (space/NUL padded), or GNU base-256 when the high bit is set. */
function readNumber(block: Uint8Array, [offset, length]: readonly [number, number]): number | undefined {
  if (block[offset]! & 0x80) {
    let value = block[offset]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + block[offset + i]!;
    return value;
  }
  const text = readString(block, [offset, length]).trim();
  if (text === "") return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

const TYPES: Record<string, TarEntryType> = {
  "0": "file", "\0": "file", "7": "file", "5": "directory", "2": "symlink", "1": "hardlink",
  x: "pax", g: "pax-global", L: "gnu-longname", K: "gnu-longlink",
};

export const isZeroBlock = (block: Uint8Array) => block.every((b) => b === 0);

/**
 * Decodes a header block; a string saying what is wrong when it is not a valid header (bad checksum,
 * unreadable number). The checksum is accepted as unsigned or signed byte sum, as tar tools do.
 */
export function decodeHeader(block: Uint8Array): TarHeader | string {
  const stored = readNumber(block, FIELDS.checksum);
  const unsigned = headerChecksum(block);
  let signed = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const [start, length] = FIELDS.checksum;
    signed += i >= start && i < start + length ? 0x20 : (block[i]! << 24) >> 24;
  }
  if (stored === undefined || (stored !== unsigned && stored !== signed)) return "header checksum mismatch";
  const size = readNumber(block, FIELDS.size);
  const mode = readNumber(block, FIELDS.mode);
  const mtime = readNumber(block, FIELDS.mtime);
  if (size === undefined || mode === undefined || mtime === undefined) return "unreadable number in header";
  const typeflag = String.fromCharCode(block[FIELDS.typeflag[0]]!);
  const magic = readString(block, FIELDS.magic);
  // Only POSIX ustar ("ustar\0") has a prefix field; old GNU headers ("ustar ") keep times there.
  const prefix = magic === "ustar" ? readString(block, FIELDS.prefix) : "";
  const base = readString(block, FIELDS.name);
  return {
    name: prefix ? `${prefix}/${base}` : base,
    mode, size, mtime, typeflag,
    type: TYPES[typeflag] ?? "other",
    linkname: readString(block, FIELDS.linkname),
  };
}
