import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkAgainstSchema, crdSchema } from "@flyte-ts/core";

// The operators' own CRDs, copied at bootstrap from their pinned packages by scripts/vendor-crds.mjs.
const crds = join(import.meta.dirname, "../../../.crds");
const spark = crdSchema(readFileSync(join(crds, "sparkoperator.k8s.io_sparkapplications.yaml"), "utf8"), "v1beta2");
const rayJob = crdSchema(readFileSync(join(crds, "ray.io_rayjobs.yaml"), "utf8"), "v1");

const validSpark = {
  apiVersion: "sparkoperator.k8s.io/v1beta2",
  kind: "SparkApplication",
  metadata: { name: "app" },
  spec: {
    type: "Python", mode: "cluster", sparkVersion: "3.5.0", mainApplicationFile: "local:///opt/venv/bin/runtime.py",
    driver: { cores: 1, memory: "1g", template: { spec: { containers: [{ name: "spark", resources: { limits: { cpu: 1 } } }] } } },
    executor: { instances: 2, cores: 1 },
    sparkConf: { "spark.x": "1" },
  },
};

describe("checkAgainstSchema on the official CRDs", () => {
  it("accepts a valid SparkApplication", () => {
    expect(checkAgainstSchema(validSpark, spark)).toEqual([]);
  });

  it("reports each violation with the object path and the schema path", () => {
    const bad = structuredClone(validSpark) as any;
    bad.spec.type = "PYTHON";
    delete bad.spec.mainApplicationFile;
    bad.spec.driver.cores = "one";
    bad.spec.executor.instancez = 3;
    expect(checkAgainstSchema(bad, spark)).toEqual([
      { path: "spec.mainApplicationFile", schemaPath: "properties.spec.required", message: "is required" },
      { path: "spec.type", schemaPath: "properties.spec.properties.type.enum", message: 'must be one of "Java", "Python", "Scala", "R", got "PYTHON"' },
      { path: "spec.driver.cores", schemaPath: "properties.spec.properties.driver.properties.cores.type", message: "must be integer, got string" },
      { path: "spec.executor.instancez", schemaPath: "properties.spec.properties.executor.properties", message: "is not a field of this resource (the API server would drop it)" },
    ]);
  });

  it("checks int-or-string quantities and enums in a RayJob", () => {
    const job = {
      apiVersion: "ray.io/v1", kind: "RayJob", metadata: { name: "j" },
      spec: {
        entrypoint: "python x.py",
        rayClusterSpec: {
          enableInTreeAutoscaling: true,
          autoscalerOptions: { upscalingMode: "aggressive" },
          headGroupSpec: { rayStartParams: {}, template: { spec: { containers: [{ name: "ray-head", resources: { limits: { cpu: 1.5 } } }] } } },
          workerGroupSpecs: [{ groupName: "w", rayStartParams: {}, template: { spec: { containers: [{ name: "w" }] } } }],
        },
      },
    };
    expect(checkAgainstSchema(job, rayJob).map((v) => [v.path, v.message])).toEqual([
      ["spec.rayClusterSpec.autoscalerOptions.upscalingMode", 'must be one of "Default", "Aggressive", "Conservative", got "aggressive"'],
      ["spec.rayClusterSpec.headGroupSpec.template.spec.containers[0].resources.limits.cpu", "must be an integer or a string, got number"],
      ["spec.rayClusterSpec.workerGroupSpecs[0].maxReplicas", "is required"],
      ["spec.rayClusterSpec.workerGroupSpecs[0].minReplicas", "is required"],
    ]);
  });
});
