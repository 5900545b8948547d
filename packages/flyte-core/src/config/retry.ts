import { show } from "../util/show.ts";
import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import { ConfigError } from "../errors.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";
import { type DurationInput, formatProtoDuration, toSeconds } from "./duration.ts";

/** Options of {@link Backoff}; any other key is refused. */
export interface BackoffOptions {
  /**
   * Required. Delay before the first retry: seconds or a duration string (`"5s"`, `"1m30s"`).
   *
   * Validation: a finite number or a duration string (units ms, s, m, h, d), not negative.
   */
  base: DurationInput;
  /**
   * Growth factor of the delay per retry.
   *
   * Validation: a finite number ≥ 1; above 1 `cap` is required.
   *
   * @defaultValue `1`: a constant delay
   */
  factor?: number;
  /**
   * Largest delay: seconds or a duration string.
   *
   * Validation: a finite number or a duration string, not negative; required when `factor` > 1.
   *
   * @defaultValue `undefined`: no cap (only allowed with factor 1)
   */
  cap?: DurationInput;
}

export class Backoff {
  readonly kind = "flyte.Backoff" as const;
  /** Seconds. */
  readonly base: number;
  readonly factor: number;
  /** Seconds. */
  readonly cap: number | undefined;

  constructor(options: BackoffOptions) {
    if (!isPlainObject(options)) throw new ConfigError("Backoff", [{ path: [], message: "expected { base, factor?, cap? }" }]);
    const issues = new IssueCollector();
    checkOptionKeys(issues, options, ["base", "factor", "cap"], "flyte.Backoff");
    const base = issues.nested(["base"], () => toSeconds(options.base));
    if (base !== undefined && base < 0) issues.add(["base"], "Backoff.base must be non-negative");
    const factor = options.factor ?? 1;
    if (typeof factor !== "number" || !Number.isFinite(factor) || factor < 1) {
      issues.add(["factor"], `Backoff.factor must be a finite number >= 1.0, got ${show(factor)}`);
    }
    const cap = options.cap === undefined ? undefined : issues.nested(["cap"], () => toSeconds(options.cap!));
    if (cap !== undefined && cap < 0) issues.add(["cap"], "Backoff.cap must be non-negative");
    if (typeof factor === "number" && factor > 1 && options.cap === undefined) {
      issues.add(["cap"], "Backoff.cap is required when factor > 1.0 to prevent unbounded growth");
    }
    issues.throwIfAny("Backoff");
    this.base = base!;
    this.factor = factor;
    this.cap = cap;
    markValidated(Object.freeze(this));
  }

  /** Delay in seconds before retry number `attempt` (1 = the first retry). */
  delaySeconds(attempt: number): number {
    const delay = this.base * this.factor ** Math.max(0, attempt - 1);
    return this.cap === undefined ? delay : Math.min(delay, this.cap);
  }
}

/** Options of {@link RetryStrategy}; any other key is refused. A bare number means `{ count }`. */
export interface RetryStrategyOptions {
  /**
   * Required. How many times a failed attempt is retried (0 = no retry).
   *
   * Validation: an integer from 0 to 4294967295 (uint32).
   */
  count: number;
  /**
   * Delay between attempts.
   *
   * Validation: a {@link Backoff} or its options (see {@link BackoffOptions}).
   *
   * @defaultValue `undefined`: the platform retries without a configured delay
   */
  backoff?: Backoff | BackoffOptions;
}

/** Proto-JSON form of `flyteidl2.core.RetryStrategy`. */
export interface RetryStrategyJson {
  retries?: number;
  backoff?: { base: string; factor: number; cap?: string };
}

export class RetryStrategy {
  readonly kind = "flyte.RetryStrategy" as const;
  readonly count: number;
  readonly backoff: Backoff | undefined;

  constructor(options: RetryStrategyOptions) {
    if (!isPlainObject(options)) throw new ConfigError("RetryStrategy", [{ path: [], message: "expected { count, backoff? }" }]);
    const issues = new IssueCollector();
    checkOptionKeys(issues, options, ["count", "backoff"], "flyte.RetryStrategy");
    if (!Number.isInteger(options.count) || options.count < 0 || options.count > 0xffffffff) {
      issues.add(["count"], `must be a non-negative integer, got ${show(options.count)}`);
    }
    const backoff =
      options.backoff === undefined
        ? undefined
        : issues.nested(["backoff"], () => (isValidated(options.backoff, "flyte.Backoff") ? (options.backoff as Backoff) : new Backoff(options.backoff as BackoffOptions)));
    issues.throwIfAny("RetryStrategy");
    this.count = options.count;
    this.backoff = backoff;
    markValidated(Object.freeze(this));
  }

  /** A count or a strategy. */
  static from(value: number | RetryStrategy | RetryStrategyOptions): RetryStrategy {
    if (isValidated(value, "flyte.RetryStrategy")) return value as RetryStrategy;
    if (typeof value === "number") return new RetryStrategy({ count: value });
    return new RetryStrategy(value);
  }

  toJson(): RetryStrategyJson {
    const out: RetryStrategyJson = {};
    if (this.count > 0) out.retries = this.count;
    if (this.backoff) {
      out.backoff = { base: formatProtoDuration(this.backoff.base), factor: this.backoff.factor };
      if (this.backoff.cap !== undefined) out.backoff.cap = formatProtoDuration(this.backoff.cap);
    }
    return out;
  }
}
