import { describe, expect, it } from "vitest";
import { ConfigError } from "@flyte-ts/core";
import { StorageError, storageFor, type ModuleLoader } from "@flyte-ts/core/runtime";
import { toStorageError } from "../../src/runtime/storage/classify.ts";
import { redact, secretValues } from "../../src/runtime/storage/redact.ts";
import { backoffDelayMs, retryPolicyFromEnv, withRetries } from "../../src/runtime/storage/retry.ts";
import { storageErrorOf } from "./storage-error-of.ts";


const NOT_INSTALLED: string = "@flyte-ts/package-that-is-not-installed";

/** A loader for which `missing` really fails to import (an npm package name that is not installed). */
function withoutPackage(missing: string): ModuleLoader {
  return (specifier) => import(specifier === missing ? NOT_INSTALLED : specifier);
}

describe("retry settings", () => {
  it("default to 3 retries from 5 s, doubling, each wait capped at 16 s", () => {
    const policy = retryPolicyFromEnv({});
    expect(policy).toStrictEqual({ retries: 3, backoffSeconds: 5 });
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(policy, retry))).toStrictEqual([5000, 10000, 16000, 16000, 16000]);
    const custom = retryPolicyFromEnv({ FLYTE_STORAGE_RETRIES: "5", FLYTE_STORAGE_BACKOFF_SECONDS: "0.25" });
    expect(custom).toStrictEqual({ retries: 5, backoffSeconds: 0.25 });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelayMs(custom, retry))).toStrictEqual([250, 500, 1000, 2000, 4000, 8000, 16000, 16000]);
    expect(retryPolicyFromEnv({ FLYTE_STORAGE_RETRIES: "0", FLYTE_STORAGE_BACKOFF_SECONDS: "" })).toStrictEqual({ retries: 0, backoffSeconds: 5 });
  });

  it("invalid values are a ConfigError naming each variable", async () => {
    const error = await storageFor("/tmp/x", { FLYTE_STORAGE_RETRIES: "three", FLYTE_STORAGE_BACKOFF_SECONDS: "-1" }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toStrictEqual([
      { path: ["FLYTE_STORAGE_RETRIES"], message: 'FLYTE_STORAGE_RETRIES must be a whole number >= 0, got "three"' },
      { path: ["FLYTE_STORAGE_BACKOFF_SECONDS"], message: 'FLYTE_STORAGE_BACKOFF_SECONDS must be a number of seconds >= 0, got "-1"' },
    ]);
    expect((error as ConfigError).code).toBe("INVALID_CONFIG");
    expect(() => retryPolicyFromEnv({ FLYTE_STORAGE_RETRIES: "1.5" })).toThrow('FLYTE_STORAGE_RETRIES must be a whole number >= 0, got "1.5"');
  });

  it("FLYTE_STORAGE_RETRIES=0 tries once", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const unavailable = new StorageError({ uri: "s3://b/k", operation: "read", failure: "unavailable", retryable: true, message: "Could not read s3://b/k: down" });
    const error = await storageErrorOf(
      withRetries({ policy: { retries: 0, backoffSeconds: 5 }, sleep: async (ms) => void sleeps.push(ms) }, { uri: "s3://b/k", operation: "read" }, async () => {
        calls++;
        throw unavailable;
      }),
    );
    expect(error).toBe(unavailable);
    expect({ calls, sleeps }).toStrictEqual({ calls: 1, sleeps: [] });
  });

  it("errors that are not StorageErrors are not retried", async () => {
    let calls = 0;
    await expect(
      withRetries({ policy: { retries: 3, backoffSeconds: 5 }, sleep: async () => {} }, { uri: "s3://b/k", operation: "read" }, async () => {
        calls++;
        throw new TypeError("bug");
      }),
    ).rejects.toThrow("bug");
    expect(calls).toBe(1);
  });
});

describe("failure classification", () => {
  const context = { uri: "gs://b/k", operation: "read" as const, secrets: [] };
  const classify = (err: unknown) => {
    const error = toStorageError(err, context);
    return { failure: error.failure, retryable: error.retryable, status: error.status };
  };
  const withCode = (code: string | number, extra: object = {}) => Object.assign(new Error("boom"), { code }, extra);

  it("retries network errors, timeouts, throttling and 5xx; not 4xx", () => {
    expect(classify(withCode("ECONNRESET"))).toStrictEqual({ failure: "unavailable", retryable: true, status: undefined });
    expect(classify(Object.assign(new Error("fetch failed"), { cause: withCode("UND_ERR_SOCKET") }))).toStrictEqual({ failure: "unavailable", retryable: true, status: undefined });
    expect(classify(Object.assign(new Error("x"), { name: "TimeoutError" }))).toStrictEqual({ failure: "unavailable", retryable: true, status: undefined });
    expect(classify(withCode(503))).toStrictEqual({ failure: "unavailable", retryable: true, status: 503 });
    expect(classify(Object.assign(new Error("x"), { statusCode: 500, code: "InternalError" }))).toStrictEqual({ failure: "unavailable", retryable: true, status: 500 });
    expect(classify(Object.assign(new Error("x"), { statusCode: 503, code: "ServerBusy" }))).toStrictEqual({ failure: "throttled", retryable: true, status: 503 });
    expect(classify(Object.assign(new Error("x"), { $metadata: { httpStatusCode: 429 } }))).toStrictEqual({ failure: "throttled", retryable: true, status: 429 });
    expect(classify(withCode(408))).toStrictEqual({ failure: "unavailable", retryable: true, status: 408 });
    expect(classify(withCode(404))).toStrictEqual({ failure: "not-found", retryable: false, status: 404 });
    expect(classify(Object.assign(new Error("x"), { statusCode: 403, code: "AuthorizationFailure" }))).toStrictEqual({ failure: "access-denied", retryable: false, status: 403 });
    expect(classify(withCode(401))).toStrictEqual({ failure: "access-denied", retryable: false, status: 401 });
    expect(classify(withCode(400))).toStrictEqual({ failure: "failed", retryable: false, status: 400 });
    expect(classify(withCode("ENOTFOUND"))).toStrictEqual({ failure: "failed", retryable: false, status: undefined });
    expect(classify("a string")).toStrictEqual({ failure: "failed", retryable: false, status: undefined });
  });
});

