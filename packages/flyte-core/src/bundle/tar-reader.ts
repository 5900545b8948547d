import { gunzipSync } from "node:zlib";
import { BLOCK_SIZE, decodeHeader, isZeroBlock, type TarEntryType } from "./tar-header.ts";

/** One member of a tar archive, with pax and GNU long-name extensions applied. */
export interface TarEntry {
  readonly name: string;
  readonly type: Exclude<TarEntryType, "pax" | "pax-global" | "gnu-longname" | "gnu-longlink">;
  readonly typeflag: string;
  readonly mode: number;
  readonly mtime: number;
  readonly linkname: string;
  /** The content of a regular file (empty for other types). */
  readonly data: Buffer;
}

/** Raised for an archive that cannot be read; the caller says which archive. */
export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TarFormatError";
  }
}

const isGzip = (bytes: Uint8Array) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The tar inside `bytes`, gunzipped when it starts with the gzip magic number. */
export function tarBytes(bytes: Buffer): Buffer {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new TarFormatError(`not a valid gzip stream (${(err as Error).message})`);
  }
}

/** `key=value` records of a pax extended header ("<length> <key>=<value>\n" each). */
function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const length = space === -1 ? NaN : Number(data.subarray(at, space).toString("ascii"));
    if (!Number.isInteger(length) || length <= 0 || at + length > data.length) throw new TarFormatError("malformed pax header");
    const record = data.subarray(space + 1, at + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq === -1) throw new TarFormatError("malformed pax header");
    records.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return records;
}

const cString = (data: Buffer) => {
  const end = data.indexOf(0);
  return data.subarray(0, end === -1 ? data.length : end).toString("utf8");
};

/**
 * Every entry of a tar archive (gzipped or not). A bad checksum, a header or content cut short, or a
 * missing end-of-archive block is a TarFormatError.
 */
export function readTarEntries(archive: Buffer): TarEntry[] {
  const tar = tarBytes(archive);
  const entries: TarEntry[] = [];
  let offset = 0;
  let pax: Map<string, string> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    if (offset + BLOCK_SIZE > tar.length) throw new TarFormatError(`truncated archive: no end-of-archive block after ${entries.length} entries`);
    const block = tar.subarray(offset, offset + BLOCK_SIZE);
    if (isZeroBlock(block)) return entries;
    const header = decodeHeader(block);
    if (typeof header === "string") throw new TarFormatError(`${header} at byte ${offset}`);
    const size = pax?.has("size") ? Number(pax.get("size")) : header.size;
    const start = offset + BLOCK_SIZE;
    if (!Number.isSafeInteger(size) || size < 0 || start + size > tar.length) {
      throw new TarFormatError(`truncated archive: entry ${header.name} needs ${size} bytes at byte ${start}, the archive has ${tar.length}`);
    }
    const data = tar.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK_SIZE) * BLOCK_SIZE;
    switch (header.type) {
      case "pax":
        pax = parsePax(data);
        continue;
      case "pax-global":
        continue;
      case "gnu-longname":
        longName = cString(data);
        continue;
      case "gnu-longlink":
        longLink = cString(data);
        continue;
      default:
        entries.push({
          name: pax?.get("path") ?? longName ?? header.name,
          type: header.type,
          typeflag: header.typeflag,
          mode: header.mode,
          mtime: header.mtime,
          linkname: pax?.get("linkpath") ?? longLink ?? header.linkname,
          data: header.type === "file" ? data : Buffer.alloc(0),
        });
        pax = longName = longLink = undefined;
    }
  }
}
