import { show } from "../util/show.ts";
import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import { ConfigError } from "../errors.ts";
import { IssueCollector, isPlainObject } from "../util/issues.ts";

export type DeviceClass = "GPU" | "TPU" | "NEURON" | "AMD_GPU" | "HABANA_GAUDI" | "APPLE_SILICON";
export const DEVICE_CLASSES: readonly DeviceClass[] = ["GPU", "TPU", "NEURON", "AMD_GPU", "HABANA_GAUDI", "APPLE_SILICON"];

/**
 * Time-sliced (or MPS) shares of one physical GPU, on node pools that advertise the shared accelerator of
 * that model. They take no partition.
 */
export const SHARED_GPU_TYPES = ["T4 shared", "L4 shared", "A10G shared", "A10 shared", "L40S shared"] as const;
/** One of {@link SHARED_GPU_TYPES}. */
export type SharedGPUType = (typeof SHARED_GPU_TYPES)[number];
// Order matters: it is the order the reference lists them in its error messages.
export const GPU_TYPES = [
  "A2", "A10", "A10G", "A100", "A100_80G", "B200", "H100", "H200", "L4", "L40s", "T4", "V100", "RTX_PRO_4500", "RTX_PRO_6000",
  "GB10", ...SHARED_GPU_TYPES,
] as const;
export type GPUType = (typeof GPU_TYPES)[number];
/**
 * Former GPU names with spaces, still accepted (by `GPU()` and in accelerator strings) and replaced by
 * the current name, as the reference does.
 */
export const DEPRECATED_GPU_ALIASES: Readonly<Record<string, GPUType>> = Object.freeze({
  "A100 80G": "A100_80G",
  "RTX PRO 6000": "RTX_PRO_6000",
});
/** A deprecated spelling of a {@link GPUType}; prefer "A100_80G" and "RTX_PRO_6000". */
export type DeprecatedGPUType = "A100 80G" | "RTX PRO 6000";
export const TPU_TYPES = ["V5E", "V5P", "V6E"] as const;
export type TPUType = (typeof TPU_TYPES)[number];
export const NEURON_TYPES = ["Inf1", "Inf2", "Trn1", "Trn1n", "Trn2", "Trn2u"] as const;
export type NeuronType = (typeof NEURON_TYPES)[number];
export const AMD_GPU_TYPES = [
  "MI100", "MI210", "MI250", "MI250X", "MI300A", "MI300X", "MI325X", "MI350X", "MI355X",
] as const;
export type AMDGPUType = (typeof AMD_GPU_TYPES)[number];
export const HABANA_GAUDI_TYPES = ["Gaudi1"] as const;
export type HabanaGaudiType = (typeof HABANA_GAUDI_TYPES)[number];
/** The Metal GPU of the Apple Silicon Mac a devbox runs on (the workload runs natively on the Mac). */
export const APPLE_SILICON_DEVICE = "AppleSilicon";

