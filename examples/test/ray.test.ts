import { describe, expect, it } from "vitest";
import { SerializationContext, serializeTask, taskSpecToJson } from "@flyte-ts/core";
import { renderRayJob } from "@flyte-ts/plugin-ray";
import { sweep } from "../src/ray.ts";

describe("the Ray example", () => {
  const spec = taskSpecToJson(serializeTask(sweep, new SerializationContext({ version: "example", rootDir: new URL("..", import.meta.url).pathname })));

  it("serializes a head, an autoscaling GPU group and the runtime env", () => {
    const template = spec.taskTemplate as Record<string, any>;
    expect(template.type).toBe("ray");
    expect(template.custom.rayCluster.workerGroupSpec[0]).toMatchObject({
      groupName: "gpu", replicas: 1, maxReplicas: 4,
      extendedResources: { gpuAccelerator: { device: "nvidia-tesla-a100" }, sharedMemory: { mountPath: "/dev/shm", mountName: "flyte-shm", sizeLimit: "8Gi" } },
    });
    expect(template.custom.rayCluster.autoscalerOptions).toEqual({ upscalingMode: "UPSCALING_MODE_CONSERVATIVE", idleTimeoutSeconds: 120 });
    expect(template.custom.runtimeEnvYaml).toBe("env_vars:\n  OMP_NUM_THREADS: '1'\npip:\n- torch==2.4.0\n");
  });

  it("renders a RayJob that passes the CRD check", async () => {
    const [rendered] = await renderRayJob(spec);
    expect((rendered!.resource.spec as Record<string, any>).rayClusterSpec.workerGroupSpecs[0].groupName).toBe("gpu");
  });
});

// The in-cluster runtime writes the sweep's output to outputs.pb: `rayInit` (a record of unknown values) is a
// JSON-like msgpack map inside the output struct. literal-io is internal to @flyte-ts/core, so it is loaded by path.
interface LiteralIo {
  encodeOutputs(output: unknown, settings: unknown): Uint8Array;
  decodeOutputs(bytes: Uint8Array, settings: unknown): unknown;
}
describe("the Ray example's output as outputs.pb", () => {
  const literalIo = () => import(new URL("../../packages/flyte-core/src/runtime/literal-io.ts", import.meta.url).href) as Promise<LiteralIo>;

  it("round-trips the value a cluster run returns", async () => {
    const { encodeOutputs, decodeOutputs } = await literalIo();
    const output = { best: 0.25, rayInit: { address: "auto", runtime_env: { working_dir: "s3://bucket/code.tar.gz", excludes: [] } } };
    const bytes = encodeOutputs(output, sweep.settings);
    // The msgpack part equals Python's msgpack.packb of the same dict (checked in the conformance venv).
    expect(Buffer.from(bytes).toString("hex")).toBe(
      "0a750a026f30126f0a6d1a6b0a6082a462657374cb3fd0000000000000a7726179496e697482a761646472657373a46175746fab72756e74696d655f" +
        "656e7682ab776f726b696e675f646972b773333a2f2f6275636b65742f636f64652e7461722e677aa86578636c756465739012076d73677061636b",
    );
    expect(decodeOutputs(bytes, sweep.settings)).toStrictEqual(output);
  });
});
