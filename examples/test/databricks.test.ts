import { run } from "@flyte-ts/core";
import { describe, expect, it } from "vitest";

describe("Databricks example", () => {
  it("runs against the local fake Jobs API when no workspace is configured", async () => {
    delete process.env.DATABRICKS_HOST;
    delete process.env.DATABRICKS_TOKEN;
    const { nightlyEtl } = await import("../src/databricks.ts");
    expect(process.env.DATABRICKS_HOST).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
    expect(await run(nightlyEtl)).toEqual({
      runId: "1001",
      state: "TERMINATED/SUCCESS",
      message: "",
      runPageUrl: `${process.env.DATABRICKS_HOST}/?o=1#job/77/run/1001`,
    });
  });
});
