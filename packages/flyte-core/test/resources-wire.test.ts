import { describe, expect, it } from "vitest";
import {
  ACCELERATOR_DEVICE_MAP,
  AMD_GPU,
  APPLE_SILICON,
  appleSiliconExecutionEnv,
  ConfigError,
  DEVICE_CLASS_PROTO_NAMES,
  Device,
  GPU,
  HABANA_GAUDI,
  Neuron,
  Resources,
  type ResourcesOptions,
  TPU,
  getProtoExtendedResources,
  getProtoResources,
  podSpecFromResources,
} from "@flyte-ts/core";
import { configError } from "./helpers.ts";


/** What goes on the wire: a JSON round trip (drops undefined-valued keys, keeps key sets honest). */
const wire = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

const HINT = 'a Kubernetes quantity such as "500m", "2", "4Gi" or "512Mi"';

describe("ACCELERATOR_DEVICE_MAP and DEVICE_CLASS_PROTO_NAMES", () => {
  it("is exactly the 22-entry table of flyte 2.12.1", () => {
    expect(ACCELERATOR_DEVICE_MAP).toEqual({
      A100: "nvidia-tesla-a100",
      A100_80G: "nvidia-a100-80gb",
      "A100 80G": "nvidia-a100-80gb",
      H100: "nvidia-tesla-h100",
      A10: "nvidia-a10",
      A10G: "nvidia-a10g",
      A100G: "nvidia-a100g",
      L4: "nvidia-l4",
      L40s: "nvidia-l40s",
      L4_VWS: "nvidia-l4-vws",
      K80: "nvidia-tesla-k80",
      M60: "nvidia-tesla-m60",
      P4: "nvidia-tesla-p4",
      P100: "nvidia-tesla-p100",
      RTX_PRO_4500: "nvidia-rtx-pro-4500",
      RTX_PRO_6000: "nvidia-rtx-pro-6000",
      "RTX PRO 6000": "nvidia-rtx-pro-6000",
      T4: "nvidia-tesla-t4",
      V100: "nvidia-tesla-v100",
      V5E: "tpu-v5-lite-podslice",
      V5P: "tpu-v5p-slice",
      V6E: "tpu-v6e-slice",
    });
    expect(Object.isFrozen(ACCELERATOR_DEVICE_MAP)).toBe(true);
  });

  it("maps device classes to GPUAccelerator.DeviceClass names (APPLE_SILICON by its number, which the schema lacks)", () => {
    expect(DEVICE_CLASS_PROTO_NAMES).toEqual({
      GPU: "NVIDIA_GPU",
      TPU: "GOOGLE_TPU",
      NEURON: "AMAZON_NEURON",
      AMD_GPU: "AMD_GPU",
      HABANA_GAUDI: "HABANA_GAUDI",
      APPLE_SILICON: 5,
    });
  });
});

