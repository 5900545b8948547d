// The other route to Databricks: a task body in an ordinary Flyte pod (or a local run) that talks to a
// Databricks cluster through Spark Connect, which Databricks Connect speaks. Databricks takes the
// workspace host on port 443 with TLS, the token as the Spark Connect `token` parameter (sent as
// "authorization: Bearer …"), and the cluster as the `x-databricks-cluster-id` parameter, which Spark
// Connect clients send as a gRPC header. A Spark Connect client (e.g. @flyte-ts/spark-connect) takes the
// URL, or the endpoint and headers separately.
import { FlyteTsError } from "@flyte-ts/core";

export interface DatabricksSparkConnectOptions {
  /**
   * Required. Workspace host, e.g. "acme.cloud.databricks.com" (an https:// prefix is accepted).
   *
   * Validation: a host name, optionally with https:// and without a path.
   */
  host: string;
  /**
   * Required. Personal access or OAuth token (read it from a secret; it never appears in errors).
   *
   * Validation: a non-empty string without ";" (the URL's parameter separator).
   */
  token: string;
  /**
   * Required. Id of the all-purpose cluster to run on, e.g. "0123-456789-abcdefgh".
   *
   * Validation: letters, digits and "-".
   */
  clusterId: string;
}

/** How to reach a Databricks cluster with a Spark Connect client. */
export interface DatabricksSparkConnectTarget {
  /** `sc://<host>:443/;use_ssl=true;token=<token>;x-databricks-cluster-id=<id>` (holds the token). */
  readonly url: string;
  /** The same URL with the token replaced by "***", for logs. */
  readonly redactedUrl: string;
  /** gRPC endpoint, `https://<host>:443`. */
  readonly endpoint: string;
  /** gRPC headers the URL's parameters become. */
  readonly headers: Readonly<Record<string, string>>;
}

export function databricksSparkConnect(options: DatabricksSparkConnectOptions): DatabricksSparkConnectTarget {
  const issues: string[] = [];
  const host = typeof options.host === "string" ? options.host.replace(/^https:\/\//, "").replace(/\/+$/, "") : "";
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(host)) issues.push(`host: must be a workspace host name such as "acme.cloud.databricks.com", got ${JSON.stringify(options.host)}`);
  if (typeof options.token !== "string" || options.token === "") issues.push("token: a non-empty token is required");
  else if (/[;\s]/.test(options.token)) issues.push('token: must not contain ";" or whitespace (the value is not shown)');
  if (typeof options.clusterId !== "string" || !/^[A-Za-z0-9-]+$/.test(options.clusterId)) issues.push(`clusterId: must be letters, digits and "-", got ${JSON.stringify(options.clusterId)}`);
  if (issues.length > 0) throw new FlyteTsError("INVALID_CONFIG", `Invalid Databricks Spark Connect settings (${issues.length} problem${issues.length > 1 ? "s" : ""}):\n  - ${issues.join("\n  - ")}`);
  const url = (token: string) => `sc://${host}:443/;use_ssl=true;token=${token};x-databricks-cluster-id=${options.clusterId}`;
  return {
    url: url(options.token),
    redactedUrl: url("***"),
    endpoint: `https://${host}:443`,
    headers: { authorization: `Bearer ${options.token}`, "x-databricks-cluster-id": options.clusterId },
  };
}

/**
 * The target from the environment: DATABRICKS_HOST, the token in the variable named `tokenVariable`
 * (the task's secret; default DATABRICKS_TOKEN) and DATABRICKS_CLUSTER_ID.
 */
export function databricksSparkConnectFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, tokenVariable = "DATABRICKS_TOKEN"): DatabricksSparkConnectTarget {
  const missing = [["DATABRICKS_HOST", env.DATABRICKS_HOST], [tokenVariable, env[tokenVariable]], ["DATABRICKS_CLUSTER_ID", env.DATABRICKS_CLUSTER_ID]].filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0) throw new FlyteTsError("INVALID_CONFIG", `Databricks Spark Connect needs the environment variables ${missing.join(", ")}`);
  return databricksSparkConnect({ host: env.DATABRICKS_HOST!, token: env[tokenVariable]!, clusterId: env.DATABRICKS_CLUSTER_ID! });
}
