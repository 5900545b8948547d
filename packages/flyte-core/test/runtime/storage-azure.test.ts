import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StorageError, storageFor } from "@flyte-ts/core/runtime";
import { azureCredentialChoice } from "../../src/runtime/storage/azure.ts";
import { patternBytes } from "./fake-http.ts";
import { startFakeAzureBlob, type FakeAzureBlob } from "./fake-azure-blob.ts";
import { storageErrorOf } from "./storage-error-of.ts";

const ACCOUNT = "devstoreaccount1";
const ACCOUNT_KEY = Buffer.from("fake-azure-account-key-never-printed").toString("base64");

let azure: FakeAzureBlob;
let dir: string;
let sleeps: number[];

beforeAll(async () => {
  azure = await startFakeAzureBlob();
  dir = await mkdtemp(join(tmpdir(), "flyte-ts-azure-"));
});
afterAll(async () => {
  await azure.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  azure.reset();
  azure.blobs.clear();
});

const connectionString = () => `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${azure.url}/${ACCOUNT};`;

function open(uri: string) {
  sleeps = [];
  return storageFor(uri, { AZURE_STORAGE_CONNECTION_STRING: connectionString() }, { sleep: async (ms) => void sleeps.push(ms) });
}


const calls = () => azure.requests.map((r) => `${r.method} ${r.url.replace(/blockid=[^&]+/, "blockid=*")}`);

describe("azureCredentialChoice", () => {
  const uri = "abfs://data@acct.dfs.core.windows.net/k";
  it("picks the connection string, then the account key, then a service principal, then the default chain", () => {
    expect(azureCredentialChoice({ AZURE_STORAGE_CONNECTION_STRING: "AccountName=acct;AccountKey=a2V5" }, uri)).toStrictEqual({ kind: "connection-string" });
    expect(azureCredentialChoice({ AZURE_STORAGE_CONNECTION_STRING: "AccountName=other;AccountKey=a2V5", AZURE_STORAGE_ACCOUNT_KEY: "a2V5" }, uri)).toStrictEqual({
      kind: "shared-key",
      account: "acct",
    });
    expect(azureCredentialChoice({ AZURE_STORAGE_ACCOUNT_NAME: "acct", AZURE_STORAGE_ACCOUNT_KEY: "a2V5" }, "abfs://data/k")).toStrictEqual({ kind: "shared-key", account: "acct" });
    const principal = { AZURE_TENANT_ID: "tenant", AZURE_CLIENT_ID: "client", AZURE_CLIENT_SECRET: "secret" };
    expect(azureCredentialChoice({ ...principal, AZURE_STORAGE_ACCOUNT_NAME: "other", AZURE_STORAGE_ACCOUNT_KEY: "a2V5" }, uri)).toStrictEqual({
      kind: "client-secret",
      account: "acct",
      tenantId: "tenant",
      clientId: "client",
    });
    expect(azureCredentialChoice({ AZURE_TENANT_ID: "tenant", AZURE_CLIENT_ID: "client" }, uri)).toStrictEqual({ kind: "default", account: "acct" });
    expect(azureCredentialChoice({ AZURE_STORAGE_ACCOUNT_NAME: "envacct" }, "abfss://data/k")).toStrictEqual({ kind: "default", account: "envacct" });
  });

  it("an abfs:// URI without an account needs AZURE_STORAGE_ACCOUNT_NAME", async () => {
    const error = await storageErrorOf(storageFor("abfs://data/k", {}));
    expect({ failure: error.failure, operation: error.operation, message: error.message }).toStrictEqual({
      failure: "invalid-uri",
      operation: "open",
      message: "abfs://data/k names no storage account: use abfs://<container>@<account>.dfs.core.windows.net/<key> or set AZURE_STORAGE_ACCOUNT_NAME",
    });
  });
});