describe("getProtoResources", () => {
  it("matches the spec §2.2 example (with Kubernetes memory units)", () => {
    const res = new Resources({ cpu: [1, 2], memory: ["2Gi", "4Gi"], gpu: "T4:1", disk: "5Gi", shm: "1Gi" });
    expect(wire(getProtoResources(res))).toEqual({
      requests: [
        { name: "CPU", value: "1" },
        { name: "MEMORY", value: "2Gi" },
        { name: "GPU", value: "1" },
        { name: "EPHEMERAL_STORAGE", value: "5Gi" },
      ],
      limits: [
        { name: "CPU", value: "2" },
        { name: "MEMORY", value: "4Gi" },
      ],
    });
  });

  it('rejects the spec example\'s "2GiB"/"4GiB"/"5GiB"/"1GiB" (not Kubernetes quantities; stricter than the reference)', () => {
    const err = configError(() =>
      getProtoResources({ cpu: [1, 2], memory: ["2GiB", "4GiB"], gpu: "T4:1", disk: "5GiB", shm: "1GiB" }),
    );
    expect(err.issues).toEqual([
      { path: ["memory", 0], message: `memory must be ${HINT}, got "2GiB"` },
      { path: ["memory", 1], message: `memory must be ${HINT}, got "4GiB"` },
      { path: ["disk"], message: `disk must be ${HINT}, got "5GiB"` },
      { path: ["shm"], message: `shm must be "auto" or ${HINT}, got "1GiB"` },
    ]);
    expect(err.message.split("\n")[1]).toBe(`  - memory[0]: memory must be ${HINT}, got "2GiB"`);
  });

  it("is undefined for undefined, empty resources and shm-only resources", () => {
    for (const options of [undefined, {}, { shm: "1Gi" }, { shm: "auto" }]) {
      expect(getProtoResources(options), JSON.stringify(options)).toBeUndefined();
    }
  });

  it("encodes scalar values as requests only (cpu 0 is accepted, as in the reference)", () => {
    const cases: Array<[ResourcesOptions, string, string]> = [
      [{ cpu: 0.5 }, "CPU", "0.5"],
      [{ cpu: 0 }, "CPU", "0"],
      [{ cpu: "500m" }, "CPU", "500m"],
      [{ memory: "512Mi" }, "MEMORY", "512Mi"],
      [{ disk: "20Gi" }, "EPHEMERAL_STORAGE", "20Gi"],
    ];
    for (const [options, name, value] of cases) {
      expect(wire(getProtoResources(options)), JSON.stringify(options)).toEqual({ requests: [{ name, value }] });
    }
  });

  it("encodes the accelerator quantity as a GPU request for counts, strings and every Device kind", () => {
    const cases: Array<[ResourcesOptions["gpu"], string]> = [
      [2, "2"],
      ["Trn1:16", "16"],
      [GPU("H100", 3, "1g.10gb"), "3"],
      [TPU("V5P", "2x2x1"), "1"],
      [Neuron("Inf1"), "1"],
    ];
    for (const [gpu, value] of cases) {
      expect(wire(getProtoResources({ gpu })), value).toEqual({ requests: [{ name: "GPU", value }] });
    }
  });

  it.each<[string, ResourcesOptions, unknown]>([
    [
      "a cpu pair and scalar memory (limits are not mirrored)",
      { cpu: ["250m", "1"], memory: "1Gi" },
      { requests: [{ name: "CPU", value: "250m" }, { name: "MEMORY", value: "1Gi" }], limits: [{ name: "CPU", value: "1" }] },
    ],
  ])("encodes %s", (_label, options, expected) => {
    expect(wire(getProtoResources(options))).toEqual(expected);
  });

  it("gives the same result for a Resources instance and the equivalent plain object", () => {
    const options: ResourcesOptions = { cpu: [1, 2], memory: "2Gi", gpu: 1 };
    expect(getProtoResources(new Resources(options))).toEqual(getProtoResources(options));
  });
});

