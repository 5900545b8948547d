"""The Python counterpart of `flyte-ts serialize <module>` in the CLI rows: imports a task module (path given),
serializes every task of its environments (binary TaskSpec and proto JSON) and prints the JSON list, as the
TypeScript command prints its JSON to standard output.

Usage: py_serialize_module.py MODULE.py
"""

import importlib
import json
import pathlib
import sys

import flyte
from flyte._internal.runtime.task_serde import translate_task_to_wire
from flyte.models import SerializationContext
from google.protobuf import json_format

path = pathlib.Path(sys.argv[1]).resolve()
# Imported by its name from its directory, as the SDK's own CLI imports a module (the task resolver names it).
sys.path.insert(0, str(path.parent))
module = importlib.import_module(path.stem)
sctx = SerializationContext(version="v1", root_dir=path.parent)
specs = []
for env in (v for v in vars(module).values() if isinstance(v, flyte.TaskEnvironment)):
    for task in env.tasks.values():
        wire = translate_task_to_wire(task, sctx)
        wire.SerializeToString()
        specs.append(json_format.MessageToDict(wire))
sys.stdout.write(json.dumps(specs, indent=2) + "\n")
