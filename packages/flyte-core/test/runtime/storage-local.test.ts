import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StorageError, storageFor } from "@flyte-ts/core/runtime";
import { patternBytes } from "./fake-http.ts";
import { storageErrorOf } from "./storage-error-of.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "flyte-ts-local-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});


describe("local storage", () => {
  it("writes, reads and checks bare paths and file:// URIs alike, creating directories", async () => {
    const path = join(dir, "run", "a0", "1", "outputs.pb");
    const storage = await storageFor(path, {});
    const bytes = Uint8Array.from([0x0a, 0x0c, 0x0a, 0x02, 0x6f, 0x30, 0x12, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0x08, 0x2a]);
    expect(await storage.exists(path)).toBe(false);
    await storage.write(path, bytes);
    expect(new Uint8Array(await readFile(path))).toStrictEqual(bytes);
    expect(await storage.read(`file://${path}`)).toStrictEqual(bytes);
    expect(await storage.exists(`file://${path}`)).toBe(true);
    expect(await storage.exists(join(dir, "run"))).toBe(true);
    expect(await storage.exists(join(path, "below-a-file"))).toBe(false);
    // Nothing but the object itself is left behind (the temporary file was renamed into place).
    expect(await readdir(join(dir, "run", "a0", "1"))).toStrictEqual(["outputs.pb"]);
  });

  it("writes an empty object (outputs.pb of a task without outputs is 0 bytes)", async () => {
    const path = join(dir, "empty", "outputs.pb");
    const storage = await storageFor(`file://${path}`, {});
    await storage.write(`file://${path}`, new Uint8Array());
    expect(await storage.read(path)).toStrictEqual(new Uint8Array());
  });

  it("replaces an existing object", async () => {
    const path = join(dir, "replace.pb");
    const storage = await storageFor(path, {});
    await storage.write(path, Uint8Array.from([1, 2, 3, 4]));
    await storage.write(path, Uint8Array.from([9]));
    expect(await storage.read(path)).toStrictEqual(Uint8Array.from([9]));
  });

  it("downloads and uploads files by streaming, creating directories", async () => {
    const storage = await storageFor(dir, {});
    const source = join(dir, "bundle.tar.gz");
    const bytes = patternBytes(1_000_003);
    await writeFile(source, bytes);
    const uploaded = join(dir, "store", "code", "bundle.tar.gz");
    await storage.uploadFile(source, `file://${uploaded}`);
    expect((await readFile(uploaded)).equals(bytes)).toBe(true);
    const downloaded = join(dir, "dest", "deeper", "bundle.tar.gz");
    await storage.downloadFile(uploaded, downloaded);
    expect((await readFile(downloaded)).equals(bytes)).toBe(true);
    expect(await readdir(join(dir, "dest", "deeper"))).toStrictEqual(["bundle.tar.gz"]);
  });

  it("a missing object is a not-found StorageError, not retried", async () => {
    const missing = join(dir, "nope", "inputs.pb");
    const sleeps: number[] = [];
    const storage = await storageFor(missing, {}, { sleep: async (ms) => void sleeps.push(ms) });
    const error = await storageErrorOf(storage.read(`file://${missing}`));
    expect({ name: error.name, code: error.code, failure: error.failure, retryable: error.retryable, attempts: error.attempts, operation: error.operation, uri: error.uri }).toStrictEqual({
      name: "StorageError",
      code: "STORAGE",
      failure: "not-found",
      retryable: false,
      attempts: 1,
      operation: "read",
      uri: `file://${missing}`,
    });
    expect(error.message).toBe(`Could not read file://${missing}: not found (ENOENT: no such file or directory, open '${missing}')`);
    expect(sleeps).toStrictEqual([]);
  });

  it("a failed download leaves no file behind; a missing upload source is not-found", async () => {
    const storage = await storageFor(dir, {});
    const target = join(dir, "partial", "x.bin");
    const download = await storageErrorOf(storage.downloadFile(join(dir, "absent.bin"), target));
    expect({ failure: download.failure, operation: download.operation }).toStrictEqual({ failure: "not-found", operation: "download" });
    expect(download.message.startsWith(`Could not download ${join(dir, "absent.bin")} to ${target}: not found (`)).toBe(true);
    expect(await readdir(join(dir, "partial"))).toStrictEqual([]);

    const upload = await storageErrorOf(storage.uploadFile(join(dir, "absent.bin"), join(dir, "up", "x.bin")));
    expect({ failure: upload.failure, operation: upload.operation, uri: upload.uri }).toStrictEqual({ failure: "not-found", operation: "upload", uri: join(dir, "up", "x.bin") });
    expect(upload.message.startsWith(`Could not upload ${join(dir, "absent.bin")} to ${join(dir, "up", "x.bin")}: not found (`)).toBe(true);
  });

  it("reading a directory fails without retries", async () => {
    const sleeps: number[] = [];
    const storage = await storageFor(dir, {}, { sleep: async (ms) => void sleeps.push(ms) });
    const error = await storageErrorOf(storage.read(dir));
    expect({ failure: error.failure, retryable: error.retryable }).toStrictEqual({ failure: "failed", retryable: false });
    expect(error.message).toBe(`Could not read ${dir}: failed (EISDIR: illegal operation on a directory, read)`);
    expect(sleeps).toStrictEqual([]);
  });
});
