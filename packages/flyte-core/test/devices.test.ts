import { describe, expect, it } from "vitest";
import {
  ACCELERATOR_STRINGS,
  AMD_GPU,
  APPLE_SILICON,
  DEPRECATED_GPU_ALIASES,
  SHARED_GPU_TYPES,
  normalizeAccelerator,
  AMD_GPU_TYPES,
  ConfigError,
  DEVICE_CLASSES,
  Device,
  GPU,
  GPU_PARTITIONS,
  GPU_TYPES,
  HABANA_GAUDI,
  HABANA_GAUDI_TYPES,
  NEURON_TYPES,
  Neuron,
  TPU,
  TPU_PARTITIONS,
  TPU_TYPES,
  isAccelerator,
  isDevice,
} from "@flyte-ts/core";
import { configError } from "./helpers.ts";


const fields = (d: Device) => ({ quantity: d.quantity, deviceClass: d.deviceClass, device: d.device, partition: d.partition });

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// The accelerator table of flyte 2.12.1 (flyte/_resources.py `Accelerators`), written out independently of
// the implementation.
const SPEC_ACCELERATORS: Array<[string, number[]]> = [
  ["A2", [1]],
  ...["A10", "A10G", "A100", "A100_80G", "B200", "H100", "H200", "L4", "L40s", "V100", "T4"].map(
    (n): [string, number[]] => [n, range(1, 8)],
  ),
  ["RTX_PRO_4500", [1]],
  ["RTX_PRO_6000", [1, 2]],
  ["GB10", [1]],
  ...["T4 shared", "L4 shared", "A10G shared", "A10 shared", "L40S shared"].map((n): [string, number[]] => [n, [1]]),
  ["AppleSilicon", [1]],
  ...["Trn1", "Trn1n", "Trn2", "Trn2u"].map((n): [string, number[]] => [n, [1, 4, 8, 16]]),
  ["Inf1", range(1, 16)],
  ["Inf2", range(1, 12)],
  ...["MI100", "MI210", "MI250", "MI250X", "MI300A", "MI300X", "MI325X", "MI350X", "MI355X"].map(
    (n): [string, number[]] => [n, [1]],
  ),
  ["Gaudi1", [1]],
];

const ACCELERATOR_LIST_MESSAGE = 'gpu must be one of the accelerator strings "<name>:<count>" or a whole-number count';

describe("ACCELERATOR_STRINGS", () => {
  it("has exactly the 154 distinct entries of flyte 2.12.1", () => {
    expect(ACCELERATOR_STRINGS).toHaveLength(154);
    expect(new Set(ACCELERATOR_STRINGS).size).toBe(154);
  });

  it("is exactly the reference's name × quantity table, plus the bare \"AppleSilicon\"", () => {
    const expected = [...SPEC_ACCELERATORS.flatMap(([name, qs]) => qs.map((q) => `${name}:${q}`)), "AppleSilicon"];
    expect([...ACCELERATOR_STRINGS].sort()).toEqual([...expected].sort());
  });

  it("starts and ends in the reference's order", () => {
    expect(ACCELERATOR_STRINGS.slice(0, 3)).toEqual(["A2:1", "A10:1", "A10:2"]);
    expect(ACCELERATOR_STRINGS.slice(-3)).toEqual(["Gaudi1:1", "AppleSilicon", "AppleSilicon:1"]);
  });

  it("isAccelerator accepts the exact spellings at the edges of each range", () => {
    for (const value of [
      "A2:1", "A100_80G:8", "L40s:1", "RTX_PRO_4500:1", "RTX_PRO_6000:2", "GB10:1", "T4 shared:1", "L40S shared:1", "Trn1:16",
      "Trn2u:4", "Inf1:16", "Inf2:12", "MI300X:1", "Gaudi1:1", "T4:8", "AppleSilicon", "AppleSilicon:1",
    ]) {
      expect(isAccelerator(value), value).toBe(true);
    }
  });

  it("isAccelerator accepts the deprecated spellings \"A100 80G\" and \"RTX PRO 6000\" (not listed themselves)", () => {
    for (const value of ["A100 80G:1", "A100 80G:8", "RTX PRO 6000:1", "RTX PRO 6000:2"]) {
      expect(isAccelerator(value), value).toBe(true);
      expect(ACCELERATOR_STRINGS, value).not.toContain(value);
    }
  });

  it("isAccelerator rejects near misses (wrong case, quantity out of range, TPU names, malformed)", () => {
    for (const value of [
      "A100:0", "A100:9", "L40S:1", "A100-80G:1", "A10080G:1", "RTX PRO 6000:3", "RTX_PRO_6000:3", "RTX_PRO_4500:2", "A2:2",
      "GB10:2", "Trn1:2", "Inf2:13", "Inf1:17", "MI300X:2", "Gaudi1:2", "V5P:1", "V6E:1", "V5E:1", "A100", "A100:", "a100:1",
      " A100:1", "A100:1.0", "T4 shared:2", "T4 shared", "T4shared:1", "AppleSilicon:2", "applesilicon", "A100 80G",
    ]) {
      expect(isAccelerator(value), value).toBe(false);
      expect(ACCELERATOR_STRINGS, value).not.toContain(value);
    }
  });

  it("normalizeAccelerator replaces only a deprecated GPU name", () => {
    expect(normalizeAccelerator("A100 80G:4")).toBe("A100_80G:4");
    expect(normalizeAccelerator("RTX PRO 6000:2")).toBe("RTX_PRO_6000:2");
    expect(normalizeAccelerator("A100:4")).toBe("A100:4");
    expect(normalizeAccelerator("T4 shared:1")).toBe("T4 shared:1");
    expect(normalizeAccelerator("A100 80G")).toBe("A100_80G");
  });
});

