// Where a Python with Ray is on this machine, for local runs: $FLYTE_TS_RAY_PYTHON, else the project's
// own engine venv (.engines/ray/venv, from scripts/engines/ray.sh) in the working directory or a parent,
// else the interpreter of a `ray` command on PATH, else python3 when it can import ray.
import { findEnginePython, requireEnginePython, type PythonEngine } from "@flyte-ts/core/plugin-kit";

/** What to install; the message of every "Ray is missing" error. */
export const INSTALL_RAY_HINT = 'install Ray with `pip install "ray[default]==2.60.0"` (or run scripts/engines/ray.sh in the flyte-ts repository), or set FLYTE_TS_RAY_PYTHON to a Python that has it';

const RAY: PythonEngine = { name: "Ray", pythonEnvVar: "FLYTE_TS_RAY_PYTHON", venv: "ray", command: "ray", module: "ray", installHint: INSTALL_RAY_HINT };

export function findRayPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  return findEnginePython(RAY, env, cwd);
}

/** The Python with Ray, or a clear error saying what to install. */
export function requireRayPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return requireEnginePython(RAY, env, cwd);
}
