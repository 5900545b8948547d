import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sparkApplicationSchema } from "@flyte-ts/plugin-spark";
// @ts-expect-error: a plain .mjs script without type declarations
import { crdSchemaWithoutDescriptions as extractSchema } from "../../../scripts/crd-schema.mjs";

// Derived at bootstrap from the spark-operator Go module by scripts/vendor-crds.mjs.
const crdFile = new URL("../../../.crds/sparkoperator.k8s.io_sparkapplications.yaml", import.meta.url);

describe("the SparkApplication CRD schema kept in the package", () => {
  it("is the v1beta2 openAPIV3Schema of the operator's CRD (regenerate: pnpm run vendor:crds --force)", async () => {
    const fresh = (extractSchema as (yaml: string, version: string) => unknown)(readFileSync(crdFile, "utf8"), "v1beta2");
    expect(await sparkApplicationSchema()).toEqual(fresh);
  });

  it("is loaded once and requires what the operator requires", async () => {
    const schema = await sparkApplicationSchema();
    expect(await sparkApplicationSchema()).toBe(schema);
    expect((schema.properties!.spec as { required: string[] }).required).toEqual(["driver", "executor", "mainApplicationFile", "sparkVersion", "type"]);
  });
});
