import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cliBin, pkgDir } from "./runtime/a0-harness.ts";

// `flyte-ts run --local` runs the task in its own process: every way a task can end other than returning
// or throwing still ends the command with a clear message (no stack trace) and a non-zero exit.
interface CliRun { status: number | null; stdout: string; stderr: string; elapsedMs: number }

function runLocal(module: string, task: string, options: { args?: string[]; when?: { stderrContains: string; then: (child: ReturnType<typeof spawn>) => void } } = {}): Promise<CliRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [cliBin, "run", "--local", module, task, ...(options.args ?? [])], {
    cwd: pkgDir, env: { ...process.env, NO_COLOR: "1", FLYTE_TS_DEBUG: "" }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let told = false;
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    if (!told && options.when && stderr.includes(options.when.stderrContains)) {
      told = true;
      options.when.then(child);
    }
  });
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr, elapsedMs: Date.now() - started })));
}

const hazards = "test/fixtures/runtime-hazards.ts";
const NEVER = "it awaits a promise that can never settle: nothing is left that could settle it (no timer, socket or child process)";

describe("flyte-ts run --local always ends with a result", { timeout: 60_000 }, () => {
  it.each([
    ["hang", `error [INTERRUPTED]: hz.hang did not finish: ${NEVER} [NEVER_SETTLED]`],
    ["lostRejection", "error [INTERRUPTED]: hz.lostRejection did not finish: a promise rejected and nothing handled it: TypeError: nobody awaited this [UNHANDLED_REJECTION]"],
    ["timerThrows", "error [INTERRUPTED]: hz.timerThrows did not finish: an error was thrown outside the task's promise chain (e.g. in a timer or event callback): RangeError: thrown in a timer [UNCAUGHT_EXCEPTION]"],
    ["slow", "error [TIMEOUT]: hz.slow ran longer than its timeout (maxRuntime 0.3s) and was stopped"],
  ])("%s", async (task, message) => {
    const r = await runLocal(hazards, task);
    expect([r.status, r.stdout]).toEqual([1, ""]);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.elapsedMs).toBeLessThan(15_000);
  });

  it("process.exit from the body, even exit 0", async () => {
    for (const code of [0, 4]) {
      const r = await runLocal(hazards, "exits", { args: ["--input", `code=${code}`] });
      expect([code, r.status, r.stdout]).toEqual([code, 1, ""]);
      expect(r.stderr.trimEnd().split("\n").at(-1)).toBe(
        `error [INTERRUPTED]: hz.exits did not finish: user code called process.exit(${code}) before the task finished; a task reports failure by throwing an error [PROCESS_EXIT]`,
      );
    }
  });

  it("a module whose top-level await never settles", async () => {
    const r = await runLocal("test/fixtures/runtime-unsettled-module.ts", "never");
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe(
      "error [INTERRUPTED]: test/fixtures/runtime-unsettled-module.ts did not finish loading: its top-level code awaits a promise that can never settle: nothing is left that could settle it (no timer, socket or child process) [NEVER_SETTLED]",
    );
  });

  it("Ctrl-C", async () => {
    const r = await runLocal(hazards, "sleeper", { when: { stderrContains: "running hz.sleeper locally", then: (child) => child.kill("SIGINT") } });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toBe("error [INTERRUPTED]: the process received SIGINT (interrupted) before the task finished [TERMINATED]");
    expect(r.elapsedMs).toBeLessThan(15_000);
  });

  it("a task that returned prints its output and exits 0, whatever its stray timers do afterwards", async () => {
    const r = await runLocal(hazards, "messyExit");
    expect([r.status, r.stdout]).toEqual([0, "5\n"]);
  });
});
