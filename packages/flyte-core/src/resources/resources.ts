import { show } from "../util/show.ts";
import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import { ConfigError } from "../errors.ts";
import { IssueCollector, isPlainObject } from "../util/issues.ts";
import { type Accelerator, Device, type DeviceOptions, isDevice, normalizeAccelerator } from "./devices.ts";
import { QUANTITY_HINT, isQuantity, quantityValue } from "./quantity.ts";

export type CpuValue = number | string;
/** A single value (the request) or a `[request, limit]` pair. */
export type RequestLimit<T> = T | readonly [T, T];

/** Options of {@link Resources}; any other key is refused. */
export interface ResourcesOptions {
  /**
   * Cores: a number (`2`, `0.5`) or a quantity string (`"500m"`), or a `[request, limit]` pair.
   *
   * Validation: each value is a finite number ≥ 0 or a Kubernetes quantity ≥ 0 (`"500m"`, `"2"`); a pair has
   * exactly two values and its request must not exceed its limit.
   *
   * @defaultValue `undefined`: no CPU request or limit (the platform's default applies)
   */
  cpu?: RequestLimit<CpuValue>;
  /**
   * Memory: a quantity string (`"4Gi"`), or a `[request, limit]` pair.
   *
   * Validation: each value is a non-negative Kubernetes quantity string (`"512Mi"`, `"4Gi"`); a pair has
   * exactly two values and its request must not exceed its limit.
   *
   * @defaultValue `undefined`: no memory request or limit (the platform's default applies)
   */
  memory?: RequestLimit<string>;
  /**
   * A GPU count (`0` = no accelerator; also as a whole-number string, `"1"`), an accelerator string
   * (`"A100:2"`, `"T4 shared:1"`, `"AppleSilicon"`), or a {@link Device} (`GPU("H100", 1, "1g.10gb")`).
   *
   * Validation: a count is an integer ≥ 0 (a string of digits is read as that count: `"1"` is `1`); a
   * string is one of {@link ACCELERATOR_STRINGS} (name and quantity, e.g. `"A100:1"`–`"A100:8"`,
   * `"Trn1:1|4|8|16"`; the deprecated `"A100 80G:n"` and `"RTX PRO 6000:n"` become the current names), and a
   * refused one is reported with the nearest valid strings; otherwise a {@link Device}.
   *
   * @defaultValue `undefined`: no accelerator
   */
  gpu?: number | `${number}` | Accelerator | Device;
  /**
   * Ephemeral storage request (`"20Gi"`).
   *
   * Validation: a non-negative Kubernetes quantity string.
   *
   * @defaultValue `undefined`: no ephemeral-storage request
   */
  disk?: string;
  /**
   * Shared memory (`/dev/shm`) size, or `"auto"` for the node's maximum.
   *
   * Validation: `"auto"` or a non-negative Kubernetes quantity string.
   *
   * @defaultValue `undefined`: no shared-memory volume
   */
  shm?: string;
}

/** `Resources` or a plain object of the same shape. */
export type ResourcesLike = Resources | ResourcesOptions;

const RESOURCE_KEYS = ["cpu", "memory", "gpu", "disk", "shm"] as const;

/** Compute resources of a task or of one role of a cluster (driver, head, worker…). */
export class Resources {
  readonly kind = "flyte.Resources" as const;
  readonly cpu: RequestLimit<CpuValue> | undefined;
  readonly memory: RequestLimit<string> | undefined;
  readonly gpu: number | Accelerator | Device | undefined;
  readonly disk: string | undefined;
  readonly shm: string | undefined;

  constructor(options: ResourcesOptions = {}) {
    const issues = new IssueCollector();
    if (!isPlainObject(options)) {
      throw new ConfigError("Resources", [{ path: [], message: `expected an object with ${RESOURCE_KEYS.join(", ")}` }]);
    }
    checkOptionKeys(issues, options, RESOURCE_KEYS, "flyte.Resources");
    checkCpu(issues, options.cpu);
    checkRequestLimit(issues, "memory", options.memory);
    const gpu = checkGpu(issues, options.gpu);
    // Like memory, a negative size is not a usable quantity (Kubernetes rejects it).
    if (options.disk !== undefined && !(typeof options.disk === "string" && isQuantity(options.disk) && !options.disk.startsWith("-"))) {
      issues.add(["disk"], `disk must be ${QUANTITY_HINT}, got ${show(options.disk)}`);
    }
    if (options.shm !== undefined && !(typeof options.shm === "string" && (options.shm === "auto" || (isQuantity(options.shm) && !options.shm.startsWith("-"))))) {
      issues.add(["shm"], `shm must be "auto" or ${QUANTITY_HINT}, got ${show(options.shm)}`);
    }
    issues.throwIfAny("Resources");
    this.cpu = freezePair(options.cpu);
    this.memory = freezePair(options.memory);
    // As the reference: a deprecated GPU name in an accelerator string becomes the current one.
    this.gpu = gpu;
    this.disk = options.disk;
    this.shm = options.shm;
    markValidated(Object.freeze(this));
  }

  /** Accepts a `Resources` or a plain object of the same shape. */
  static from(value: ResourcesLike): Resources {
    return isResources(value) ? value : new Resources(value);
  }