export const GPU_PARTITIONS: Readonly<Record<string, readonly string[]>> = {
  A100: ["1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb"],
  A100_80G: ["1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
  H100: ["1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"],
  H200: ["1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb", "4g.71gb", "7g.141gb"],
  RTX_PRO_6000: ["1g.24gb", "2g.48gb", "4g.96gb"],
};
export const TPU_PARTITIONS: Readonly<Record<string, readonly string[]>> = {
  V5P: ["2x2x1", "2x2x2", "2x4x4", "4x4x4", "4x4x8", "4x8x8", "8x8x8", "8x8x16", "8x16x16", "16x16x16", "16x16x24"],
  V6E: ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"],
  V5E: ["1x1", "2x2", "2x4", "4x4", "4x8", "8x8", "8x16", "16x16"],
};

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Accelerator strings `Resources.gpu` accepts ("A100:2"), with the quantities allowed for each name, in
 * the reference's order.
 */
const ACCELERATOR_QUANTITIES: ReadonlyArray<readonly [string, readonly number[], DeviceClass]> = [
  ["A2", [1], "GPU"],
  ...(["A10", "A10G", "A100", "A100_80G", "B200", "H100", "H200", "L4", "L40s", "V100"] as const).map(
    (name) => [name, range(1, 8), "GPU"] as const,
  ),
  ["RTX_PRO_4500", [1], "GPU"],
  ["RTX_PRO_6000", [1, 2], "GPU"],
  ["GB10", [1], "GPU"],
  ["T4", range(1, 8), "GPU"],
  ...SHARED_GPU_TYPES.map((name) => [name, [1], "GPU"] as const),
  ...(["Trn1", "Trn1n", "Trn2", "Trn2u"] as const).map((name) => [name, [1, 4, 8, 16], "NEURON"] as const),
  ["Inf1", range(1, 16), "NEURON"],
  ["Inf2", range(1, 12), "NEURON"],
  ...AMD_GPU_TYPES.map((name) => [name, [1], "AMD_GPU"] as const),
  ["Gaudi1", [1], "HABANA_GAUDI"],
  [APPLE_SILICON_DEVICE, [1], "APPLE_SILICON"],
];

/**
 * The 154 accelerator strings of the reference SDK, e.g. "A100:2", "A100_80G:8", "T4 shared:1", "Trn1:16",
 * and "AppleSilicon" (the Mac has one GPU, so its count is optional).
 */
export const ACCELERATOR_STRINGS: readonly string[] = ACCELERATOR_QUANTITIES.flatMap(([name, quantities]) => [
  ...(name === APPLE_SILICON_DEVICE ? [name] : []),
  ...quantities.map((q) => `${name}:${q}`),
]);
const ACCELERATOR_SET = new Set(ACCELERATOR_STRINGS);
/** "1-8", "1|4|8|16", "1": the quantities of one accelerator name, compactly. */
function quantityRange(q: readonly number[]): string {
  const contiguous = q.every((n, i) => i === 0 || n === q[i - 1]! + 1);
  return q.length === 1 ? String(q[0]) : contiguous ? `${q[0]}-${q[q.length - 1]}` : q.join("|");
}

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/**
 * The valid accelerator strings nearest to a refused one, for the error message (the full list has 154):
 * for a known name (any case), its valid quantity nearest to the one given; else the names within a small
 * edit distance, with the same quantity when they allow it.
 */
export function nearestAccelerators(value: string): string[] {
  const separator = value.lastIndexOf(":");
  const name = (separator === -1 ? value : value.slice(0, separator)).trim();
  const wanted = separator === -1 ? 1 : Number(value.slice(separator + 1).trim());
  const pick = (quantities: readonly number[]) =>
    Number.isFinite(wanted) ? quantities.reduce((best, q) => (Math.abs(q - wanted) < Math.abs(best - wanted) ? q : best)) : quantities[0]!;
  const scored = ACCELERATOR_QUANTITIES.map(([candidate, quantities]) => ({ candidate, quantities, distance: editDistance(name, candidate) }));
  const exact = scored.filter((s) => s.distance === 0 || s.candidate.toLowerCase() === normalizeAccelerator(name).toLowerCase());
  const limit = Math.max(1, Math.floor(name.length / 3));
  const close = exact.length > 0 ? exact : scored.filter((s) => s.distance <= limit).sort((a, b) => a.distance - b.distance).slice(0, 4);
  return close.map(({ candidate, quantities }) => `${candidate}:${pick(quantities)}`);
}

function acceleratorHint(value: string): string {
  const nearest = nearestAccelerators(value);
  if (nearest.length === 0) return 'e.g. "A100:1", "H100:8", "T4:1", "Trn1:16", "AppleSilicon" (ACCELERATOR_STRINGS lists all)';
  const ranges = nearest.map((s) => {
    const name = s.slice(0, s.lastIndexOf(":"));
    return `${name} takes ${quantityRange(ACCELERATOR_QUANTITIES.find(([n]) => n === name)![1])}`;
  });
  return `nearest valid: ${nearest.map((s) => JSON.stringify(s)).join(", ")} (${ranges.join("; ")})`;
}

type Quantities<N extends string, Q extends number> = `${N}:${Q}`;
type Q1to8 = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
type Q1to12 = Q1to8 | 9 | 10 | 11 | 12;
type Q1to16 = Q1to12 | 13 | 14 | 15 | 16;
/** Typed form of {@link ACCELERATOR_STRINGS} (plus the deprecated spellings "A100 80G:n" and "RTX PRO 6000:n"). */
export type Accelerator =
  | Quantities<"A10" | "A10G" | "A100" | "A100_80G" | "B200" | "H100" | "H200" | "L4" | "L40s" | "V100" | "T4", Q1to8>
  | Quantities<"A2" | "RTX_PRO_4500" | "GB10" | SharedGPUType, 1>
  | Quantities<"RTX_PRO_6000", 1 | 2>
  | Quantities<"Trn1" | "Trn1n" | "Trn2" | "Trn2u", 1 | 4 | 8 | 16>
  | Quantities<"Inf1", Q1to16>
  | Quantities<"Inf2", Q1to12>
  | Quantities<AMDGPUType, 1>
  | Quantities<"Gaudi1", 1>
  | "AppleSilicon"
  | Quantities<"AppleSilicon", 1>
  | DeprecatedAccelerator;
/**
 * Accelerator strings with a former GPU name, still accepted and replaced by the current name.
 * @deprecated Use "A100_80G:n" / "RTX_PRO_6000:n".
 */
export type DeprecatedAccelerator = Quantities<"A100 80G", Q1to8> | Quantities<"RTX PRO 6000", 1 | 2>;

/** The accelerator string with a deprecated GPU name replaced by the current one ("A100 80G:2" → "A100_80G:2"). */
export function normalizeAccelerator(value: string): string {
  const separator = value.indexOf(":");
  const name = separator === -1 ? value : value.slice(0, separator);
  const current = Object.hasOwn(DEPRECATED_GPU_ALIASES, name) ? DEPRECATED_GPU_ALIASES[name] : undefined;
  return current === undefined ? value : current + value.slice(name.length);
}

/** True for an accelerator string of the reference, deprecated spellings included. */
export function isAccelerator(value: string): value is Accelerator {
  return typeof value === "string" && ACCELERATOR_SET.has(normalizeAccelerator(value));
}

/** Options of {@link Device}; the helpers {@link GPU}, {@link TPU}, {@link Neuron}… build them with checked names. */
export interface DeviceOptions {
  /**
   * Required. How many devices of this kind.
   *
   * Validation: an integer ≥ 1; exactly 1 for `"APPLE_SILICON"`.
   */
  quantity: number;
  /**
   * The device family.
   *
   * Validation: one of {@link DEVICE_CLASSES} (`"GPU"`, `"TPU"`, `"NEURON"`, `"AMD_GPU"`, `"HABANA_GAUDI"`,
   * `"APPLE_SILICON"`); `"APPLE_SILICON"` exactly when `device` is `"AppleSilicon"`.
   *
   * @defaultValue `"GPU"`
   */
  deviceClass?: DeviceClass;
  /**
   * The model, e.g. `"A100"`, `"V5E"`, `"Trn1"`.
   *
   * Validation: a string (the helpers {@link GPU}, {@link TPU}… check it against {@link GPU_TYPES},
   * {@link TPU_TYPES}…); `"AppleSilicon"` requires deviceClass `"APPLE_SILICON"`; required when the Device
   * is a task's `gpu` (the accelerator type is written from it).
   *
   * @defaultValue `undefined`: any device of the class
   */
  device?: string;
  /**
   * A MIG partition (`"1g.5gb"`) or a TPU slice topology (`"2x2"`).
   *
   * Validation: a string; {@link GPU} and {@link TPU} check it against {@link GPU_PARTITIONS} and
   * {@link TPU_PARTITIONS}.
   *
   * @defaultValue `undefined`: the whole device
   */
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
    if (!isPlainObject(options)) throw new ConfigError("Device", [{ path: [], message: `expected { quantity, deviceClass?, device?, partition? }, got ${show(options)}` }]);
    const collector = new IssueCollector();
    checkOptionKeys(collector, options, ["quantity", "deviceClass", "device", "partition"], "flyte.Device");
    const issues = collector.issues as { path: (string | number)[]; message: string }[];
    for (const field of ["device", "partition"] as const) {
      if (options[field] !== undefined && typeof options[field] !== "string") {
        issues.push({ path: [field], message: `must be a string, got ${show(options[field])}` });
      }
    }
    if (!Number.isInteger(options.quantity) || options.quantity < 1) {
      issues.push({ path: ["quantity"], message: `GPU quantity must be at least 1 (an integer), got ${show(options.quantity)}` });
    }
    const deviceClass = options.deviceClass ?? "GPU";
    if (typeof deviceClass !== "string" || !DEVICE_CLASSES.includes(deviceClass)) {
      issues.push({ path: ["deviceClass"], message: `must be one of ${DEVICE_CLASSES.join(", ")}, got ${typeof deviceClass === "string" ? deviceClass : show(deviceClass)}` });
    } else if ((options.device === APPLE_SILICON_DEVICE) !== (deviceClass === "APPLE_SILICON")) {
      // As the reference: the device name and the class say the same thing, or the request is ambiguous.
      issues.push({ path: ["deviceClass"], message: `The Apple Silicon device is device "${APPLE_SILICON_DEVICE}" with deviceClass "APPLE_SILICON"` });
    } else if (deviceClass === "APPLE_SILICON" && options.quantity !== 1) {
      issues.push({ path: ["quantity"], message: "An Apple Silicon device is the Mac's single Metal GPU; quantity must be 1" });
    }
    if (issues.length > 0) throw new ConfigError("Device", issues);
    this.quantity = options.quantity;
    this.deviceClass = deviceClass;
    this.device = options.device;
    this.partition = options.partition;
    markValidated(Object.freeze(this));
  }

  /**
   * Device from an accelerator string such as "A100:2" (a deprecated name becomes the current one);
   * throws for a string outside the reference list.
   */
  static fromAccelerator(value: string): Device {
    if (!isAccelerator(value)) {
      const hint =
        typeof value !== "string" ? 'e.g. "A100:1"' : /^\s*[0-9]*\.[0-9]+\s*$/.test(value) ? "a count must be a whole number" : acceleratorHint(value);
      throw new ConfigError("Device", [
        { path: [], message: `gpu must be one of the accelerator strings "<name>:<count>" or a whole-number count, got ${show(value)}; ${hint}` },
      ]);
    }
    const normalized = normalizeAccelerator(value);
    const separator = normalized.lastIndexOf(":");
    // "AppleSilicon" alone means the Mac's one GPU.
    const name = separator === -1 ? normalized : normalized.slice(0, separator);
    const quantity = separator === -1 ? 1 : Number(normalized.slice(separator + 1));
    const entry = ACCELERATOR_QUANTITIES.find(([n]) => n === name)!;
    return new Device({ quantity, deviceClass: entry[2], device: name });
  }
}

