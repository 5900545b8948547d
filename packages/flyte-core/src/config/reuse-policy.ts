import { show } from "../util/show.ts";
import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import { ConfigError } from "../errors.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";
import { type DurationInput, formatProtoDuration, toSeconds } from "./duration.ts";

/** Options of {@link ReusePolicy}; any other key is refused. */
export interface ReusePolicyOptions {
  /**
   * A fixed number of replicas, or a `[min, max]` pair.
   *
   * Validation: a number is an integer ≥ 1; in a pair, min is an integer ≥ 0, max an integer ≥ 1, and
   * max ≥ min.
   *
   * @defaultValue `2`
   */
  replicas?: number | readonly [number, number];
  /**
   * How long an idle replica is kept: seconds or a duration string.
   *
   * Validation: a finite number or a duration string (units ms, s, m, h, d), at least 30 seconds.
   *
   * @defaultValue `30` seconds
   */
  idleTtl?: DurationInput;
  /**
   * Tasks one replica runs at once.
   *
   * Validation: an integer ≥ 1.
   *
   * @defaultValue `1`
   */
  concurrency?: number;
  /**
   * How long after the last task the environment scales down: seconds or a duration string.
   *
   * Validation: a finite number or a duration string, at least 30 seconds.
   *
   * @defaultValue `30` seconds
   */
  scaledownTtl?: DurationInput;
  /**
   * `"global"` (replicas shared across runs) or `"run"` (one set per run).
   *
   * Validation: `"global"` or `"run"`.
   *
   * @defaultValue `"global"`
   */
  scope?: "global" | "run";
}

/** Proto-JSON form of `flyteidl2.core.ReusePolicy`. */
export interface ReusePolicyJson {
  minReplicas?: number;
  maxReplicas?: number;
  concurrency?: number;
  idleTtl: string;
  scaledownTtl: string;
  scope?: "RUN";
}

/** Keeps containers of an environment alive and reuses them across tasks ("actors"). */
export class ReusePolicy {
  readonly kind = "flyte.ReusePolicy" as const;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly concurrency: number;
  /** Seconds. */
  readonly idleTtl: number;
  /** Seconds. */
  readonly scaledownTtl: number;
  readonly scope: "global" | "run";

  constructor(options: ReusePolicyOptions = {}) {
    if (!isPlainObject(options)) throw new ConfigError("ReusePolicy", [{ path: [], message: "expected an options object" }]);
    const issues = new IssueCollector();
    checkOptionKeys(issues, options, ["replicas", "idleTtl", "concurrency", "scaledownTtl", "scope"], "flyte.ReusePolicy");
    const replicas = options.replicas ?? 2;
    let min = 0;
    let max = 0;
    if (typeof replicas === "number") {
      min = max = replicas;
      if (!Number.isInteger(replicas) || replicas < 1) issues.add(["replicas"], `must be an integer >= 1, got ${show(replicas)}`);
    } else if (Array.isArray(replicas) && replicas.length === 2) {
      [min, max] = replicas;
      if (!Number.isInteger(min) || min < 0) issues.add(["replicas", 0], `min replicas must be an integer >= 0, got ${show(min)}`);
      if (!Number.isInteger(max) || max < 1) issues.add(["replicas", 1], `max replicas must be an integer >= 1, got ${show(max)}`);
      if (max < min) issues.add(["replicas"], `max replicas (${show(max)}) must be >= min replicas (${show(min)})`);
    } else {
      issues.add(["replicas"], "must be a number or a [min, max] pair");
    }
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) issues.add(["concurrency"], `must be an integer >= 1, got ${show(concurrency)}`);
    const ttl = (field: "idleTtl" | "scaledownTtl", name: string): number => {
      const seconds = issues.nested([field], () => toSeconds(options[field] ?? 30));
      if (seconds !== undefined && seconds < 30) issues.add([field], `${name} must be at least 30 seconds`);
      return seconds ?? 30;
    };
    const idleTtl = ttl("idleTtl", "idle_ttl");
    const scaledownTtl = ttl("scaledownTtl", "scaledown_ttl");
    const scope = options.scope ?? "global";
    if (scope !== "global" && scope !== "run") issues.add(["scope"], `must be "global" or "run", got ${show(scope)}`);
    issues.throwIfAny("ReusePolicy");
    this.minReplicas = min;
    this.maxReplicas = max;
    this.concurrency = concurrency;
    this.idleTtl = idleTtl;
    this.scaledownTtl = scaledownTtl;
    this.scope = scope;
    markValidated(Object.freeze(this));
  }

  toJson(): ReusePolicyJson {
    const out: ReusePolicyJson = { idleTtl: formatProtoDuration(this.idleTtl), scaledownTtl: formatProtoDuration(this.scaledownTtl) };
    const ordered: ReusePolicyJson = {
      ...(this.minReplicas ? { minReplicas: this.minReplicas } : {}),
      ...(this.maxReplicas ? { maxReplicas: this.maxReplicas } : {}),
      ...(this.concurrency ? { concurrency: this.concurrency } : {}),
      ...out,
      ...(this.scope === "run" ? { scope: "RUN" as const } : {}),
    };
    return ordered;
  }
}

export function isReusePolicy(value: unknown): value is ReusePolicy {
  return isValidated(value, "flyte.ReusePolicy");
}