describe("getProtoExtendedResources", () => {
  it("is undefined without accelerator type and shm (a plain GPU count carries no type)", () => {
    for (const options of [undefined, { cpu: 1, memory: "1Gi", disk: "1Gi" }, { gpu: 2 }]) {
      expect(getProtoExtendedResources(options), JSON.stringify(options)).toBeUndefined();
    }
  });

  const accelerator = (gpu: ResourcesOptions["gpu"]) => wire(getProtoExtendedResources({ gpu }));

  it("maps NVIDIA accelerator strings through ACCELERATOR_DEVICE_MAP (NVIDIA_GPU class omitted)", () => {
    expect(accelerator("A100:2")).toEqual({ gpuAccelerator: { device: "nvidia-tesla-a100" } });
    expect(accelerator("A100 80G:1")).toEqual({ gpuAccelerator: { device: "nvidia-a100-80gb" } });
    expect(accelerator("A100_80G:1")).toEqual({ gpuAccelerator: { device: "nvidia-a100-80gb" } });
    expect(accelerator("RTX_PRO_4500:1")).toEqual({ gpuAccelerator: { device: "nvidia-rtx-pro-4500" } });
    expect(accelerator("RTX_PRO_6000:2")).toEqual({ gpuAccelerator: { device: "nvidia-rtx-pro-6000" } });
    expect(accelerator("RTX PRO 6000:1")).toEqual({ gpuAccelerator: { device: "nvidia-rtx-pro-6000" } });
    expect(accelerator(GPU("RTX PRO 6000", 1, "2g.48gb"))).toEqual({ gpuAccelerator: { device: "nvidia-rtx-pro-6000", partitionSize: "2g.48gb" } });
    expect(accelerator("T4:1")).toEqual({ gpuAccelerator: { device: "nvidia-tesla-t4" } });
    expect(accelerator("L40s:4")).toEqual({ gpuAccelerator: { device: "nvidia-l40s" } });
  });

  it("passes unmapped accelerator names through verbatim", () => {
    for (const name of ["H200", "B200", "GB10", "A2", "T4 shared", "L40S shared"]) {
      expect(accelerator(`${name}:1` as never), name).toEqual({ gpuAccelerator: { device: name } });
    }
  });

  it("emits the device class of Neuron, AMD and Habana accelerator strings", () => {
    expect(accelerator("Trn1:16")).toEqual({ gpuAccelerator: { device: "Trn1", deviceClass: "AMAZON_NEURON" } });
    expect(accelerator("Inf2:12")).toEqual({ gpuAccelerator: { device: "Inf2", deviceClass: "AMAZON_NEURON" } });
    expect(accelerator("MI300X:1")).toEqual({ gpuAccelerator: { device: "MI300X", deviceClass: "AMD_GPU" } });
    expect(accelerator("Gaudi1:1")).toEqual({ gpuAccelerator: { device: "Gaudi1", deviceClass: "HABANA_GAUDI" } });
  });

  it("emits TPU V5E as tpu-v5-lite-podslice and Apple Silicon as device class 5", () => {
    expect(accelerator(TPU("V5E", "2x4"))).toEqual({ gpuAccelerator: { device: "tpu-v5-lite-podslice", partitionSize: "2x4", deviceClass: "GOOGLE_TPU" } });
    expect(accelerator("AppleSilicon")).toEqual({ gpuAccelerator: { device: "AppleSilicon", deviceClass: 5 } });
    expect(accelerator(APPLE_SILICON())).toEqual({ gpuAccelerator: { device: "AppleSilicon", deviceClass: 5 } });
  });

  it("emits nothing for gpu: 0 (no accelerator)", () => {
    expect(getProtoExtendedResources({ gpu: 0 })).toBeUndefined();
    expect(getProtoResources({ gpu: 0 })).toBeUndefined();
    expect(wire(getProtoResources({ cpu: 1, gpu: 0 }))).toEqual({ requests: [{ name: "CPU", value: "1" }] });
  });

  it("emits a truthy partition as partitionSize (checked or not)", () => {
    expect(accelerator(GPU("A100", 1, "1g.5gb"))).toEqual({ gpuAccelerator: { device: "nvidia-tesla-a100", partitionSize: "1g.5gb" } });
    expect(accelerator(GPU("T4", 1, "anything"))).toEqual({ gpuAccelerator: { device: "nvidia-tesla-t4", partitionSize: "anything" } });
    expect(accelerator(new Device({ quantity: 2, device: "H100", partition: "" }))).toEqual({ gpuAccelerator: { device: "nvidia-tesla-h100" } });
  });

  it("encodes TPU, Neuron, AMD and Habana Devices", () => {
    expect(accelerator(TPU("V5P", "2x2x1"))).toEqual({
      gpuAccelerator: { device: "tpu-v5p-slice", partitionSize: "2x2x1", deviceClass: "GOOGLE_TPU" },
    });
    expect(accelerator(TPU("V6E"))).toEqual({ gpuAccelerator: { device: "tpu-v6e-slice", deviceClass: "GOOGLE_TPU" } });
    expect(accelerator(new Device({ quantity: 1, deviceClass: "TPU", device: "V5E" }))).toEqual({
      gpuAccelerator: { device: "tpu-v5-lite-podslice", deviceClass: "GOOGLE_TPU" },
    });
    expect(accelerator(Neuron("Trn2u"))).toEqual({ gpuAccelerator: { device: "Trn2u", deviceClass: "AMAZON_NEURON" } });
    expect(accelerator(AMD_GPU("MI355X"))).toEqual({ gpuAccelerator: { device: "MI355X", deviceClass: "AMD_GPU" } });
    expect(accelerator(HABANA_GAUDI("Gaudi1"))).toEqual({ gpuAccelerator: { device: "Gaudi1", deviceClass: "HABANA_GAUDI" } });
  });

  it("passes custom device names through verbatim, including names of Object.prototype members", () => {
    for (const device of ["my-accelerator", "toString", "constructor"]) {
      expect(wire(getProtoExtendedResources({ gpu: new Device({ quantity: 1, device }) })), device).toEqual({
        gpuAccelerator: { device },
      });
    }
  });

  it("refuses a Device without a model when the Resources is built, not when it is written", () => {
    const err = configError(() => getProtoExtendedResources({ gpu: new Device({ quantity: 1 }) }));
    expect(err.issues).toEqual([{ path: ["gpu", "device"], message: "Device type must be specified for GPU string. Give the model (device), or use a count (gpu: 1) for any GPU." }]);
    expect(configError(() => new Resources({ gpu: new Device({ quantity: 1 }) })).issues).toEqual(err.issues);
  });

  it.each<[string, string, unknown]>([
    ["auto (size omitted)", "auto", { mountPath: "/dev/shm", mountName: "flyte-shm" }],
    ["a size", "1Gi", { mountPath: "/dev/shm", mountName: "flyte-shm", sizeLimit: "1Gi" }],
  ])("encodes shared memory %s", (_label, shm, sharedMemory) => {
    expect(wire(getProtoExtendedResources({ shm }))).toEqual({ sharedMemory });
  });

  it("encodes accelerator and shared memory together", () => {
    expect(wire(getProtoExtendedResources(new Resources({ cpu: 4, gpu: "A10G:1", shm: "2Gi" })))).toEqual({
      gpuAccelerator: { device: "nvidia-a10g" },
      sharedMemory: { mountPath: "/dev/shm", mountName: "flyte-shm", sizeLimit: "2Gi" },
    });
  });
});