describe("secrets in messages", () => {
  it("are redacted, including the key and signature inside an Azure connection string", () => {
    const env = {
      AZURE_STORAGE_CONNECTION_STRING: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWFjY291bnQta2V5;EndpointSuffix=core.windows.net",
      AZURE_CLIENT_SECRET: "client-secret-value",
      FLYTE_AWS_SECRET_ACCESS_KEY: "aws/secret+value",
      AWS_REGION: "us-west-2",
    };
    const secrets = secretValues(env);
    expect(redact("key c2VjcmV0LWFjY291bnQta2V5 and client-secret-value and aws/secret+value in us-west-2", secrets)).toBe(
      "key [REDACTED] and [REDACTED] and [REDACTED] in us-west-2",
    );
    const error = toStorageError(Object.assign(new Error("bad key c2VjcmV0LWFjY291bnQta2V5"), { statusCode: 403 }), { uri: "abfs://c/k", operation: "write", secrets });
    expect(error.message).toBe("Could not write abfs://c/k: access denied (HTTP 403, bad key [REDACTED])");
  });
});

describe("optional SDKs", () => {
  it("a missing SDK names the npm packages to install", async () => {
    const s3 = await storageErrorOf(storageFor("s3://b/k", {}, { importModule: withoutPackage("@aws-sdk/lib-storage") }));
    expect({ failure: s3.failure, operation: s3.operation, uri: s3.uri, retryable: s3.retryable }).toStrictEqual({ failure: "missing-sdk", operation: "open", uri: "s3://b/k", retryable: false });
    expect(s3.message).toBe(
      "s3:// URIs need @aws-sdk/client-s3 and @aws-sdk/lib-storage, which are not installed (could not load @aws-sdk/lib-storage): npm install @aws-sdk/client-s3 @aws-sdk/lib-storage",
    );
    const gcs = await storageErrorOf(storageFor("gs://b/k", {}, { importModule: withoutPackage("@google-cloud/storage") }));
    expect(gcs.message).toBe("gs:// URIs need @google-cloud/storage, which is not installed (could not load @google-cloud/storage): npm install @google-cloud/storage");
    const azure = await storageErrorOf(storageFor("abfss://c@acct.dfs.core.windows.net/k", {}, { importModule: withoutPackage("@azure/storage-blob") }));
    expect(azure.message).toBe(
      "abfs:// and abfss:// URIs need @azure/storage-blob and @azure/identity, which are not installed (could not load @azure/storage-blob): npm install @azure/storage-blob @azure/identity",
    );
  });

  it("@azure/identity is needed only for token credentials", async () => {
    const loader = withoutPackage("@azure/identity");
    const sharedKey = await storageFor("abfs://c@acct.dfs.core.windows.net/k", { AZURE_STORAGE_ACCOUNT_KEY: "a2V5" }, { importModule: loader });
    expect(typeof sharedKey.read).toBe("function");
    const token = await storageErrorOf(storageFor("abfs://c@acct.dfs.core.windows.net/k", {}, { importModule: loader }));
    expect(token.message).toBe(
      "abfs:// and abfss:// URIs need @azure/storage-blob and @azure/identity, which are not installed (could not load @azure/identity): npm install @azure/storage-blob @azure/identity",
    );
    // With @azure/identity installed, both token credentials are created without any request.
    const principal = { AZURE_TENANT_ID: "00000000-0000-0000-0000-000000000000", AZURE_CLIENT_ID: "11111111-1111-1111-1111-111111111111", AZURE_CLIENT_SECRET: "principal-secret" };
    expect(typeof (await storageFor("abfs://c@acct.dfs.core.windows.net/k", principal)).read).toBe("function");
    expect(typeof (await storageFor("abfs://c@acct.dfs.core.windows.net/k", {})).read).toBe("function");
  });

  it("an SDK that fails to load for another reason keeps its message", async () => {
    const error = await storageErrorOf(
      storageFor("gs://b/k", {}, { importModule: async () => { throw new SyntaxError("Unexpected token 'export'"); } }),
    );
    expect(error.message).toBe("gs:// URIs need @google-cloud/storage; loading @google-cloud/storage failed: Unexpected token 'export'");
  });

  it("no SDK is loaded for local paths", async () => {
    const loaded: string[] = [];
    const storage = await storageFor("file:///tmp/x", {}, { importModule: async (specifier) => void loaded.push(specifier) });
    expect(await storage.exists("/definitely/not/here")).toBe(false);
    expect(loaded).toStrictEqual([]);
  });
});
