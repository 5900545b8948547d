import { describe, expect, it } from "vitest";
import {
  ConfigError, Device, FlyteTsError, GPU, Resources, type ResourcesOptions, TPU, isQuantity, isResources, quantityValue,
} from "@flyte-ts/core";
import { configError } from "./helpers.ts";
import { getProtoExtendedResources, getProtoResources } from "@flyte-ts/core";


const HINT = 'a Kubernetes quantity such as "500m", "2", "4Gi" or "512Mi"';

const fields = (r: Resources) => ({ cpu: r.cpu, memory: r.memory, gpu: r.gpu, disk: r.disk, shm: r.shm });
const deviceFields = (d: Device | undefined) =>
  d && { quantity: d.quantity, deviceClass: d.deviceClass, device: d.device, partition: d.partition };

describe("isQuantity / quantityValue (Kubernetes quantities)", () => {
  it("accepts Kubernetes quantity syntax", () => {
    for (const q of [
      "1", "0", "0.5", ".5", "1.", "+1", "-1", "500m", "100n", "10u", "1k", "2M", "3G", "4T", "5P", "6E",
      "1Ki", "4Gi", "512Mi", "1Ti", "1Pi", "1Ei", "1e3", "1E3", "1e-2", "1.5Gi",
    ]) {
      expect(isQuantity(q), q).toBe(true);
    }
  });

  it("rejects strings that are not Kubernetes quantities", () => {
    for (const q of ["", "2GiB", "5GB", "1gi", "1K", "1KB", "Gi", "1 Gi", " 1", "1.5.5", "e3", "1e", "--1", "0x10", "one", "1Gi "]) {
      expect(isQuantity(q), JSON.stringify(q)).toBe(false);
    }
  });

  it("quantityValue converts suffixes (E is exa and Ei exbi, not an exponent)", () => {
    for (const [input, expected] of [
      ["2", 2],
      [3, 3],
      ["500m", 0.5],
      ["1.5k", 1500],
      ["1Ki", 1024],
      ["1Gi", 1073741824],
      ["1e3", 1000],
      ["5E-2", 0.05],
      ["1E", 1e18],
      ["1Ei", 2 ** 60],
      ["1P", 1e15],
    ] as const) {
      expect(quantityValue(input), String(input)).toBe(expected);
    }
  });

  it("quantityValue is undefined for a non-quantity", () => {
    expect(quantityValue("2GiB")).toBeUndefined();
  });
});

