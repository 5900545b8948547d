import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import { type OperationContext, withStorageErrors } from "./classify.ts";
import { replaceFile } from "./local-file.ts";
import { multipartPartSize, PART_CONCURRENCY } from "./multipart.ts";
import type { ObjectStorage } from "./object-storage.ts";
import { loadSdk, type ModuleLoader } from "./sdk-loader.ts";
import { StorageError, type StorageOperation } from "./storage-error.ts";
import { parseStorageUri } from "./uri.ts";

type S3Sdk = typeof import("@aws-sdk/client-s3");
type LibStorage = typeof import("@aws-sdk/lib-storage");

/** The region when neither AWS_REGION nor AWS_DEFAULT_REGION is set (the AWS SDK requires one). */
export const FALLBACK_AWS_REGION = "us-east-1";

/**
 * S3 client settings from the environment. FLYTE_AWS_ENDPOINT selects an S3-compatible store, addressed
 * path-style unless FLYTE_AWS_S3_ADDRESSING_STYLE=virtual. FLYTE_AWS_ACCESS_KEY_ID and
 * FLYTE_AWS_SECRET_ACCESS_KEY are used only together; otherwise the SDK's default chain finds
 * credentials (AWS_* variables, AWS_PROFILE, web identity / IRSA, ECS, IMDS).
 */
export function s3ClientConfig(env: NodeJS.ProcessEnv): S3ClientConfig {
  const config: S3ClientConfig = {
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || FALLBACK_AWS_REGION,
    // Retries are counted by withRetries (FLYTE_STORAGE_RETRIES), not also by the SDK.
    maxAttempts: 1,
  };
  const endpoint = env.FLYTE_AWS_ENDPOINT?.trim();
  if (endpoint) {
    config.endpoint = endpoint;
    config.forcePathStyle = env.FLYTE_AWS_S3_ADDRESSING_STYLE?.trim().toLowerCase() !== "virtual";
    // S3-compatible stores often reject the AWS-only default checksum trailers; send checksums only where S3 requires them.
    config.requestChecksumCalculation = "WHEN_REQUIRED";
    config.responseChecksumValidation = "WHEN_REQUIRED";
  } else {
    // The fallback region may not be the bucket's: follow S3's redirect to the right one.
    config.followRegionRedirects = true;
  }
  const accessKeyId = env.FLYTE_AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.FLYTE_AWS_SECRET_ACCESS_KEY?.trim();
  if (accessKeyId && secretAccessKey) config.credentials = { accessKeyId, secretAccessKey };
  return config;
}

class S3Storage implements ObjectStorage {
  constructor(
    private readonly sdk: S3Sdk,
    private readonly lib: LibStorage,
    private readonly client: S3Client,
    private readonly secrets: readonly string[],
  ) {}

  private object(uri: string, operation: StorageOperation): { Bucket: string; Key: string } {
    const parsed = parseStorageUri(uri);
    if (parsed.scheme !== "s3") {
      throw new StorageError({ uri, operation, failure: "invalid-uri", message: `S3 storage cannot ${operation} ${uri}: not an s3:// URI` });
    }
    if (!parsed.key) {
      throw new StorageError({ uri, operation, failure: "invalid-uri", message: `Cannot ${operation} ${uri}: it names a bucket, not an object (expected s3://<bucket>/<key>)` });
    }
    return { Bucket: parsed.bucket!, Key: parsed.key };
  }

  private run<T>(context: Omit<OperationContext, "secrets">, work: () => Promise<T>): Promise<T> {
    return withStorageErrors(context, this.secrets, work);
  }

  async read(uri: string): Promise<Uint8Array> {
    const object = this.object(uri, "read");
    return this.run({ uri, operation: "read" }, async () => {
      const answer = await this.client.send(new this.sdk.GetObjectCommand(object));
      return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
    });
  }

  async write(uri: string, bytes: Uint8Array, options?: { contentType?: string }): Promise<void> {
    const object = this.object(uri, "write");
    await this.run({ uri, operation: "write" }, async () => {
      await this.client.send(
        new this.sdk.PutObjectCommand({ ...object, Body: bytes, ...(options?.contentType ? { ContentType: options.contentType } : {}) }),
      );
    });
  }

  async exists(uri: string): Promise<boolean> {
    const object = this.object(uri, "exists");
    try {
      await this.run({ uri, operation: "exists" }, () => this.client.send(new this.sdk.HeadObjectCommand(object)));
      return true;
    } catch (err) {
      if (err instanceof StorageError && err.failure === "not-found") return false;
      throw err;
    }
  }

  async downloadFile(uri: string, localPath: string): Promise<void> {
    const object = this.object(uri, "download");
    await this.run({ uri, operation: "download", localPath }, () =>
      replaceFile(localPath, async (temporary) => {
        const answer = await this.client.send(new this.sdk.GetObjectCommand(object));
        await pipeline(answer.Body as unknown as Readable, createWriteStream(temporary));
      }),
    );
  }

  async uploadFile(localPath: string, uri: string): Promise<void> {
    const object = this.object(uri, "upload");
    await this.run({ uri, operation: "upload", localPath }, async () => {
      const { size } = await stat(localPath);
      // Files up to one part go in a single PutObject; larger ones as a multipart upload, aborted on failure.
      const upload = new this.lib.Upload({
        client: this.client,
        params: { ...object, Body: createReadStream(localPath) },
        partSize: multipartPartSize(size),
        queueSize: PART_CONCURRENCY,
        leavePartsOnError: false,
      });
      await upload.done();
    });
  }
}

export async function createS3Storage(env: NodeJS.ProcessEnv, load: ModuleLoader, uri: string, secrets: readonly string[]): Promise<ObjectStorage> {
  const sdk = await loadSdk<S3Sdk>(load, "s3", "@aws-sdk/client-s3", uri);
  const lib = await loadSdk<LibStorage>(load, "s3", "@aws-sdk/lib-storage", uri);
  return new S3Storage(sdk, lib, new sdk.S3Client(s3ClientConfig(env)), secrets);
}
