// The executor's resource rule (flytek8s ApplyResourceOverrides) as the plugins' previews apply it.
import { describe, expect, it } from "vitest";
import { kubernetesResources } from "@flyte-ts/core/plugin-kit";

describe("kubernetesResources", () => {
  it("mirrors ephemeral storage and GPUs, and defaults cpu and memory", () => {
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

  it("leaves an untranslated gpu entry (a Dask role's) as given, as the backend does", () => {
    expect(kubernetesResources({ requests: [{ name: "GPU", value: "1" }] }, "gpu")).toEqual({
      requests: { gpu: "1", cpu: "1", memory: "1Gi" },
      limits: { cpu: "1", memory: "1Gi" },
    });
  });

  it("drops names it does not know and gives the platform defaults for no resources", () => {
    expect(kubernetesResources({ requests: [{ name: "UNKNOWN", value: "3" }] })).toEqual({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } });
    expect(kubernetesResources(undefined)).toEqual({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } });
  });
});
