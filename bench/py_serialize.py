"""Declares and serializes the benchmark workload with the Python SDK; prints timings and peak memory as JSON."""
import json
import resource
import subprocess
import sys
import time
from datetime import timedelta

import flyte
from flyte._internal.runtime.task_serde import translate_task_to_wire
from flyte.models import CodeBundle, SerializationContext
from kubernetes.client import V1Container, V1PodSpec, V1Toleration

n = int(sys.argv[1])
kinds = sys.argv[2].split(",")
descriptors = json.loads(subprocess.run(["node", "-e", f"import('./workload.mjs').then(m => console.log(JSON.stringify(m.workload({n}, {json.dumps(kinds)}))))"], capture_output=True, text=True, check=True).stdout)


def plugin_config(kind):
    if kind == "spark":
        from flyteplugins.spark import Spark
        return Spark(spark_conf={"spark.executor.instances": "4", "spark.executor.memory": "8g"})
    if kind == "ray":
        from flyteplugins.ray import RayJobConfig, WorkerNodeConfig
        return RayJobConfig(worker_node_config=[WorkerNodeConfig(group_name="gpu", replicas=2, requests=flyte.Resources(cpu="4", memory="16Gi"))])
    if kind == "dask":
        from flyteplugins.dask import Dask, WorkerGroup
        return Dask(workers=WorkerGroup(number_of_workers=4))
    return None


t0 = time.perf_counter()
envs = {}
tasks = []
for d in descriptors:
    env = envs.get(d["env"])
    if env is None:
        gpu = d["kind"] == "gpu"
        env = flyte.TaskEnvironment(
            name=d["env"],
            image="ghcr.io/acme/bench:1",
            resources=flyte.Resources(cpu=("4", "8"), memory=("16Gi", "32Gi"), gpu="A100:2", shm="auto") if gpu else flyte.Resources(cpu=("1", "2"), memory="4Gi"),
            env_vars={"LOG_LEVEL": "info", "REGION": "eu"},
            secrets=["db-password"],
            plugin_config=plugin_config(d["kind"]),
            pod_template=flyte.PodTemplate(
                pod_spec=V1PodSpec(containers=[V1Container(name="primary"), V1Container(name="sidecar", image="envoy:1")], tolerations=[V1Toleration(key="gpu", operator="Exists")]),
                labels={"team": "data"},
            ) if d["kind"] == "pod" else None,
        )
        envs[d["env"]] = env
    i = d["i"]

    async def fn() -> int:
        return i

    fn.__name__ = d["name"]
    fn.__qualname__ = d["name"]
    tasks.append(env.task(retries=flyte.RetryStrategy(count=3, backoff=flyte.Backoff(base=timedelta(seconds=5), factor=2.0, cap=timedelta(seconds=60))), timeout=3600)(fn))
t1 = time.perf_counter()
sctx = SerializationContext(version="bench", code_bundle=CodeBundle(computed_version="bench", pkl="s3://bucket/bench.pkl"))
size = 0
for task in tasks:
    size += len(translate_task_to_wire(task, sctx).SerializeToString())
t2 = time.perf_counter()
print(json.dumps({"tasks": len(tasks), "declareMs": (t1 - t0) * 1000, "serializeMs": (t2 - t1) * 1000, "bytes": size, "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
