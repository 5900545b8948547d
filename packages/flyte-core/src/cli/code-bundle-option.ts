import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ConfigError, FlyteTsError } from "../errors.ts";
import { localBundlePath, redactUri } from "../bundle/bundle-uri.ts";
import { TarFormatError, readTarEntries } from "../bundle/tar-reader.ts";
import type { CodeBundle } from "../serialize/context.ts";

export interface CodeBundleOption {
  readonly codeBundle: CodeBundle;
  /** Entry names of a local archive (to check that every task's module is in it); undefined for a remote one. */
  readonly entries: ReadonlySet<string> | undefined;
}

/**
 * The code bundle `serialize --bundle <uri>` points the tasks at. A local path or file:// URI is read:
 * its MD5 is the computed version and its entries are listed; a plain path is written as an absolute
 * path. A remote URI cannot be read here, so `--version` (the version `flyte-ts bundle` printed) is
 * required and is used as the computed version.
 */
export function codeBundleOption(uri: string, version: string | undefined): CodeBundleOption {
  const local = localBundlePath(uri);
  if (local === undefined) {
    if (version === undefined) {
      throw new ConfigError("serialize options", [
        { path: ["version"], message: `is required with a remote --bundle (${redactUri(uri)}): pass the version \`flyte-ts bundle\` printed for that archive` },
      ]);
    }
    return { codeBundle: { tgz: uri, computedVersion: version, destination: "." }, entries: undefined };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(local);
  } catch (err) {
    throw new FlyteTsError("CODE_BUNDLE", `code bundle ${uri} cannot be read: ${(err as Error).message}`, { cause: err });
  }
  let names: string[];
  try {
    names = readTarEntries(bytes).filter((e) => e.type === "file").map((e) => e.name);
  } catch (err) {
    if (err instanceof TarFormatError) throw new FlyteTsError("CODE_BUNDLE", `code bundle ${uri} is corrupt: ${err.message}`, { cause: err });
    throw err;
  }
  const tgz = /^file:/i.test(uri) ? uri : local;
  return { codeBundle: { tgz, computedVersion: createHash("md5").update(bytes).digest("hex"), destination: "." }, entries: new Set(names) };
}