describe("Resources construction", () => {
  it("has every field undefined by default and is frozen", () => {
    const r = new Resources();
    expect(fields(r)).toEqual({ cpu: undefined, memory: undefined, gpu: undefined, disk: undefined, shm: undefined });
    expect(r.kind).toBe("flyte.Resources");
    expect(Object.isFrozen(r)).toBe(true);
  });

  it("accepts valid values (cpu 0, equal request and limit, auto shm) and keeps them as given", () => {
    const valid: ResourcesOptions[] = [
      { cpu: 1 }, { cpu: 0 }, { cpu: 0.5 }, { cpu: "500m" }, { cpu: [1, 2] }, { cpu: ["250m", 1] }, { cpu: [1, "1000m"] },
      { memory: "4Gi" }, { memory: ["2Gi", "4Gi"] }, { memory: ["1024Mi", "1Gi"] }, { memory: ["1Ei", "2E"] },
      { gpu: 1 }, { gpu: 0 }, { gpu: "A100_80G:2" }, { gpu: "T4 shared:1" }, { gpu: "AppleSilicon" }, { disk: "20Gi" },
      { shm: "auto" }, { shm: "1Gi" },
    ];
    for (const options of valid) {
      expect(fields(new Resources(options)), JSON.stringify(options)).toEqual({
        cpu: undefined, memory: undefined, gpu: undefined, disk: undefined, shm: undefined, ...options,
      });
    }
  });

  it("keeps a Device instance by identity", () => {
    const device = GPU("H100", 2, "1g.10gb");
    expect(new Resources({ gpu: device }).gpu).toBe(device);
  });

  it("copies and freezes a [request, limit] pair", () => {
    const cpu: [number, number] = [1, 2];
    const r = new Resources({ cpu });
    cpu[1] = 100;
    expect(r.cpu).toEqual([1, 2]);
    expect(Object.isFrozen(r.cpu)).toBe(true);
  });

  it("rejects malformed values, each with its path and message", () => {
    const cases: Array<[string, Record<string, unknown>, Array<{ path: Array<string | number>; message: string }>]> = [
      ["cpu pair of one", { cpu: [1] }, [{ path: ["cpu"], message: "cpu tuple must have exactly two elements" }]],
      ["cpu triple", { cpu: [1, 2, 3] }, [{ path: ["cpu"], message: "cpu tuple must have exactly two elements" }]],
      ["memory pair of one", { memory: ["1Gi"] }, [{ path: ["memory"], message: "memory tuple must have exactly two elements" }]],
      ["negative cpu", { cpu: -1 }, [{ path: ["cpu"], message: "cpu must be greater than or equal to 0" }]],
      ["infinite cpu", { cpu: Number.POSITIVE_INFINITY }, [{ path: ["cpu"], message: "cpu must be a finite number, got Infinity" }]],
      ["non-quantity cpu string", { cpu: "two" }, [{ path: ["cpu"], message: `cpu must be a number or ${HINT}, got "two"` }]],
      ["boolean cpu", { cpu: true }, [{ path: ["cpu"], message: "cpu must be a number, a quantity string or a [request, limit] pair, got true" }]],
      ["memory as a number", { memory: 1024 }, [{ path: ["memory"], message: `memory must be ${HINT}, got 1024` }]],
      ["memory 2GiB", { memory: "2GiB" }, [{ path: ["memory"], message: `memory must be ${HINT}, got "2GiB"` }]],
      ["negative memory", { memory: "-1Gi" }, [{ path: ["memory"], message: `memory must be ${HINT}, got "-1Gi"` }]],
      ["negative gpu", { gpu: -1 }, [{ path: ["gpu"], message: "gpu must be greater than or equal to 0" }]],
      ["fractional gpu", { gpu: 1.5 }, [{ path: ["gpu"], message: "gpu count must be an integer, got 1.5" }]],
      ["gpu object", { gpu: { quantity: 1 } }, [{ path: ["gpu"], message: 'gpu must be a count, an accelerator string such as "A100:2", or a Device, got an object' }]],
      ["disk 5GB", { disk: "5GB" }, [{ path: ["disk"], message: `disk must be ${HINT}, got "5GB"` }]],
      ["disk as a number", { disk: 5 }, [{ path: ["disk"], message: `disk must be ${HINT}, got 5` }]],
      ["shm word", { shm: "big" }, [{ path: ["shm"], message: `shm must be "auto" or ${HINT}, got "big"` }]],
      ["misspelt key", { gpus: 1 }, [{ path: ["gpus"], message: "unknown option; allowed: cpu, memory, gpu, disk, shm" }]],
    ];
    for (const [label, options, issues] of cases) {
      const err = configError(() => new Resources(options as never));
      expect(err.subject, label).toBe("Resources");
      expect(err.issues, label).toEqual(issues);
    }
  });

  it("accepts gpu: 0 as no accelerator, as flyte 2.12.1 does", () => {
    const r = new Resources({ gpu: 0 });
    expect(r.gpu).toBe(0);
    expect(r.device()).toBeUndefined();
  });

  it("replaces a deprecated GPU name in an accelerator string by the current one, as the reference does", () => {
    expect(new Resources({ gpu: "A100 80G:2" }).gpu).toBe("A100_80G:2");
    expect(new Resources({ gpu: "RTX PRO 6000:1" }).gpu).toBe("RTX_PRO_6000:1");
  });

  it("rejects an accelerator string outside the list, under path gpu", () => {
    const err = configError(() => new Resources({ gpu: "A100:9" as never }));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]!.path).toEqual(["gpu"]);
    expect(err.issues[0]!.message).toBe('gpu must be one of the accelerator strings "<name>:<count>" or a whole-number count, got "A100:9"; nearest valid: "A100:8" (A100 takes 1-8)');
  });

  it("rejects negative cpu strings and pair elements (stricter than the reference)", () => {
    expect(configError(() => new Resources({ cpu: "-500m" })).issues).toEqual([
      { path: ["cpu"], message: "cpu must be greater than or equal to 0" },
    ]);
    expect(configError(() => new Resources({ cpu: [-1, 2] })).issues).toEqual([
      { path: ["cpu", 0], message: "cpu must be greater than or equal to 0" },
    ]);
  });

  it("rejects negative disk and shm sizes (stricter than the reference)", () => {
    expect(configError(() => new Resources({ disk: "-5Gi", shm: "-1Gi" })).issues).toEqual([
      { path: ["disk"], message: `disk must be ${HINT}, got "-5Gi"` },
      { path: ["shm"], message: `shm must be "auto" or ${HINT}, got "-1Gi"` },
    ]);
  });

  it("rejects a request above its limit, comparing across units (stricter than the reference)", () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ cpu: [3, 2] }, "cpu request 3 must not exceed its limit 2"],
      [{ cpu: [2, "1"] }, 'cpu request 2 must not exceed its limit "1"'],
      [{ cpu: ["1500m", 1] }, 'cpu request "1500m" must not exceed its limit 1'],
      [{ memory: ["4Gi", "2Gi"] }, 'memory request "4Gi" must not exceed its limit "2Gi"'],
      [{ memory: ["1025Mi", "1Gi"] }, 'memory request "1025Mi" must not exceed its limit "1Gi"'],
      [{ memory: ["2E", "3P"] }, 'memory request "2E" must not exceed its limit "3P"'],
      [{ memory: ["2Ei", "2E"] }, 'memory request "2Ei" must not exceed its limit "2E"'],
    ];
    for (const [options, message] of cases) {
      const field = Object.keys(options)[0]!;
      expect(configError(() => new Resources(options as never)).issues, message).toEqual([{ path: [field], message }]);
    }
  });

  it("reports every problem at once, in field order, in one ConfigError", () => {
    const err = configError(
      () => new Resources({ cpu: [3, 2], memory: ["2GiB", "1Gi"], gpu: -1, disk: "5GB", shm: "x", extra: 1 } as never),
    );
    expect(err).toBeInstanceOf(FlyteTsError);
    expect(err.name).toBe("ConfigError");
    expect(err.code).toBe("INVALID_CONFIG");
    expect(err.issues).toEqual([
      { path: ["extra"], message: "unknown option; allowed: cpu, memory, gpu, disk, shm" },
      { path: ["cpu"], message: "cpu request 3 must not exceed its limit 2" },
      { path: ["memory", 0], message: `memory must be ${HINT}, got "2GiB"` },
      { path: ["gpu"], message: "gpu must be greater than or equal to 0" },
      { path: ["disk"], message: `disk must be ${HINT}, got "5GB"` },
      { path: ["shm"], message: `shm must be "auto" or ${HINT}, got "x"` },
    ]);
    expect(err.message).toBe(
      "Invalid Resources (6 problems):\n" +
        "  - extra: unknown option; allowed: cpu, memory, gpu, disk, shm\n" +
        "  - cpu: cpu request 3 must not exceed its limit 2\n" +
        `  - memory[0]: memory must be ${HINT}, got "2GiB"\n` +
        "  - gpu: gpu must be greater than or equal to 0\n" +
        `  - disk: disk must be ${HINT}, got "5GB"\n` +
        `  - shm: shm must be "auto" or ${HINT}, got "x"`,
    );
  });

  it("rejects a non-object argument", () => {
    expect(configError(() => new Resources(null as never)).issues).toEqual([
      { path: [], message: "expected an object with cpu, memory, gpu, disk, shm" },
    ]);
  });
});

