import { StorageError } from "./storage-error.ts";

/** The storage schemes `storageFor` handles (`abfss://` is parsed as "abfs"). */
export type StorageScheme = "file" | "s3" | "gs" | "abfs";

/**
 * A storage URI taken apart. `file`: `path` (a bare path, or what follows `file://`). `s3` / `gs`:
 * `bucket` and `key`. `abfs` (also `abfss`): `bucket` is the container, `account` the storage account
 * when the URI names one (`abfs://<container>@<account>.dfs.core.windows.net/<key>`). `key` is "" for
 * a bucket or container on its own.
 */
export interface StorageUri {
  scheme: StorageScheme;
  /** S3 or GCS bucket, Azure container. */
  bucket?: string;
  /** Object key within the bucket or container, without a leading slash. */
  key?: string;
  /** Azure storage account named by the URI. */
  account?: string;
  /** Local path (scheme "file"). */
  path?: string;
}

export const SUPPORTED_SCHEMES = "file:// (or a plain path), s3://, gs://, abfs://, abfss://";

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

function invalid(uri: string, why: string): StorageError {
  return new StorageError({ uri, operation: "parse", failure: "invalid-uri", message: `Invalid storage URI ${JSON.stringify(uri)}: ${why}` });
}

function bucketAndKey(uri: string, rest: string, bucketNoun: string): { authority: string; key: string } {
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  if (authority === "") throw invalid(uri, `the ${bucketNoun} name is empty`);
  return { authority, key: slash < 0 ? "" : rest.slice(slash + 1) };
}

/**
 * Takes a storage URI apart: `s3://<bucket>/<key>`, `gs://<bucket>/<key>`, `abfs[s]://<container>/<key>`,
 * `abfs[s]://<container>@<account>.dfs.core.windows.net/<key>`, `file://<path>` or a bare path. An
 * unsupported scheme or an empty bucket, container or account is a StorageError.
 */
export function parseStorageUri(uri: string): StorageUri {
  if (typeof uri !== "string" || uri === "") throw invalid(String(uri), "expected a path or a URI such as s3://bucket/key");
  const match = SCHEME.exec(uri);
  if (!match) return { scheme: "file", path: uri };
  const scheme = match[1]!.toLowerCase();
  const rest = uri.slice(match[0].length);
  switch (scheme) {
    case "file":
      if (rest === "") throw invalid(uri, "the path is empty");
      return { scheme: "file", path: rest };
    case "s3":
    case "gs": {
      const { authority, key } = bucketAndKey(uri, rest, "bucket");
      return { scheme, bucket: authority, key };
    }
    case "abfs":
    case "abfss": {
      const { authority, key } = bucketAndKey(uri, rest, "container");
      const at = authority.indexOf("@");
      if (at < 0) return { scheme: "abfs", bucket: authority, key };
      const container = authority.slice(0, at);
      const account = authority.slice(at + 1).split(".")[0]!;
      if (container === "") throw invalid(uri, "the container name before '@' is empty");
      if (account === "") throw invalid(uri, "the account after '@' is empty (expected <container>@<account>.dfs.core.windows.net)");
      return { scheme: "abfs", bucket: container, key, account };
    }
    default:
      throw new StorageError({
        uri,
        operation: "parse",
        failure: "unsupported-scheme",
        message: `Unsupported storage scheme "${scheme}://" in ${uri}; supported: ${SUPPORTED_SCHEMES}`,
      });
  }
}

/**
 * Joins URI or path segments with single slashes, as plain strings: no doubled slash after a trailing
 * one, leading slashes of later segments dropped, empty segments skipped. No normalisation (`..` stays).
 */
export function joinUri(prefix: string, ...names: string[]): string {
  let out = prefix;
  for (const name of names) {
    const part = name.replace(/^\/+/, "");
    if (part === "") continue;
    out = out === "" || out.endsWith("/") ? out + part : `${out}/${part}`;
  }
  return out;
}
