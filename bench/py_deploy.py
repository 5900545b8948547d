"""`flyte.deploy` of N tasks (10 environments of 10, in a generated module) to the control plane at ENDPOINT.

Usage: py_deploy.py N ENDPOINT. The image is a pre-built URI, so no image is built. Deploys twice (new, then
unchanged) and prints the wall times as JSON; the counterpart of ts-deploy.ts.
"""

import importlib
import json
import logging
import os
import pathlib
import sys
import time

n, endpoint = int(sys.argv[1]), sys.argv[2]
project = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated", f"py-deploy-{n}")
os.makedirs(project, exist_ok=True)
lines = ["import flyte", ""]
for e in range((n + 9) // 10):
    lines.append(f'env{e} = flyte.TaskEnvironment(name="deploy-bench-{e}", image="ghcr.io/acme/bench:1", resources=flyte.Resources(cpu=(1, 2), memory="4Gi"))')
    for i in range(e * 10, min(n, e * 10 + 10)):
        lines += ["", f"@env{e}.task", f"async def task_{i}(x: int) -> int:", f"    return x + {i}"]
with open(os.path.join(project, "bench_tasks.py"), "w") as f:
    f.write("\n".join(lines) + "\n")
os.chdir(project)
sys.path.insert(0, project)

import flyte  # noqa: E402

tasks = importlib.import_module("bench_tasks")
envs = [getattr(tasks, f"env{e}") for e in range((n + 9) // 10)]
flyte.init(endpoint=endpoint, insecure=True, project="flytesnacks", domain="development", root_dir=pathlib.Path(project), log_level=logging.ERROR)
t0 = time.perf_counter()
flyte.deploy(*envs)
t1 = time.perf_counter()
flyte.deploy(*envs)
t2 = time.perf_counter()
print(json.dumps({"tasks": n, "firstMs": (t1 - t0) * 1000, "againMs": (t2 - t1) * 1000}))
