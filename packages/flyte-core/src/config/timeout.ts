import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import { ConfigError } from "../errors.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";
import { type DurationInput, toSeconds } from "./duration.ts";

/** Options of {@link Timeout}; any other key is refused. A bare duration means `{ maxRuntime }`. */
export interface TimeoutOptions {
  /**
   * Longest time one attempt may run: seconds or a duration string (`"30m"`, `"1h30m"`).
   *
   * Validation: a finite number or a duration string (units ms, s, m, h, d), not negative.
   *
   * @defaultValue `0`: no limit
   */
  maxRuntime?: DurationInput;
  /**
   * Longest time the task may wait in the queue.
   *
   * Validation: a finite number or a duration string, not negative.
   *
   * @defaultValue `0`: no limit
   */
  maxQueuedTime?: DurationInput;
  /**
   * Time by which the task must be done, all attempts included.
   *
   * Validation: a finite number or a duration string, not negative.
   *
   * @defaultValue `0`: no limit
   */
  deadline?: DurationInput;
}

/** Task time limits, in seconds; 0 or absent means no limit. */
export class Timeout {
  readonly kind = "flyte.Timeout" as const;
  readonly maxRuntime: number;
  readonly maxQueuedTime: number;
  readonly deadline: number;

  constructor(options: TimeoutOptions = {}) {
    if (!isPlainObject(options)) throw new ConfigError("Timeout", [{ path: [], message: "expected { maxRuntime?, maxQueuedTime?, deadline? }" }]);
    const issues = new IssueCollector();
    checkOptionKeys(issues, options, ["maxRuntime", "maxQueuedTime", "deadline"], "flyte.Timeout");
    const read = (field: keyof TimeoutOptions): number => {
      const value = options[field];
      if (value === undefined) return 0;
      const seconds = issues.nested([field], () => toSeconds(value));
      if (seconds !== undefined && seconds < 0) issues.add([field], "must not be negative");
      return seconds ?? 0;
    };
    const maxRuntime = read("maxRuntime");
    const maxQueuedTime = read("maxQueuedTime");
    const deadline = read("deadline");
    issues.throwIfAny("Timeout");
    this.maxRuntime = maxRuntime;
    this.maxQueuedTime = maxQueuedTime;
    this.deadline = deadline;
    markValidated(Object.freeze(this));
  }

  /** A bare duration means the maximum run time. */
  static from(value: DurationInput | Timeout | TimeoutOptions): Timeout {
    if (isValidated(value, "flyte.Timeout")) return value as Timeout;
    if (typeof value === "number" || typeof value === "string") {
      try {
        return new Timeout({ maxRuntime: value });
      } catch (err) {
        throw err instanceof ConfigError ? new ConfigError("Timeout", err.issues.map((i) => ({ path: [], message: i.message }))) : err;
      }
    }
    return new Timeout(value);
  }
}
