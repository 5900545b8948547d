import { describe, expect, it } from "vitest";
import {
  ACCELERATOR_STRINGS,
  AMD_GPU,
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

/** The ConfigError thrown by `fn`; fails the test when nothing (or something else) is thrown. */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError, nothing was thrown");
}

const fields = (d: Device) => ({ quantity: d.quantity, deviceClass: d.deviceClass, device: d.device, partition: d.partition });

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Spec §2.1 accelerator table, written out independently of the implementation.
const SPEC_ACCELERATORS: Array<[string, number[]]> = [
  ...["A10", "A10G", "A100", "A100 80G", "B200", "H100", "H200", "L4", "L40s", "V100", "T4"].map(
    (n): [string, number[]] => [n, range(1, 8)],
  ),
  ["RTX PRO 6000", [1]],
  ["GB10", [1]],
  ...["Trn1", "Trn1n", "Trn2", "Trn2u"].map((n): [string, number[]] => [n, [1, 4, 8, 16]]),
  ["Inf1", range(1, 16)],
  ["Inf2", range(1, 12)],
  ...["MI100", "MI210", "MI250", "MI250X", "MI300A", "MI300X", "MI325X", "MI350X", "MI355X"].map(
    (n): [string, number[]] => [n, [1]],
  ),
  ["Gaudi1", [1]],
];

const ACCELERATOR_LIST_MESSAGE =
  'gpu must be one of "A10:1-8", "A10G:1-8", "A100:1-8", "A100 80G:1-8", "B200:1-8", "H100:1-8", "H200:1-8", ' +
  '"L4:1-8", "L40s:1-8", "V100:1-8", "T4:1-8", "RTX PRO 6000:1", "GB10:1", "Trn1:1|4|8|16", "Trn1n:1|4|8|16", ' +
  '"Trn2:1|4|8|16", "Trn2u:1|4|8|16", "Inf1:1-16", "Inf2:1-12", "MI100:1", "MI210:1", "MI250:1", "MI250X:1", ' +
  '"MI300A:1", "MI300X:1", "MI325X:1", "MI350X:1", "MI355X:1", "Gaudi1:1"';

describe("ACCELERATOR_STRINGS", () => {
  it("has exactly 144 distinct entries", () => {
    expect(ACCELERATOR_STRINGS).toHaveLength(144);
    expect(new Set(ACCELERATOR_STRINGS).size).toBe(144);
  });

  it("is exactly the spec's name × quantity table", () => {
    const expected = SPEC_ACCELERATORS.flatMap(([name, qs]) => qs.map((q) => `${name}:${q}`));
    expect([...ACCELERATOR_STRINGS].sort()).toEqual([...expected].sort());
  });

  it("isAccelerator accepts the exact spellings at the edges of each range", () => {
    for (const value of ["A100 80G:8", "L40s:1", "RTX PRO 6000:1", "GB10:1", "Trn1:16", "Trn2u:4", "Inf1:16", "Inf2:12", "MI300X:1", "Gaudi1:1", "T4:8"]) {
      expect(isAccelerator(value), value).toBe(true);
    }
  });

  it("isAccelerator rejects near misses (wrong case, quantity out of range, TPU names, malformed)", () => {
    for (const value of [
      "A100:0", "A100:9", "L40S:1", "A100-80G:1", "A10080G:1", "RTX PRO 6000:2", "GB10:2", "Trn1:2", "Inf2:13", "Inf1:17",
      "MI300X:2", "Gaudi1:2", "V5P:1", "V6E:1", "A100", "A100:", "a100:1", " A100:1", "A100:1.0",
    ]) {
      expect(isAccelerator(value), value).toBe(false);
      expect(ACCELERATOR_STRINGS, value).not.toContain(value);
    }
  });
});

