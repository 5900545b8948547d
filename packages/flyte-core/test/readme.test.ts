import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { testPluginContract } from "@flyte-ts/core/testing";
import { Mpi, mpiPlugin } from "./fixtures/readme-plugin.ts";

const repo = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("README", () => {
  it("shows the plugin example this test runs", () => {
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    const fixture = readFileSync(join(repo, "packages/flyte-core/test/fixtures/readme-plugin.ts"), "utf8");
    const body = fixture.slice(fixture.indexOf("\n") + 1);
    expect(readme).toContain(body);
  });
});

// The README's contract-suite snippet, run as written.
testPluginContract({
  plugin: mpiPlugin,
  config: () => new Mpi({ workers: 4 }),
  expectedCustom: { numWorkers: 4, slots: 1 },
  invalid: [{ name: "zero workers", config: () => new Mpi({ workers: 0 }), path: ["workers"] }],
});
