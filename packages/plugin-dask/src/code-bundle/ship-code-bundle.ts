import { spawn } from "node:child_process";
import { FlyteTsError } from "@flyte-ts/core";
import { SHIP_CODE_BUNDLE_PY } from "./python-source.ts";
import type { RuntimeCodeBundle } from "./runtime-bundle.ts";

export interface ShipCodeBundleOptions {
  /** Scheduler address, e.g. "tcp://10.0.0.5:8786". */
  schedulerAddress: string;
  bundle: RuntimeCodeBundle;
  /** Python with `distributed` installed (default $FLYTE_TS_DASK_PYTHON, else "python3"). */
  python?: string;
  /** Give up after this long (default 300 s): connecting, and every current worker unpacking the bundle. */
  timeoutSeconds?: number;
}

/**
 * Makes the code bundle available on the Dask scheduler and on every worker, present and future, by
 * running a Python `distributed` client that registers a worker plugin and a scheduler plugin (see
 * python-source.ts). Resolves with the addresses of the workers that unpacked it.
 */
export function shipCodeBundle(options: ShipCodeBundleOptions): Promise<string[]> {
  const python = options.python ?? process.env.FLYTE_TS_DASK_PYTHON ?? "python3";
  const timeout = options.timeoutSeconds ?? 300;
  const args = JSON.stringify({ address: options.schedulerAddress, tgz: options.bundle.tgz, destination: options.bundle.destination, timeout });
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-c", SHIP_CODE_BUNDLE_PY, args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), (timeout + 30) * 1000);
    const fail = (why: string) =>
      reject(new FlyteTsError("EXECUTION", `Could not ship the code bundle ${options.bundle.tgz} to the Dask cluster at ${options.schedulerAddress}: ${why}`));
    child.on("error", (err) => {
      clearTimeout(timer);
      fail(`cannot start ${python} (${err.message}); the task image needs Python with the "distributed" package (set FLYTE_TS_DASK_PYTHON to its interpreter)`);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        const last = stdout.trim().split("\n").at(-1) ?? "{}";
        resolve((JSON.parse(last) as { workers?: string[] }).workers ?? []);
      } else if (signal) fail(`timed out after ${timeout + 30} s`);
      else fail(`${python} exited with ${code}:\n${stderr.trim().split("\n").slice(-15).join("\n")}`);
    });
  });
}
