import { ConfigError } from "../errors.ts";

export type DeviceClass = "GPU" | "TPU" | "NEURON" | "AMD_GPU" | "HABANA_GAUDI";
export const DEVICE_CLASSES: readonly DeviceClass[] = ["GPU", "TPU", "NEURON", "AMD_GPU", "HABANA_GAUDI"];

// Order matters: it is the order the reference lists them in its error messages.
export const GPU_TYPES = [
  "A10", "A10G", "A100", "A100 80G", "B200", "H100", "H200", "L4", "L40s", "T4", "V100", "RTX PRO 6000", "GB10",
] as const;
export type GPUType = (typeof GPU_TYPES)[number];
export const TPU_TYPES = ["V5P", "V6E"] as const;
export type TPUType = (typeof TPU_TYPES)[number];
export const NEURON_TYPES = ["Inf1", "Inf2", "Trn1", "Trn1n", "Trn2", "Trn2u"] as const;
export type NeuronType = (typeof NEURON_TYPES)[number];
export const AMD_GPU_TYPES = [
  "MI100", "MI210", "MI250", "MI250X", "MI300A", "MI300X", "MI325X", "MI350X", "MI355X",
] as const;
export type AMDGPUType = (typeof AMD_GPU_TYPES)[number];
export const HABANA_GAUDI_TYPES = ["Gaudi1"] as const;
export type HabanaGaudiType = (typeof HABANA_GAUDI_TYPES)[number];

export const GPU_PARTITIONS: Readonly<Record<string, readonly string[]>> = {
  A100: ["1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"],
  "A100 80G": ["1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
  H100: ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
  H200: ["1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"],
};
export const TPU_PARTITIONS: Readonly<Record<string, readonly string[]>> = {
  V5P: ["2x2x1", "2x2x2", "2x4x4", "4x4x4", "4x4x8", "4x8x8", "8x8x8", "8x8x16", "8x16x16", "16x16x16", "16x16x24"],
  V6E: ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"],
};

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Accelerator strings `Resources.gpu` accepts ("A100:2"), with the quantities allowed for each name. */
const ACCELERATOR_QUANTITIES: ReadonlyArray<readonly [string, readonly number[], DeviceClass]> = [
  ...(["A10", "A10G", "A100", "A100 80G", "B200", "H100", "H200", "L4", "L40s", "V100", "T4"] as const).map(
    (name) => [name, range(1, 8), "GPU"] as const,
  ),
  ["RTX PRO 6000", [1], "GPU"],
  ["GB10", [1], "GPU"],
  ...(["Trn1", "Trn1n", "Trn2", "Trn2u"] as const).map((name) => [name, [1, 4, 8, 16], "NEURON"] as const),
  ["Inf1", range(1, 16), "NEURON"],
  ["Inf2", range(1, 12), "NEURON"],
  ...AMD_GPU_TYPES.map((name) => [name, [1], "AMD_GPU"] as const),
  ["Gaudi1", [1], "HABANA_GAUDI"],
];

/** The 144 accelerator strings of the reference SDK, e.g. "A100:2", "A100 80G:8", "Trn1:16". */
export const ACCELERATOR_STRINGS: readonly string[] = ACCELERATOR_QUANTITIES.flatMap(([name, quantities]) =>
  quantities.map((q) => `${name}:${q}`),
);
const ACCELERATOR_SET = new Set(ACCELERATOR_STRINGS);
/** "A10:1-8, …, Trn1:1|4|8|16, …": the allowed accelerator strings, compactly, for error messages. */
const ACCELERATOR_SUMMARY = ACCELERATOR_QUANTITIES.map(([name, q]) => {
  const contiguous = q.every((n, i) => i === 0 || n === q[i - 1]! + 1);
  return `"${name}:${q.length === 1 ? q[0] : contiguous ? `${q[0]}-${q[q.length - 1]}` : q.join("|")}"`;
}).join(", ");

type Quantities<N extends string, Q extends number> = `${N}:${Q}`;
type Q1to8 = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
type Q1to12 = Q1to8 | 9 | 10 | 11 | 12;
type Q1to16 = Q1to12 | 13 | 14 | 15 | 16;
/** Typed form of {@link ACCELERATOR_STRINGS}. */
export type Accelerator =
  | Quantities<"A10" | "A10G" | "A100" | "A100 80G" | "B200" | "H100" | "H200" | "L4" | "L40s" | "V100" | "T4", Q1to8>
  | Quantities<"RTX PRO 6000" | "GB10", 1>
  | Quantities<"Trn1" | "Trn1n" | "Trn2" | "Trn2u", 1 | 4 | 8 | 16>
  | Quantities<"Inf1", Q1to16>
  | Quantities<"Inf2", Q1to12>
  | Quantities<AMDGPUType, 1>
  | Quantities<"Gaudi1", 1>;

export function isAccelerator(value: string): value is Accelerator {
  return ACCELERATOR_SET.has(value);
}

export interface DeviceOptions {
  quantity: number;
  deviceClass?: DeviceClass;
  device?: string;
  partition?: string;
}

/** An accelerator request: how many, of which class, which model and (for MIG / TPU slices) which partition. */
export class Device {
  readonly kind = "flyte.Device" as const;
  readonly quantity: number;
  readonly deviceClass: DeviceClass;
  readonly device: string | undefined;
  readonly partition: string | undefined;

  constructor(options: DeviceOptions) {
    const issues: { path: string[]; message: string }[] = [];
    if (!Number.isInteger(options.quantity) || options.quantity < 1) {
      issues.push({ path: ["quantity"], message: `GPU quantity must be at least 1 (an integer), got ${String(options.quantity)}` });
    }
    const deviceClass = options.deviceClass ?? "GPU";
    if (!DEVICE_CLASSES.includes(deviceClass)) {
      issues.push({ path: ["deviceClass"], message: `must be one of ${DEVICE_CLASSES.join(", ")}, got ${String(deviceClass)}` });
    }
    if (issues.length > 0) throw new ConfigError("Device", issues);
    this.quantity = options.quantity;
    this.deviceClass = deviceClass;
    this.device = options.device;
    this.partition = options.partition;
    Object.freeze(this);
  }

  /** Device from an accelerator string such as "A100:2"; throws for a string outside the reference list. */
  static fromAccelerator(value: string): Device {
    if (!isAccelerator(value)) {
      throw new ConfigError("Device", [{ path: [], message: `gpu must be one of ${ACCELERATOR_SUMMARY}, got ${JSON.stringify(value)}` }]);
    }
    const separator = value.lastIndexOf(":");
    const name = value.slice(0, separator);
    const entry = ACCELERATOR_QUANTITIES.find(([n]) => n === name)!;
    return new Device({ quantity: Number(value.slice(separator + 1)), deviceClass: entry[2], device: name });
  }
}

export function isDevice(value: unknown): value is Device {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "flyte.Device";
}

function oneOf(label: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    throw new ConfigError("Device", [
      { path: ["device"], message: `Invalid ${label} type: ${value}. Must be one of (${allowed.map((a) => `'${a}'`).join(", ")})` },
    ]);
  }
}