  /** The accelerator this requests, if any (a count becomes an untyped GPU device; `0` is none). */
  device(): Device | undefined {
    const gpu = this.gpu;
    if (gpu === undefined || gpu === 0) return undefined;
    if (typeof gpu === "number") return new Device({ quantity: gpu, deviceClass: "GPU" });
    if (typeof gpu === "string") return Device.fromAccelerator(gpu);
    return gpu;
  }

  /** Shared memory size: undefined when not requested, "" for "auto" (the node's maximum). */
  sharedMemory(): string | undefined {
    if (this.shm === undefined) return undefined;
    return this.shm === "auto" ? "" : this.shm;
  }
}

export function isResources(value: unknown): value is Resources {
  return isValidated(value, "flyte.Resources");
}


function freezePair<T>(value: RequestLimit<T> | undefined): RequestLimit<T> | undefined {
  return Array.isArray(value) ? (Object.freeze([...value]) as unknown as readonly [T, T]) : value;
}

function checkCpuScalar(issues: IssueCollector, path: (string | number)[], value: unknown): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) issues.add(path, `cpu must be a finite number, got ${show(value)}`);
    else if (value < 0) issues.add(path, "cpu must be greater than or equal to 0");
  } else if (typeof value === "string") {
    if (!isQuantity(value)) issues.add(path, `cpu must be a number or ${QUANTITY_HINT}, got ${show(value)}`);
    else if ((quantityValue(value) ?? 0) < 0) issues.add(path, "cpu must be greater than or equal to 0");
  } else {
    issues.add(path, `cpu must be a number, a quantity string or a [request, limit] pair, got ${show(value)}`);
  }
}

function checkCpu(issues: IssueCollector, cpu: unknown): void {
  if (cpu === undefined) return;
  if (Array.isArray(cpu)) {
    if (cpu.length !== 2) return issues.add(["cpu"], "cpu tuple must have exactly two elements");
    checkCpuScalar(issues, ["cpu", 0], cpu[0]);
    checkCpuScalar(issues, ["cpu", 1], cpu[1]);
    checkOrder(issues, "cpu", cpu[0], cpu[1]);
  } else {
    checkCpuScalar(issues, ["cpu"], cpu);
  }
}

function checkRequestLimit(issues: IssueCollector, field: "memory", value: unknown): void {
  if (value === undefined) return;
  const check = (path: (string | number)[], v: unknown) => {
    if (typeof v !== "string" || !isQuantity(v) || v.startsWith("-")) {
      issues.add(path, `${field} must be ${QUANTITY_HINT}, got ${show(v)}`);
    }
  };
  if (Array.isArray(value)) {
    if (value.length !== 2) return issues.add([field], `${field} tuple must have exactly two elements`);
    check([field, 0], value[0]);
    check([field, 1], value[1]);
    checkOrder(issues, field, value[0], value[1]);
  } else {
    check([field], value);
  }
}

// Kubernetes rejects a pod whose request exceeds its limit; say so before anything is submitted.
function checkOrder(issues: IssueCollector, field: string, request: unknown, limit: unknown): void {
  if ((typeof request !== "string" && typeof request !== "number") || (typeof limit !== "string" && typeof limit !== "number")) return;
  const r = quantityValue(request);
  const l = quantityValue(limit);
  if (r !== undefined && l !== undefined && r > l) {
    issues.add([field], `${field} request ${show(request)} must not exceed its limit ${show(limit)}`);
  }
}

function checkGpu(issues: IssueCollector, gpu: unknown): number | Accelerator | Device | undefined {
  if (gpu === undefined) return undefined;
  if (typeof gpu === "number") {
    if (!Number.isInteger(gpu)) issues.add(["gpu"], `gpu count must be an integer, got ${show(gpu)}`);
    else if (gpu < 0) issues.add(["gpu"], "gpu must be greater than or equal to 0");
    return gpu;
  }
  // Flyte's Ray plugin documentation writes gpu="1": a whole-number string is that count.
  if (typeof gpu === "string" && /^[0-9]+$/.test(gpu)) return checkGpu(issues, Number(gpu));
  if (typeof gpu === "string") {
    issues.nested(["gpu"], () => Device.fromAccelerator(gpu));
    // As the reference: a deprecated GPU name in an accelerator string becomes the current one.
    return normalizeAccelerator(gpu) as Accelerator;
  }
  // A copied or hand-made Device ({ ...GPU("A100", 1), quantity: 2 }) is checked like new Device(...).
  const device = isDevice(gpu)
    ? gpu
    : isPlainObject(gpu) && (gpu as { kind?: unknown }).kind === "flyte.Device"
      ? issues.nested(["gpu"], () => new Device(gpu as DeviceOptions))
      : undefined;
  if (device) {
    // The task's accelerator type is written from the model: serializing would refuse a Device without one.
    if (device.device === undefined) issues.add(["gpu", "device"], "Device type must be specified for GPU string. Give the model (device), or use a count (gpu: 1) for any GPU.");
    return device;
  }
  if (isPlainObject(gpu) && (gpu as { kind?: unknown }).kind === "flyte.Device") return undefined;
  issues.add(["gpu"], `gpu must be a count, an accelerator string such as "A100:2", or a Device, got ${show(gpu)}`);
  return undefined;
}
