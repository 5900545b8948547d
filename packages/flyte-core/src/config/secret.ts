import { show } from "../util/show.ts";
import { checkOptionKeys, isValidated, markValidated } from "../util/validated.ts";
import { ConfigError } from "../errors.ts";
import { IssueCollector, checkKnownKeys, isPlainObject } from "../util/issues.ts";

export const SECRET_MOUNT_PATH = "/etc/flyte/secrets";
const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Options of {@link Secret}; any other key is refused. */
export interface SecretOptions {
  /**
   * Required. The secret's key (its name within the group).
   *
   * Validation: a non-empty string; without `mount` or `asEnvVar`, the derived variable name must match
   * `^[A-Z_][A-Z0-9_]*$`.
   */
  key: string;
  /**
   * The group the secret belongs to.
   *
   * Validation: a string.
   *
   * @defaultValue `undefined`: no group
   */
  group?: string;
  /**
   * Mount the secret as a file under this path instead of an environment variable.
   *
   * Validation: only `"/etc/flyte/secrets"` ({@link SECRET_MOUNT_PATH}) is accepted.
   *
   * @defaultValue `undefined`: exposed as an environment variable
   */
  mount?: string;
  /**
   * Environment variable to expose the secret as.
   *
   * Validation: must match `^[A-Z_][A-Z0-9_]*$`.
   *
   * @defaultValue `GROUP_KEY` (or `KEY` without a group): upper-cased, `-` → `_`; none when `mount` is set
   */
  asEnvVar?: string;
}

/** Proto-JSON form of `flyteidl2.core.Secret`. */
export interface SecretJson {
  group?: string;
  key: string;
  mountRequirement: "ENV_VAR" | "FILE";
  envVar?: string;
}

/** A request for a secret the backend injects into the task's pod; never holds the secret's value. */
export class Secret {
  readonly kind = "flyte.Secret" as const;
  readonly key: string;
  readonly group: string | undefined;
  readonly mount: string | undefined;
  readonly asEnvVar: string | undefined;

  constructor(options: SecretOptions) {
    if (!isPlainObject(options)) throw new ConfigError("Secret", [{ path: [], message: "expected { key, group?, mount?, asEnvVar? }" }]);
    const issues = new IssueCollector();
    checkOptionKeys(issues, options, ["key", "group", "mount", "asEnvVar"], "flyte.Secret");
    if (typeof options.key !== "string" || options.key === "") issues.add(["key"], "must be a non-empty string");
    if (options.group !== undefined && typeof options.group !== "string") issues.add(["group"], "must be a string");
    if (options.mount !== undefined && options.mount !== SECRET_MOUNT_PATH) {
      issues.add(["mount"], `Only ${SECRET_MOUNT_PATH} is supported as secret mount path today.`);
    }
    if (options.asEnvVar !== undefined && typeof options.asEnvVar !== "string") issues.add(["asEnvVar"], `must be a string, got ${show(options.asEnvVar)}`);
    let asEnvVar = typeof options.asEnvVar === "string" ? options.asEnvVar : undefined;
    // Derive only from a usable key: an empty key is already reported and must not yield a second issue.
    if (options.mount === undefined && options.asEnvVar === undefined && typeof options.key === "string" && options.key !== "" && (options.group === undefined || typeof options.group === "string")) {
      asEnvVar = (options.group ? `${options.group}_${options.key}` : options.key).replaceAll("-", "_").toUpperCase();
    }
    if (asEnvVar !== undefined && !ENV_VAR_NAME.test(asEnvVar)) {
      issues.add([options.asEnvVar === undefined ? "key" : "asEnvVar"], `Invalid environment variable name: ${typeof asEnvVar === "string" ? asEnvVar : show(asEnvVar)}, must match ^[A-Z_][A-Z0-9_]*$`);
    }
    issues.throwIfAny("Secret");
    this.key = options.key;
    this.group = options.group;
    this.mount = options.mount;
    this.asEnvVar = asEnvVar;
    markValidated(Object.freeze(this));
  }

  /** Proto JSON, in field-number order. */
  toJson(): SecretJson {
    return {
      ...(this.group ? { group: this.group } : {}),
      key: this.key,
      mountRequirement: this.asEnvVar ? "ENV_VAR" : "FILE",
      ...(this.asEnvVar ? { envVar: this.asEnvVar } : {}),
    };
  }
}

/** A secret name, a `Secret`, or a list of those. */
export type SecretRequest = string | Secret | SecretOptions | ReadonlyArray<string | Secret | SecretOptions>;

export function isSecret(value: unknown): value is Secret {
  return isValidated(value, "flyte.Secret");
}

/** The secrets of a request, each validated; problems are reported with their index. */
export function normalizeSecrets(request: SecretRequest | undefined): Secret[] {
  if (request === undefined) return [];
  const list = Array.isArray(request) ? request : [request as string | Secret | SecretOptions];
  const issues = new IssueCollector();
  const out: Secret[] = [];
  list.forEach((item, i) => {
    const path = Array.isArray(request) ? [i] : [];
    const secret = issues.nested(path, () => {
      if (typeof item === "string") return new Secret({ key: item });
      if (isSecret(item)) return item;
      if (isPlainObject(item)) return new Secret(item as unknown as SecretOptions);
      throw new ConfigError("Secret", [{ path: [], message: `expected a secret name, a Secret or { key, group? }, got ${typeof item}` }]);
    });
    if (secret) out.push(secret);
  });
  issues.throwIfAny("secrets");
  return out;
}