function checkPartition(device: string, partition: string | undefined, table: Readonly<Record<string, readonly string[]>>): void {
  const allowed = table[device];
  if (partition === undefined || allowed === undefined) return;
  if (!allowed.includes(partition)) {
    throw new ConfigError("Device", [
      { path: ["partition"], message: `Invalid partition for ${device}: ${partition}. Must be one of (${allowed.map((a) => `'${a}'`).join(", ")})` },
    ]);
  }
}

/** NVIDIA GPUs, optionally a MIG partition (checked for A100, A100 80G, H100 and H200). */
export function GPU(device: GPUType, quantity: number, partition?: string): Device {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new ConfigError("Device", [{ path: ["quantity"], message: `GPU quantity must be at least 1 (an integer), got ${String(quantity)}` }]);
  }
  oneOf("GPU", device, GPU_TYPES);
  checkPartition(device, partition, GPU_PARTITIONS);
  return new Device({ quantity, deviceClass: "GPU", device, partition });
}

/** A Google TPU slice (quantity is always 1; the partition is the slice topology). */
export function TPU(device: TPUType, partition?: string): Device {
  oneOf("TPU", device, TPU_TYPES);
  checkPartition(device, partition, TPU_PARTITIONS);
  return new Device({ quantity: 1, deviceClass: "TPU", device, partition });
}

export function Neuron(device: NeuronType): Device {
  oneOf("Neuron", device, NEURON_TYPES);
  return new Device({ quantity: 1, deviceClass: "NEURON", device });
}

export function AMD_GPU(device: AMDGPUType): Device {
  oneOf("AMD GPU", device, AMD_GPU_TYPES);
  return new Device({ quantity: 1, deviceClass: "AMD_GPU", device });
}

export function HABANA_GAUDI(device: HabanaGaudiType): Device {
  oneOf("Habana Gaudi", device, HABANA_GAUDI_TYPES);
  return new Device({ quantity: 1, deviceClass: "HABANA_GAUDI", device });
}
