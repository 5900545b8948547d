import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { FlyteTsError } from "../errors.ts";
import { STANDARD_RULE_SET, alwaysExcludedReason } from "./default-ignores.ts";
import { parseIgnoreFile } from "./gitignore.ts";
import { ignoreDecision, type IgnoreRuleSet } from "./ignore-rules.ts";

/** A file that goes into a code bundle. */
export interface BundleFile {
  /** Path relative to the root, POSIX separators: the archive entry name. */
  readonly path: string;
  /** Where it is read from (a symbolic link is read through). */
  readonly absolutePath: string;
  readonly executable: boolean;
}

/** A file or directory left out, and why (a directory's contents are not listed separately). */
export interface SkippedEntry {
  /** Path relative to the root, POSIX separators. */
  readonly path: string;
  /** E.g. "ignored by src/.gitignore:3: *.tmp", "always excluded (.env: dotenv file: holds secrets)". */
  readonly reason: string;
}

export interface BundleListing {
  readonly rootDir: string;
  /** Sorted by the UTF-8 bytes of `path`. */
  readonly files: readonly BundleFile[];
  readonly skipped: readonly SkippedEntry[];
}

/** The ignore files read in each directory; a `.flyteignore` comes after (overrides) the `.gitignore` beside it. */
export const IGNORE_FILE_NAMES = [".gitignore", ".flyteignore"] as const;

/** Orders paths by their UTF-8 bytes, the same on every machine and locale. */
export function compareBundlePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

function bundleError(message: string, cause?: unknown): FlyteTsError {
  return new FlyteTsError("CODE_BUNDLE", message, cause === undefined ? undefined : { cause });
}

function ignoreFilesIn(dir: string, at: { base: string; outerPrefix?: string; sourcePrefix: string }): IgnoreRuleSet[] {
  const sets: IgnoreRuleSet[] = [];
  for (const name of IGNORE_FILE_NAMES) {
    const file = join(dir, name);
    let isFile = false;
    try {
      isFile = lstatSync(file).isFile();
    } catch {
      continue;
    }
    if (!isFile) continue;
    const rules = parseIgnoreFile(readFileSync(file, "utf8"));
    sets.push({ source: `${at.sourcePrefix}${name}`, base: at.base, ...(at.outerPrefix !== undefined ? { outerPrefix: at.outerPrefix } : {}), rules });
  }
  return sets;
}

/**
 * Ignore files between the top of the git work tree that holds the root and the root itself, as git
 * applies them; none when the root is not inside a work tree or is its top level.
 */
function outerRuleSets(root: string): IgnoreRuleSet[] {
  if (existsSync(join(root, ".git"))) return [];
  const chain: string[] = [];
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (existsSync(join(dir, ".git"))) break;
    if (dirname(dir) === dir) return [];
  }
  return chain.flatMap((dir) => {
    const below = relative(dir, root).split(sep).join("/");
    const above = relative(root, dir).split(sep).join("/");
    return ignoreFilesIn(dir, { base: "", outerPrefix: `${below}/`, sourcePrefix: `${above}/` });
  });
}

const isInside = (dir: string, path: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * The files of a code bundle: every file under `rootDir`, minus the always-excluded names, the
 * standard ignores, and what `.gitignore` / `.flyteignore` files (at every level, and those above the
 * root up to the top of its git work tree) ignore. Symbolic links are followed when they stay inside the
 * root and point at nothing that is always excluded; sockets, FIFOs and devices are skipped. An empty
 * result is an error.
 */
export function listBundleFiles(rootDir: string): BundleListing {
  const root = resolve(rootDir);
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (err) {
    throw bundleError(`code bundle root ${root} does not exist`, err);
  }
  if (!statSync(realRoot).isDirectory()) throw bundleError(`code bundle root ${root} is not a directory`);

  const files: BundleFile[] = [];
  const skipped: SkippedEntry[] = [];

  const walk = (dir: string, rel: string, realDir: string, inherited: readonly IgnoreRuleSet[], ancestors: ReadonlySet<string>): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw bundleError(`cannot read directory ${dir} of the code bundle: ${(err as Error).message}`, err);
    }
    const sets = [...inherited, ...ignoreFilesIn(dir, { base: rel, sourcePrefix: rel })];
    entries.sort((a, b) => compareBundlePaths(a.name, b.name));
    for (const entry of entries) {
      const path = rel + entry.name;
      const full = join(dir, entry.name);
      const never = alwaysExcludedReason(entry.name);
      if (never) {
        skipped.push({ path, reason: `always excluded (${never})` });
        continue;
      }
      let real = join(realDir, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          real = realpathSync(full);
        } catch {
          skipped.push({ path, reason: "broken symbolic link" });
          continue;
        }
        if (!isInside(realRoot, real)) {
          skipped.push({ path, reason: "symbolic link to outside the root" });
          continue;
        }
        const target = relative(realRoot, real).split(sep).find((part) => alwaysExcludedReason(part));
        if (target !== undefined) {
          skipped.push({ path, reason: `symbolic link to ${target}, which is always excluded` });
          continue;
        }
        const st = statSync(real);
        isDirectory = st.isDirectory();
        isFile = st.isFile();
      }
      if (!isDirectory && !isFile) {
        skipped.push({ path, reason: "not a regular file or directory" });
        continue;
      }
      const decision = ignoreDecision(sets, path, isDirectory);
      if (decision?.ignored) {
        skipped.push({ path, reason: `ignored by ${decision.by}` });
        continue;
      }
      if (isDirectory) {
        if (ancestors.has(real)) {
          skipped.push({ path, reason: "symbolic link cycle" });
          continue;
        }
        walk(full, `${path}/`, real, sets, new Set([...ancestors, real]));
      } else {
        files.push({ path, absolutePath: full, executable: (statSync(full).mode & 0o111) !== 0 });
      }
    }
  };

  walk(root, "", realRoot, [STANDARD_RULE_SET, ...outerRuleSets(root)], new Set([realRoot]));
  if (files.length === 0) {
    throw bundleError(`code bundle of ${root} would be empty: every file is ignored (${skipped.length} entries skipped; see \`flyte-ts bundle --list\`)`);
  }
  files.sort((a, b) => compareBundlePaths(a.path, b.path));
  return { rootDir: root, files, skipped };
}
