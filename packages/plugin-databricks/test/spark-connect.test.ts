import { describe, expect, it } from "vitest";
import { databricksSparkConnect, databricksSparkConnectFromEnv } from "@flyte-ts/plugin-databricks";

const TOKEN = "dapi0123456789abcdef0123456789abcdef";

describe("the Spark Connect route to a Databricks cluster", () => {
  it("puts the workspace, token and cluster into the URL and the gRPC headers", () => {
    expect(databricksSparkConnect({ host: "https://acme.cloud.databricks.com/", token: TOKEN, clusterId: "0123-456789-abcdefgh" })).toEqual({
      url: `sc://acme.cloud.databricks.com:443/;use_ssl=true;token=${TOKEN};x-databricks-cluster-id=0123-456789-abcdefgh`,
      redactedUrl: "sc://acme.cloud.databricks.com:443/;use_ssl=true;token=***;x-databricks-cluster-id=0123-456789-abcdefgh",
      endpoint: "https://acme.cloud.databricks.com:443",
      headers: { authorization: `Bearer ${TOKEN}`, "x-databricks-cluster-id": "0123-456789-abcdefgh" },
    });
  });

  it("reports every bad setting at once, never showing the token", () => {
    let message = "";
    try {
      databricksSparkConnect({ host: "acme.cloud.databricks.com/path", token: `${TOKEN};x=1`, clusterId: "a b" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe([
      "Invalid Databricks Spark Connect settings (3 problems):",
      '  - host: must be a workspace host name such as "acme.cloud.databricks.com", got "acme.cloud.databricks.com/path"',
      '  - token: must not contain ";" or whitespace (the value is not shown)',
      '  - clusterId: must be letters, digits and "-", got "a b"',
    ].join("\n"));
    expect(message).not.toContain(TOKEN);
  });

  it("reads the settings from the environment, the token from the task's secret variable", () => {
    const env = { DATABRICKS_HOST: "acme.cloud.databricks.com", MY_SECRET: TOKEN, DATABRICKS_CLUSTER_ID: "c-1" };
    expect(databricksSparkConnectFromEnv(env, "MY_SECRET").redactedUrl).toBe("sc://acme.cloud.databricks.com:443/;use_ssl=true;token=***;x-databricks-cluster-id=c-1");
    expect(() => databricksSparkConnectFromEnv({ DATABRICKS_HOST: "h" })).toThrow("Databricks Spark Connect needs the environment variables DATABRICKS_TOKEN, DATABRICKS_CLUSTER_ID");
  });
});
