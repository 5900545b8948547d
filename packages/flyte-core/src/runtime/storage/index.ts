import { LocalStorage } from "./local.ts";
import type { ObjectStorage } from "./object-storage.ts";
import { secretValues } from "./redact.ts";
import { realSleep, retryPolicyFromEnv, withRetries, type RetryNotice, type RetryOptions, type Sleep } from "./retry.ts";
import { defaultModuleLoader, type ModuleLoader } from "./sdk-loader.ts";
import { parseStorageUri } from "./uri.ts";

export { parseStorageUri, joinUri, SUPPORTED_SCHEMES, type StorageUri, type StorageScheme } from "./uri.ts";
export type { ObjectStorage } from "./object-storage.ts";
export { StorageError, type StorageErrorInit, type StorageOperation, type StorageFailure } from "./storage-error.ts";
export { retryPolicyFromEnv, backoffDelayMs, type RetryPolicy, type RetryNotice, type Sleep } from "./retry.ts";
export { SDK_PACKAGES, type ModuleLoader } from "./sdk-loader.ts";

/** For tests and embedders: how `storageFor` waits, loads SDK modules and reports retries. */
export interface StorageOptions {
  /**
   * Waits between retries (tests pass a recorder).
   *
   * Validation: none beyond the type (a function of milliseconds returning a promise).
   *
   * @defaultValue a real timer (`setTimeout`)
   */
  readonly sleep?: Sleep;
  /**
   * Loads an SDK module by package name (tests simulate a missing SDK with it).
   *
   * Validation: none beyond the type; a module it cannot load gives a STORAGE error naming the npm packages to install.
   *
   * @defaultValue dynamic `import()`
   */
  readonly importModule?: ModuleLoader;
  /**
   * Told before each retry (e.g. to log it).
   *
   * Validation: none beyond the type (a function).
   *
   * @defaultValue `undefined`: retries are silent
   */
  readonly onRetry?: (notice: RetryNotice) => void;
}

/** Every method of `inner` retried per the policy (FLYTE_STORAGE_RETRIES, FLYTE_STORAGE_BACKOFF_SECONDS). */
function retrying(inner: ObjectStorage, options: RetryOptions): ObjectStorage {
  return {
    read: (uri) => withRetries(options, { uri, operation: "read" }, () => inner.read(uri)),
    write: (uri, bytes, writeOptions) => withRetries(options, { uri, operation: "write" }, () => inner.write(uri, bytes, writeOptions)),
    exists: (uri) => withRetries(options, { uri, operation: "exists" }, () => inner.exists(uri)),
    downloadFile: (uri, localPath) => withRetries(options, { uri, operation: "download", localPath }, () => inner.downloadFile(uri, localPath)),
    uploadFile: (localPath, uri) => withRetries(options, { uri, operation: "upload", localPath }, () => inner.uploadFile(localPath, uri)),
  };
}

/**
 * The storage for `uri`'s scheme: local paths and `file://` always; `s3://`, `gs://` and
 * `abfs[s]://` through their SDKs (optional peer dependencies, imported only here, on first use of
 * such a URI). Settings and credentials come from `env` (docs/storage.md); invalid retry settings
 * throw a ConfigError, an unsupported scheme or a missing SDK a StorageError.
 */
export async function storageFor(uri: string, env: NodeJS.ProcessEnv = process.env, options: StorageOptions = {}): Promise<ObjectStorage> {
  const parsed = parseStorageUri(uri);
  const retry: RetryOptions = { policy: retryPolicyFromEnv(env), sleep: options.sleep ?? realSleep, onRetry: options.onRetry };
  const load = options.importModule ?? defaultModuleLoader;
  const secrets = secretValues(env);
  switch (parsed.scheme) {
    case "file":
      return retrying(new LocalStorage(secrets), retry);
    case "s3":
      return retrying(await (await import("./s3.ts")).createS3Storage(env, load, uri, secrets), retry);
    case "gs":
      return retrying(await (await import("./gcs.ts")).createGcsStorage(env, load, uri, secrets), retry);
    case "abfs":
      return retrying(await (await import("./azure.ts")).createAzureStorage(env, load, uri, secrets), retry);
  }
}
