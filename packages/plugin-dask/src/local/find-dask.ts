// Where a Python with Dask's `distributed` is on this machine, for local runs: $FLYTE_TS_DASK_PYTHON, else
// the project's engine venv (.engines/dask/venv, from scripts/engines/dask.sh) in the working directory
// or a parent, else the interpreter of a `dask` command on PATH, else python3 when it imports distributed.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { FlyteTsError } from "@flyte-ts/core";

/** What to install; the message of every "Dask is missing" error. */
export const INSTALL_DASK_HINT = 'install Dask with `pip install "distributed==2025.7.0"` (or run scripts/engines/dask.sh in the flyte-ts repository), or set FLYTE_TS_DASK_PYTHON to a Python that has it';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function findDaskPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  if (env.FLYTE_TS_DASK_PYTHON) return env.FLYTE_TS_DASK_PYTHON;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const venv = join(dir, ".engines", "dask", "venv", "bin", "python");
    if (executable(venv)) return venv;
    if (dirname(dir) === dir) break;
  }
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const dask = join(dir, "dask");
    if (!executable(dask)) continue;
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(dask, "utf8").slice(0, 300));
    if (shebang && existsSync(shebang[1]!)) return shebang[1]!;
  }
  const probe = spawnSync("python3", ["-c", "import distributed"], { stdio: "ignore", timeout: 60_000, env });
  return probe.status === 0 ? "python3" : undefined;
}

export function requireDaskPython(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const python = findDaskPython(env, cwd);
  if (!python) throw new FlyteTsError("EXECUTION", `This task uses Dask, but no Dask installation was found: ${INSTALL_DASK_HINT}`);
  return python;
}
