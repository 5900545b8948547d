import { describe, expect, it } from "vitest";
import { ConfigError, FlyteTsError } from "../../src/errors.ts";
import { NonRecoverableError } from "../../src/runtime/non-recoverable-error.ts";
import { classifyFailure } from "../../src/runtime/task-failure.ts";

class QuotaExceeded extends Error {}

describe("classifyFailure", () => {
  it("reports a body error as a recoverable user error named by its class, without the stack", () => {
    expect(classifyFailure(new TypeError("x is not a function"), "body")).toEqual({ code: "TypeError", message: "x is not a function", kind: "RECOVERABLE", origin: "USER" });
    expect(classifyFailure(new QuotaExceeded("over"), "body")).toEqual({ code: "QuotaExceeded", message: "over", kind: "RECOVERABLE", origin: "USER" });
    expect(classifyFailure(new Error("plain"), "body")).toEqual({ code: "Error", message: "plain", kind: "RECOVERABLE", origin: "USER" });
    expect(classifyFailure("thrown string", "body")).toEqual({ code: "NonErrorThrown", message: "thrown string", kind: "RECOVERABLE", origin: "USER" });
    expect(classifyFailure({ why: 1 }, "body")).toEqual({ code: "NonErrorThrown", message: '{"why":1}', kind: "RECOVERABLE", origin: "USER" });
  });

  it("does not retry a NonRecoverableError, wherever it is thrown", () => {
    expect(classifyFailure(new NonRecoverableError("nope"), "body")).toEqual({ code: "NonRecoverableError", message: "nope", kind: "NON_RECOVERABLE", origin: "USER" });
    expect(classifyFailure(new NonRecoverableError("bad row", { code: "BadRow" }), "body")).toEqual({ code: "BadRow", message: "bad row", kind: "NON_RECOVERABLE", origin: "USER" });
  });

  it("blames data validation on the user: inputs are final, outputs may be retried", () => {
    const invalid = new ConfigError("inputs of e.t", [{ path: ["a"], message: "expected int" }], "INVALID_INPUT");
    expect(classifyFailure(invalid, "inputs")).toEqual({ code: "DataValidationError", message: "Invalid inputs of e.t (1 problem):\n  - a: expected int", kind: "NON_RECOVERABLE", origin: "USER" });
    expect(classifyFailure(new Error("o0: expected int"), "outputs")).toEqual({ code: "DataValidationError", message: "o0: expected int", kind: "RECOVERABLE", origin: "USER" });
  });

  it("reports loading and storage failures with their typed codes", () => {
    expect(classifyFailure(new FlyteTsError("MODULE_LOAD", "Could not load m.ts: boom"), "load")).toEqual({ code: "MODULE_LOAD", message: "Could not load m.ts: boom", kind: "RECOVERABLE", origin: "UNKNOWN" });
    expect(classifyFailure(new SyntaxError("Unexpected token"), "load")).toEqual({ code: "SyntaxError", message: "Unexpected token", kind: "RECOVERABLE", origin: "UNKNOWN" });
    expect(classifyFailure(Object.assign(new Error("read failed"), { code: "STORAGE" }), "storage")).toEqual({ code: "STORAGE", message: "read failed", kind: "RECOVERABLE", origin: "SYSTEM" });
    expect(classifyFailure(Object.assign(new Error("EIO"), { code: "EIO" }), "storage")).toEqual({ code: "EIO", message: "EIO", kind: "RECOVERABLE", origin: "SYSTEM" });
  });
});
