import { describe, expect, it } from "vitest";
import { codeBundleFromArgs } from "@flyte-ts/core";

const a0 = ["node", "/usr/local/bin/a0", "a0", "--inputs", "{{.input}}", "--version", "v1"];

describe("codeBundleFromArgs", () => {
  it("reads --tgz and --dest of the a0 arguments", () => {
    expect(codeBundleFromArgs([...a0, "--tgz", "s3://b/code.tgz", "--dest", "/root"])).toEqual({ tgz: "s3://b/code.tgz", destination: "/root" });
    expect(codeBundleFromArgs([...a0, "--pkl", "s3://b/t.pkl"])).toEqual({ pkl: "s3://b/t.pkl", destination: "." });
  });

  it("is undefined without a bundle or outside an a0 process", () => {
    expect(codeBundleFromArgs(a0)).toBeUndefined();
    expect(codeBundleFromArgs(["node", "flyte-ts", "run", "--tgz", "s3://b/code.tgz"])).toBeUndefined();
  });
});
