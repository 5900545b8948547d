// The Python program the Dask pre hook runs. It connects a `distributed` client to the scheduler and
// registers two plugins that fetch and unpack the code bundle and put it on sys.path: a worker plugin
// (the scheduler keeps it and runs its setup on every worker, including workers that join later, before
// they take tasks) and a scheduler plugin (run once in the scheduler). Registration returns after every
// current worker has finished setup, so the bundle is in place before the task body runs.
// Unpacking follows the runtime contract (§5.2): a marker file skips finished work and an exclusive lock
// keeps processes that share a directory from unpacking at the same time.
// Arguments: one JSON object {"address", "tgz", "destination", "timeout"}; prints one JSON line.
export const SHIP_CODE_BUNDLE_PY = String.raw`
import json
import sys

from distributed import Client
from distributed.diagnostics.plugin import SchedulerPlugin, WorkerPlugin


def fetch_code_bundle(uri, destination):
    import fcntl
    import os
    import shutil
    import tarfile
    import tempfile
    import urllib.parse
    import urllib.request

    if "." not in sys.path:
        sys.path.insert(0, ".")
    dest = os.path.abspath(destination)
    os.makedirs(dest, exist_ok=True)
    if dest not in sys.path:
        sys.path.insert(0, dest)
    name = os.path.basename(urllib.parse.urlparse(uri).path) or "code-bundle.tar.gz"
    marker = os.path.join(dest, "." + name + ".extracted")
    if os.path.exists(marker):
        return dest
    with open(os.path.join(dest, "." + name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(marker):
            return dest
        fd, partial = tempfile.mkstemp(dir=dest, prefix="." + name + ".")
        with os.fdopen(fd, "wb") as out:
            scheme = urllib.parse.urlparse(uri).scheme
            if scheme in ("", "file", "http", "https"):
                source = urllib.request.urlopen(uri if scheme else "file://" + os.path.abspath(uri))
            else:
                import fsspec  # s3://, gs://, abfs://: needs the matching fsspec backend in the image

                source = fsspec.open(uri, "rb").open()
            with source:
                shutil.copyfileobj(source, out)
        archive = os.path.join(dest, name)
        os.replace(partial, archive)
        with tarfile.open(archive) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(dest, filter="data")
            else:
                tar.extractall(dest)
        open(marker, "w").close()
    return dest


class CodeBundleWorkerPlugin(WorkerPlugin):
    name = "flyte-ts-code-bundle"

    def __init__(self, uri, destination):
        self.uri = uri
        self.destination = destination

    def setup(self, worker):
        fetch_code_bundle(self.uri, self.destination)


class CodeBundleSchedulerPlugin(SchedulerPlugin):
    name = "flyte-ts-code-bundle"

    def __init__(self, uri, destination):
        self.uri = uri
        self.destination = destination

    async def start(self, scheduler):
        import asyncio

        await asyncio.get_running_loop().run_in_executor(None, fetch_code_bundle, self.uri, self.destination)


def main():
    args = json.loads(sys.argv[1])
    worker_plugin = CodeBundleWorkerPlugin(args["tgz"], args["destination"])
    scheduler_plugin = CodeBundleSchedulerPlugin(args["tgz"], args["destination"])
    with Client(args["address"], timeout=args["timeout"]) as client:
        if hasattr(client, "register_plugin"):
            workers = client.register_plugin(worker_plugin)
            client.register_plugin(scheduler_plugin)
        else:
            workers = client.register_worker_plugin(worker_plugin)
            client.register_scheduler_plugin(scheduler_plugin)
    print(json.dumps({"workers": sorted(workers or {})}))


main()
`;
