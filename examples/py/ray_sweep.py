# The Ray driver of the Ray example (examples/src/ray.ts runs it with ctx().data.ray.runDriver): scores
# each trial in a Ray task on the cluster's workers, with trials.py from the shipped working directory,
# and prints one JSON line for the TypeScript body.
import json
import sys

import ray


@ray.remote(num_cpus=1)
def score_trial(trial):
    import trials

    return {"trial": trial, "score": trials.score(trial), "node": ray.get_runtime_context().get_node_id()}


count = int(sys.argv[1])
results = ray.get([score_trial.remote(t) for t in range(count)])
print(json.dumps({"scores": [r["score"] for r in results], "nodes": sorted({r["node"] for r in results}), "driverNode": ray.get_runtime_context().get_node_id()}))
