// A Python `distributed.Client` started by a TypeScript body: a child `python` that connects to the
// task's scheduler, optionally ships a directory's code files to every worker (a worker plugin that writes
// them into the worker's local directory and puts it on sys.path, for workers that join later too), then
// runs the given file (as __main__, with `client` defined) or source.
import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { FlyteTsError, listBundleFiles } from "@flyte-ts/core";
import { runPythonChild, type PythonChildResult } from "@flyte-ts/core/plugin-kit";
import { INSTALL_DASK_HINT } from "../local/find-dask.ts";

const CLIENT_SHIM = String.raw`
import json, os, runpy, sys
from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

config = json.loads(os.environ.pop("FLYTE_TS_DASK_CLIENT"))


class ShipCode(WorkerPlugin):
    def __init__(self, files, digest):
        self.files = files
        self.digest = digest
        self.name = "flyte-ts-code-" + digest

    def setup(self, worker):
        root = os.path.join(worker.local_directory, "flyte-ts-code-" + self.digest)
        for relative, data in self.files.items():
            path = os.path.join(root, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(data)
        if root not in sys.path:
            sys.path.insert(0, root)


client = Client(config["address"], timeout=config["timeout"])
if config.get("workers"):
    client.wait_for_workers(config["workers"], timeout=config["timeout"])
upload = config.get("upload")
if upload:
    files = {}
    for relative, absolute in upload["files"]:
        with open(absolute, "rb") as f:
            files[relative] = f.read()
    client.register_plugin(ShipCode(files, upload["digest"]))
    sys.path.insert(0, upload["dir"])
kind, target, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    if kind == "file":
        sys.argv = [target, *argv]
        sys.path.insert(0, os.path.dirname(os.path.abspath(target)))
        runpy.run_path(target, init_globals={"client": client}, run_name="__main__")
    else:
        sys.argv = ["-c", *argv]
        exec(compile(target, "<client>", "exec"), {"__name__": "__main__", "client": client})
finally:
    client.close()
`;

export type DaskClientProgram = { file: string; script?: never } | { script: string; file?: never };

export type RunClientOptions = DaskClientProgram & {
  /** Command-line arguments (sys.argv[1:]). */
  args?: readonly string[];
  /**
   * A directory whose code files (chosen as for a code bundle) go to every worker, on its sys.path,
   * so the client's tasks can import them. In cluster runs the code bundle is there already.
   * @defaultValue nothing shipped
   */
  uploadDir?: string;
  /** Extra environment variables of the client process. */
  envVars?: Record<string, string>;
  /** Where the client's output goes as it comes (default: this process's stdout / stderr). */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Seconds to wait for the scheduler (and workers) before failing. Default 120. */
  timeoutSeconds?: number;
};

/** A finished client's output; `json()` parses its last non-empty stdout line, how a client hands a value back to the body. */
export type DaskClientResult = PythonChildResult;

export interface ClientConnection {
  python: string;
  schedulerAddress: string;
  /** Workers to wait for before the program starts (local clusters). */
  workers?: number;
}

export async function runDaskClient(connection: ClientConnection, options: RunClientOptions): Promise<DaskClientResult> {
  if ((options.file === undefined) === (options.script === undefined)) {
    throw new FlyteTsError("INVALID_INVOCATION", "runClient: give exactly one of `file` (a Python file) or `script` (Python source)");
  }
  const label = options.file !== undefined ? `Dask client ${basename(options.file)}` : "Dask client script";
  let upload: { dir: string; files: [string, string][]; digest: string } | undefined;
  if (options.uploadDir !== undefined) {
    const dir = resolve(options.uploadDir);
    const files = listBundleFiles(dir).files.map((f) => [f.path, f.absolutePath] as [string, string]);
    const digest = createHash("md5").update(JSON.stringify(files)).update(String(Date.now())).digest("hex").slice(0, 16);
    upload = { dir, files, digest };
  }
  const config = { address: connection.schedulerAddress, timeout: options.timeoutSeconds ?? 120, workers: connection.workers ?? 0, upload };
  const program = options.file !== undefined ? ["file", resolve(options.file)] : ["script", options.script!];
  return runPythonChild({
    python: connection.python,
    args: ["-c", CLIENT_SHIM, ...program, ...(options.args ?? [])],
    env: { ...process.env, ...options.envVars, FLYTE_TS_DASK_CLIENT: JSON.stringify(config) },
    label,
    installHint: INSTALL_DASK_HINT,
    onStdout: options.onStdout,
    onStderr: options.onStderr,
  });
}
