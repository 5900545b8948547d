"""flyte-ts entrypoint for Databricks runs.

The Databricks connector of @flyte-ts/plugin-databricks submits this file as the run's
`spark_python_task.python_file`, with the task's container arguments (`a0 --inputs ... task <name>`) as
its parameters. It starts the flyte-ts runtime `a0` (Node) on the driver with those arguments, in the
driver's environment (which holds the task's environment variables, from `spark_env_vars`), and exits
with a0's status, so the run fails when a0 cannot start or does not finish.

The cluster needs Node >= 20.19 with the project's dependencies and `a0` on PATH (or its path in
FLYTE_TS_A0): a Databricks Container Services image built from the flyte-ts runtime image, or an init
script that installs Node and the project. Standard library only.
"""

import os
import shutil
import subprocess
import sys


def main(argv):
    args = argv[1:]
    if not args or args[0] != "a0":
        print("flyte-ts: expected the task's container arguments (a0 --inputs ...), got %r" % (args[:3],), file=sys.stderr)
        return 2
    a0 = os.environ.get("FLYTE_TS_A0") or shutil.which("a0")
    if not a0:
        print(
            "flyte-ts: `a0` was not found on PATH (and FLYTE_TS_A0 is not set): the cluster needs Node >= 20.19 and "
            "the project's dependencies, from a Databricks Container Services image or an init script",
            file=sys.stderr,
        )
        return 127
    sys.stdout.flush()
    return subprocess.run([a0, *args[1:]], env=dict(os.environ)).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
