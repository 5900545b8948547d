import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeJobsServer, startFakeJobsServer } from "@flyte-ts/plugin-databricks/testing";

// Ctrl-C as a user presses it: `flyte-ts run --local` of a Databricks task (the built CLI and plugin,
// `pnpm build` first) against the fake Jobs API, with real signals.
const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const cliBin = join(dirname(createRequire(import.meta.url).resolve("@flyte-ts/core/package.json")), "bin", "flyte-ts.js");
const TOKEN = "dapi-ctrl-c-test-0123456789";
let server: FakeJobsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function runLocal(url: string, onStderr: (text: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, [cliBin, "run", "--local", "test/fixtures/databricks-task.ts", "etl"], {
    cwd: pkgDir, env: { ...process.env, DATABRICKS_HOST: url, DATABRICKS_TOKEN: TOKEN }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    onStderr(stderr, child);
  });
  return new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; at: number }>((resolve) =>
    child.on("close", (status, signal) => resolve({ status, signal, stderr, at: Date.now() })));
}

describe("Ctrl-C in `flyte-ts run --local` of a Databricks task", { timeout: 60_000 }, () => {
  it("the first cancels the run and fails saying so", async () => {
    server = await startFakeJobsServer({ token: TOKEN, states: [{ life_cycle_state: "RUNNING" }] });
    let sent = 0;
    const r = await runLocal(server.url, (text, child) => {
      if (!sent && text.includes("is RUNNING")) {
        sent = Date.now();
        child.kill("SIGINT");
      }
    });
    expect(r.status).toBe(1);
    expect(r.at - sent).toBeLessThan(3000);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("error [EXECUTION]: Failed to run the task dbx-cli.etl: interrupted (SIGINT); Databricks run 1001 was cancelled");
    expect(server.runs.get("1001")!.cancelled).toBe(true);
  });

  it("a second one exits at once, without waiting for a slow cancellation", async () => {
    server = await startFakeJobsServer({ token: TOKEN, states: [{ life_cycle_state: "RUNNING" }], faults: { cancel: [{ delayMs: 20_000 }] } });
    let second = 0;
    const r = await runLocal(server.url, (text, child) => {
      if (!child.killed && text.includes("is RUNNING")) child.kill("SIGINT");
      if (!second && text.includes("cancelling Databricks run 1001")) {
        second = Date.now();
        child.kill("SIGINT");
      }
    });
    expect([r.status, r.signal]).toEqual([130, null]);
    expect(r.at - second).toBeLessThan(1000);
    expect(r.stderr).toContain("SIGINT again: exiting now");
  });
});
