// Where a Python with Dask's `distributed` is on this machine, for local runs: $FLYTE_TS_DASK_PYTHON, else
// the project's engine venv (.engines/dask/venv, from scripts/engines/dask.sh) in the working directory
// or a parent, else the interpreter of a `dask` command on PATH, else python3 when it imports distributed.
import { findEnginePython, requireEnginePython, type PythonEngine } from "@flyte-ts/core/plugin-kit";

/** What to install; the message of every "Dask is missing" error. */
export const INSTALL_DASK_HINT = 'install Dask with `pip install "distributed==2025.7.0"` (or run scripts/engines/dask.sh in the flyte-ts repository), or set FLYTE_TS_DASK_PYTHON to a Python that has it';

const DASK: PythonEngine = { name: "Dask", pythonEnvVar: "FLYTE_TS_DASK_PYTHON", venv: "dask", command: "dask", module: "distributed", installHint: INSTALL_DASK_HINT };

export function findDaskPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  return findEnginePython(DASK, env, cwd);
}

/** The Python with Dask, or a clear error saying what to install. */
export function requireDaskPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return requireEnginePython(DASK, env, cwd);
}
