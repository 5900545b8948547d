import { stat } from "node:fs/promises";
import type { Storage, StorageOptions } from "@google-cloud/storage";
import { type OperationContext, withStorageErrors } from "./classify.ts";
import { replaceFile } from "./local-file.ts";
import { MIN_PART_SIZE } from "./multipart.ts";
import type { ObjectStorage } from "./object-storage.ts";
import { loadSdk, type ModuleLoader } from "./sdk-loader.ts";
import { StorageError, type StorageOperation } from "./storage-error.ts";
import { parseStorageUri } from "./uri.ts";

type GcsSdk = typeof import("@google-cloud/storage");

/**
 * GCS client settings from the environment. Credentials are Google's application default credentials
 * (GOOGLE_APPLICATION_CREDENTIALS, workload identity, the metadata server), found by the SDK itself.
 * STORAGE_EMULATOR_HOST points at a GCS-compatible endpoint (an emulator), which the SDK calls without auth.
 */
export function gcsClientOptions(env: NodeJS.ProcessEnv): StorageOptions {
  // Retries are counted by withRetries (FLYTE_STORAGE_RETRIES), not also by the SDK.
  const options: StorageOptions = { retryOptions: { autoRetry: false, maxRetries: 0 } };
  const endpoint = env.STORAGE_EMULATOR_HOST?.trim();
  if (endpoint) options.apiEndpoint = endpoint.replace(/\/+$/, "");
  return options;
}

class GcsStorage implements ObjectStorage {
  constructor(
    private readonly client: Storage,
    private readonly secrets: readonly string[],
  ) {}

  private file(uri: string, operation: StorageOperation) {
    const parsed = parseStorageUri(uri);
    if (parsed.scheme !== "gs") {
      throw new StorageError({ uri, operation, failure: "invalid-uri", message: `GCS storage cannot ${operation} ${uri}: not a gs:// URI` });
    }
    if (!parsed.key) {
      throw new StorageError({ uri, operation, failure: "invalid-uri", message: `Cannot ${operation} ${uri}: it names a bucket, not an object (expected gs://<bucket>/<key>)` });
    }
    return this.client.bucket(parsed.bucket!).file(parsed.key);
  }

  private run<T>(context: Omit<OperationContext, "secrets">, work: () => Promise<T>): Promise<T> {
    return withStorageErrors(context, this.secrets, work);
  }

  async read(uri: string): Promise<Uint8Array> {
    const file = this.file(uri, "read");
    const [buffer] = await this.run({ uri, operation: "read" }, () => file.download());
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  async write(uri: string, bytes: Uint8Array, options?: { contentType?: string }): Promise<void> {
    const file = this.file(uri, "write");
    await this.run({ uri, operation: "write" }, () =>
      file.save(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        resumable: false,
        ...(options?.contentType ? { contentType: options.contentType } : {}),
      }),
    );
  }

  async exists(uri: string): Promise<boolean> {
    const file = this.file(uri, "exists");
    const [found] = await this.run({ uri, operation: "exists" }, () => file.exists());
    return found;
  }

  async downloadFile(uri: string, localPath: string): Promise<void> {
    const file = this.file(uri, "download");
    await this.run({ uri, operation: "download", localPath }, () =>
      replaceFile(localPath, async (temporary) => {
        await file.download({ destination: temporary });
      }),
    );
  }

  async uploadFile(localPath: string, uri: string): Promise<void> {
    const file = this.file(uri, "upload");
    await this.run({ uri, operation: "upload", localPath }, async () => {
      const { size } = await stat(localPath);
      // Small files in one request; larger ones as a resumable upload, which survives a dropped connection.
      await file.bucket.upload(localPath, { destination: file, resumable: size > MIN_PART_SIZE });
    });
  }
}

export async function createGcsStorage(env: NodeJS.ProcessEnv, load: ModuleLoader, uri: string, secrets: readonly string[]): Promise<ObjectStorage> {
  const sdk = await loadSdk<GcsSdk>(load, "gs", "@google-cloud/storage", uri);
  return new GcsStorage(new sdk.Storage(gcsClientOptions(env)), secrets);
}
