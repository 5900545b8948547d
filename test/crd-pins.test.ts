// The engines' CRD schemas are derived at bootstrap from the operators' pinned packages (scripts/vendor-crds.mjs):
// every plugin that validates a preview pins its operator package, .crds/ holds what that pin gave, the
// plugin's schema is the one derived from it, and the plugin's README names the operator version.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain .mjs scripts without type declarations
import { CRD_DIR, crdPins, crdYamlPath } from "../scripts/vendor-crds.mjs";
// @ts-expect-error: plain .mjs scripts without type declarations
import { crdSchemaWithoutDescriptions } from "../scripts/crd-schema.mjs";

interface Pin { source: string; sum?: string; sha256?: string; path: string; version: string; schema: string }
const pins = (crdPins as () => { packageDir: string; packageName: string; pin: Pin }[])();

describe("CRD pins", () => {
  it("are the operator packages and versions the plugins validate against", () => {
    expect(pins.map((p) => [p.packageName, p.pin.source, p.pin.path, p.pin.version])).toEqual([
      ["@flyte-ts/plugin-dask", "pypi:dask-kubernetes==2023.6.0", "dask_kubernetes/operator/deployment/helm/dask-kubernetes-operator/crds/daskjob.yaml", "v1"],
      ["@flyte-ts/plugin-ray", "go:github.com/ray-project/kuberay/ray-operator@v1.5.0", "config/crd/bases/ray.io_rayjobs.yaml", "v1"],
      ["@flyte-ts/plugin-spark", "go:github.com/kubeflow/spark-operator/v2@v2.5.2", "config/crd/bases/sparkoperator.k8s.io_sparkapplications.yaml", "v1beta2"],
    ]);
  });

  const sources = JSON.parse(readFileSync(join(CRD_DIR as string, "sources.json"), "utf8")) as Record<string, { package: string; pin: Pin }>;
  describe.each(pins)("$packageName", ({ packageDir, packageName, pin }) => {
    it("has its CRD in .crds/ from exactly the pinned package", () => {
      const yamlPath = (crdYamlPath as (p: Pin) => string)(pin);
      expect(sources[yamlPath.slice(yamlPath.lastIndexOf("/") + 1)]).toEqual({ package: packageName, pin });
    });
    it("validates against the schema derived from that CRD", () => {
      const derived = (crdSchemaWithoutDescriptions as (y: string, v: string) => unknown)(readFileSync((crdYamlPath as (p: Pin) => string)(pin), "utf8"), pin.version);
      expect(JSON.parse(readFileSync(join(packageDir, pin.schema), "utf8"))).toEqual(derived);
    });
    it("names the operator version in its README", () => {
      const version = pin.source.replace(/^.*(?:@|==)/, "");
      expect(readFileSync(join(packageDir, "README.md"), "utf8")).toContain(`**${version}**`);
    });
  });
});
