// Where a Python with an engine's Python package is on this machine, for local runs of tasks whose body
// talks to the engine through a Python child (see python-child.ts).
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { FlyteTsError } from "../errors.ts";

/** An engine whose Python package a local run needs, and the places to look for it. */
export interface PythonEngine {
  /** The engine's name in errors, e.g. `"Ray"`. */
  readonly name: string;
  /** The environment variable that names the interpreter outright, e.g. `"FLYTE_TS_RAY_PYTHON"`. */
  readonly pythonEnvVar: string;
  /** The project-local venv's folder: `.engines/<venv>/venv`, e.g. `"ray"`. */
  readonly venv: string;
  /** A console script the package installs, whose shebang names its interpreter, e.g. `"ray"`. */
  readonly command: string;
  /** The module `python3` must import to count, e.g. `"ray"` or `"distributed"`. */
  readonly module: string;
  /** What to install and how: ends every "not found" error. */
  readonly installHint: string;
}

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The Python to run the engine's client with, looked up in this order: the interpreter named by
 * `$<pythonEnvVar>`; the project-local venv `.engines/<venv>/venv/bin/python` in `cwd` or a parent
 * folder; the interpreter in the shebang of the first `<command>` on PATH; `python3` when it can import
 * `<module>`. Undefined when none is found.
 */
export function findEnginePython(engine: PythonEngine, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  const named = env[engine.pythonEnvVar];
  if (named) return named;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const venv = join(dir, ".engines", engine.venv, "venv", "bin", "python");
    if (executable(venv)) return venv;
    if (dirname(dir) === dir) break;
  }
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const script = join(dir, engine.command);
    if (!executable(script)) continue;
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(script, "utf8").slice(0, 300));
    if (shebang && existsSync(shebang[1]!)) return shebang[1]!;
  }
  const probe = spawnSync("python3", ["-c", `import ${engine.module}`], { stdio: "ignore", timeout: 60_000, env });
  return probe.status === 0 ? "python3" : undefined;
}

/**
 * {@link findEnginePython}, or a clear error saying what to install.
 *
 * @throws FlyteTsError `EXECUTION`: "This task uses <name>, but no <name> installation was found: <installHint>".
 */
export function requireEnginePython(engine: PythonEngine, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const python = findEnginePython(engine, env, cwd);
  if (!python) throw new FlyteTsError("EXECUTION", `This task uses ${engine.name}, but no ${engine.name} installation was found: ${engine.installHint}`);
  return python;
}
