// The working directory a Ray job or driver ships to every worker, as one ZIP package. The files are
// chosen exactly as for a code bundle (@flyte-ts/core's listing: .gitignore / .flyteignore, the standard
// ignores, and names never shipped: node_modules, .git, dotenv files, keys and other credentials), plus
// Ray's own leftovers; so a directory holding node_modules uploads only its code.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { FlyteTsError, listBundleFiles } from "@flyte-ts/core";
import { zipArchive } from "./zip-archive.ts";

/** Files the reference keeps out of the working directory it uploads to the cluster. */
export const RUNTIME_ENV_EXCLUDES = Object.freeze(["script_mode.tar.gz", "fast*.tar.gz", ".python_history", ".code-server"]);

/** Ray refuses working directories larger than this (unpacked). */
const RAY_WORKING_DIR_LIMIT = 500 * 1024 * 1024;

export interface WorkingDirPackage {
  /** `gcs://_ray_pkg_<md5 of the zip>.zip`: where Ray keeps it once uploaded. */
  uri: string;
  zip: Buffer;
  /** Archive paths, sorted. */
  files: string[];
}

const excludedByRay = (path: string) => {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return name === "script_mode.tar.gz" || name === ".python_history" || name === ".code-server" || path.startsWith(".code-server/") || /^fast.*\.tar\.gz$/.test(name);
};

export function packageWorkingDir(dir: string): WorkingDirPackage {
  const listing = listBundleFiles(dir);
  const files = listing.files.filter((file) => !excludedByRay(file.path));
  let size = 0;
  const entries = files.map((file) => {
    const data = readFileSync(file.absolutePath);
    size += data.length;
    return { path: file.path, data, executable: file.executable };
  });
  if (size > RAY_WORKING_DIR_LIMIT) {
    throw new FlyteTsError("EXECUTION", `Ray working directory ${dir} holds ${Math.round(size / 1048576)} MiB of files; Ray accepts at most 500 MiB (leave data out with .flyteignore)`);
  }
  const zip = zipArchive(entries);
  const md5 = createHash("md5").update(zip).digest("hex");
  return { uri: `gcs://_ray_pkg_${md5}.zip`, zip, files: entries.map((e) => e.path) };
}
