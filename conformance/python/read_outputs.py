"""Reads an outputs.pb written by flyte-ts's a0 runtime with the real Flyte 2 Python SDK.

    python read_outputs.py TASK_JSON OUTPUTS_PB

TASK_JSON is one task as `flyte-ts serialize` prints it; the Python type of each output is the one the SDK
derives from the output's LiteralType (TypeEngine.guess_python_type), so nothing here knows the task.
Prints {"<output name>": {"type": repr(python type), "value": value}} with dataclasses as plain objects.
Used by examples/test/a0-plugins.test.ts.
"""

import asyncio
import dataclasses
import datetime
import json
import sys

from flyte.types import TypeEngine
from flyteidl2.core import interface_pb2, literals_pb2
from google.protobuf import json_format


def plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


async def read(task_json: str, outputs_pb: str) -> dict:
    with open(task_json) as f:
        template = json.load(f)["taskTemplate"]
    interface = json_format.ParseDict(template["interface"], interface_pb2.TypedInterface())
    literal_map = literals_pb2.LiteralMap()
    with open(outputs_pb, "rb") as f:
        literal_map.ParseFromString(f.read())  # task.Outputs is wire-compatible with core.LiteralMap
    result = {}
    for entry in interface.outputs.variables:
        python_type = TypeEngine.guess_python_type(entry.value.type)
        value = await TypeEngine.to_python_value(literal_map.literals[entry.key], python_type)
        result[entry.key] = {"type": repr(python_type), "value": plain(value)}
    return result


if __name__ == "__main__":
    print(json.dumps(asyncio.run(read(sys.argv[1], sys.argv[2])), sort_keys=True))