describe("exported type tables", () => {
  it("lists GPU types in the reference's error-message order", () => {
    expect(GPU_TYPES).toEqual(["A10", "A10G", "A100", "A100 80G", "B200", "H100", "H200", "L4", "L40s", "T4", "V100", "RTX PRO 6000", "GB10"]);
  });

  it("lists the other device families and classes", () => {
    expect(TPU_TYPES).toEqual(["V5P", "V6E"]);
    expect(NEURON_TYPES).toEqual(["Inf1", "Inf2", "Trn1", "Trn1n", "Trn2", "Trn2u"]);
    expect(AMD_GPU_TYPES).toEqual(["MI100", "MI210", "MI250", "MI250X", "MI300A", "MI300X", "MI325X", "MI350X", "MI355X"]);
    expect(HABANA_GAUDI_TYPES).toEqual(["Gaudi1"]);
    expect(DEVICE_CLASSES).toEqual(["GPU", "TPU", "NEURON", "AMD_GPU", "HABANA_GAUDI"]);
  });

  it("has the spec's partition lists", () => {
    expect(GPU_PARTITIONS).toEqual({
      A100: ["1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"],
      "A100 80G": ["1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
      H100: ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
      H200: ["1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"],
    });
    expect(TPU_PARTITIONS).toEqual({
      V5P: ["2x2x1", "2x2x2", "2x4x4", "4x4x4", "4x4x8", "4x8x8", "8x8x8", "8x8x16", "8x16x16", "16x16x16", "16x16x24"],
      V6E: ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"],
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
      { path: ["deviceClass"], message: "must be one of GPU, TPU, NEURON, AMD_GPU, HABANA_GAUDI, got FPGA" },
    ]);
    expect(err.message).toBe(
      "Invalid Device (2 problems):\n" +
        "  - quantity: GPU quantity must be at least 1 (an integer), got 0\n" +
        "  - deviceClass: must be one of GPU, TPU, NEURON, AMD_GPU, HABANA_GAUDI, got FPGA",
    );
  });

  it.each([
    ["A100 80G:4", { quantity: 4, deviceClass: "GPU", device: "A100 80G" }],
    ["RTX PRO 6000:1", { quantity: 1, deviceClass: "GPU", device: "RTX PRO 6000" }],
    ["Trn1n:16", { quantity: 16, deviceClass: "NEURON", device: "Trn1n" }],
    ["MI300X:1", { quantity: 1, deviceClass: "AMD_GPU", device: "MI300X" }],
    ["Gaudi1:1", { quantity: 1, deviceClass: "HABANA_GAUDI", device: "Gaudi1" }],
  ])("fromAccelerator(%j) resolves name, class and quantity", (value, expected) => {
    expect(fields(Device.fromAccelerator(value))).toEqual({ ...expected, partition: undefined });
  });

  it("fromAccelerator rejects a string outside the list, naming every allowed string", () => {
    const err = configError(() => Device.fromAccelerator("A100:9"));
    expect(err.issues).toEqual([{ path: [], message: `${ACCELERATOR_LIST_MESSAGE}, got "A100:9"` }]);
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

  it("accepts any partition for types without a partition list (only A100, A100 80G, H100, H200 are checked)", () => {
    for (const [device, partition] of [["T4", "anything"], ["L4", "1g.5gb"], ["B200", "whatever"]] as const) {
      expect(fields(GPU(device, 1, partition))).toEqual({ quantity: 1, deviceClass: "GPU", device, partition });
    }
  });

  it("rejects a partition outside the list of A100, A100 80G, H100 and H200 with the exact message", () => {
    const cases = [
      ["A100", "1g.10gb", "('1g.5gb', '2g.10gb', '3g.20gb', '4g.20gb', '7g.40gb')"],
      ["A100 80G", "1g.5gb", "('1g.10gb', '2g.20gb', '3g.40gb', '4g.40gb', '7g.80gb')"],
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
          "Invalid GPU type: A200. Must be one of ('A10', 'A10G', 'A100', 'A100 80G', 'B200', 'H100', 'H200', 'L4', 'L40s', 'T4', 'V100', 'RTX PRO 6000', 'GB10')",
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
    for (const [device, partition] of [["V5P", "2x2x1"], ["V5P", "16x16x24"], ["V6E", "1x1"], ["V6E", undefined]] as const) {
      expect(fields(TPU(device, partition))).toEqual({ quantity: 1, deviceClass: "TPU", device, partition });
    }
  });

  it("rejects V5E (its partition list exists but the type check fails first)", () => {
    expect(configError(() => TPU("V5E" as never, "2x2")).issues).toEqual([
      { path: ["device"], message: "Invalid TPU type: V5E. Must be one of ('V5P', 'V6E')" },
    ]);
  });

  it.each([
    ["V6E", "2x2x1", "('1x1', '2x2', '2x4', '4x4', '4x8', '8x8', '8x16', '16x16')"],
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
      [() => HABANA_GAUDI("Gaudi2" as never), "Invalid Habana Gaudi type: Gaudi2. Must be one of ('Gaudi1')"],
    ];
    for (const [make, message] of cases) expect(configError(make).issues, message).toEqual([{ path: ["device"], message }]);
  });
});
