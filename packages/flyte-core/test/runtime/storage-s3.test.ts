import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { StorageError, storageFor, type RetryNotice } from "@flyte-ts/core/runtime";
import { FALLBACK_AWS_REGION, s3ClientConfig } from "../../src/runtime/storage/s3.ts";
import { closedPort, patternBytes } from "./fake-http.ts";
import { startFakeS3, type FakeS3 } from "./fake-s3.ts";
import { storageErrorOf } from "./storage-error-of.ts";

const ACCESS_KEY = "AKIAFAKEFLYTETEST";
const SECRET_KEY = "fake/secret+KEY/never-printed-0123456789";

let s3: FakeS3;
let dir: string;
let sleeps: number[];
let notices: RetryNotice[];

beforeAll(async () => {
  s3 = await startFakeS3();
  dir = await mkdtemp(join(tmpdir(), "flyte-ts-s3-"));
});
afterAll(async () => {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  s3.reset();
  s3.objects.clear();
  vi.unstubAllEnvs();
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { FLYTE_AWS_ENDPOINT: s3.url, FLYTE_AWS_ACCESS_KEY_ID: ACCESS_KEY, FLYTE_AWS_SECRET_ACCESS_KEY: SECRET_KEY, ...extra };
}

function open(uri: string, extra: NodeJS.ProcessEnv = {}) {
  sleeps = [];
  notices = [];
  return storageFor(uri, env(extra), {
    sleep: async (ms) => void sleeps.push(ms),
    onRetry: (notice) => void notices.push(notice),
  });
}


describe("s3ClientConfig", () => {
  it("uses a custom endpoint path-style, static keys only when both are set, and a fallback region", () => {
    expect(s3ClientConfig({ FLYTE_AWS_ENDPOINT: "http://minio:9000", FLYTE_AWS_ACCESS_KEY_ID: "id", FLYTE_AWS_SECRET_ACCESS_KEY: "secret" })).toStrictEqual({
      region: FALLBACK_AWS_REGION,
      maxAttempts: 1,
      endpoint: "http://minio:9000",
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
    expect(s3ClientConfig({ FLYTE_AWS_ENDPOINT: "https://s3.example", FLYTE_AWS_S3_ADDRESSING_STYLE: "virtual", AWS_REGION: "eu-west-3" })).toStrictEqual({
      region: "eu-west-3",
      maxAttempts: 1,
      endpoint: "https://s3.example",
      forcePathStyle: false,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    expect(s3ClientConfig({ AWS_DEFAULT_REGION: "ap-south-1", FLYTE_AWS_ACCESS_KEY_ID: "id-without-secret" })).toStrictEqual({
      region: "ap-south-1",
      maxAttempts: 1,
      followRegionRedirects: true,
    });
  });
});

describe("S3 storage against a fake S3", () => {
  it("writes, reads and checks objects path-style, signed with the static key", async () => {
    const storage = await open("s3://bucket/run/a0/1/outputs.pb");
    const bytes = Uint8Array.from([0x0a, 0x0c, 0x0a, 0x02, 0x6f, 0x30]);
    await storage.write("s3://bucket/run/a0/1/outputs.pb", bytes, { contentType: "application/octet-stream" });
    expect(s3.objects.get("bucket/run/a0/1/outputs.pb")).toStrictEqual({ body: Buffer.from(bytes), contentType: "application/octet-stream" });
    expect(await storage.read("s3://bucket/run/a0/1/outputs.pb")).toStrictEqual(bytes);
    expect(await storage.exists("s3://bucket/run/a0/1/outputs.pb")).toBe(true);
    expect(await storage.exists("s3://bucket/run/a0/1/error.pb")).toBe(false);
    expect(s3.requests.map((r) => `${r.method} ${r.url.split("?")[0]}`)).toStrictEqual([
      "PUT /bucket/run/a0/1/outputs.pb",
      "GET /bucket/run/a0/1/outputs.pb",
      "HEAD /bucket/run/a0/1/outputs.pb",
      "HEAD /bucket/run/a0/1/error.pb",
    ]);
    for (const request of s3.requests) {
      expect(request.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/\\d{8}/us-east-1/s3/aws4_request, `));
      expect(JSON.stringify(request.headers)).not.toContain(SECRET_KEY);
    }
  });

  it("streams a download to a local file, creating its directories", async () => {
    const storage = await open("s3://bucket/code/fast0123.tar.gz");
    const bytes = patternBytes(300_000);
    s3.objects.set("bucket/code/fast0123.tar.gz", { body: Buffer.from(bytes), contentType: undefined });
    const target = join(dir, "nested", "dest", "fast0123.tar.gz");
    await storage.downloadFile("s3://bucket/code/fast0123.tar.gz", target);
    expect((await readFile(target)).equals(bytes)).toBe(true);
    expect(await readdir(join(dir, "nested", "dest"))).toStrictEqual(["fast0123.tar.gz"]);
  });

  it("uploads a small file in one PutObject and a large one as a multipart upload of 5 MiB parts", async () => {
    const storage = await open("s3://bucket/data");
    const small = join(dir, "small.bin");
    await writeFile(small, patternBytes(1024, 1));
    await storage.uploadFile(small, "s3://bucket/data/small.bin");
    expect(s3.objects.get("bucket/data/small.bin")?.body).toStrictEqual(Buffer.from(patternBytes(1024, 1)));
    expect(s3.requests.map((r) => r.method)).toStrictEqual(["PUT"]);

    s3.requests.length = 0;
    const large = join(dir, "large.bin");
    const largeBytes = patternBytes(11 * 1024 * 1024 + 17, 2);
    await writeFile(large, largeBytes);
    await storage.uploadFile(large, "s3://bucket/data/large.bin");
    expect(s3.objects.get("bucket/data/large.bin")?.body.equals(Buffer.from(largeBytes))).toBe(true);
    const calls = s3.requests.map((r) => {
      const query = new URL(r.url, "http://x").searchParams;
      return query.has("uploads") ? "CreateMultipartUpload" : query.has("partNumber") ? `UploadPart ${query.get("partNumber")} ${r.bodyLength}` : query.has("uploadId") ? "CompleteMultipartUpload" : r.method;
    });
    expect(calls[0]).toBe("CreateMultipartUpload");
    expect(calls.slice(1, 4).sort()).toStrictEqual([`UploadPart 1 ${5 * 1024 * 1024}`, `UploadPart 2 ${5 * 1024 * 1024}`, `UploadPart 3 ${1024 * 1024 + 17}`]);
    expect(calls[4]).toBe("CompleteMultipartUpload");
    expect(calls).toHaveLength(5);
  });

  it("a failed part aborts the multipart upload, and the whole file is sent again", async () => {
    const storage = await open("s3://bucket/data");
    const large = join(dir, "retried.bin");
    const bytes = patternBytes(6 * 1024 * 1024, 8);
    await writeFile(large, bytes);
    s3.failNext({ status: 503, code: "ServiceUnavailable", message: "try again" }, 1, (request) => request.url!.includes("partNumber=2"));
    await storage.uploadFile(large, "s3://bucket/data/retried.bin");
    expect(s3.objects.get("bucket/data/retried.bin")?.body.equals(bytes)).toBe(true);
    const abort = s3.requests.findIndex((r) => r.method === "DELETE" && r.url.includes("uploadId=upload-"));
    expect(abort).toBeGreaterThan(0);
    expect(s3.requests.slice(abort + 1).filter((r) => new URL(r.url, "http://x").searchParams.has("uploads"))).toHaveLength(1);
    expect(sleeps).toStrictEqual([5000]);
    expect(notices.map((n) => ({ operation: n.operation, failure: n.error.failure }))).toStrictEqual([{ operation: "upload", failure: "unavailable" }]);
  });

  it("a download interrupted by a 503 is retried and leaves only the complete file", async () => {
    const storage = await open("s3://bucket/code/bundle.tgz");
    const bytes = patternBytes(100_000, 9);
    s3.objects.set("bucket/code/bundle.tgz", { body: Buffer.from(bytes), contentType: undefined });
    s3.failNext({ status: 503, code: "ServiceUnavailable", message: "try again" });
    const target = join(dir, "retry-dl", "bundle.tgz");
    await storage.downloadFile("s3://bucket/code/bundle.tgz", target);
    expect((await readFile(target)).equals(bytes)).toBe(true);
    expect(await readdir(join(dir, "retry-dl"))).toStrictEqual(["bundle.tgz"]);
    expect(sleeps).toStrictEqual([5000]);
  });

  it("a missing object: read fails not-found without retries, exists is false", async () => {
    const storage = await open("s3://bucket/nope/inputs.pb");
    const error = await storageErrorOf(storage.read("s3://bucket/nope/inputs.pb"));
    expect({ code: error.code, failure: error.failure, retryable: error.retryable, status: error.status, attempts: error.attempts, operation: error.operation, uri: error.uri }).toStrictEqual({
      code: "STORAGE",
      failure: "not-found",
      retryable: false,
      status: 404,
      attempts: 1,
      operation: "read",
      uri: "s3://bucket/nope/inputs.pb",
    });
    expect(error.message).toBe("Could not read s3://bucket/nope/inputs.pb: not found (HTTP 404, NoSuchKey: The specified key does not exist.)");
    expect(sleeps).toStrictEqual([]);
  });

  it("retries a 503 twice with exponential backoff, then succeeds", async () => {
    const storage = await open("s3://bucket/k");
    s3.objects.set("bucket/k", { body: Buffer.from("payload"), contentType: undefined });
    s3.failNext({ status: 503, code: "ServiceUnavailable", message: "Please reduce your request rate." }, 2);
    expect(Buffer.from(await storage.read("s3://bucket/k")).toString()).toBe("payload");
    expect(s3.requests).toHaveLength(3);
    expect(sleeps).toStrictEqual([5000, 10000]);
    expect(notices.map((n) => ({ retry: n.retry, delayMs: n.delayMs, operation: n.operation, uri: n.uri, failure: n.error.failure }))).toStrictEqual([
      { retry: 1, delayMs: 5000, operation: "read", uri: "s3://bucket/k", failure: "unavailable" },
      { retry: 2, delayMs: 10000, operation: "read", uri: "s3://bucket/k", failure: "unavailable" },
    ]);
  });

  it("retries throttling (503 SlowDown, 429) on writes too", async () => {
    const storage = await open("s3://bucket/k", { FLYTE_STORAGE_BACKOFF_SECONDS: "0.5" });
    s3.failNext({ status: 503, code: "SlowDown", message: "Reduce your request rate." });
    s3.failNext({ status: 429, code: "TooManyRequests", message: "slow down" });
    await storage.write("s3://bucket/k", Uint8Array.from([1, 2, 3]));
    expect(s3.objects.get("bucket/k")?.body).toStrictEqual(Buffer.from([1, 2, 3]));
    expect(sleeps).toStrictEqual([500, 1000]);
    expect(notices.map((n) => n.error.failure)).toStrictEqual(["throttled", "throttled"]);
  });

  it("403 is not retried, and the error never shows the secret key", async () => {
    const storage = await open("s3://bucket/k");
    s3.failNext({ status: 403, code: "AccessDenied", message: `Access Denied for key ${SECRET_KEY}` }, 5);
    const error = await storageErrorOf(storage.write("s3://bucket/k", Uint8Array.from([1])));
    expect(error.message).toBe("Could not write s3://bucket/k: access denied (HTTP 403, AccessDenied: Access Denied for key [REDACTED])");
    expect({ failure: error.failure, retryable: error.retryable, attempts: error.attempts }).toStrictEqual({ failure: "access-denied", retryable: false, attempts: 1 });
    expect(s3.requests).toHaveLength(1);
    expect(sleeps).toStrictEqual([]);
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(SECRET_KEY);
  });

  it("gives up after FLYTE_STORAGE_RETRIES retries with an error naming the URI, waits capped at 16 s", async () => {
    const storage = await open("s3://bucket/outputs/outputs.pb");
    s3.failNext({ status: 500, code: "InternalError", message: "We encountered an internal error." }, 4);
    const error = await storageErrorOf(storage.write("s3://bucket/outputs/outputs.pb", Uint8Array.from([1])));
    expect(error.message).toBe(
      "Could not write s3://bucket/outputs/outputs.pb after 4 attempts (FLYTE_STORAGE_RETRIES=3): storage service unavailable or network error (HTTP 500, InternalError: We encountered an internal error.)",
    );
    expect({ uri: error.uri, operation: error.operation, failure: error.failure, retryable: error.retryable, attempts: error.attempts, status: error.status }).toStrictEqual({
      uri: "s3://bucket/outputs/outputs.pb",
      operation: "write",
      failure: "unavailable",
      retryable: true,
      attempts: 4,
      status: 500,
    });
    expect(s3.requests).toHaveLength(4);
    expect(sleeps).toStrictEqual([5000, 10000, 16000]);
  });

  it("a refused connection is a retryable network error", async () => {
    sleeps = [];
    const storage = await storageFor("s3://bucket/k", { ...env(), FLYTE_AWS_ENDPOINT: `http://127.0.0.1:${await closedPort()}`, FLYTE_STORAGE_RETRIES: "1" }, {
      sleep: async (ms) => void sleeps.push(ms),
    });
    const error = await storageErrorOf(storage.read("s3://bucket/k"));
    expect({ failure: error.failure, retryable: error.retryable, attempts: error.attempts }).toStrictEqual({ failure: "unavailable", retryable: true, attempts: 2 });
    expect(error.message).toMatch(/^Could not read s3:\/\/bucket\/k after 2 attempts \(FLYTE_STORAGE_RETRIES=1\): storage service unavailable or network error \(.*ECONNREFUSED/);
    expect(sleeps).toStrictEqual([5000]);
  });

  it("without both FLYTE_AWS_* keys the SDK's default chain is used (here AWS_* variables)", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAFROMDEFAULTCHAIN");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "default-chain-secret-0123456789");
    const storage = await storageFor("s3://bucket/k", { FLYTE_AWS_ENDPOINT: s3.url, FLYTE_AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_REGION: "eu-central-1" });
    await storage.write("s3://bucket/k", Uint8Array.from([9]));
    expect(s3.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFROMDEFAULTCHAIN\/\d{8}\/eu-central-1\/s3\/aws4_request, /);
  });

  it("an s3:// URI without a key is rejected before any request", async () => {
    const storage = await open("s3://bucket");
    const error = await storageErrorOf(storage.read("s3://bucket/"));
    expect({ failure: error.failure, message: error.message }).toStrictEqual({
      failure: "invalid-uri",
      message: "Cannot read s3://bucket/: it names a bucket, not an object (expected s3://<bucket>/<key>)",
    });
    expect(s3.requests).toHaveLength(0);
  });
});
