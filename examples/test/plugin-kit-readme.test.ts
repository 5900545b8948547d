// The plugin of the core README's "For plugin authors" section, run as written.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { acmePodPlugin } from "./fixtures/plugin-kit-readme/src/plugin.ts";

const here = dirname(fileURLToPath(import.meta.url));

describe("core README, plugin-kit section", () => {
  it("shows the plugin this test runs", () => {
    const readme = readFileSync(join(here, "../../packages/flyte-core/README.md"), "utf8");
    const fixture = readFileSync(join(here, "fixtures/plugin-kit-readme/src/plugin.ts"), "utf8");
    expect(readme).toContain(fixture.slice(fixture.indexOf("\n") + 1));
  });

  it("takes its identity from its package.json and renders the task's pod", async () => {
    expect([acmePodPlugin.name, acmePodPlugin.version, acmePodPlugin.coreApiRange]).toEqual(["@acme/flyte-ts-pod", "1.0.0", ">=0.2.0 <1.0.0"]);
    const taskSpec = { taskTemplate: { id: { name: "jobs.Nightly_Load" }, container: { image: "img:1", args: ["a0"], env: [{ key: "A", value: "1" }] } } };
    expect(await acmePodPlugin.render!(taskSpec)).toEqual([
      {
        name: "jobs.Nightly_Load.pod",
        resource: {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "jobs-nightly-load", labels: {} },
          spec: {
            containers: [
              {
                name: "primary", image: "img:1", args: ["a0"],
                env: [{ name: "A", value: "1" }, { name: "ACME_MODE", value: "batch" }],
                resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
                terminationMessagePolicy: "FallbackToLogsOnError",
              },
            ],
            restartPolicy: "Never",
            enableServiceLinks: false,
          },
        },
      },
    ]);
  });
});
