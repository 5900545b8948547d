import { createHash, randomBytes, type Hash } from "node:crypto";
import { createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Transform } from "node:stream";
import { FlyteTsError } from "../errors.ts";
import { compileModules } from "./compile-modules.ts";
import { compareBundlePaths, listBundleFiles, type BundleFile, type SkippedEntry } from "./list-files.ts";
import { BLOCK_SIZE, RECORD_SIZE, encodeFileHeader, splitUstarPath } from "./tar-header.ts";

/** Where {@link buildCodeBundle} reads the project and writes the archive. */
export interface BuildCodeBundleOptions {
  /**
   * Required. The project directory to bundle; entry names are relative to it.
   *
   * Validation: an existing directory with at least one file left after the ignore rules, else a CODE_BUNDLE error.
   */
  rootDir: string;
  /**
   * Required. Where `fast<digest>.tar.gz` is written (created if missing).
   *
   * Validation: a path where a directory can be created and written.
   */
  outDir: string;
  /**
   * Add, beside each ES-module TypeScript file (`.mts`, or `.ts` in a `"type": "module"` package), the
   * JavaScript esbuild compiles from it (`<file>.mjs`), which `a0` imports instead of compiling the source
   * on every start. Needs esbuild (an optional peer dependency; tsx brings it) when there is such a file.
   *
   * Validation: a boolean; with `true`, a source that does not compile, or a file already named like a
   * compiled module, is a CODE_BUNDLE error.
   *
   * @defaultValue `true`
   */
  compile?: boolean;
}

/** The archive {@link buildCodeBundle} wrote. */
export interface BuiltCodeBundle {
  /** Absolute path of the written `fast<digest>.tar.gz`. */
  readonly archivePath: string;
  /** Hex MD5 of the .tar.gz: the bundle's computed version (and the Content-MD5 of its upload). */
  readonly version: string;
  /** Hex MD5 of the files' contents and paths, the name of the archive. */
  readonly digest: string;
  /** Entry names, in archive order (compiled modules included). */
  readonly files: readonly string[];
  /** Entry names of the compiled modules (`<source>.mjs`), in archive order. */
  readonly compiled: readonly string[];
  /** What was left out and why (a directory stands for its contents). */
  readonly skipped: readonly SkippedEntry[];
}

/** A file of the project, or a compiled module whose content is in memory. */
type BundleEntry = { path: string; executable: boolean } & ({ absolutePath: string; content?: undefined } | { content: Uint8Array });

/** gzip's "unknown" operating system, so the header does not depend on where zlib was built. */
const GZIP_OS_UNKNOWN = 0xff;
const GZIP_OS_OFFSET = 9;

/**
 * The tar stream of `files`: one ustar header per file (mode 0644, or 0755 when executable; uid/gid 0;
 * mtime 1981-01-01), the content padded to whole blocks, two zero blocks, padding to a whole record.
 * Feeds the files digest on the way: each file's content, then its path with the "/" removed (the
 * reference's digest, so that one set of files gets one name).
 */
async function* tarStream(files: readonly BundleEntry[], digest: Hash): AsyncGenerator<Buffer> {
  let written = 0;
  for (const file of files) {
    const content = file.content !== undefined ? Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength) : await readFile(file.absolutePath);
    digest.update(content).update(file.path.split("/").join(""), "utf8");
    const padding = (BLOCK_SIZE - (content.length % BLOCK_SIZE)) % BLOCK_SIZE;
    yield encodeFileHeader(file.path, content.length, file.executable ? 0o755 : 0o644);
    if (content.length > 0) yield content;
    if (padding > 0) yield Buffer.alloc(padding);
    written += BLOCK_SIZE + content.length + padding;
  }
  const end = written + 2 * BLOCK_SIZE;
  yield Buffer.alloc(2 * BLOCK_SIZE + ((RECORD_SIZE - (end % RECORD_SIZE)) % RECORD_SIZE));
}

/** Fixes the gzip header's OS byte and hashes the final bytes. (zlib already writes mtime 0.) */
function gzipHeaderFix(md5: Hash, TransformStream: typeof Transform): Transform {
  let position = 0;
  return new TransformStream({
    transform(chunk: Buffer, _encoding, done) {
      if (position <= GZIP_OS_OFFSET && position + chunk.length > GZIP_OS_OFFSET) {
        chunk = Buffer.from(chunk);
        chunk[GZIP_OS_OFFSET - position] = GZIP_OS_UNKNOWN;
      }
      position += chunk.length;
      md5.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Builds the code bundle of `rootDir` (every file not ignored, docs/code-bundles.md) as
 * `<outDir>/fast<digest>.tar.gz`. The archive depends only on the files' paths, contents and executable
 * bits: entries sorted by path, fixed owner, mode and time, gzip level 9 with no timestamp. Two builds
 * of the same tree give the same bytes with the same Node.js zlib (see docs/code-bundles.md).
 */
export async function buildCodeBundle(options: BuildCodeBundleOptions): Promise<BuiltCodeBundle> {
  const listing = listBundleFiles(options.rootDir);
  const compiled = options.compile === false ? [] : await compileModules(listing.files, options.rootDir);
  const entries: BundleEntry[] = [...listing.files, ...compiled.map((c) => ({ path: c.path, executable: false, content: c.content }))]
    .sort((a, b) => compareBundlePaths(a.path, b.path));
  const tooLong = entries.filter((f) => !splitUstarPath(f.path)).map((f) => f.path);
  if (tooLong.length > 0) {
    throw new FlyteTsError(
      "CODE_BUNDLE",
      `path too long for a code bundle (at most 155 bytes of directories and a 100-byte file name): ${tooLong.join(", ")}`,
    );
  }
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const temp = join(outDir, `.flyte-ts-bundle-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  const digest = createHash("md5");
  const md5 = createHash("md5");
  // Loaded here, not at the top: the root entry exports this function, and every import of it would load them.
  const [{ Readable, Transform }, { pipeline }, { createGzip }] = await Promise.all([import("node:stream"), import("node:stream/promises"), import("node:zlib")]);
  try {
    await pipeline(Readable.from(tarStream(entries, digest)), createGzip({ level: 9 }), gzipHeaderFix(md5, Transform), createWriteStream(temp));
    const name = digest.digest("hex");
    const archivePath = join(outDir, `fast${name}.tar.gz`);
    renameSync(temp, archivePath);
    return { archivePath, version: md5.digest("hex"), digest: name, files: entries.map((f) => f.path), compiled: compiled.map((c) => c.path).sort(compareBundlePaths), skipped: listing.skipped };
  } finally {
    rmSync(temp, { force: true });
  }
}