describe("Resources.from", () => {
  it("builds a Resources from a plain object", () => {
    const r = Resources.from({ cpu: [1, 2], memory: "4Gi", gpu: "T4:1" });
    expect(r).toBeInstanceOf(Resources);
    expect(fields(r)).toEqual({ cpu: [1, 2], memory: "4Gi", gpu: "T4:1", disk: undefined, shm: undefined });
  });

  it("returns a Resources unchanged", () => {
    const r = new Resources({ cpu: 1 });
    expect(Resources.from(r)).toBe(r);
  });

  it("validates a plain object like the constructor", () => {
    expect(configError(() => Resources.from({ cpu: -1, memory: "lots" })).issues).toEqual([
      { path: ["cpu"], message: "cpu must be greater than or equal to 0" },
      { path: ["memory"], message: `memory must be ${HINT}, got "lots"` },
    ]);
  });

  it("isResources recognises instances only", () => {
    expect(isResources(new Resources())).toBe(true);
    expect(isResources({ cpu: 1 })).toBe(false);
    expect(isResources(undefined)).toBe(false);
  });
});

describe("Resources.device() and sharedMemory()", () => {
  it("device(): none, an untyped GPU count, an accelerator string, a Device", () => {
    const cases: Array<[ResourcesOptions, ReturnType<typeof deviceFields>]> = [
      [{}, undefined],
      [{ gpu: 3 }, { quantity: 3, deviceClass: "GPU", device: undefined, partition: undefined }],
      [{ gpu: "H100:4" as const }, { quantity: 4, deviceClass: "GPU", device: "H100", partition: undefined }],
      [{ gpu: "Trn1:16" as const }, { quantity: 16, deviceClass: "NEURON", device: "Trn1", partition: undefined }],
      [{ gpu: TPU("V6E", "2x4") }, { quantity: 1, deviceClass: "TPU", device: "V6E", partition: "2x4" }],
    ];
    for (const [options, expected] of cases) {
      expect(deviceFields(new Resources(options).device()), JSON.stringify(options)).toEqual(expected);
    }
  });

  it("device() returns the given Device itself", () => {
    const d = GPU("A100", 1, "1g.5gb");
    expect(new Resources({ gpu: d }).device()).toBe(d);
  });

  it("sharedMemory(): undefined when unset, \"\" for auto, the size otherwise", () => {
    expect(new Resources().sharedMemory()).toBeUndefined();
    expect(new Resources({ shm: "auto" }).sharedMemory()).toBe("");
    expect(new Resources({ shm: "1Gi" }).sharedMemory()).toBe("1Gi");
  });
});

