/**
 * One storage backend (local files, S3, GCS or Azure Blob), addressed by full URIs of its scheme.
 * Obtained from `storageFor(uri)`; every method retries retryable failures and throws `StorageError`.
 */
export interface ObjectStorage {
  /** The whole object. */
  read(uri: string): Promise<Uint8Array>;
  /** Creates or replaces the object. */
  write(uri: string, bytes: Uint8Array, options?: { contentType?: string }): Promise<void>;
  /** Whether the object exists (a bucket or container on its own is not an object). */
  exists(uri: string): Promise<boolean>;
  /** Streams the object to a local file; the file appears only once complete (parent directories are created). */
  downloadFile(uri: string, localPath: string): Promise<void>;
  /** Streams a local file to the object, in parallel parts when it is large. */
  uploadFile(localPath: string, uri: string): Promise<void>;
}