describe("exported type tables", () => {
  it("lists GPU types in the reference's error-message order", () => {
    expect(GPU_TYPES).toEqual([
      "A2", "A10", "A10G", "A100", "A100_80G", "B200", "H100", "H200", "L4", "L40s", "T4", "V100", "RTX_PRO_4500", "RTX_PRO_6000",
      "GB10", "T4 shared", "L4 shared", "A10G shared", "A10 shared", "L40S shared",
    ]);
    expect(SHARED_GPU_TYPES).toEqual(["T4 shared", "L4 shared", "A10G shared", "A10 shared", "L40S shared"]);
    expect(DEPRECATED_GPU_ALIASES).toEqual({ "A100 80G": "A100_80G", "RTX PRO 6000": "RTX_PRO_6000" });
  });

  it("lists the other device families and classes", () => {
    expect(TPU_TYPES).toEqual(["V5E", "V5P", "V6E"]);
    expect(NEURON_TYPES).toEqual(["Inf1", "Inf2", "Trn1", "Trn1n", "Trn2", "Trn2u"]);
    expect(AMD_GPU_TYPES).toEqual(["MI100", "MI210", "MI250", "MI250X", "MI300A", "MI300X", "MI325X", "MI350X", "MI355X"]);
    expect(HABANA_GAUDI_TYPES).toEqual(["Gaudi1"]);
    expect(DEVICE_CLASSES).toEqual(["GPU", "TPU", "NEURON", "AMD_GPU", "HABANA_GAUDI", "APPLE_SILICON"]);
  });

  it("has the spec's partition lists", () => {
    expect(GPU_PARTITIONS).toEqual({
      A100: ["1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"],
      A100_80G: ["1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
      H100: ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
      H200: ["1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"],
      RTX_PRO_6000: ["1g.24gb", "2g.48gb", "4g.96gb"],
    });
    expect(TPU_PARTITIONS).toEqual({
      V5P: ["2x2x1", "2x2x2", "2x4x4", "4x4x4", "4x4x8", "4x8x8", "8x8x8", "8x8x16", "8x16x16", "16x16x16", "16x16x24"],
      V6E: ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"],
      V5E: ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"],
    });
  });
});

describe("Device", () => {
  it("defaults to class GPU with no model and no partition, and is frozen", () => {
    const d = new Device({ quantity: 2 });
    expect(fields(d)).toEqual({ quantity: 2, deviceClass: "GPU", device: undefined, partition: undefined });
    expect(d.kind).toBe("flyte.Device");
    expect(Object.isFrozen(d)).toBe(true);
  });

  it("keeps every given field", () => {
    const d = new Device({ quantity: 1, deviceClass: "TPU", device: "V5P", partition: "2x2x1" });
    expect(fields(d)).toEqual({ quantity: 1, deviceClass: "TPU", device: "V5P", partition: "2x2x1" });
  });

  it("rejects a quantity below 1 or not an integer with the reference's text plus the value", () => {
    for (const quantity of [0, -1, 1.5, Number.NaN]) {
      const err = configError(() => new Device({ quantity }));
      expect(err.subject).toBe("Device");
      expect(err.issues, String(quantity)).toEqual([{ path: ["quantity"], message: `GPU quantity must be at least 1 (an integer), got ${quantity}` }]);
    }
  });

  it("rejects an unknown device class (stricter than the reference, which does not validate it)", () => {
    const err = configError(() => new Device({ quantity: 0, deviceClass: "FPGA" as never }));
    expect(err.issues).toEqual([
      { path: ["quantity"], message: "GPU quantity must be at least 1 (an integer), got 0" },
      { path: ["deviceClass"], message: "must be one of GPU, TPU, NEURON, AMD_GPU, HABANA_GAUDI, APPLE_SILICON, got FPGA" },
    ]);
    expect(err.message).toBe(
      "Invalid Device (2 problems):\n" +
        "  - quantity: GPU quantity must be at least 1 (an integer), got 0\n" +
        "  - deviceClass: must be one of GPU, TPU, NEURON, AMD_GPU, HABANA_GAUDI, APPLE_SILICON, got FPGA",
    );
  });

  it("requires device \"AppleSilicon\" and class APPLE_SILICON together, with quantity 1 (as the reference)", () => {
    const pairing = { path: ["deviceClass"], message: 'The Apple Silicon device is device "AppleSilicon" with deviceClass "APPLE_SILICON"' };
    expect(configError(() => new Device({ quantity: 1, device: "AppleSilicon" })).issues).toEqual([pairing]);
    expect(configError(() => new Device({ quantity: 1, deviceClass: "APPLE_SILICON" })).issues).toEqual([pairing]);
    expect(configError(() => new Device({ quantity: 2, deviceClass: "APPLE_SILICON", device: "AppleSilicon" })).issues).toEqual([
      { path: ["quantity"], message: "An Apple Silicon device is the Mac's single Metal GPU; quantity must be 1" },
    ]);
  });

  it("APPLE_SILICON() is the Mac's one Metal GPU", () => {
    expect(fields(APPLE_SILICON())).toEqual({ quantity: 1, deviceClass: "APPLE_SILICON", device: "AppleSilicon", partition: undefined });
  });

  it.each([
    ["A100 80G:4", { quantity: 4, deviceClass: "GPU", device: "A100_80G" }],
    ["RTX PRO 6000:1", { quantity: 1, deviceClass: "GPU", device: "RTX_PRO_6000" }],
    ["RTX_PRO_6000:2", { quantity: 2, deviceClass: "GPU", device: "RTX_PRO_6000" }],
    ["A2:1", { quantity: 1, deviceClass: "GPU", device: "A2" }],
    ["L40S shared:1", { quantity: 1, deviceClass: "GPU", device: "L40S shared" }],
    ["AppleSilicon", { quantity: 1, deviceClass: "APPLE_SILICON", device: "AppleSilicon" }],
    ["AppleSilicon:1", { quantity: 1, deviceClass: "APPLE_SILICON", device: "AppleSilicon" }],
    ["Trn1n:16", { quantity: 16, deviceClass: "NEURON", device: "Trn1n" }],
    ["MI300X:1", { quantity: 1, deviceClass: "AMD_GPU", device: "MI300X" }],
    ["Gaudi1:1", { quantity: 1, deviceClass: "HABANA_GAUDI", device: "Gaudi1" }],
  ])("fromAccelerator(%j) resolves name, class and quantity", (value, expected) => {
    expect(fields(Device.fromAccelerator(value))).toEqual({ ...expected, partition: undefined });
  });

  it("fromAccelerator rejects a string outside the list, naming every allowed string", () => {
    const err = configError(() => Device.fromAccelerator("A100:9"));
    expect(err.issues).toEqual([{ path: [], message: `${ACCELERATOR_LIST_MESSAGE}, got "A100:9"; nearest valid: "A100:8" (A100 takes 1-8)` }]);
    // The reference's message starts with the same prefix.
    expect(err.issues[0]!.message.startsWith("gpu must be one of ")).toBe(true);
  });

  it("isDevice recognises devices only", () => {
    expect(isDevice(GPU("T4", 1))).toBe(true);
    expect(isDevice({ quantity: 1, deviceClass: "GPU" })).toBe(false);
    expect(isDevice("T4:1")).toBe(false);
    expect(isDevice(null)).toBe(false);
  });
});

describe("GPU()", () => {
  it("builds a GPU device with a checked MIG partition", () => {
    expect(fields(GPU("A100", 2, "1g.5gb"))).toEqual({ quantity: 2, deviceClass: "GPU", device: "A100", partition: "1g.5gb" });
  });

  it("leaves the partition undefined when not given", () => {
    expect(fields(GPU("H100", 8))).toEqual({ quantity: 8, deviceClass: "GPU", device: "H100", partition: undefined });
  });

  it("replaces a deprecated name by the current one, as the reference does", () => {
    expect(fields(GPU("A100 80G", 1, "1g.10gb"))).toEqual({ quantity: 1, deviceClass: "GPU", device: "A100_80G", partition: "1g.10gb" });
    expect(fields(GPU("RTX PRO 6000", 2))).toEqual({ quantity: 2, deviceClass: "GPU", device: "RTX_PRO_6000", partition: undefined });
  });

  it("builds a shared GPU without a partition, and rejects one with a partition (the reference's message)", () => {
    expect(fields(GPU("T4 shared", 1))).toEqual({ quantity: 1, deviceClass: "GPU", device: "T4 shared", partition: undefined });
    expect(configError(() => GPU("L4 shared", 1, "1g.5gb")).issues).toEqual([
      { path: ["partition"], message: "A shared GPU takes no partition, got '1g.5gb' for L4 shared. Request a plain device to use a MIG partition." },
    ]);
  });

  it("accepts any partition for types without a partition list (only A100, A100_80G, H100, H200, RTX_PRO_6000 are checked)", () => {
    for (const [device, partition] of [["T4", "anything"], ["L4", "1g.5gb"], ["B200", "whatever"]] as const) {
      expect(fields(GPU(device, 1, partition))).toEqual({ quantity: 1, deviceClass: "GPU", device, partition });
    }
  });

  it("rejects a partition outside the list of A100, A100_80G, H100, H200 and RTX_PRO_6000 with the exact message", () => {
    const cases = [
      ["A100", "1g.10gb", "('1g.5gb', '2g.10gb', '3g.20gb', '4g.20gb', '7g.40gb')"],
      ["A100_80G", "1g.5gb", "('1g.10gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb')"],
      ["RTX_PRO_6000", "1g.10gb", "('1g.24gb', '2g.48gb', '4g.96gb')"],
      ["H100", "7g.40gb", "('1g.10gb', '1g.20gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb')"],
      ["H200", "1g.10gb", "('1g.18gb', '1g.35gb', '2g.35gb', '3g.71gb', '4g.71gb', '7g.141gb')"],
    ] as const;
    for (const [device, partition, list] of cases) {
      expect(configError(() => GPU(device, 1, partition)).issues, device).toEqual([
        { path: ["partition"], message: `Invalid partition for ${device}: ${partition}. Must be one of ${list}` },
      ]);
    }
  });

  it("rejects an unknown GPU type listing all types in order", () => {
    const err = configError(() => GPU("A200" as never, 1));
    expect(err.issues).toEqual([
      {
        path: ["device"],
        message:
          "Invalid GPU type: A200. Must be one of ('A2', 'A10', 'A10G', 'A100', 'A100_80G', 'B200', 'H100', 'H200', 'L4', 'L40s', " +
          "'T4', 'V100', 'RTX_PRO_4500', 'RTX_PRO_6000', 'GB10', 'T4 shared', 'L4 shared', 'A10G shared', 'A10 shared', 'L40S shared')",
      },
    ]);
  });

  it("checks the quantity before the type (reference order)", () => {
    const err = configError(() => GPU("A200" as never, 0));
    expect(err.issues).toEqual([{ path: ["quantity"], message: "GPU quantity must be at least 1 (an integer), got 0" }]);
  });

  it("rejects a fractional quantity", () => {
    expect(configError(() => GPU("T4", 1.5)).issues).toEqual([
      { path: ["quantity"], message: "GPU quantity must be at least 1 (an integer), got 1.5" },
    ]);
  });
});

describe("TPU()", () => {
  it("builds slices with quantity 1 (partition optional)", () => {
    for (const [device, partition] of [["V5P", "2x2x1"], ["V5P", "16x16x24"], ["V6E", "1x1"], ["V6E", undefined], ["V5E", "16x16"], ["V5E", undefined]] as const) {
      expect(fields(TPU(device, partition))).toEqual({ quantity: 1, deviceClass: "TPU", device, partition });
    }
  });

  it("rejects an unknown TPU type listing the three types", () => {
    expect(configError(() => TPU("V4" as never, "2x2")).issues).toEqual([
      { path: ["device"], message: "Invalid TPU type: V4. Must be one of ('V5E', 'V5P', 'V6E')" },
    ]);
  });

  it.each([
    ["V6E", "2x2x1", "('1x1', '2x2', '2x4', '4x4', '4x8', '8x8', '8x16', '16x16')"],
    ["V5E", "2x2x1", "('1x1', '2x2', '2x4', '4x4', '4x8', '8x8', '8x16', '16x16')"],
    ["V5P", "1x1", "('2x2x1', '2x2x2', '2x4x4', '4x4x4', '4x4x8', '4x8x8', '8x8x8', '8x8x16', '8x16x16', '16x16x16', '16x16x24')"],
  ] as const)("rejects %s partition %s", (device, partition, list) => {
    expect(configError(() => TPU(device, partition)).issues).toEqual([
      { path: ["partition"], message: `Invalid partition for ${device}: ${partition}. Must be one of ${list}` },
    ]);
  });
});

describe("Neuron(), AMD_GPU(), HABANA_GAUDI()", () => {
  it("build a single device of their class", () => {
    expect(fields(Neuron("Trn2u"))).toEqual({ quantity: 1, deviceClass: "NEURON", device: "Trn2u", partition: undefined });
    expect(fields(Neuron("Inf1"))).toEqual({ quantity: 1, deviceClass: "NEURON", device: "Inf1", partition: undefined });
    expect(fields(AMD_GPU("MI355X"))).toEqual({ quantity: 1, deviceClass: "AMD_GPU", device: "MI355X", partition: undefined });
    expect(fields(HABANA_GAUDI("Gaudi1"))).toEqual({ quantity: 1, deviceClass: "HABANA_GAUDI", device: "Gaudi1", partition: undefined });
  });

  it("reject an unknown model with the exact message", () => {
    const cases: Array<[() => unknown, string]> = [
      [() => Neuron("Inf3" as never), "Invalid Neuron type: Inf3. Must be one of ('Inf1', 'Inf2', 'Trn1', 'Trn1n', 'Trn2', 'Trn2u')"],
      [
        () => AMD_GPU("MI400" as never),
        "Invalid AMD GPU type: MI400. Must be one of ('MI100', 'MI210', 'MI250', 'MI250X', 'MI300A', 'MI300X', 'MI325X', 'MI350X', 'MI355X')",
      ],
      // Python's repr of a one-element tuple keeps the trailing comma.
      [() => HABANA_GAUDI("Gaudi2" as never), "Invalid Habana Gaudi type: Gaudi2. Must be one of ('Gaudi1',)"],
    ];
    for (const [make, message] of cases) expect(configError(make).issues, message).toEqual([{ path: ["device"], message }]);
  });
});
