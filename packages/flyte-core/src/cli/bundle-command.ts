import { basename, resolve } from "node:path";
import { isCredentialName } from "../bundle/default-ignores.ts";
import { buildCodeBundle } from "../bundle/build.ts";
import { listBundleFiles } from "../bundle/list-files.ts";

export interface BundleCommandOptions {
  rootDir?: string;
  out?: string;
  list?: boolean;
}

/**
 * `flyte-ts bundle`: writes `<out>/fast<digest>.tar.gz` and prints {archive, version, digest, files}.
 * With `--list`, writes nothing and prints what would be included and what is left out (and why).
 */
export async function bundleCommand(options: BundleCommandOptions, log: (line: string) => void): Promise<string> {
  const root = resolve(options.rootDir ?? process.cwd());
  if (options.list) {
    const listing = listBundleFiles(root);
    return `${JSON.stringify({ root, files: listing.files.length, included: listing.files.map((f) => f.path), skipped: listing.skipped }, null, 2)}\n`;
  }
  const built = await buildCodeBundle({ rootDir: root, outDir: resolve(options.out ?? process.cwd()) });
  log(`bundled ${built.files.length} file(s) of ${root} into ${built.archivePath}`);
  // Say what was left out because it may hold credentials, so that a file the task needs is not missed
  // silently (and a key that should not be in the tree at all is noticed).
  const credentials = built.skipped.filter((entry) => isCredentialName(basename(entry.path)));
  if (credentials.length > 0) {
    log(`left out ${credentials.length} file(s) that may hold credentials (never bundled; see docs/code-bundles.md):`);
    for (const entry of credentials) log(`  ${entry.path}: ${entry.reason.replace(/^always excluded \((.*)\)$/, "$1")}`);
  }
  return `${JSON.stringify({ archive: built.archivePath, version: built.version, digest: built.digest, files: built.files.length }, null, 2)}\n`;
}
