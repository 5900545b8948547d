import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StorageError, storageFor } from "@flyte-ts/core/runtime";
import { gcsClientOptions } from "../../src/runtime/storage/gcs.ts";
import { patternBytes } from "./fake-http.ts";
import { startFakeGcs, type FakeGcs } from "./fake-gcs.ts";
import { storageErrorOf } from "./storage-error-of.ts";

let gcs: FakeGcs;
let dir: string;
let sleeps: number[];

beforeAll(async () => {
  gcs = await startFakeGcs();
  dir = await mkdtemp(join(tmpdir(), "flyte-ts-gcs-"));
});
afterAll(async () => {
  await gcs.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  gcs.reset();
  gcs.objects.clear();
});

function open(uri: string) {
  sleeps = [];
  return storageFor(uri, { STORAGE_EMULATOR_HOST: gcs.url }, { sleep: async (ms) => void sleeps.push(ms) });
}


const paths = () => gcs.requests.map((r) => `${r.method} ${r.url.split("?")[0]}`);

describe("gcsClientOptions", () => {
  it("turns off the SDK's own retries and honours STORAGE_EMULATOR_HOST", () => {
    expect(gcsClientOptions({})).toStrictEqual({ retryOptions: { autoRetry: false, maxRetries: 0 } });
    expect(gcsClientOptions({ STORAGE_EMULATOR_HOST: "http://127.0.0.1:4443/" })).toStrictEqual({
      retryOptions: { autoRetry: false, maxRetries: 0 },
      apiEndpoint: "http://127.0.0.1:4443",
    });
  });
});

describe("GCS storage against a fake GCS JSON API", () => {
  it("writes, reads and checks objects", async () => {
    const storage = await open("gs://bucket/run/a0/1/outputs.pb");
    const bytes = Uint8Array.from([0x0a, 0x0c, 0x0a, 0x02, 0x6f, 0x30]);
    await storage.write("gs://bucket/run/a0/1/outputs.pb", bytes, { contentType: "application/x-protobuf" });
    expect(gcs.objects.get("bucket/run/a0/1/outputs.pb")).toStrictEqual({ body: Buffer.from(bytes), contentType: "application/x-protobuf" });
    expect(await storage.read("gs://bucket/run/a0/1/outputs.pb")).toStrictEqual(bytes);
    expect(await storage.exists("gs://bucket/run/a0/1/outputs.pb")).toBe(true);
    expect(await storage.exists("gs://bucket/run/a0/1/error.pb")).toBe(false);
    expect(paths()).toStrictEqual([
      "POST /upload/storage/v1/b/bucket/o",
      "GET /storage/v1/b/bucket/o/run%2Fa0%2F1%2Foutputs.pb",
      "GET /storage/v1/b/bucket/o/run%2Fa0%2F1%2Foutputs.pb",
      "GET /storage/v1/b/bucket/o/run%2Fa0%2F1%2Ferror.pb",
    ]);
  });

  it("downloads to a local file and uploads files (small in one request, large resumable)", async () => {
    const storage = await open("gs://bucket/code");
    const bytes = patternBytes(200_000);
    gcs.objects.set("bucket/code/fast.tar.gz", { body: Buffer.from(bytes), contentType: undefined });
    const target = join(dir, "a", "b", "fast.tar.gz");
    await storage.downloadFile("gs://bucket/code/fast.tar.gz", target);
    expect((await readFile(target)).equals(bytes)).toBe(true);

    gcs.reset();
    const small = join(dir, "small.bin");
    await writeFile(small, patternBytes(4096, 3));
    await storage.uploadFile(small, "gs://bucket/up/small.bin");
    expect(gcs.objects.get("bucket/up/small.bin")?.body.equals(patternBytes(4096, 3))).toBe(true);
    expect(paths()).toStrictEqual(["POST /upload/storage/v1/b/bucket/o"]);

    gcs.reset();
    const large = join(dir, "large.bin");
    const largeBytes = patternBytes(6 * 1024 * 1024, 4);
    await writeFile(large, largeBytes);
    await storage.uploadFile(large, "gs://bucket/up/large.bin");
    expect(gcs.objects.get("bucket/up/large.bin")?.body.equals(largeBytes)).toBe(true);
    expect(paths()).toStrictEqual(["POST /upload/storage/v1/b/bucket/o", "PUT /upload/storage/v1/b/bucket/o"]);
    expect(new URL(gcs.requests[0]!.url, "http://x").searchParams.get("uploadType")).toBe("resumable");
  });

  it("a missing object is not-found; a 503 is retried; a 403 is not", async () => {
    const storage = await open("gs://bucket/k");
    const missing = await storageErrorOf(storage.read("gs://bucket/nope"));
    expect({ failure: missing.failure, status: missing.status, retryable: missing.retryable, message: missing.message }).toStrictEqual({
      failure: "not-found",
      status: 404,
      retryable: false,
      message: "Could not read gs://bucket/nope: not found (HTTP 404, No such object: bucket/nope)",
    });

    gcs.objects.set("bucket/k", { body: Buffer.from("v"), contentType: undefined });
    gcs.reset();
    gcs.failNext({ status: 503, code: "backendError", message: "Backend Error" }, 2);
    expect(Buffer.from(await storage.read("gs://bucket/k")).toString()).toBe("v");
    expect(gcs.requests).toHaveLength(3);
    expect(sleeps).toStrictEqual([5000, 10000]);

    gcs.reset();
    sleeps.length = 0;
    gcs.failNext({ status: 403, code: "forbidden", message: "caller does not have storage.objects.create access" }, 3);
    const denied = await storageErrorOf(storage.write("gs://bucket/k", Uint8Array.from([1])));
    expect({ failure: denied.failure, retryable: denied.retryable, message: denied.message }).toStrictEqual({
      failure: "access-denied",
      retryable: false,
      message: "Could not write gs://bucket/k: access denied (HTTP 403, caller does not have storage.objects.create access)",
    });
    expect(gcs.requests).toHaveLength(1);
    expect(sleeps).toStrictEqual([]);
  });
});