export function isDevice(value: unknown): value is Device {
  return isValidated(value, "flyte.Device");
}

/** Python's repr of a string (the reference's messages print names and partitions with it). */
function pythonRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const escaped = value.replaceAll("\\", "\\\\").replaceAll(quote, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** Python's repr of a tuple of strings, as the reference prints allowed values: ('A', 'B'), and ('A',) for one. */
function pythonTupleRepr(values: readonly string[]): string {
  return values.length === 1 ? `(${pythonRepr(values[0]!)},)` : `(${values.map(pythonRepr).join(", ")})`;
}

function oneOf(label: string, value: string, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new ConfigError("Device", [
      { path: ["device"], message: `Invalid ${label} type: ${typeof value === "string" ? value : show(value)}. Must be one of ${pythonTupleRepr(allowed)}` },
    ]);
  }
}

function checkPartition(device: string, partition: string | undefined, table: Readonly<Record<string, readonly string[]>>): void {
  if (partition !== undefined && typeof partition !== "string") {
    throw new ConfigError("Device", [{ path: ["partition"], message: `must be a string, got ${show(partition)}` }]);
  }
  const allowed = Object.hasOwn(table, device) ? table[device] : undefined;
  if (partition === undefined || allowed === undefined) return;
  if (!allowed.includes(partition)) {
    throw new ConfigError("Device", [
      { path: ["partition"], message: `Invalid partition for ${device}: ${partition}. Must be one of ${pythonTupleRepr(allowed)}` },
    ]);
  }
}

