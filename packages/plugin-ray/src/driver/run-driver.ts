// A Python Ray driver started by a TypeScript body: a child `python` that connects with the task's
// ray.init arguments, then runs the given file (as __main__, with its arguments) or source. The code the
// driver's tasks need goes to every worker as the runtime env's working directory, a ZIP of the code
// files only (see working-dir-package.ts), written next to nothing the body owns (a temp dir).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { FlyteTsError } from "@flyte-ts/core";
import { runPythonChild, type PythonChildResult } from "@flyte-ts/core/plugin-kit";
import { packageWorkingDir } from "../jobs/working-dir-package.ts";
import { INSTALL_RAY_HINT } from "../local/find-ray.ts";

// The connecting shim. `ray.init` is wrapped so that a script which connects by itself (to stay runnable
// on its own) joins the same connection instead of failing with "called ray.init twice".
const DRIVER_SHIM = String.raw`
import json, os, runpy, sys
import ray

init = json.loads(os.environ.pop("FLYTE_TS_RAY_INIT"))
ray.init(**init)
_init = ray.init
def _reuse(*args, **kwargs):
    kwargs["ignore_reinit_error"] = True
    return _init(*args, **kwargs)
ray.init = _reuse
kind, target, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
if kind == "file":
    sys.argv = [target, *argv]
    sys.path.insert(0, os.path.dirname(os.path.abspath(target)))
    runpy.run_path(target, run_name="__main__")
else:
    sys.argv = ["-c", *argv]
    exec(compile(target, "<driver>", "exec"), {"__name__": "__main__", "ray": ray})
`;

/** What a driver is: a Python file (with arguments) or Python source. */
export type RayDriverProgram = { file: string; script?: never } | { script: string; file?: never };

export type RunDriverOptions = RayDriverProgram & {
  /** Command-line arguments (sys.argv[1:]). */
  args?: readonly string[];
  /**
   * Directory shipped to every Ray worker as the working directory (its code files, chosen as for a
   * code bundle), so the driver's tasks can import the project's Python modules; `false` ships nothing.
   * Default: the task's working directory (the unpacked code bundle in a cluster run).
   */
  workingDir?: string | false;
  /** Extra environment variables for the driver and (through the runtime env) its workers. */
  envVars?: Record<string, string>;
  /** Where the driver's output goes as it comes (default: this process's stdout / stderr). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
};

/** A finished driver's output; `json()` parses its last non-empty stdout line, how a driver hands a value back to the body. */
export type RayDriverResult = PythonChildResult;

export interface DriverConnection {
  python: string;
  /** ray.init keyword arguments (address, runtime_env, …). */
  rayInit: Record<string, unknown>;
  cwd?: string;
}

export async function runRayDriver(connection: DriverConnection, options: RunDriverOptions): Promise<RayDriverResult> {
  if ((options.file === undefined) === (options.script === undefined)) {
    throw new FlyteTsError("INVALID_INVOCATION", "runDriver: give exactly one of `file` (a Python file) or `script` (Python source)");
  }
  const label = options.file !== undefined ? `Ray driver ${basename(options.file)}` : "Ray driver script";
  const scratch = mkdtempSync(join(tmpdir(), "flyte-ts-ray-driver-"));
  try {
    const cwd = connection.cwd ?? process.cwd();
    const runtimeEnv: Record<string, unknown> = { ...((connection.rayInit.runtime_env as Record<string, unknown> | undefined) ?? {}) };
    if (options.workingDir === false) delete runtimeEnv.working_dir;
    else if (options.workingDir !== undefined || runtimeEnv.working_dir === undefined) {
      // The hook's runtime env already holds the packaged working directory in cluster runs.
      const pkg = packageWorkingDir(resolve(cwd, options.workingDir ?? cwd));
      const zip = join(scratch, pkg.uri.slice("gcs://".length));
      writeFileSync(zip, pkg.zip);
      runtimeEnv.working_dir = zip;
    }
    if (options.envVars) runtimeEnv.env_vars = { ...((runtimeEnv.env_vars as Record<string, string> | undefined) ?? {}), ...options.envVars };
    const rayInit = { ...connection.rayInit, runtime_env: Object.keys(runtimeEnv).length > 0 ? runtimeEnv : undefined };
    const program = options.file !== undefined ? ["file", resolve(cwd, options.file)] : ["script", options.script!];
    return await runPythonChild({
      python: connection.python,
      args: ["-c", DRIVER_SHIM, ...program, ...(options.args ?? [])],
      cwd,
      env: { ...process.env, ...options.envVars, FLYTE_TS_RAY_INIT: JSON.stringify(rayInit), RAY_USAGE_STATS_ENABLED: "0" },
      label,
      installHint: INSTALL_RAY_HINT,
      onStdout: options.onStdout,
      onStderr: options.onStderr,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
