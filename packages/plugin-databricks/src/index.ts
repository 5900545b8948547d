/**
 * Databricks tasks: the `Databricks` config (Spark's plus a Jobs API run), its serializer and the Jobs
 * API connector. Importing this module registers the plugin with @flyte-ts/core.
 *
 * @module @flyte-ts/plugin-databricks
 */
import { registerPlugin } from "@flyte-ts/core";
import { databricksPlugin } from "./plugin.ts";

export { Databricks, DATABRICKS_KIND, DATABRICKS_OPTION_KEYS, type DatabricksOptions, type DatabricksSettings } from "./config/databricks.ts";
export type { DatabricksRunSpec, DatabricksNewCluster, DatabricksAutoscale } from "./config/run-spec.ts";
export { readDatabricksSettings } from "./config/read-settings.ts";
export { databricksCustom, TOKEN_SECRET_KEY, type DatabricksCustomJson } from "./serialize/custom.ts";
export { buildRunsSubmitBody, ENTRYPOINT_TASK } from "./connector/submit-body.ts";
export { DatabricksConnector, DatabricksSubmitInterrupted, JOBS_API_PATH, baseUrlOf, type DatabricksConnectorOptions, type DatabricksRunInfo } from "./connector/connector.ts";
export { DatabricksApiError, DEFAULT_RETRY_POLICY, retryAfterMs, type RetryPolicy, type JobsHttpOptions } from "./connector/jobs-http.ts";
export { DEFAULT_ENTRYPOINT_PATH, ENTRYPOINT_FILE, entrypointSource, entrypointPath } from "./entrypoint.ts";
export {
  databricksSparkConnect, databricksSparkConnectFromEnv, type DatabricksSparkConnectOptions, type DatabricksSparkConnectTarget,
} from "./spark-connect.ts";
export { phaseOf, isTerminal, type ConnectorPhase, type PhaseInfo } from "./connector/phase.ts";
export { resolveToken, resolveInstance, TOKEN_ENV, INSTANCE_ENVS } from "./connector/credentials.ts";
export { configureLocalRuns, resetLocalRuns, type LocalRunSettings, type DatabricksRunResult } from "./run/local-run.ts";
export { renderRunsSubmit } from "./render/runs-submit-preview.ts";
export { databricksPlugin, databricksConfigSchema } from "./plugin.ts";

// Importing the package registers the plugin, as the reference's plugins do.
registerPlugin(databricksPlugin);