describe("gpu as a whole-number string (Flyte's Ray docs write gpu=\"1\")", () => {
  it("is the count: the same wire as the number", () => {
    expect(new Resources({ gpu: "1" }).gpu).toBe(1);
    expect(new Resources({ gpu: "0" }).device()).toBeUndefined();
    expect(getProtoResources(new Resources({ gpu: "2" }))).toEqual(getProtoResources(new Resources({ gpu: 2 })));
    expect(getProtoExtendedResources(new Resources({ gpu: "1" }))).toBeUndefined();
  });

  it("refuses a fractional or signed string as a count", () => {
    expect(configError(() => new Resources({ gpu: "1.5" as never })).issues).toEqual([
      { path: ["gpu"], message: 'gpu must be one of the accelerator strings "<name>:<count>" or a whole-number count, got "1.5"; a count must be a whole number' },
    ]);
    expect(configError(() => new Resources({ gpu: "-1" as never })).issues).toHaveLength(1);
  });

  it("suggests the nearest valid accelerator strings instead of listing all 154", () => {
    const message = (gpu: string) => configError(() => new Resources({ gpu: gpu as never })).issues[0]!.message;
    expect(message("H10:2")).toBe('gpu must be one of the accelerator strings "<name>:<count>" or a whole-number count, got "H10:2"; nearest valid: "A10:2", "H100:2" (A10 takes 1-8; H100 takes 1-8)');
    expect(message("a100:2")).toMatch(/; nearest valid: "A100:2" \(A100 takes 1-8\)$/);
    expect(message("Trn1:2")).toMatch(/; nearest valid: "Trn1:1" \(Trn1 takes 1\|4\|8\|16\)$/);
    expect(message("T4shared:1")).toMatch(/; nearest valid: "T4 shared:1", "L4 shared:1" /);
    expect(message("nvidia")).toMatch(/; e\.g\. "A100:1", "H100:8", "T4:1", "Trn1:16", "AppleSilicon" \(ACCELERATOR_STRINGS lists all\)$/);
    expect(message("A100:99").length).toBeLessThan(200);
  });
});
