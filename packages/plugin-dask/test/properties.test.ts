// Property-based test of the Dask config: accepted ⇒ the task serializes and its DaskJob renders (and
// matches the CRD); refused ⇒ a ConfigError with paths. See packages/flyte-core/test/fuzz.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dask, daskPlugin } from "@flyte-ts/plugin-dask";
import { mostly, options } from "../../flyte-core/test/fuzz/values.ts";
import { checkPluginConfigs } from "../../flyte-core/test/fuzz/plugin-property.ts";

const resources = options({
  cpu: mostly(fc.oneof(fc.constantFrom(1, 2, 0.5, "500m", "2"), fc.tuple(fc.constantFrom(1, "1"), fc.constantFrom(2, "2")))),
  memory: mostly(fc.constantFrom("1Gi", "512Mi", "1G")),
  gpu: mostly(fc.constantFrom(0, 1, "1", "A100:1")),
  shm: mostly(fc.constantFrom("auto", "1Gi")),
  disk: mostly(fc.constantFrom("10Gi")),
}, { oddOneIn: 20 });
const image = mostly(fc.constantFrom("ghcr.io/acme/dask:1", "", " "));
const config = options({
  scheduler: mostly(options({ image, resources }, { oddOneIn: 20 })),
  workers: mostly(options({ numberOfWorkers: mostly(fc.integer({ min: -1, max: 2 ** 31 })), image, resources }, { oddOneIn: 20 })),
}, { oddOneIn: 20 });

describe("Dask config, any input", () => {
  it("is refused with a ConfigError or serializes and renders", { timeout: 240_000 }, async () => {
    const runs = 4_000;
    const rendered = await checkPluginConfigs(config, runs, daskPlugin, (o) => new Dask(o));
    expect(rendered).toBeGreaterThan(runs / 50);
  });
});