/**
 * NVIDIA GPUs, optionally a MIG partition (checked for A100, A100_80G, H100, H200 and RTX_PRO_6000). A
 * shared GPU ("T4 shared") takes no partition; a deprecated name ("A100 80G") becomes the current one.
 */
export function GPU(device: GPUType | DeprecatedGPUType, quantity: number, partition?: string): Device {
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new ConfigError("Device", [{ path: ["quantity"], message: `GPU quantity must be at least 1 (an integer), got ${show(quantity)}` }]);
  }
  const name: string = typeof device === "string" && Object.hasOwn(DEPRECATED_GPU_ALIASES, device) ? DEPRECATED_GPU_ALIASES[device]! : device;
  oneOf("GPU", name, GPU_TYPES);
  if (partition !== undefined && typeof partition !== "string") {
    throw new ConfigError("Device", [{ path: ["partition"], message: `must be a string, got ${show(partition)}` }]);
  }
  if (partition !== undefined && (SHARED_GPU_TYPES as readonly string[]).includes(name)) {
    throw new ConfigError("Device", [
      { path: ["partition"], message: `A shared GPU takes no partition, got ${pythonRepr(partition)} for ${name}. Request a plain device to use a MIG partition.` },
    ]);
  }
  checkPartition(name, partition, GPU_PARTITIONS);
  return new Device({ quantity, deviceClass: "GPU", device: name, partition });
}

/** A Google TPU slice, V5E, V5P or V6E (quantity is always 1; the partition is the slice topology). */
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

/**
 * The Metal GPU of the Apple Silicon Mac a devbox runs on; the same as `gpu: "AppleSilicon"`. The task
 * then runs natively on the Mac (a devbox started with Apple Silicon support); elsewhere it fails at run time.
 */
export function APPLE_SILICON(): Device {
  return new Device({ quantity: 1, deviceClass: "APPLE_SILICON", device: APPLE_SILICON_DEVICE });
}
