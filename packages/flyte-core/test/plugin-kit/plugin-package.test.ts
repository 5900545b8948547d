import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { FlyteTsError } from "@flyte-ts/core";
import { readPluginPackage } from "@flyte-ts/core/plugin-kit";

const dir = mkdtempSync(join(tmpdir(), "plugin-package-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function manifest(name: string, json: unknown): URL {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, typeof json === "string" ? json : JSON.stringify(json));
  return pathToFileURL(file);
}

function failure(fn: () => unknown): FlyteTsError {
  try {
    fn();
  } catch (err) {
    return err as FlyteTsError;
  }
  throw new Error("no error");
}

describe("readPluginPackage", () => {
  it("takes the name, the version and the peer range on core, without pnpm's workspace: prefix", () => {
    const url = manifest("ws", { name: "@acme/flyte-ts-mpi", version: "1.2.3", peerDependencies: { "@flyte-ts/core": "workspace:>=0.2.0 <1.0.0" } });
    expect(readPluginPackage(url)).toEqual({ name: "@acme/flyte-ts-mpi", version: "1.2.3", coreApiRange: ">=0.2.0 <1.0.0" });
    const published = manifest("pub", { name: "p", version: "1.0.0", peerDependencies: { "@flyte-ts/core": ">=0.2.0 <1.0.0" } });
    expect(readPluginPackage(published).coreApiRange).toBe(">=0.2.0 <1.0.0");
  });

  it("names the file and the field when the peer range on core is missing", () => {
    const url = manifest("no-peer", { name: "p", version: "1.0.0", peerDependencies: { zod: "4" } });
    const err = failure(() => readPluginPackage(url));
    expect(err).toBeInstanceOf(FlyteTsError);
    expect(err.code).toBe("INVALID_CONFIG");
    expect(err.message).toBe(
      `${join(dir, "no-peer.json")}: peerDependencies["@flyte-ts/core"] must be a non-empty string (the core versions the plugin works with, e.g. ">=0.2.0 <1.0.0"), got nothing`,
    );
  });

  it("refuses a version that is not a string, and a file that is not JSON", () => {
    const err = failure(() => readPluginPackage(manifest("bad-version", { name: "p", version: 1, peerDependencies: { "@flyte-ts/core": "^0.1.0" } })));
    expect([err.code, err.message]).toEqual(["INVALID_CONFIG", `${join(dir, "bad-version.json")}: version must be a non-empty string (a semver version), got 1`]);
    const notJson = failure(() => readPluginPackage(manifest("not-json", "{")));
    expect(notJson.code).toBe("INVALID_CONFIG");
    expect(notJson.message).toMatch(new RegExp(`^${join(dir, "not-json.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: cannot read the plugin's package.json \\(`));
  });
});