describe("podSpecFromResources", () => {
  it("gives one primary container with empty resources by default", () => {
    expect(wire(podSpecFromResources())).toEqual({ containers: [{ name: "primary", resources: {} }] });
  });

  it("mirrors requests into limits and keeps numbers as numbers", () => {
    expect(wire(podSpecFromResources({ requests: { cpu: 1, memory: "1Gi" } }))).toEqual({
      containers: [{ name: "primary", resources: { requests: { cpu: 1, memory: "1Gi" }, limits: { cpu: 1, memory: "1Gi" } } }],
    });
  });

  it("mirrors limits into requests", () => {
    expect(wire(podSpecFromResources({ limits: new Resources({ cpu: "2", memory: "4Gi" }) }))).toEqual({
      containers: [{ name: "primary", resources: { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "2", memory: "4Gi" } } }],
    });
  });

  it("treats empty requests as missing", () => {
    expect(wire(podSpecFromResources({ requests: {}, limits: { cpu: 0.5 } }))).toEqual({
      containers: [{ name: "primary", resources: { requests: { cpu: 0.5 }, limits: { cpu: 0.5 } } }],
    });
  });

  it("writes the accelerator count as a string under the GPU key", () => {
    expect(wire(podSpecFromResources({ requests: { cpu: "500m", gpu: 1 }, limits: { cpu: 2, memory: "4Gi", gpu: "A100:2" } }))).toEqual({
      containers: [
        {
          name: "primary",
          resources: {
            requests: { cpu: "500m", "nvidia.com/gpu": "1" },
            limits: { cpu: 2, memory: "4Gi", "nvidia.com/gpu": "2" },
          },
        },
      ],
    });
  });

  it("uses the given container name and GPU resource key (a TPU counts as 1)", () => {
    expect(
      wire(podSpecFromResources({ primaryContainerName: "ray-head", requests: { gpu: TPU("V6E", "2x2") }, k8sGpuResourceKey: "google.com/tpu" })),
    ).toEqual({
      containers: [{ name: "ray-head", resources: { requests: { "google.com/tpu": "1" }, limits: { "google.com/tpu": "1" } } }],
    });
  });

  it("maps disk to ephemeral-storage, as flyte 2.12.1 does", () => {
    expect(wire(podSpecFromResources({ requests: { disk: "10Gi" } }))).toEqual({
      containers: [{ name: "primary", resources: { requests: { "ephemeral-storage": "10Gi" }, limits: { "ephemeral-storage": "10Gi" } } }],
    });
  });

  it("leaves shm out (a volume, not a container resource) and writes gpu: 0 as the number 0, as flyte 2.12.1 does", () => {
    expect(wire(podSpecFromResources({ requests: { cpu: 1, shm: "1Gi" }, limits: { gpu: 0, shm: "auto" } }))).toEqual({
      containers: [{ name: "primary", resources: { requests: { cpu: 1 }, limits: { "nvidia.com/gpu": 0 } } }],
    });
  });

  it("returns separate request and limit maps", () => {
    const spec = podSpecFromResources({ requests: { cpu: 1 } });
    const { requests, limits } = spec.containers[0].resources;
    expect(requests).not.toBe(limits);
  });

  it("rejects pairs, reporting both sides in one error", () => {
    const err = configError(() =>
      podSpecFromResources({ requests: { cpu: [1, 2], shm: "1Gi" }, limits: { memory: ["1Gi", "2Gi"], gpu: 0 } }),
    );
    expect(err.subject).toBe("resources");
    expect(err.issues).toEqual([
      { path: ["requests", "cpu"], message: "cpu must be a single value here, not a [request, limit] pair: requests and limits are given separately" },
      { path: ["limits", "memory"], message: "memory must be a single value here, not a [request, limit] pair: requests and limits are given separately" },
    ]);
  });

  it("reports pair errors of a valid Resources under its side", () => {
    const err = configError(() => podSpecFromResources({ limits: new Resources({ memory: ["1Gi", "2Gi"] }) }));
    expect(err.issues).toEqual([
      { path: ["limits", "memory"], message: "memory must be a single value here, not a [request, limit] pair: requests and limits are given separately" },
    ]);
    expect(err.message).toBe(
      "Invalid resources (1 problem):\n" +
        "  - limits.memory: memory must be a single value here, not a [request, limit] pair: requests and limits are given separately",
    );
  });

  it("reports invalid plain values under their side", () => {
    expect(configError(() => podSpecFromResources({ requests: { cpu: "abc" } })).issues).toEqual([
      { path: ["requests", "cpu"], message: `cpu must be a number or ${HINT}, got "abc"` },
    ]);
  });
});

