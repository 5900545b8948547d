// Runs a Python program as a child (an engine's client or driver started by a task body), streaming its
// stdout and stderr to this process's while keeping both, and failing with the program's own error (the
// end of its traceback) when it exits non-zero.
import { spawn } from "node:child_process";
import { FlyteTsError } from "../errors.ts";

/** The program to run and where its output goes. */
export interface PythonChildOptions {
  /**
   * Required. The interpreter: a path, or a command looked up on PATH.
   *
   * Validation: none here; an interpreter that cannot be started fails with `installHint`.
   */
  python: string;
  /**
   * Required. The interpreter's arguments, e.g. `["-c", source, ...argv]` or `[file, ...argv]`.
   *
   * Validation: none; passed as given, without a shell.
   */
  args: readonly string[];
  /**
   * The child's working directory.
   *
   * Validation: none; a folder that does not exist fails the start with `installHint`.
   *
   * @defaultValue `process.cwd()`
   */
  cwd?: string | undefined;
  /**
   * Required. The child's whole environment (spread `process.env` in to inherit it).
   *
   * Validation: none.
   */
  env: NodeJS.ProcessEnv;
  /**
   * Required. Names the program in errors, e.g. `"Ray driver sweep.py"`.
   *
   * Validation: none.
   */
  label: string;
  /**
   * Required. What to do when the interpreter cannot be started, e.g. how to install the engine.
   *
   * Validation: none.
   */
  installHint: string;
  /**
   * Receives stdout as it comes, in UTF-8 chunks.
   *
   * Validation: none.
   *
   * @defaultValue `(chunk) => process.stdout.write(chunk)`
   */
  onStdout?: ((chunk: string) => void) | undefined;
  /**
   * Receives stderr as it comes, in UTF-8 chunks.
   *
   * Validation: none.
   *
   * @defaultValue `(chunk) => process.stderr.write(chunk)`
   */
  onStderr?: ((chunk: string) => void) | undefined;
}

/** A finished child's output. */
export interface PythonChildResult {
  /** All the child wrote to stdout. */
  stdout: string;
  /** All the child wrote to stderr. */
  stderr: string;
  /**
   * The last non-empty stdout line parsed as JSON: how a child hands a value back to the task body.
   *
   * @throws FlyteTsError `EXECUTION` naming the program when there is no output or the line is not JSON.
   */
  json<T = unknown>(): T;
}

/** The end of a Python traceback: the lines from the last "Traceback" on, at most 30. */
export function tracebackTail(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  const start = lines.map((l) => l.startsWith("Traceback")).lastIndexOf(true);
  return (start >= 0 ? lines.slice(start) : lines).slice(-30).join("\n");
}

/**
 * Runs the program to its end. Resolves with its output when it exits 0.
 *
 * @throws FlyteTsError `EXECUTION` when the interpreter cannot be started (with `installHint`) or the
 *   program exits non-zero or by a signal (with the end of its traceback).
 */
export function runPythonChild(options: PythonChildOptions): Promise<PythonChildResult> {
  const onStdout = options.onStdout ?? ((chunk: string) => process.stdout.write(chunk));
  const onStderr = options.onStderr ?? ((chunk: string) => process.stderr.write(chunk));
  return new Promise((resolve, reject) => {
    const child = spawn(options.python, options.args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      onStdout(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      onStderr(chunk);
    });
    child.on("error", (err) => reject(new FlyteTsError("EXECUTION", `${options.label}: cannot start ${options.python} (${err.message}); ${options.installHint}`, { cause: err })));
    child.on("close", (code, signal) => {
      if (code === 0) resolve(pythonChildResult(stdout, stderr, options.label));
      else reject(new FlyteTsError("EXECUTION", `${options.label} failed (${signal ? `signal ${signal}` : `exit code ${code}`}):\n${tracebackTail(stderr)}`));
    });
  });
}

function pythonChildResult(stdout: string, stderr: string, label: string): PythonChildResult {
  return {
    stdout,
    stderr,
    json<T>(): T {
      const last = stdout.trimEnd().split("\n").filter((l) => l.trim() !== "").at(-1);
      try {
        if (last === undefined) throw new Error("no output");
        return JSON.parse(last) as T;
      } catch (err) {
        throw new FlyteTsError("EXECUTION", `${label}: its last line of output is not JSON (${(err as Error).message}): ${JSON.stringify(last ?? "")}`);
      }
    },
  };
}
