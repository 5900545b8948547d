import { show } from "../util/show.ts";
import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import { ConfigError } from "../errors.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";
import { type DurationInput, toSeconds } from "./duration.ts";

export type CacheBehavior = "auto" | "override" | "disable";
const BEHAVIOR_ALIASES: Record<string, CacheBehavior> = {
  auto: "auto", enable: "auto", enabled: "auto", on: "auto", true: "auto", yes: "auto",
  override: "override",
  disable: "disable", off: "disable", false: "disable", no: "disable", none: "disable",
};

/** Options of {@link Cache}; any other key is refused. A bare behavior string means `{ behavior }`. */
export interface CacheOptions {
  /**
   * Required. `"auto"` (cache, versioned by the task's code), `"override"` (cache with `versionOverride`)
   * or `"disable"`.
   *
   * Validation: one of `"auto"`, `"override"`, `"disable"`, or (case-insensitive) the aliases
   * enable/enabled/on/true/yes (= auto) and off/false/no/none (= disable).
   */
  behavior: CacheBehavior | "enable" | "enabled" | "on" | "off" | "true" | "false" | "yes" | "no" | "none";
  /**
   * A fixed cache version instead of the one computed from the task's code. Ignored when the behavior is
   * "disable" (the reference then computes the task's version with the "auto" policy).
   *
   * Validation: a non-empty string.
   *
   * @defaultValue `undefined`: the version computed from the task's code
   */
  versionOverride?: string;
  /**
   * Run identical concurrent executions once.
   *
   * Validation: a boolean.
   *
   * @defaultValue `false`
   */
  serialize?: boolean;
  /**
   * Input names left out of the cache key.
   *
   * Validation: a list of strings.
   *
   * @defaultValue `[]`
   */
  ignoredInputs?: readonly string[];
  /**
   * Mixed into the computed version, to invalidate the cache by hand.
   *
   * Validation: a string.
   *
   * @defaultValue `""`
   */
  salt?: string;
  /**
   * The oldest cached result this task reuses: seconds or a duration string ("1h"); older results are
   * recomputed. Written as `metadata.cacheMaxAge` (also when the behavior is "disable", as the reference does).
   *
   * Validation: a finite number or a duration string (units ms, s, m, h, d), not negative.
   *
   * @defaultValue `undefined`: no age limit
   */
  maxAge?: DurationInput;
}

/** Result caching of a task. */
export class Cache {
  readonly kind = "flyte.Cache" as const;
  readonly behavior: CacheBehavior;
  /** Kept as given, but only used while caching is enabled. */
  readonly versionOverride: string | undefined;
  readonly serialize: boolean;
  readonly ignoredInputs: readonly string[];
  readonly salt: string;
  /** Seconds, or undefined for no limit. */
  readonly maxAge: number | undefined;

  constructor(options: CacheOptions) {
    if (!isPlainObject(options)) throw new ConfigError("Cache", [{ path: [], message: "expected { behavior, ... }" }]);
    const issues = new IssueCollector();
    checkOptionKeys(issues, options, ["behavior", "versionOverride", "serialize", "ignoredInputs", "salt", "maxAge"], "flyte.Cache");
    const alias = typeof options.behavior === "string" ? options.behavior.toLowerCase() : undefined;
    // Own keys only: "constructor" or "__proto__" must not resolve through Object.prototype.
    const behavior = alias !== undefined && Object.hasOwn(BEHAVIOR_ALIASES, alias) ? BEHAVIOR_ALIASES[alias] : undefined;
    if (!behavior) {
      issues.add(["behavior"], `must be one of "auto", "override", "disable" (or enable/enabled/on/true/yes, off/false/no/none), got ${show(options.behavior)}`);
    }
    if (options.versionOverride !== undefined && (typeof options.versionOverride !== "string" || options.versionOverride === "")) {
      issues.add(["versionOverride"], "must be a non-empty string");
    }
    if (options.serialize !== undefined && typeof options.serialize !== "boolean") issues.add(["serialize"], "must be a boolean");
    if (options.ignoredInputs !== undefined && !(Array.isArray(options.ignoredInputs) && options.ignoredInputs.every((x) => typeof x === "string"))) {
      issues.add(["ignoredInputs"], "must be a list of input names");
    }
    if (options.salt !== undefined && typeof options.salt !== "string") issues.add(["salt"], "must be a string");
    let maxAge: number | undefined;
    if (options.maxAge !== undefined) {
      maxAge = issues.nested(["maxAge"], () => toSeconds(options.maxAge!));
      if (maxAge !== undefined && maxAge < 0) issues.add(["maxAge"], "must not be negative");
    }
    issues.throwIfAny("Cache");
    this.behavior = behavior!;
    this.versionOverride = options.versionOverride;
    this.serialize = options.serialize ?? false;
    this.ignoredInputs = Object.freeze([...(options.ignoredInputs ?? [])]);
    this.salt = options.salt ?? "";
    this.maxAge = maxAge;
    markValidated(Object.freeze(this));
  }

  get enabled(): boolean {
    return this.behavior !== "disable";
  }

  static from(value: CacheLike): Cache {
    if (isValidated(value, "flyte.Cache")) return value as Cache;
    if (typeof value === "string") return new Cache({ behavior: value });
    return new Cache(value);
  }
}

export type CacheLike = CacheBehavior | Cache | CacheOptions;
