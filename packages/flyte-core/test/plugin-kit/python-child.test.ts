// A Python child run with the machine's python3 (the engines' installers provide it on a fresh machine).
import { describe, expect, it } from "vitest";
import { FlyteTsError } from "@flyte-ts/core";
import { runPythonChild, tracebackTail } from "@flyte-ts/core/plugin-kit";

const base = { python: "python3", env: { ...process.env }, label: "probe", installHint: "install Python 3" };

describe("runPythonChild", () => {
  it("streams stdout and stderr as they come, keeps both, and parses the last non-empty stdout line as JSON", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const result = await runPythonChild({
      ...base,
      args: ["-c", "import sys, json; print('hello'); print('warn', file=sys.stderr); print(json.dumps({'n': int(sys.argv[1])})); print()", "7"],
      onStdout: (chunk) => out.push(chunk),
      onStderr: (chunk) => err.push(chunk),
    });
    expect(result.stdout).toBe('hello\n{"n": 7}\n\n');
    expect(result.stderr).toBe("warn\n");
    expect(out.join("")).toBe(result.stdout);
    expect(err.join("")).toBe(result.stderr);
    expect(result.json()).toEqual({ n: 7 });
  });

  it("runs in the given working directory with exactly the given environment", async () => {
    const result = await runPythonChild({
      ...base,
      args: ["-c", "import os; print(os.getcwd()); print(os.environ.get('ONLY'), os.environ.get('HOME'))"],
      cwd: "/",
      env: { PATH: process.env.PATH, ONLY: "yes" },
      onStdout: () => {},
    });
    expect(result.stdout).toBe("/\nyes None\n");
  });

  it("says which program's output is not JSON", async () => {
    const result = await runPythonChild({ ...base, args: ["-c", "print('done')"], onStdout: () => {} });
    expect(() => result.json()).toThrow(new FlyteTsError("EXECUTION", `probe: its last line of output is not JSON (Unexpected token 'd', "done" is not valid JSON): "done"`));
    const empty = await runPythonChild({ ...base, args: ["-c", "pass"] });
    expect(() => empty.json()).toThrow('probe: its last line of output is not JSON (no output): ""');
  });

  it("fails with the end of the traceback and the exit code", async () => {
    const run = runPythonChild({ ...base, args: ["-c", "print('noise')\nraise ValueError('bad rows')"], onStdout: () => {}, onStderr: () => {} });
    await expect(run).rejects.toThrow(
      new FlyteTsError("EXECUTION", 'probe failed (exit code 1):\nTraceback (most recent call last):\n  File "<string>", line 2, in <module>\nValueError: bad rows'),
    );
  });

  it("says what to install when the interpreter cannot be started", async () => {
    const run = runPythonChild({ ...base, python: "/nonexistent/python", args: [] });
    await expect(run).rejects.toMatchObject({ code: "EXECUTION", message: "probe: cannot start /nonexistent/python (spawn /nonexistent/python ENOENT); install Python 3" });
  });
});

describe("tracebackTail", () => {
  it("keeps the lines from the last traceback on, at most 30", () => {
    expect(tracebackTail("log\nTraceback (first)\nA\nTraceback (second)\nB: x\n")).toBe("Traceback (second)\nB: x");
    const long = Array.from({ length: 40 }, (_, i) => `line ${i}`).join("\n");
    expect(tracebackTail(long).split("\n")).toEqual(Array.from({ length: 30 }, (_, i) => `line ${i + 10}`));
  });
});
