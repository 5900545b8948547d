import { describe, expect, it } from "vitest";
import { StorageError, joinUri, parseStorageUri } from "@flyte-ts/core/runtime";

function parseError(uri: string): { failure: string; message: string; operation: string } {
  try {
    parseStorageUri(uri);
  } catch (err) {
    if (err instanceof StorageError) return { failure: err.failure, message: err.message, operation: err.operation };
    throw err;
  }
  throw new Error(`expected ${uri} to be rejected`);
}

describe("parseStorageUri", () => {
  it("takes apart every URI form the backend produces", () => {
    expect(parseStorageUri("s3://my-bucket/ab/proj/dev/run/a0/1/outputs.pb")).toStrictEqual({ scheme: "s3", bucket: "my-bucket", key: "ab/proj/dev/run/a0/1/outputs.pb" });
    expect(parseStorageUri("s3://my-bucket")).toStrictEqual({ scheme: "s3", bucket: "my-bucket", key: "" });
    expect(parseStorageUri("s3://my-bucket/")).toStrictEqual({ scheme: "s3", bucket: "my-bucket", key: "" });
    expect(parseStorageUri("gs://gcs-bucket/run/inputs.pb")).toStrictEqual({ scheme: "gs", bucket: "gcs-bucket", key: "run/inputs.pb" });
    expect(parseStorageUri("abfs://container/run/inputs.pb")).toStrictEqual({ scheme: "abfs", bucket: "container", key: "run/inputs.pb" });
    expect(parseStorageUri("abfss://container/run/inputs.pb")).toStrictEqual({ scheme: "abfs", bucket: "container", key: "run/inputs.pb" });
    expect(parseStorageUri("abfs://data@myaccount.dfs.core.windows.net/run/a0/1/outputs.pb")).toStrictEqual({
      scheme: "abfs",
      bucket: "data",
      account: "myaccount",
      key: "run/a0/1/outputs.pb",
    });
    expect(parseStorageUri("abfss://data@myaccount.dfs.core.windows.net")).toStrictEqual({ scheme: "abfs", bucket: "data", account: "myaccount", key: "" });
    expect(parseStorageUri("/tmp/run/inputs.pb")).toStrictEqual({ scheme: "file", path: "/tmp/run/inputs.pb" });
    expect(parseStorageUri("relative/inputs.pb")).toStrictEqual({ scheme: "file", path: "relative/inputs.pb" });
    expect(parseStorageUri("file:///tmp/run/inputs.pb")).toStrictEqual({ scheme: "file", path: "/tmp/run/inputs.pb" });
    expect(parseStorageUri("S3://Bucket/Key")).toStrictEqual({ scheme: "s3", bucket: "Bucket", key: "Key" });
  });

  it("keeps keys as written (no decoding, no normalisation)", () => {
    expect(parseStorageUri("s3://b/a%20b//c/../d")).toStrictEqual({ scheme: "s3", bucket: "b", key: "a%20b//c/../d" });
  });

  it("rejects an unsupported scheme, listing the supported ones", () => {
    expect(parseError("http://example.com/x")).toStrictEqual({
      failure: "unsupported-scheme",
      operation: "parse",
      message: 'Unsupported storage scheme "http://" in http://example.com/x; supported: file:// (or a plain path), s3://, gs://, abfs://, abfss://',
    });
    expect(parseError("flyte://v1/upload").failure).toBe("unsupported-scheme");
  });

  it("rejects empty buckets, containers, accounts and paths", () => {
    expect(parseError("s3:///key")).toStrictEqual({ failure: "invalid-uri", operation: "parse", message: 'Invalid storage URI "s3:///key": the bucket name is empty' });
    expect(parseError("gs://").message).toBe('Invalid storage URI "gs://": the bucket name is empty');
    expect(parseError("abfs:///k").message).toBe('Invalid storage URI "abfs:///k": the container name is empty');
    expect(parseError("abfs://@acct.dfs.core.windows.net/k").message).toBe(
      "Invalid storage URI \"abfs://@acct.dfs.core.windows.net/k\": the container name before '@' is empty",
    );
    expect(parseError("abfs://c@.dfs.core.windows.net/k").message).toBe(
      'Invalid storage URI "abfs://c@.dfs.core.windows.net/k": the account after \'@\' is empty (expected <container>@<account>.dfs.core.windows.net)',
    );
    expect(parseError("file://").message).toBe('Invalid storage URI "file://": the path is empty');
    expect(parseError("").message).toBe('Invalid storage URI "": expected a path or a URI such as s3://bucket/key');
  });
});

describe("joinUri", () => {
  it("joins with single slashes, as plain strings", () => {
    expect(joinUri("s3://b/ab/p/d/run/a0/1", "outputs.pb")).toBe("s3://b/ab/p/d/run/a0/1/outputs.pb");
    expect(joinUri("s3://b/p/d/run/", "a1", "inputs.pb")).toBe("s3://b/p/d/run/a1/inputs.pb");
    expect(joinUri("s3://b", "/k")).toBe("s3://b/k");
    expect(joinUri("s3://", "b", "k")).toBe("s3://b/k");
    expect(joinUri("/tmp/out", "dir/", "file")).toBe("/tmp/out/dir/file");
    expect(joinUri("gs://b/x", "", "y")).toBe("gs://b/x/y");
    expect(joinUri("abfs://c@a.dfs.core.windows.net/p", "_flytecheckpoints")).toBe("abfs://c@a.dfs.core.windows.net/p/_flytecheckpoints");
    expect(joinUri("", "rel", "x")).toBe("rel/x");
    expect(joinUri("s3://b/p")).toBe("s3://b/p");
  });
});
