import { describe, expect, it } from "vitest";
import { applyAcceleratorSelectors } from "../src/render/accelerator-selectors.ts";

const gpuPod = () => ({ containers: [{ name: "ray-worker", resources: { limits: { "nvidia.com/gpu": "1" } } }] as Record<string, any>[] }) as Record<string, any>;

describe("accelerator node affinity and tolerations", () => {
  it("requires and tolerates the device and its partition size, with the default GPU labels", () => {
    const spec = gpuPod();
    applyAcceleratorSelectors(spec, { device: "nvidia-tesla-a100", partitionSize: "1g.5gb" });
    expect(spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [
              { key: "k8s.amazonaws.com/accelerator", operator: "In", values: ["nvidia-tesla-a100"] },
              { key: "k8s.amazonaws.com/gpu-partition-size", operator: "In", values: ["1g.5gb"] },
            ],
          }],
        },
      },
    });
    expect(spec.tolerations).toEqual([
      { key: "k8s.amazonaws.com/accelerator", value: "nvidia-tesla-a100", operator: "Equal", effect: "NoSchedule" },
      { key: "k8s.amazonaws.com/gpu-partition-size", value: "1g.5gb", operator: "Equal", effect: "NoSchedule" },
    ]);
  });

  it("uses the TPU labels, asks for nodes without a partition label when unpartitioned, and adds to existing terms once", () => {
    const spec = { containers: [{ resources: { requests: { "google.com/tpu": "4" } } }], tolerations: [{ key: "cloud.google.com/gke-tpu-accelerator", value: "tpu-v5p-slice", operator: "Equal", effect: "NoSchedule" }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }] }, {}] } } } } as Record<string, any>;
    applyAcceleratorSelectors(spec, { device: "tpu-v5p-slice", deviceClass: "GOOGLE_TPU", unpartitioned: true });
    const device = { key: "cloud.google.com/gke-tpu-accelerator", operator: "In", values: ["tpu-v5p-slice"] };
    const noPartition = { key: "cloud.google.com/gke-tpu-topology", operator: "DoesNotExist" };
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: "zone", operator: "In", values: ["a"] }, device, noPartition] },
      { matchExpressions: [device, noPartition] },
    ]);
    expect(spec.tolerations).toHaveLength(1);
  });

  it("leaves a pod without accelerator resources alone", () => {
    const spec = { containers: [{ resources: { limits: { cpu: "1" } } }] } as Record<string, any>;
    applyAcceleratorSelectors(spec, { device: "nvidia-tesla-a100" });
    expect(spec).toEqual({ containers: [{ resources: { limits: { cpu: "1" } } }] });
  });
});
