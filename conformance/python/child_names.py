"""Child-action naming vectors from the real Flyte 2 Python SDK (controller contract section 4).

    python child_names.py [--out FILE]   # default: conformance/golden-child-names/child-names.json

For a set of task inputs and task interfaces it records what the SDK computes when a task calls another task
in the cluster: the inputs hash I (from the SDK's own Inputs literals), the interface hash, the task identity
hash T, the child action name base36(md5(parent-I-T-seq[-group])) and the cache key. Used by
packages/flyte-core/test/runtime/child-names.test.ts, which computes the same values with flyte-ts.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import warnings
from pathlib import Path
from typing import Optional

warnings.filterwarnings("ignore")

import flyte  # noqa: E402
from flyte._internal.runtime.convert import (  # noqa: E402
    convert_from_native_to_inputs,
    generate_cache_key_hash,
    generate_inputs_hash_from_proto,
    generate_interface_hash,
    generate_task_identity_hash,
    hash_data,
)
from flyte._internal.runtime.task_serde import translate_task_to_wire  # noqa: E402
from flyte._utils.helpers import base36_encode  # noqa: E402
from flyte.models import ActionID, NativeInterface, SerializationContext  # noqa: E402
from google.protobuf.json_format import MessageToDict  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "golden-child-names" / "child-names.json"


# Input signatures; the TS test declares the same inputs with zod (same names, in this order).
def sig_int(n: int) -> None: ...
def sig_two_ints(a: int, b: int = 1) -> None: ...
def sig_scalars(s: str, f: float, flag: bool) -> None: ...
def sig_list(xs: list[int]) -> None: ...
def sig_map(m: dict[str, int]) -> None: ...
def sig_nested(rows: list[dict[str, float]], label: Optional[str] = None) -> None: ...
def sig_untyped(d: dict) -> None: ...
def sig_none() -> None: ...


INPUT_CASES = [
    ("int_7", sig_int, {"n": 7}),
    ("int_100", sig_int, {"n": 100}),
    ("two_ints_default", sig_two_ints, {"a": 41}),
    ("two_ints_given", sig_two_ints, {"a": 41, "b": 1}),
    ("scalars", sig_scalars, {"s": "héllo ✓", "f": 2.5, "flag": True}),
    ("list_int", sig_list, {"xs": [3, 1, 2]}),
    ("map_unsorted", sig_map, {"m": {"b": 2, "a": 1, "c": 3}}),
    ("map_sorted", sig_map, {"m": {"a": 1, "b": 2, "c": 3}}),
    ("nested", sig_nested, {"rows": [{"y": 1.5, "x": -2.0}, {}], "label": "z"}),
    ("untyped_dict_unsorted", sig_untyped, {"d": {"zeta": 1, "alpha": [1, 2], "mid": {"b": True, "a": None}}}),
    ("none", sig_none, {}),
]

env = flyte.TaskEnvironment(name="ct", image="ghcr.io/example/flyte-ts-child:0.1.0")


@env.task
async def square(n: int) -> int:
    return n * n


@env.task
async def describe(rows: list[dict[str, float]], label: Optional[str] = None) -> tuple[str, int]:
    return (label or "", len(rows))


@env.task
async def nothing() -> None:
    return None


TASK_CASES = [("square", square), ("describe", describe), ("nothing", nothing)]

# base36 of md5 digests and of edge values.
BASE36_CASES = ["", "a0", "a0--x-1", "a0-abc-def-2-my_group", "ünïcode-action"]


def main(argv: list[str]) -> None:
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else OUT
    result: dict = {
        "provenance": {
            "generator": "conformance/python/child_names.py",
            "sdk": {"flyte": flyte.__version__},
            "functions": [
                "flyte._internal.runtime.convert.convert_from_native_to_inputs",
                "flyte._internal.runtime.convert.generate_inputs_hash_from_proto",
                "flyte._internal.runtime.convert.generate_interface_hash",
                "flyte._internal.runtime.convert.generate_task_identity_hash",
                "flyte._internal.runtime.convert.generate_cache_key_hash",
                "flyte.models.ActionID.new_sub_action_from",
                "flyte._utils.helpers.base36_encode",
            ],
        },
        "base36": [],
        "hashData": [],
        "inputs": {},
        "tasks": {},
        "names": [],
        "cacheKeys": [],
    }
    for text in BASE36_CASES:
        digest = hashlib.md5(text.encode()).digest()
        result["base36"].append({"md5Of": text, "digestHex": digest.hex(), "base36": base36_encode(digest)})
    for raw in ["00", "01", "ff" * 16, "0000ff"]:
        result["base36"].append({"bytesHex": raw, "base36": base36_encode(bytes.fromhex(raw))})
    for text in ["", "my_env.child-IFACEHASH-v1", "héllo"]:
        result["hashData"].append({"text": text, "hash": hash_data(text)})

    async def inputs_all() -> None:
        for case_id, fn, kwargs in INPUT_CASES:
            inputs = await convert_from_native_to_inputs(NativeInterface.from_callable(fn), **kwargs)
            proto = inputs.proto_inputs
            result["inputs"][case_id] = {
                "literals": [{"name": nl.name, "literalHex": nl.value.SerializeToString(deterministic=True).hex()} for nl in proto.literals],
                "inputsHash": generate_inputs_hash_from_proto(proto),
            }

    asyncio.run(inputs_all())

    sctx = SerializationContext(version="v1", project="p", domain="d", org="o", root_dir=HERE)
    for case_id, task in TASK_CASES:
        spec = translate_task_to_wire(task, sctx)
        tpl = spec.task_template
        result["tasks"][case_id] = {
            "templateName": tpl.id.name,
            "discoveryVersion": tpl.metadata.discovery_version,
            "interface": MessageToDict(tpl.interface),
            "interfaceHash": generate_interface_hash(tpl.interface),
            "taskHash": generate_task_identity_hash(tpl),
        }

    task_hash = result["tasks"]["square"]["taskHash"]
    for parent in ["a0", "x7kq2m"]:
        for case_id in ["int_7", "none", "map_unsorted"]:
            i_hash = result["inputs"][case_id]["inputsHash"]
            for seq in [1, 2]:
                for group in [None, "my_group"]:
                    name = ActionID(name=parent, run_name="r1").new_sub_action_from(task_call_seq=seq, task_hash=task_hash, input_hash=i_hash, group=group).name
                    result["names"].append({"parent": parent, "inputs": case_id, "task": "square", "seq": seq, "group": group, "name": name})
    # The contract's example: T given as a literal string.
    t_example = hash_data("my_env.child-IFACEHASH-v1")
    for group in [None, "my_group"]:
        name = ActionID(name="a0", run_name="r1").new_sub_action_from(task_call_seq=1, task_hash=t_example, input_hash="", group=group).name
        result["names"].append({"parent": "a0", "inputsHashLiteral": "", "taskHashLiteral": t_example, "seq": 1, "group": group, "name": name})

    for case_id, tname in [("int_7", "square"), ("nested", "describe"), ("none", "nothing")]:
        tpl_case = result["tasks"][tname]
        spec = translate_task_to_wire(dict(TASK_CASES)[tname], sctx)
        for version in ["v1", "2024-05"]:
            key = generate_cache_key_hash(
                task_name=tpl_case["templateName"],
                inputs_hash=result["inputs"][case_id]["inputsHash"],
                task_interface=spec.task_template.interface,
                cache_version=version,
                ignored_input_vars=[],
                proto_inputs=None,
            )
            result["cacheKeys"].append({"inputs": case_id, "task": tname, "cacheVersion": version, "cacheKey": key})

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
