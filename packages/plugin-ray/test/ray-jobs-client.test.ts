import { describe, expect, it } from "vitest";
import { RayJobsClient } from "@flyte-ts/plugin-ray";

describe("RayJobsClient input checks", () => {
  it("reports every bad submit option with its field before anything is sent", async () => {
    // Port 1 answers nothing: a request would fail with a connection error instead.
    const client = new RayJobsClient("http://127.0.0.1:1");
    await expect(
      client.submit({ entrypoint: " ", submissionId: "", entrypointNumCpus: -1, entrypointMemory: 1.5, entrypointResources: { worker: Number.NaN }, envVars: { A: 1 as never }, metadata: [] as never }),
    ).rejects.toMatchObject({
      code: "INVALID_CONFIG",
      message: [
        "Invalid Ray job submission (7 problems):",
        "  - entrypoint: a non-empty shell command is required",
        "  - submissionId: must be a non-empty string",
        "  - entrypointNumCpus: must be a number ≥ 0, got -1",
        "  - entrypointMemory: must be an integer ≥ 0, got 1.5",
        "  - entrypointResources.worker: must be a number ≥ 0, got null",
        "  - envVars.A: must be a string, got number",
        "  - metadata: must be an object of strings",
      ].join("\n"),
    });
  });

  it("refuses a dashboard address that is not a URL, and names a connection failure", async () => {
    expect(() => new RayJobsClient("http://")).toThrow('dashboardUrl: not a URL: "http://" (expected e.g. "http://127.0.0.1:8265")');
    await expect(new RayJobsClient("127.0.0.1:1").list()).rejects.toThrow(/^Ray Jobs API GET \/api\/jobs\/ at http:\/\/127\.0\.0\.1:1 failed: connect ECONNREFUSED 127\.0\.0\.1:1$/);
  });
});
