import { Spark, type SparkOptions, type SparkSettings } from "@flyte-ts/plugin-spark";
import type { DatabricksRunSpec } from "./run-spec.ts";

export const DATABRICKS_KIND = "@flyte-ts/plugin-databricks#Databricks";

export interface DatabricksOptions extends SparkOptions {
  /** The runs/submit fields: cluster (`new_cluster` or `existing_cluster_id`) and run settings. */
  databricksConf?: DatabricksRunSpec;
  /** Workspace host without scheme, e.g. "myorg.cloud.databricks.com" (default: $FLYTE_DATABRICKS_INSTANCE or $DATABRICKS_HOST). */
  databricksInstance?: string;
  /** The NAME of the secret holding the access token (never the token itself). */
  databricksToken?: string;
}

export const DATABRICKS_OPTION_KEYS = ["databricksConf", "databricksInstance", "databricksToken"] as const;

export interface DatabricksSettings extends SparkSettings {
  readonly databricksConf: DatabricksRunSpec | undefined;
  readonly databricksInstance: string | undefined;
  readonly databricksToken: string | undefined;
}

/**
 * A Spark config run on Databricks through the Jobs API. Like `Spark`, the constructor only stores the
 * options; they are checked when a task is declared.
 */
export class Databricks extends Spark {
  override readonly kind: string = DATABRICKS_KIND;
  readonly databricksConf: DatabricksRunSpec | undefined;
  readonly databricksInstance: string | undefined;
  readonly databricksToken: string | undefined;

  constructor(options: DatabricksOptions = {}) {
    const { databricksConf, databricksInstance, databricksToken, ...sparkOptions } = options;
    super(sparkOptions);
    this.databricksConf = databricksConf;
    this.databricksInstance = databricksInstance;
    this.databricksToken = databricksToken;
  }
}
