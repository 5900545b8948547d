import { lstatSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { FlyteTsError } from "../errors.ts";

/** Files a command writes into its `--out` directory: name → contents. */
export type OutFiles = ReadonlyMap<string, string | Uint8Array>;

/**
 * Replaces the directory `out` (as the user gave it) with exactly `files`, all or nothing: everything is
 * written to a temporary directory beside it, which then takes its place. A previous `out` is swapped away
 * and removed only once the new one is in place (restored if that fails). `owned` says which names a
 * previous run of the command wrote: a directory holding anything else is refused rather than deleted.
 * Every failure is an OUTPUT_DIR error naming `out`, never the temporary path or a bare errno.
 */
export function writeOutDir(out: string, files: OutFiles, owned: (name: string) => boolean): string {
  const target = resolve(out);
  const fail = (what: string, err?: unknown): never => {
    throw new FlyteTsError("OUTPUT_DIR", `cannot write --out ${out}: ${what}${err ? `: ${reasonOf(err)}` : ""}`, { cause: err });
  };
  const existing = statOrUndefined(target, fail);
  if (existing && !existing.isDirectory()) fail("it exists and is not a directory");
  if (existing) {
    let entries: string[] = [];
    try {
      entries = readdirSync(target);
    } catch (err) {
      fail("cannot list it", err);
    }
    const foreign = entries.filter((name) => !owned(name) || !lstatSync(join(target, name)).isFile());
    if (foreign.length > 0) {
      fail(`it holds ${foreign.length === 1 ? "an entry" : "entries"} this command did not write (${foreign.slice(0, 5).join(", ")}${foreign.length > 5 ? ", …" : ""}); the directory is replaced as a whole, so choose a new or empty one`);
    }
  }

  let staging: string | undefined;
  try {
    staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  } catch (err) {
    fail("cannot create a directory beside it", err);
  }
  const previous = existing ? `${staging}.previous` : undefined;
  try {
    for (const [name, contents] of files) {
      try {
        writeFileSync(join(staging!, name), contents);
      } catch (err) {
        fail(`cannot write ${name}`, err);
      }
    }
    if (previous) {
      try {
        renameSync(target, previous);
      } catch (err) {
        fail("cannot move the previous contents aside", err);
      }
    }
    try {
      renameSync(staging!, target);
    } catch (err) {
      if (previous) renameSync(previous, target);
      fail("cannot put the new contents in place", err);
    }
    staging = undefined;
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
    if (previous) rmSync(previous, { recursive: true, force: true });
  }
  return target;
}

function statOrUndefined(path: string, fail: (what: string, err?: unknown) => never) {
  try {
    return lstatSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return fail("cannot read it", err);
  }
}

// What an errno means for a path the user gave, in words; the code stays in parentheses for searching.
const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "a parent directory does not exist",
  ENOTDIR: "a parent of it is not a directory",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENAMETOOLONG: "a file name is too long",
  EEXIST: "it already exists",
  EISDIR: "a directory is in the way",
  EBUSY: "it is in use",
  EXDEV: "it is on another device than its parent",
};

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code === "string") return `${REASONS[code] ?? "the operating system refused"} (${code})`;
  return (err as Error)?.message ?? String(err);
}