describe("Azure storage against a fake Blob service (connection string, shared key)", () => {
  it("writes, reads and checks blobs, signed with the account key", async () => {
    const uri = `abfs://data@${ACCOUNT}.dfs.core.windows.net/run/a0/1/outputs.pb`;
    const storage = await open(uri);
    const bytes = Uint8Array.from([0x0a, 0x0c, 0x0a, 0x02, 0x6f, 0x30]);
    await storage.write(uri, bytes, { contentType: "application/x-protobuf" });
    expect(azure.blobs.get(`${ACCOUNT}/data/run/a0/1/outputs.pb`)).toStrictEqual({ body: Buffer.from(bytes), contentType: "application/x-protobuf" });
    expect(await storage.read(uri)).toStrictEqual(bytes);
    expect(await storage.exists(uri)).toBe(true);
    expect(await storage.exists("abfss://data/run/a0/1/error.pb")).toBe(false);
    expect(calls()).toStrictEqual([
      `PUT /${ACCOUNT}/data/run/a0/1/outputs.pb`,
      `HEAD /${ACCOUNT}/data/run/a0/1/outputs.pb`,
      `GET /${ACCOUNT}/data/run/a0/1/outputs.pb`,
      `HEAD /${ACCOUNT}/data/run/a0/1/outputs.pb`,
      `HEAD /${ACCOUNT}/data/run/a0/1/error.pb`,
    ]);
    for (const request of azure.requests) {
      expect(request.headers.authorization).toMatch(new RegExp(`^SharedKey ${ACCOUNT}:[A-Za-z0-9+/]+=*$`));
      expect(JSON.stringify(request.headers)).not.toContain(ACCOUNT_KEY);
    }
  });

  it("downloads to a local file and uploads small files in one request, large ones as blocks", async () => {
    const storage = await open("abfs://data/code");
    const bytes = patternBytes(250_000);
    azure.blobs.set(`${ACCOUNT}/data/code/fast.tar.gz`, { body: Buffer.from(bytes), contentType: undefined });
    const target = join(dir, "x", "y", "fast.tar.gz");
    await storage.downloadFile("abfs://data/code/fast.tar.gz", target);
    expect((await readFile(target)).equals(bytes)).toBe(true);

    azure.reset();
    const small = join(dir, "small.bin");
    await writeFile(small, patternBytes(2048, 5));
    await storage.uploadFile(small, "abfs://data/up/small.bin");
    expect(azure.blobs.get(`${ACCOUNT}/data/up/small.bin`)?.body.equals(patternBytes(2048, 5))).toBe(true);
    expect(calls()).toStrictEqual([`PUT /${ACCOUNT}/data/up/small.bin`]);

    azure.reset();
    const large = join(dir, "large.bin");
    const largeBytes = patternBytes(11 * 1024 * 1024, 6);
    await writeFile(large, largeBytes);
    await storage.uploadFile(large, "abfs://data/up/large.bin");
    expect(azure.blobs.get(`${ACCOUNT}/data/up/large.bin`)?.body.equals(largeBytes)).toBe(true);
    expect(calls().sort()).toStrictEqual([
      `PUT /${ACCOUNT}/data/up/large.bin?comp=block&blockid=*`,
      `PUT /${ACCOUNT}/data/up/large.bin?comp=block&blockid=*`,
      `PUT /${ACCOUNT}/data/up/large.bin?comp=block&blockid=*`,
      `PUT /${ACCOUNT}/data/up/large.bin?comp=blocklist`,
    ]);
  });

  it("a missing blob is not-found; a 503 is retried; a 403 is not and never shows the key", async () => {
    const storage = await open("abfs://data/k");
    const missing = await storageErrorOf(storage.read("abfs://data/nope"));
    expect({ failure: missing.failure, status: missing.status, retryable: missing.retryable }).toStrictEqual({ failure: "not-found", status: 404, retryable: false });
    expect(missing.message).toBe("Could not read abfs://data/nope: not found (HTTP 404, BlobNotFound)");

    azure.blobs.set(`${ACCOUNT}/data/k`, { body: Buffer.from("v"), contentType: undefined });
    azure.reset();
    azure.failNext({ status: 503, code: "ServerBusy", message: "The server is busy." }, 2);
    expect(Buffer.from(await storage.read("abfs://data/k")).toString()).toBe("v");
    expect(sleeps).toStrictEqual([5000, 10000]);

    azure.reset();
    sleeps.length = 0;
    azure.failNext({ status: 403, code: "AuthorizationFailure", message: `Signature did not match; key ${ACCOUNT_KEY}` }, 3);
    const denied = await storageErrorOf(storage.write("abfs://data/k", Uint8Array.from([1])));
    expect({ failure: denied.failure, retryable: denied.retryable }).toStrictEqual({ failure: "access-denied", retryable: false });
    expect(denied.message).toBe("Could not write abfs://data/k: access denied (HTTP 403, AuthorizationFailure: Signature did not match; key [REDACTED])");
    expect(azure.requests).toHaveLength(1);
    expect(sleeps).toStrictEqual([]);
  });
});
