import { beforeAll, describe, expect, it } from "vitest";
import { type SerializedTask, runA0, serializeFixture } from "./a0-harness.ts";

// Every way a task can end other than returning or throwing still leaves error.pb and exit 0 (the backend
// reads error.pb only after exit 0), with no stack trace: runtime-contract §1.5, §2.6; docs/runtime.md.
let tasks: Map<string, SerializedTask>;
let runtimeTasks: Map<string, SerializedTask>;
beforeAll(() => {
  tasks = serializeFixture("test/fixtures/runtime-hazards.ts");
  runtimeTasks = serializeFixture("test/fixtures/runtime-tasks.ts");
});

const NO_STACK = /\n\s+at /;

describe("a0 always leaves a result", { timeout: 60_000 }, () => {
  it("a body whose promise can never settle", async () => {
    const r = await runA0(tasks.get("hz.hang")!);
    expect([r.status, r.outputs]).toEqual([0, undefined]);
    expect(r.error).toEqual({
      error: {
        code: "NEVER_SETTLED",
        message: "hz.hang did not finish: it awaits a promise that can never settle: nothing is left that could settle it (no timer, socket or child process)",
        kind: "RECOVERABLE",
        origin: "USER",
      },
    });
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it("a top-level await in the task's module that never settles", async () => {
    const r = await runA0(tasks.get("hz.hang")!, { module: "test/fixtures/runtime-unsettled-module.ts" });
    expect(r.status).toBe(0);
    // origin UNKNOWN (a load failure, as the reference reports them) is the enum's zero value: JSON omits it.
    expect(r.error).toEqual({
      error: {
        code: "NEVER_SETTLED",
        message: "test/fixtures/runtime-unsettled-module.ts did not finish loading: its top-level code awaits a promise that can never settle: nothing is left that could settle it (no timer, socket or child process)",
        kind: "RECOVERABLE",
      },
    });
  });

  it("an unhandled rejection", async () => {
    const r = await runA0(tasks.get("hz.lostRejection")!);
    expect(r.status).toBe(0);
    expect(r.error).toEqual({
      error: { code: "UNHANDLED_REJECTION", message: "hz.lostRejection did not finish: a promise rejected and nothing handled it: TypeError: nobody awaited this", kind: "RECOVERABLE", origin: "USER" },
    });
    expect(r.elapsedMs).toBeLessThan(15_000);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it("a throw in a timer callback", async () => {
    const r = await runA0(tasks.get("hz.timerThrows")!);
    expect(r.status).toBe(0);
    expect(r.error).toEqual({
      error: {
        code: "UNCAUGHT_EXCEPTION",
        message: "hz.timerThrows did not finish: an error was thrown outside the task's promise chain (e.g. in a timer or event callback): RangeError: thrown in a timer",
        kind: "RECOVERABLE",
        origin: "USER",
      },
    });
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it("process.exit from user code, whatever the code", async () => {
    for (const code of [3, 0]) {
      const r = await runA0(tasks.get("hz.exits")!, { inputs: { literals: [{ name: "code", value: { scalar: { primitive: { integer: String(code) } } } }] } });
      expect([code, r.status, r.outputs]).toEqual([code, 0, undefined]);
      expect(r.error).toEqual({
        error: { code: "PROCESS_EXIT", message: `hz.exits did not finish: user code called process.exit(${code}) before the task finished; a task reports failure by throwing an error`, kind: "RECOVERABLE", origin: "USER" },
      });
    }
  });

  it("SIGTERM from the kubelet: a retryable system failure", async () => {
    const r = await runA0(tasks.get("hz.sleeper")!, { when: { stderrContains: "running hz.sleeper", then: (child) => child.kill("SIGTERM") } });
    expect([r.status, r.signal, r.outputs]).toEqual([0, null, undefined]);
    expect(r.error).toEqual({
      error: { code: "TERMINATED", message: "the process received SIGTERM (the pod is being stopped: deleted, preempted or evicted) before the task finished", kind: "RECOVERABLE", origin: "SYSTEM" },
    });
    expect(r.elapsedMs).toBeLessThan(15_000);
  });

  it("a body that outlives the task's timeout is stopped with a timeout error", async () => {
    const r = await runA0(tasks.get("hz.slow")!);
    expect(r.status).toBe(0);
    expect(r.error).toEqual({
      error: { code: "TIMEOUT", message: "hz.slow ran longer than its timeout (maxRuntime 0.3s) and was stopped", kind: "RECOVERABLE", origin: "USER" },
    });
    expect(r.elapsedMs).toBeLessThan(15_000);
  });

  it("a task that returned keeps its result and exit 0, whatever its stray timers do afterwards", async () => {
    const r = await runA0(tasks.get("hz.messyExit")!);
    expect([r.status, r.error]).toEqual([0, undefined]);
    expect(r.outputs).toEqual({ literals: [{ name: "o0", value: { scalar: { primitive: { integer: "5" } } } }] });
  });

  it("a truncated or corrupt inputs.pb is a retryable storage failure, not the user's", async () => {
    const valid = new Uint8Array([0x0a, 0x0b, 0x0a, 0x01, 0x61, 0x12, 0x06, 0x0a, 0x04, 0x0a, 0x02, 0x08, 0x2a]); // {a: 42}
    for (const [what, bytes] of [["truncated", valid.slice(0, 9)], ["corrupt", new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])]] as const) {
      const r = await runA0(runtimeTasks.get("rt.add")!, { inputs: bytes });
      expect([what, r.status]).toEqual([what, 0]);
      const error = (r.error as { error: Record<string, string> }).error;
      expect([what, error.code, error.kind, error.origin]).toEqual([what, "STORAGE", "RECOVERABLE", "SYSTEM"]);
      expect(error.message).toContain(`inputs at ${r.dir}/run/inputs/inputs.pb are not a valid flyteidl2.task.Inputs message (${bytes.length} bytes, truncated or corrupt)`);
    }
  });

  it("a bad FLYTE_STORAGE_RETRIES is reported as a configuration error, and error.pb is still written", async () => {
    const r = await runA0(runtimeTasks.get("rt.add")!, { env: { FLYTE_STORAGE_RETRIES: "three" } });
    expect([r.status, r.outputs]).toEqual([0, undefined]);
    // kind NON_RECOVERABLE is the enum's zero value: JSON omits it. The same setting fails every attempt.
    expect(r.error).toEqual({
      error: { code: "INVALID_CONFIG", message: 'Invalid storage settings (1 problem):\n  - FLYTE_STORAGE_RETRIES: FLYTE_STORAGE_RETRIES must be a whole number >= 0, got "three"', origin: "USER" },
    });
  });
});
