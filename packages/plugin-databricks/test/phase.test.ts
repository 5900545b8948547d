import { describe, expect, it } from "vitest";
import { isTerminal, phaseOf } from "@flyte-ts/plugin-databricks";

describe("phase of a runs/get answer", () => {
  it.each([
    ["QUEUED", "QUEUED"], ["BLOCKED", "QUEUED"], ["WAITING_FOR_RETRY", "QUEUED"], ["PENDING", "INITIALIZING"], ["RUNNING", "RUNNING"],
    ["TERMINATING", "RUNNING"], ["SKIPPED", "FAILED"], ["INTERNAL_ERROR", "RETRYABLE_FAILED"], ["SOMETHING_NEW", "UNDEFINED"],
  ])("life cycle %s → %s", (life, phase) => {
    expect(phaseOf({ state: { life_cycle_state: life, state_message: "m" } })).toEqual({ phase, state: life, message: "m" });
  });

  it.each([
    ["SUCCESS", "SUCCEEDED"], ["SUCCESS_WITH_FAILURES", "SUCCEEDED"], ["FAILED", "FAILED"], ["TIMEDOUT", "FAILED"], ["CANCELED", "ABORTED"],
    ["MAXIMUM_CONCURRENT_RUNS_REACHED", "RETRYABLE_FAILED"], ["EXCLUDED", "FAILED"], ["UPSTREAM_FAILED", "FAILED"], ["UPSTREAM_CANCELED", "ABORTED"],
    ["DISABLED", "FAILED"],
  ])("terminated with %s → %s", (result, phase) => {
    expect(phaseOf({ state: { life_cycle_state: "TERMINATED", result_state: result, state_message: "done" } })).toEqual({ phase, state: `TERMINATED/${result}`, message: "done" });
  });

  it("an unknown or missing result state of a terminated run fails it, saying so", () => {
    expect(phaseOf({ state: { life_cycle_state: "TERMINATED", result_state: "NEW_KIND" } })).toEqual({ phase: "FAILED", state: "TERMINATED/NEW_KIND", message: 'unrecognized result state "NEW_KIND"' });
    expect(phaseOf({ state: { life_cycle_state: "TERMINATED" } })).toEqual({ phase: "FAILED", state: "TERMINATED/(no result state)", message: "unrecognized result state null" });
  });

  it("falls back to the newer RunStatus, and to UNDEFINED without either", () => {
    expect(phaseOf({ status: { state: "WAITING" } })).toEqual({ phase: "QUEUED", state: "WAITING", message: "" });
    expect(phaseOf({ status: { state: "TERMINATED", termination_details: { type: "SUCCESS", code: "SUCCESS", message: "ok" } } })).toEqual({ phase: "SUCCEEDED", state: "TERMINATED/SUCCESS", message: "ok" });
    expect(phaseOf({ status: { state: "TERMINATED", termination_details: { type: "CLIENT_ERROR", code: "RUN_EXECUTION_ERROR", message: "boom" } } })).toEqual({ phase: "FAILED", state: "TERMINATED/RUN_EXECUTION_ERROR", message: "boom" });
    expect(phaseOf({ status: { state: "TERMINATED", termination_details: { type: "CLOUD_FAILURE", code: "CLOUD_FAILURE" } } })).toEqual({ phase: "RETRYABLE_FAILED", state: "TERMINATED/CLOUD_FAILURE", message: "" });
    expect(phaseOf({ status: { state: "TERMINATED", termination_details: { code: "USER_CANCELED" } } }).phase).toBe("ABORTED");
    expect(phaseOf({})).toEqual({ phase: "UNDEFINED", state: "(no state)", message: "" });
  });

  it("terminal phases", () => {
    expect(["SUCCEEDED", "FAILED", "ABORTED", "RETRYABLE_FAILED"].every((p) => isTerminal(p as never))).toBe(true);
    expect(["UNDEFINED", "QUEUED", "WAITING_FOR_RESOURCES", "INITIALIZING", "RUNNING"].some((p) => isTerminal(p as never))).toBe(false);
  });
});
