// The executor's resource rule (flytek8s ApplyResourceOverrides) as the DaskJob preview applies it.
import { describe, expect, it } from "vitest";
import { kubernetesResources } from "../src/render/task-pod.ts";

describe("kubernetesResources", () => {
  it("mirrors ephemeral storage and GPUs of the job runner, and defaults cpu and memory", () => {
    expect(kubernetesResources({ requests: [{ name: "GPU", value: "1" }, { name: "EPHEMERAL_STORAGE", value: "10Gi" }], limits: [{ name: "CPU", value: "2" }] })).toEqual({
      requests: { "nvidia.com/gpu": "1", "ephemeral-storage": "10Gi", cpu: "2", memory: "1Gi" },
      limits: { "nvidia.com/gpu": "1", "ephemeral-storage": "10Gi", cpu: "2", memory: "1Gi" },
    });
  });

  it("takes a missing request from the limit", () => {
    expect(kubernetesResources({ limits: [{ name: "GPU", value: "2" }, { name: "MEMORY", value: "4Gi" }] })).toEqual({
      requests: { "nvidia.com/gpu": "2", memory: "4Gi", cpu: "1" },
      limits: { "nvidia.com/gpu": "2", memory: "4Gi", cpu: "1" },
    });
  });

  it("leaves a role's untranslated gpu entry as given, as the backend does", () => {
    expect(kubernetesResources({ requests: [{ name: "GPU", value: "1" }] }, "gpu")).toEqual({
      requests: { gpu: "1", cpu: "1", memory: "1Gi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
  });
});
