// Runs a Python program as a child, streaming its stdout and stderr to this process's while keeping
// both, and failing with the program's own error (the end of its traceback) when it exits non-zero.
import { spawn } from "node:child_process";
import { FlyteTsError } from "@flyte-ts/core";

export interface PythonChildResult {
  stdout: string;
  stderr: string;
}

export interface PythonChildOptions {
  python: string;
  args: string[];
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** Names the program in errors, e.g. "Dask client words.py". */
  label: string;
  /** Where output goes as it comes (default: this process's stdout and stderr). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** What to say when the interpreter cannot be started. */
  installHint: string;
}

/** The end of a Python traceback: the lines from the last "Traceback" on, at most 30. */
export function tracebackTail(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  const start = lines.map((l) => l.startsWith("Traceback")).lastIndexOf(true);
  return (start >= 0 ? lines.slice(start) : lines).slice(-30).join("\n");
}

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
      if (code === 0) resolve({ stdout, stderr });
      else reject(new FlyteTsError("EXECUTION", `${options.label} failed (${signal ? `signal ${signal}` : `exit code ${code}`}):\n${tracebackTail(stderr)}`));
    });
  });
}
