import { randomBytes } from "node:crypto";
import {
  chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync,
  symlinkSync, utimesSync, writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { FlyteTsError } from "../errors.ts";
import { bundleBaseName, copyLocalBundle, redactUri, type FetchTo } from "./bundle-uri.ts";
import { withLockFile } from "./lock-file.ts";
import { TarFormatError, readTarEntries, type TarEntry } from "./tar-reader.ts";

export interface ExtractCodeBundleOptions {
  /** URI of the .tar.gz (the `--tgz` argument). */
  uri: string;
  /** Directory to unpack into (the `--dest` argument); created if missing. */
  destination: string;
  /** Downloads `uri` to a local file; default: copies local paths and file:// URIs. */
  fetchTo?: FetchTo;
  /** Age after which a lock left by a dead process is taken over (default 30 s; see withLockFile). */
  staleLockMs?: number;
}

export interface ExtractedCodeBundle {
  /** Absolute destination directory. */
  readonly destination: string;
  /** `<destination>/<basename of uri>`, where the archive is kept. */
  readonly archivePath: string;
  /** False when an earlier call had already unpacked this bundle here (its marker file exists). */
  readonly extracted: boolean;
}

class UnsafeEntryError extends Error {}

/** The path of entry `name` under `dest`, or undefined for the archive root ("./"). Refuses absolute paths and "..". */
function entryTarget(dest: string, name: string): string | undefined {
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || (sep === "\\" && name.includes("\\"))) {
    throw new UnsafeEntryError(`entry ${JSON.stringify(name)} has an absolute path`);
  }
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  if (parts.includes("..")) throw new UnsafeEntryError(`entry ${JSON.stringify(name)} leaves the destination ("..")`);
  return parts.length === 0 ? undefined : join(dest, ...parts);
}

const isInside = (dir: string, path: string) => path === dir || path.startsWith(dir + sep);

/** Checks every entry before anything is written, so an unsafe archive leaves no files behind. */
function plan(dest: string, entries: readonly TarEntry[]): Array<{ entry: TarEntry; target: string }> {
  const steps: Array<{ entry: TarEntry; target: string }> = [];
  for (const entry of entries) {
    const target = entryTarget(dest, entry.name);
    if (target === undefined) continue;
    if (entry.type === "symlink") {
      if (isAbsolute(entry.linkname) || !isInside(dest, resolve(dirname(target), entry.linkname))) {
        throw new UnsafeEntryError(`symbolic link ${JSON.stringify(entry.name)} points outside the destination (${JSON.stringify(entry.linkname)})`);
      }
    } else if (entry.type === "hardlink") {
      entryTarget(dest, entry.linkname);
    } else if (entry.type === "other") {
      throw new UnsafeEntryError(`entry ${JSON.stringify(entry.name)} has unsupported type ${JSON.stringify(entry.typeflag)} (devices and FIFOs are not unpacked)`);
    }
    steps.push({ entry, target });
  }
  return steps;
}

/** Creates the parent of `target` and checks that, with symbolic links resolved, it is still inside `realDest`. */
function parentInside(realDest: string, target: string, name: string): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  if (!isInside(realDest, realpathSync(parent))) throw new UnsafeEntryError(`entry ${JSON.stringify(name)} would be written through a link outside the destination`);
}

/** Replaces whatever is at `target` (not a directory), as `tar --overwrite`; never writes through an existing link. */
function clear(target: string): void {
  try {
    if (!lstatSync(target).isDirectory()) rmSync(target, { force: true });
  } catch {
    // nothing there
  }
}

