import { describe, expect, it } from "vitest";
import {
  Backoff,
  Cache,
  ConfigError,
  RetryStrategy,
  ReusePolicy,
  SECRET_MOUNT_PATH,
  Secret,
  Timeout,
  formatProtoDuration,
  normalizeSecrets,
  toSeconds,
} from "@flyte-ts/core";
import { configError } from "./helpers.ts";


const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const DURATION_HINT = 'expected seconds as a number or a duration string like "90s", "5m", "1h30m"';

describe("durations", () => {
  it("toSeconds reads numbers and unit strings (ms, s, m, h, d, combined, trimmed)", () => {
    const cases: Array<[number | string, number]> = [
      [90, 90],
      [0.25, 0.25],
      ["90s", 90],
      ["5m", 300],
      ["1h30m", 5400],
      ["1h0m30s", 3630],
      ["1.5s", 1.5],
      ["250ms", 0.25],
      ["2d", 172800],
      [" 45s ", 45],
    ];
    for (const [input, seconds] of cases) expect(toSeconds(input), JSON.stringify(input)).toBe(seconds);
  });

  it("toSeconds reads a bare numeric string as seconds", () => {
    expect([toSeconds("90"), toSeconds("1.5"), toSeconds(" 30 ")]).toEqual([90, 1.5, 30]);
  });

  it("toSeconds rejects unknown units, signs and non-finite numbers", () => {
    for (const input of ["", "5 m", "-5s", "1w", "1h30", "s", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(configError(() => toSeconds(input)).issues, String(input)).toEqual([
        { path: [], message: `${DURATION_HINT}, got ${typeof input === "number" ? String(input) : JSON.stringify(input)}` },
      ]);
    }
  });

  it("formatProtoDuration writes 0, 3, 6 or 9 fractional digits (e.g. \"60.500s\")", () => {
    const cases: Array<[number, string]> = [
      [0, "0s"],
      [600, "600s"],
      [60.5, "60.500s"],
      [1.25, "1.250s"],
      [0.1, "0.100s"],
      [0.001, "0.001s"],
      [0.000001, "0.000001s"],
      [0.0000015, "0.000001500s"],
      [1e-9, "0.000000001s"],
      [3600.000001, "3600.000001s"],
      [-1.5, "-1.500s"],
      [-0.5, "-0.500s"],
    ];
    for (const [seconds, text] of cases) expect(formatProtoDuration(seconds), String(seconds)).toBe(text);
  });
});

describe("Secret", () => {
  it('encodes "my-secret" as in the spec', () => {
    expect(normalizeSecrets("my-secret").map((s) => wire(s.toJson()))).toEqual([
      { key: "my-secret", mountRequirement: "ENV_VAR", envVar: "MY_SECRET" },
    ]);
  });

  it("encodes group, explicit env var and file-mount variants", () => {
    const cases: Array<[string, ConstructorParameters<typeof Secret>[0], unknown]> = [
      ["group and key with dashes", { key: "api-key", group: "my-group" }, { group: "my-group", key: "api-key", mountRequirement: "ENV_VAR", envVar: "MY_GROUP_API_KEY" }],
      ["an empty group (ignored)", { key: "token", group: "" }, { key: "token", mountRequirement: "ENV_VAR", envVar: "TOKEN" }],
      ["an explicit env var", { key: "db-pass", asEnvVar: "PGPASSWORD" }, { key: "db-pass", mountRequirement: "ENV_VAR", envVar: "PGPASSWORD" }],
      ["a file mount", { key: "cert", mount: "/etc/flyte/secrets" }, { key: "cert", mountRequirement: "FILE" }],
      ["a file mount in a group", { key: "cert", group: "tls", mount: "/etc/flyte/secrets" }, { group: "tls", key: "cert", mountRequirement: "FILE" }],
      ["a mount and an env var", { key: "cert", mount: "/etc/flyte/secrets", asEnvVar: "CERT" }, { key: "cert", mountRequirement: "ENV_VAR", envVar: "CERT" }],
    ];
    for (const [label, options, json] of cases) expect(wire(new Secret(options).toJson()), label).toEqual(json);
  });

  it("exposes the mount path constant and frozen fields", () => {
    const s = new Secret({ key: "k", mount: SECRET_MOUNT_PATH });
    expect(SECRET_MOUNT_PATH).toBe("/etc/flyte/secrets");
    expect({ key: s.key, group: s.group, mount: s.mount, asEnvVar: s.asEnvVar }).toEqual({
      key: "k", group: undefined, mount: "/etc/flyte/secrets", asEnvVar: undefined,
    });
    expect(Object.isFrozen(s)).toBe(true);
  });

  it.each<[string, Record<string, unknown>, Array<{ path: Array<string | number>; message: string }>]>([
    ["a key that is not a valid env var name", { key: "my.secret" }, [{ path: ["key"], message: "Invalid environment variable name: MY.SECRET, must match ^[A-Z_][A-Z0-9_]*$" }]],
    ["a key starting with a digit", { key: "1password" }, [{ path: ["key"], message: "Invalid environment variable name: 1PASSWORD, must match ^[A-Z_][A-Z0-9_]*$" }]],
    ["a lower-case env var", { key: "k", asEnvVar: "lower" }, [{ path: ["asEnvVar"], message: "Invalid environment variable name: lower, must match ^[A-Z_][A-Z0-9_]*$" }]],
    ["another mount path", { key: "k", mount: "/tmp" }, [{ path: ["mount"], message: "Only /etc/flyte/secrets is supported as secret mount path today." }]],
    ["an empty key", { key: "" }, [{ path: ["key"], message: "must be a non-empty string" }]],
    ["an unknown option", { key: "k", env: "K" }, [{ path: ["env"], message: "unknown option; allowed: key, group, mount, asEnvVar" }]],
  ])("rejects %s", (_label, options, issues) => {
    const err = configError(() => new Secret(options as never));
    expect(err.subject).toBe("Secret");
    expect(err.issues).toEqual(issues);
  });

  it("normalizeSecrets accepts names, Secrets and option objects in a list", () => {
    const existing = new Secret({ key: "b", group: "g" });
    const out = normalizeSecrets(["a", existing, { key: "c", mount: "/etc/flyte/secrets" }]);
    expect(out[1]).toBe(existing);
    expect(out.map((s) => wire(s.toJson()))).toEqual([
      { key: "a", mountRequirement: "ENV_VAR", envVar: "A" },
      { group: "g", key: "b", mountRequirement: "ENV_VAR", envVar: "G_B" },
      { key: "c", mountRequirement: "FILE" },
    ]);
    expect(normalizeSecrets(undefined)).toEqual([]);
  });

  it("normalizeSecrets reports list problems by index and single problems at the root", () => {
    const err = configError(() => normalizeSecrets(["ok", "my.secret", 5 as never]));
    expect(err.subject).toBe("secrets");
    expect(err.issues).toEqual([
      { path: [1, "key"], message: "Invalid environment variable name: MY.SECRET, must match ^[A-Z_][A-Z0-9_]*$" },
      { path: [2], message: "expected a secret name, a Secret or { key, group? }, got number" },
    ]);
    expect(err.message).toBe(
      "Invalid secrets (2 problems):\n" +
        "  - [1].key: Invalid environment variable name: MY.SECRET, must match ^[A-Z_][A-Z0-9_]*$\n" +
        "  - [2]: expected a secret name, a Secret or { key, group? }, got number",
    );
    expect(configError(() => normalizeSecrets({ key: "k", mount: "/run" })).issues).toEqual([
      { path: ["mount"], message: "Only /etc/flyte/secrets is supported as secret mount path today." },
    ]);
  });
});

describe("RetryStrategy and Backoff", () => {
  it("encodes count 5 with base 10s, factor 2, cap 300s as in the spec", () => {
    const r = new RetryStrategy({ count: 5, backoff: new Backoff({ base: 10, factor: 2, cap: 300 }) });
    expect(wire(r.toJson())).toEqual({ retries: 5, backoff: { base: "10s", factor: 2, cap: "300s" } });
  });

  it("accepts duration strings and a plain backoff object", () => {
    const r = new RetryStrategy({ count: 5, backoff: { base: "10s", factor: 2, cap: "5m" } });
    expect(r.backoff).toBeInstanceOf(Backoff);
    expect(wire(r.toJson())).toEqual({ retries: 5, backoff: { base: "10s", factor: 2, cap: "300s" } });
  });

  it("always emits the factor (default 1) and omits a missing cap", () => {
    expect(wire(new RetryStrategy({ count: 2, backoff: { base: 1.5 } }).toJson())).toEqual({
      retries: 2,
      backoff: { base: "1.500s", factor: 1 },
    });
  });

  it("encodes count 0 as {} (proto3 default omitted), keeping a backoff", () => {
    expect(wire(new RetryStrategy({ count: 0 }).toJson())).toEqual({});
    expect(wire(new RetryStrategy({ count: 0, backoff: { base: 0 } }).toJson())).toEqual({ backoff: { base: "0s", factor: 1 } });
  });

  it("from() takes a count or returns a strategy unchanged", () => {
    expect(wire(RetryStrategy.from(3).toJson())).toEqual({ retries: 3 });
    const r = new RetryStrategy({ count: 1 });
    expect(RetryStrategy.from(r)).toBe(r);
    expect(wire(RetryStrategy.from({ count: 4 }).toJson())).toEqual({ retries: 4 });
  });

  it("delaySeconds grows by the factor and stops at the cap", () => {
    const b = new Backoff({ base: 10, factor: 2, cap: 300 });
    expect([1, 2, 3, 5, 6, 10].map((n) => b.delaySeconds(n))).toEqual([10, 20, 40, 160, 300, 300]);
    expect(new Backoff({ base: 5 }).delaySeconds(7)).toBe(5);
  });

  it("Backoff rejects a missing cap, a bad factor, negative or unparsable durations", () => {
    const cases: Array<[string, Record<string, unknown>, Array<{ path: Array<string | number>; message: string }>]> = [
      ["factor > 1 without cap", { base: 1, factor: 2 }, [{ path: ["cap"], message: "Backoff.cap is required when factor > 1.0 to prevent unbounded growth" }]],
      ["factor < 1", { base: 1, factor: 0.5 }, [{ path: ["factor"], message: "Backoff.factor must be a finite number >= 1.0, got 0.5" }]],
      [
        "an infinite factor",
        { base: 1, factor: Number.POSITIVE_INFINITY, cap: 10 },
        [{ path: ["factor"], message: "Backoff.factor must be a finite number >= 1.0, got Infinity" }],
      ],
      ["a negative base", { base: -1 }, [{ path: ["base"], message: "Backoff.base must be non-negative" }]],
      ["a negative cap", { base: 1, cap: -5 }, [{ path: ["cap"], message: "Backoff.cap must be non-negative" }]],
      ["an unparsable base", { base: "soon" }, [{ path: ["base"], message: `${DURATION_HINT}, got "soon"` }]],
    ];
    for (const [label, options, issues] of cases) {
      const err = configError(() => new Backoff(options as never));
      expect(err.subject, label).toBe("Backoff");
      expect(err.issues, label).toEqual(issues);
    }
  });

  it("RetryStrategy reports count and nested backoff problems together", () => {
    const err = configError(() => new RetryStrategy({ count: -1, backoff: { base: 1, factor: 3 } }));
    expect(err.issues).toEqual([
      { path: ["count"], message: "must be a non-negative integer, got -1" },
      { path: ["backoff", "cap"], message: "Backoff.cap is required when factor > 1.0 to prevent unbounded growth" },
    ]);
    expect(err.message).toBe(
      "Invalid RetryStrategy (2 problems):\n" +
        "  - count: must be a non-negative integer, got -1\n" +
        "  - backoff.cap: Backoff.cap is required when factor > 1.0 to prevent unbounded growth",
    );
  });

  it("RetryStrategy rejects fractional, NaN and out-of-uint32 counts", () => {
    for (const count of [1.5, Number.NaN, 2 ** 32]) {
      expect(configError(() => new RetryStrategy({ count })).issues, String(count)).toEqual([
        { path: ["count"], message: `must be a non-negative integer, got ${count}` },
      ]);
    }
  });
});

describe("Timeout", () => {
  it("defaults every limit to 0 (unlimited)", () => {
    const t = new Timeout();
    expect({ maxRuntime: t.maxRuntime, maxQueuedTime: t.maxQueuedTime, deadline: t.deadline }).toEqual({ maxRuntime: 0, maxQueuedTime: 0, deadline: 0 });
  });

  it("from() a bare duration sets only the max runtime, keeping sub-second precision", () => {
    const cases: Array<[number | string, number, string]> = [
      [600, 600, "600s"],
      [60.5, 60.5, "60.500s"],
      ["1h", 3600, "3600s"],
      ["1m0.5s", 60.5, "60.500s"],
    ];
    for (const [input, seconds, text] of cases) {
      const t = Timeout.from(input);
      expect({ maxRuntime: t.maxRuntime, maxQueuedTime: t.maxQueuedTime, deadline: t.deadline }, String(input)).toEqual({
        maxRuntime: seconds, maxQueuedTime: 0, deadline: 0,
      });
      expect(formatProtoDuration(t.maxRuntime), String(input)).toBe(text);
    }
  });

  it("reads every field from options and returns a Timeout unchanged", () => {
    const t = Timeout.from({ maxRuntime: "2h", maxQueuedTime: "5m", deadline: "1d" });
    expect({ maxRuntime: t.maxRuntime, maxQueuedTime: t.maxQueuedTime, deadline: t.deadline }).toEqual({ maxRuntime: 7200, maxQueuedTime: 300, deadline: 86400 });
    expect(Timeout.from(t)).toBe(t);
  });

  it("reports every problem by field", () => {
    const err = configError(() => new Timeout({ maxRuntime: -1, maxQueuedTime: "later", deadline: "1d", retries: 2 } as never));
    expect(err.issues).toEqual([
      { path: ["retries"], message: "unknown option; allowed: maxRuntime, maxQueuedTime, deadline" },
      { path: ["maxRuntime"], message: "must not be negative" },
      { path: ["maxQueuedTime"], message: `${DURATION_HINT}, got "later"` },
    ]);
  });

  it("reports a bad bare duration at the root", () => {
    expect(configError(() => Timeout.from("abc")).issues).toEqual([{ path: [], message: `${DURATION_HINT}, got "abc"` }]);
    expect(configError(() => Timeout.from(-5)).issues).toEqual([{ path: [], message: "must not be negative" }]);
  });
});

describe("Cache", () => {
  it("maps behavior aliases case-insensitively (enable/on/true/yes → auto, off/false/no/none → disable)", () => {
    const cases: Array<[string, "auto" | "override" | "disable"]> = [
      ["auto", "auto"],
      ["enable", "auto"],
      ["enabled", "auto"],
      ["on", "auto"],
      ["true", "auto"],
      ["yes", "auto"],
      ["ON", "auto"],
      ["override", "override"],
      ["disable", "disable"],
      ["off", "disable"],
      ["false", "disable"],
      ["no", "disable"],
      ["None", "disable"],
    ];
    for (const [behavior, canonical] of cases) {
      const c = Cache.from(behavior as never);
      expect(c.behavior, behavior).toBe(canonical);
      expect(c.enabled, behavior).toBe(canonical !== "disable");
    }
  });

  it("has the reference defaults", () => {
    const c = new Cache({ behavior: "auto" });
    expect({ versionOverride: c.versionOverride, serialize: c.serialize, ignoredInputs: c.ignoredInputs, salt: c.salt, maxAge: c.maxAge }).toEqual({
      versionOverride: undefined, serialize: false, ignoredInputs: [], salt: "", maxAge: undefined,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("keeps every option and copies the ignored inputs", () => {
    const ignored = ["seed"];
    const c = Cache.from({ behavior: "override", versionOverride: "v2", serialize: true, ignoredInputs: ignored, salt: "s" });
    ignored.push("other");
    expect({ behavior: c.behavior, versionOverride: c.versionOverride, serialize: c.serialize, ignoredInputs: c.ignoredInputs, salt: c.salt }).toEqual({
      behavior: "override", versionOverride: "v2", serialize: true, ignoredInputs: ["seed"], salt: "s",
    });
    expect(Cache.from(c)).toBe(c);
  });

  it("takes maxAge as seconds or a duration string (0 allowed)", () => {
    expect(new Cache({ behavior: "auto", maxAge: 3600 }).maxAge).toBe(3600);
    expect(new Cache({ behavior: "auto", maxAge: "1h30m" }).maxAge).toBe(5400);
    expect(new Cache({ behavior: "disable", maxAge: 0 }).maxAge).toBe(0);
  });

  it("keeps a version override of a disabled cache (serialization does not use it)", () => {
    expect(new Cache({ behavior: "disable", versionOverride: "v-x" }).versionOverride).toBe("v-x");
  });

  it("rejects names of Object.prototype members as behaviors", () => {
    for (const behavior of ["constructor", "__proto__", "toString"]) {
      expect(configError(() => new Cache({ behavior: behavior as never })).issues, behavior).toEqual([
        {
          path: ["behavior"],
          message: `must be one of "auto", "override", "disable" (or enable/enabled/on/true/yes, off/false/no/none), got ${JSON.stringify(behavior)}`,
        },
      ]);
    }
  });

  it("reports every problem by field", () => {
    const err = configError(
      () => new Cache({ behavior: "sometimes", versionOverride: "", serialize: "yes", ignoredInputs: [1], salt: 5, maxAge: -1, policy: 1 } as never),
    );
    expect(err.issues).toEqual([
      { path: ["policy"], message: "unknown option; allowed: behavior, versionOverride, serialize, ignoredInputs, salt, maxAge" },
      {
        path: ["behavior"],
        message: 'must be one of "auto", "override", "disable" (or enable/enabled/on/true/yes, off/false/no/none), got "sometimes"',
      },
      { path: ["versionOverride"], message: "must be a non-empty string" },
      { path: ["serialize"], message: "must be a boolean" },
      { path: ["ignoredInputs"], message: "must be a list of input names" },
      { path: ["salt"], message: "must be a string" },
      { path: ["maxAge"], message: "must not be negative" },
    ]);
    expect(configError(() => new Cache({ behavior: "auto", maxAge: "soon" })).issues).toEqual([
      { path: ["maxAge"], message: `${DURATION_HINT}, got "soon"` },
    ]);
  });
});

describe("ReusePolicy", () => {
  it("encodes replicas 1, idleTtl 600 as in the spec", () => {
    expect(wire(new ReusePolicy({ replicas: 1, idleTtl: 600 }).toJson())).toEqual({
      minReplicas: 1,
      maxReplicas: 1,
      concurrency: 1,
      idleTtl: "600s",
      scaledownTtl: "30s",
    });
  });

  it("defaults to 2 replicas and 30 s TTLs (scope GLOBAL omitted)", () => {
    expect(wire(new ReusePolicy().toJson())).toEqual({ minReplicas: 2, maxReplicas: 2, concurrency: 1, idleTtl: "30s", scaledownTtl: "30s" });
  });

  it("omits minReplicas 0 (proto3 default) and emits scope RUN", () => {
    const p = new ReusePolicy({ replicas: [0, 4], concurrency: 8, idleTtl: "10m", scaledownTtl: 45.5, scope: "run" });
    expect(wire(p.toJson())).toEqual({ maxReplicas: 4, concurrency: 8, idleTtl: "600s", scaledownTtl: "45.500s", scope: "RUN" });
    expect({ min: p.minReplicas, max: p.maxReplicas, idleTtl: p.idleTtl, scaledownTtl: p.scaledownTtl, scope: p.scope }).toEqual({
      min: 0, max: 4, idleTtl: 600, scaledownTtl: 45.5, scope: "run",
    });
  });

  it("requires TTLs of at least 30 seconds, with the reference's messages", () => {
    const err = configError(() => new ReusePolicy({ idleTtl: 29, scaledownTtl: "10s" }));
    expect(err.issues).toEqual([
      { path: ["idleTtl"], message: "idle_ttl must be at least 30 seconds" },
      { path: ["scaledownTtl"], message: "scaledown_ttl must be at least 30 seconds" },
    ]);
    expect(wire(new ReusePolicy({ idleTtl: 30, scaledownTtl: "30s" }).toJson())).toEqual({
      minReplicas: 2, maxReplicas: 2, concurrency: 1, idleTtl: "30s", scaledownTtl: "30s",
    });
  });

  it("rejects bad replicas, concurrency, scope and TTL values (stricter than the reference)", () => {
    const cases: Array<[string, Record<string, unknown>, Array<{ path: Array<string | number>; message: string }>]> = [
      ["0 replicas", { replicas: 0 }, [{ path: ["replicas"], message: "must be an integer >= 1, got 0" }]],
      ["max below min", { replicas: [3, 1] }, [{ path: ["replicas"], message: "max replicas (1) must be >= min replicas (3)" }]],
      ["a one-element replicas list", { replicas: [1] }, [{ path: ["replicas"], message: "must be a number or a [min, max] pair" }]],
      [
        "negative and zero bounds",
        { replicas: [-1, 0] },
        [
          { path: ["replicas", 0], message: "min replicas must be an integer >= 0, got -1" },
          { path: ["replicas", 1], message: "max replicas must be an integer >= 1, got 0" },
        ],
      ],
      ["concurrency 0", { concurrency: 0 }, [{ path: ["concurrency"], message: "must be an integer >= 1, got 0" }]],
      ["an unknown scope", { scope: "team" }, [{ path: ["scope"], message: 'must be "global" or "run", got "team"' }]],
      ["an unparsable TTL", { idleTtl: "forever" }, [{ path: ["idleTtl"], message: `${DURATION_HINT}, got "forever"` }]],
    ];
    for (const [label, options, issues] of cases) {
      const err = configError(() => new ReusePolicy(options as never));
      expect(err.subject, label).toBe("ReusePolicy");
      expect(err.issues, label).toEqual(issues);
    }
  });
});
