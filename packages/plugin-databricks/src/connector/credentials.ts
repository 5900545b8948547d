import { FlyteTsError } from "@flyte-ts/core";

/** Where a local run finds the token when the config names no secret. */
export const TOKEN_ENV = "DATABRICKS_TOKEN";
/** Where the reference connector finds the instance when the config has none; then Databricks' own variable. */
export const INSTANCE_ENVS = ["FLYTE_DATABRICKS_INSTANCE", "DATABRICKS_HOST"] as const;

/** Environment variables, as `process.env`. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The token: the environment variable named by the config's secret name (as the reference resolves
 * secrets in local runs), else $DATABRICKS_TOKEN. Errors name the variable, never a value.
 */
export function resolveToken(secretName: string | undefined, env: Env): string {
  if (secretName !== undefined) {
    const value = env[secretName];
    if (!value) throw new FlyteTsError("EXECUTION", `Secret ${secretName} not found in environment: set $${secretName} to the Databricks access token.`);
    return value;
  }
  const value = env[TOKEN_ENV];
  if (!value) throw new FlyteTsError("EXECUTION", `No Databricks token: set databricksToken to the name of the secret holding it, or set $${TOKEN_ENV}.`);
  return value;
}

/** The workspace: the config's databricksInstance, else $FLYTE_DATABRICKS_INSTANCE, else $DATABRICKS_HOST. */
export function resolveInstance(instance: string | undefined, env: Env): string {
  const value = instance ?? INSTANCE_ENVS.map((name) => env[name]).find((v) => v);
  if (!value) {
    throw new FlyteTsError(
      "EXECUTION",
      "Missing databricks instance. Please set the value through the task config (databricksInstance) or set the FLYTE_DATABRICKS_INSTANCE or DATABRICKS_HOST environment variable.",
    );
  }
  return value;
}
