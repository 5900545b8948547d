import { describe, expect, it } from "vitest";
import type { ObjectStorage } from "../../src/runtime/storage/index.ts";
import { oneStoragePerScheme } from "../../src/runtime/run-action.ts";

describe("oneStoragePerScheme", () => {
  it("opens each scheme's storage once per action, and retries an open that failed", async () => {
    const opened: string[] = [];
    let failNext = true;
    const open = oneStoragePerScheme(async (uri) => {
      opened.push(uri);
      if (uri.startsWith("gs://") && failNext) {
        failNext = false;
        throw new Error("no credentials");
      }
      return { uri } as unknown as ObjectStorage;
    });
    const a = await open("s3://b/run/inputs.pb", {});
    const b = await open("S3://b/run/a0/1/outputs.pb", {});
    const local = await open("/tmp/x/outputs.pb", {});
    await expect(open("gs://b/x", {})).rejects.toThrow("no credentials");
    await open("gs://b/y", {});
    expect(a).toBe(b);
    expect(await open("file:///tmp/x/error.pb", {})).toBe(local); // a bare path and file:// are one scheme
    expect(opened).toEqual(["s3://b/run/inputs.pb", "/tmp/x/outputs.pb", "gs://b/x", "gs://b/y"]);
  });
});
