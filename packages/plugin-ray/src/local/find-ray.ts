// Where a Python with Ray is on this machine, for local runs: $FLYTE_TS_RAY_PYTHON, else the project's
// own engine venv (.engines/ray/venv, from scripts/engines/ray.sh) in the working directory or a parent,
// else the interpreter of a `ray` command on PATH, else python3 when it can import ray.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { FlyteTsError } from "@flyte-ts/core";

/** What to install; the message of every "Ray is missing" error. */
export const INSTALL_RAY_HINT = 'install Ray with `pip install "ray[default]==2.60.0"` (or run scripts/engines/ray.sh in the flyte-ts repository), or set FLYTE_TS_RAY_PYTHON to a Python that has it';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function findRayPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  if (env.FLYTE_TS_RAY_PYTHON) return env.FLYTE_TS_RAY_PYTHON;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const venv = join(dir, ".engines", "ray", "venv", "bin", "python");
    if (executable(venv)) return venv;
    if (dirname(dir) === dir) break;
  }
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const ray = join(dir, "ray");
    if (!executable(ray)) continue;
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(ray, "utf8").slice(0, 300));
    if (shebang && existsSync(shebang[1]!)) return shebang[1]!;
  }
  const probe = spawnSync("python3", ["-c", "import ray"], { stdio: "ignore", timeout: 60_000, env });
  return probe.status === 0 ? "python3" : undefined;
}

/** The Python with Ray, or a clear error saying what to install. */
export function requireRayPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const python = findRayPython(env, cwd);
  if (!python) throw new FlyteTsError("EXECUTION", `This task uses Ray, but no Ray installation was found: ${INSTALL_RAY_HINT}`);
  return python;
}