function unpack(archive: Buffer, dest: string): number {
  const steps = plan(dest, readTarEntries(archive));
  const realDest = realpathSync(dest);
  for (const { entry, target } of steps) {
    parentInside(realDest, target, entry.name);
    const mode = entry.mode & 0o777;
    switch (entry.type) {
      case "directory":
        mkdirSync(target, { recursive: true });
        if (!isInside(realDest, realpathSync(target))) throw new UnsafeEntryError(`directory ${JSON.stringify(entry.name)} is a link outside the destination`);
        break;
      case "symlink":
        // Checked again from the real parent: a link placed earlier in the archive may have moved it.
        if (!isInside(realDest, resolve(realpathSync(dirname(target)), entry.linkname))) {
          throw new UnsafeEntryError(`symbolic link ${JSON.stringify(entry.name)} points outside the destination (${JSON.stringify(entry.linkname)})`);
        }
        clear(target);
        symlinkSync(entry.linkname, target);
        break;
      case "hardlink": {
        const source = entryTarget(dest, entry.linkname)!;
        if (!existsSync(source) || !isInside(realDest, realpathSync(source))) {
          throw new UnsafeEntryError(`hard link ${JSON.stringify(entry.name)} points at ${JSON.stringify(entry.linkname)}, which is not in the archive before it`);
        }
        clear(target);
        copyFileSync(source, target);
        break;
      }
      default:
        clear(target);
        writeFileSync(target, entry.data, { flag: "wx", mode });
        chmodSync(target, mode);
        utimesSync(target, entry.mtime, entry.mtime);
    }
  }
  return steps.length;
}

function bundleError(uri: string, message: string, cause: unknown): FlyteTsError {
  return new FlyteTsError("CODE_BUNDLE", `code bundle ${redactUri(uri)} ${message}`, { cause });
}

/**
 * Unpacks the code bundle at `uri` into `destination`, once: when the marker
 * `<destination>/.<basename>.extracted` exists nothing is done. Otherwise, holding the lock
 * `<destination>/.<basename>.lock`, the archive is fetched to a temporary file in `destination`, renamed
 * to `<destination>/<basename>`, checked (absolute paths, "..", links leaving the destination are
 * refused) and unpacked, and the marker is written last. A fetch that fails, a corrupt archive or an
 * unsafe entry is a CODE_BUNDLE error naming the URI (without its query string).
 */
export async function extractCodeBundle(options: ExtractCodeBundleOptions): Promise<ExtractedCodeBundle> {
  const { uri } = options;
  const fetchTo = options.fetchTo ?? copyLocalBundle;
  const basename = bundleBaseName(uri);
  const destination = resolve(options.destination);
  try {
    mkdirSync(destination, { recursive: true });
  } catch (err) {
    throw bundleError(uri, `cannot be unpacked: destination ${destination} cannot be created (${(err as Error).message})`, err);
  }
  if (!statSync(destination).isDirectory()) throw bundleError(uri, `cannot be unpacked: destination ${destination} is not a directory`, undefined);
  const archivePath = join(destination, basename);
  const marker = join(destination, `.${basename}.extracted`);
  if (existsSync(marker)) return { destination, archivePath, extracted: false };

  const lock = join(destination, `.${basename}.lock`);
  return withLockFile(lock, async () => {
    // Another process (or call) may have finished while this one waited for the lock.
    if (existsSync(marker)) return { destination, archivePath, extracted: false };
    const download = join(destination, `.${basename}.${process.pid}-${randomBytes(4).toString("hex")}.download`);
    try {
      try {
        await fetchTo(uri, download);
      } catch (err) {
        throw bundleError(uri, `could not be fetched: ${(err as Error).message}`, err);
      }
      if (!existsSync(download)) throw bundleError(uri, "could not be fetched: the fetcher wrote no file", undefined);
      renameSync(download, archivePath);
    } finally {
      rmSync(download, { force: true });
    }
    try {
      unpack(readFileSync(archivePath), destination);
    } catch (err) {
      if (err instanceof TarFormatError) throw bundleError(uri, `is corrupt: ${err.message}`, err);
      if (err instanceof UnsafeEntryError) throw bundleError(uri, `is unsafe: ${err.message}`, err);
      throw bundleError(uri, `could not be unpacked into ${destination}: ${(err as Error).message}`, err);
    }
    writeFileSync(marker, "");
    return { destination, archivePath, extracted: true };
  }, options.staleLockMs !== undefined ? { staleMs: options.staleLockMs } : {});
}