describe("appleSiliconExecutionEnv", () => {
  it("asks the runtime to run an Apple Silicon task on the Mac, with no image packages for an image URI", () => {
    const host = { _F_APPLE_SILICON_EXECUTION: "host", _F_APPLE_SILICON_HOST_PACKAGES: "[]" };
    expect(appleSiliconExecutionEnv({ gpu: "AppleSilicon" }, undefined)).toEqual(host);
    expect(appleSiliconExecutionEnv(new Resources({ gpu: APPLE_SILICON() }), { A: "1" })).toEqual(host);
    expect(appleSiliconExecutionEnv({ gpu: "AppleSilicon:1" }, { FLYTE_APPLE_SILICON_EXECUTION: "host" })).toEqual(host);
  });

  it("adds nothing for other accelerators, no resources, or a task that stays in its container", () => {
    expect(appleSiliconExecutionEnv(undefined, undefined)).toEqual({});
    expect(appleSiliconExecutionEnv({ gpu: "T4:1" }, undefined)).toEqual({});
    expect(appleSiliconExecutionEnv({ gpu: 0 }, undefined)).toEqual({});
    expect(appleSiliconExecutionEnv({ gpu: "AppleSilicon" }, { FLYTE_APPLE_SILICON_EXECUTION: "container" })).toEqual({});
  });
});
