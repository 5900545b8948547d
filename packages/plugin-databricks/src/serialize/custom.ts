import type { SerializationContext } from "@flyte-ts/core";
import { sparkJobJson, type SparkJobJson } from "@flyte-ts/plugin-spark";
import type { DatabricksSettings } from "../config/databricks.ts";
import type { DatabricksRunSpec } from "../config/run-spec.ts";

/** The `custom` key through which the backend's connector plugin resolves secrets by name. */
export const TOKEN_SECRET_KEY = "databricks_token";

export interface DatabricksCustomJson extends SparkJobJson {
  databricksConf?: DatabricksRunSpec;
  databricksInstance?: string;
  /** Secret NAMES, resolved by the backend; never values. */
  secrets: { [TOKEN_SECRET_KEY]: string | null };
}

/**
 * `TaskTemplate.custom` of a Databricks task, as the reference writes it: the SparkJob of the Spark
 * part, the run spec and instance, and the non-proto `secrets` key naming the token's secret (`null`
 * when none is configured).
 */
export function databricksCustom(settings: DatabricksSettings, sctx: SerializationContext): DatabricksCustomJson {
  const { driverPod, executorPod, ...job } = sparkJobJson(settings, sctx);
  const custom: DatabricksCustomJson = { ...job, secrets: { [TOKEN_SECRET_KEY]: settings.databricksToken ?? null } };
  if (settings.databricksConf && Object.keys(settings.databricksConf).length > 0) custom.databricksConf = structuredClone(settings.databricksConf);
  if (settings.databricksInstance) custom.databricksInstance = settings.databricksInstance;
  if (driverPod) custom.driverPod = driverPod;
  if (executorPod) custom.executorPod = executorPod;
  return custom;
}
