import { createReadStream, createWriteStream } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { type OperationContext, withStorageErrors } from "./classify.ts";
import { replaceFile } from "./local-file.ts";
import type { ObjectStorage } from "./object-storage.ts";
import { StorageError, type StorageOperation } from "./storage-error.ts";
import { parseStorageUri } from "./uri.ts";

/** The local path of a bare path or `file://` URI. */
export function localPath(uri: string, operation: StorageOperation): string {
  const parsed = parseStorageUri(uri);
  if (parsed.scheme !== "file") {
    throw new StorageError({ uri, operation, failure: "invalid-uri", message: `Local storage cannot ${operation} ${uri}: not a local path or file:// URI` });
  }
  return parsed.path!;
}

async function copyFile(from: string, to: string): Promise<void> {
  // Loaded on first copy: the file store is created for every local run, most of which copy no file.
  const { pipeline } = await import("node:stream/promises");
  await replaceFile(to, (temporary) => pipeline(createReadStream(from), createWriteStream(temporary)));
}

/** Local files (`/a/b`, `a/b`, `file:///a/b`): for tests and the devbox. Writes create parent directories. */
export class LocalStorage implements ObjectStorage {
  constructor(private readonly secrets: readonly string[] = []) {}

  private run<T>(context: Omit<OperationContext, "secrets">, work: () => Promise<T>): Promise<T> {
    return withStorageErrors(context, this.secrets, work);
  }

  async read(uri: string): Promise<Uint8Array> {
    const path = localPath(uri, "read");
    const buffer = await this.run({ uri, operation: "read" }, () => readFile(path));
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  async write(uri: string, bytes: Uint8Array): Promise<void> {
    const path = localPath(uri, "write");
    await this.run({ uri, operation: "write" }, () => replaceFile(path, (temporary) => writeFile(temporary, bytes)));
  }

  async exists(uri: string): Promise<boolean> {
    const path = localPath(uri, "exists");
    return this.run({ uri, operation: "exists" }, async () => {
      try {
        await stat(path);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "ENOTDIR") return false;
        throw err;
      }
    });
  }

  async downloadFile(uri: string, localTarget: string): Promise<void> {
    const path = localPath(uri, "download");
    await this.run({ uri, operation: "download", localPath: localTarget }, () => copyFile(path, localTarget));
  }

  async uploadFile(localSource: string, uri: string): Promise<void> {
    const path = localPath(uri, "upload");
    await this.run({ uri, operation: "upload", localPath: localSource }, () => copyFile(localSource, path));
  }
}
