import { copyFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FlyteTsError } from "../errors.ts";

/** Copies the bundle at `uri` to `localPath`; the runtime passes its storage layer's download. */
export type FetchTo = (uri: string, localPath: string) => Promise<void>;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The local file a `file://` URI or a plain path names; undefined for any other URI (s3://, gs://, https://, …). */
export function localBundlePath(uri: string): string | undefined {
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === "file") return fileURLToPath(uri);
  // A one-letter "scheme" is a Windows drive.
  if (scheme !== undefined && scheme.length > 1) return undefined;
  return resolve(uri);
}

/** `uri` without credentials or query (signed URLs carry tokens there), for messages. */
export function redactUri(uri: string): string {
  return uri.replace(/[?#].*$/s, "").replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}

/** The archive's file name: the last path segment of the URI, without query or fragment. */
export function bundleBaseName(uri: string): string {
  const path = uri.replace(/[?#].*$/s, "");
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "" || name === "." || name === ".." || name.includes("\\")) {
    throw new FlyteTsError("CODE_BUNDLE", `code bundle URI ${redactUri(uri)} does not end in a file name`);
  }
  return name;
}

/** The default {@link FetchTo}: copies local paths and `file://` URIs; other schemes need the caller's fetcher. */
export const copyLocalBundle: FetchTo = async (uri, localPath) => {
  const source = localBundlePath(uri);
  if (source === undefined) {
    throw new FlyteTsError("CODE_BUNDLE", `cannot fetch ${redactUri(uri)}: only local paths and file:// URIs are copied without a fetchTo function`);
  }
  await copyFile(source, localPath);
};
