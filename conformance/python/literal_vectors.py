"""Literal test vectors from the real Flyte 2 Python SDK, for flyte-ts's runtime literal layer.

    python literal_vectors.py write [--out FILE]   # every case: LiteralType, Literal bytes (hex), the value read back
    python literal_vectors.py read FILE            # FILE = {"literals": {case: hex}, "outputs": {case: hex}}, written
                                                   # by flyte-ts; prints each value as the SDK reads it

Values are printed in a tagged JSON form so that int/float, tuple/list and enum members stay distinct:
{"int": "42"}, {"float": "2.0"}, {"str": "x"}, {"bool": true}, {"datetime": iso}, {"date": iso}, {"enum": "Color.RED"},
{"timedelta": "<whole microseconds>"}, {"bytes": hex}, {"list": [...]}, {"tuple": [...]}, {"dict": [[k, v], ...]} (sorted by key), {"dataclass": "Name", "fields": [[name, v], ...]}, null.
Used by packages/flyte-core/test/runtime/python-sdk.test.ts; `write` produces conformance/golden-literals/literals.json.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import enum
import hashlib
import json
import sys
import tempfile
import typing
from pathlib import Path
from typing import Optional, Union

import msgpack
from flyte._internal.runtime import io
from flyte._internal.runtime.convert import (
    Outputs,
    convert_from_native_to_error,
    convert_from_native_to_inputs,
    convert_from_native_to_outputs,
    convert_outputs_to_native,
)
from flyte.errors import CustomError, NonRecoverableError, RuntimeSystemError
from flyte.models import NativeInterface
from flyte.types import TypeEngine
from flyteidl2.core import literals_pb2
from flyteidl2.task import common_pb2
from google.protobuf.json_format import MessageToDict

UTC = datetime.timezone.utc


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


@dataclasses.dataclass
class Point:
    x: int
    y: float
    s: str


@dataclasses.dataclass
class Inner:
    a: int
    when: datetime.datetime
    tags: list[str]
    opt: Optional[int] = None


@dataclasses.dataclass
class Outer:
    name: str
    inner: Inner
    items: list[Inner]
    counts: dict[str, int]
    maybe: Optional[Inner]
    ratio: float
    color: Color
    flag: bool
    big: int
    pair: tuple[int, str]


@dataclasses.dataclass
class Timing:
    t: datetime.timedelta
    back: Optional[datetime.timedelta]
    never: Optional[datetime.timedelta] = None
    steps: list[datetime.timedelta] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Sweep:
    """Like the output of examples/src/ray.ts: untyped values inside a dataclass."""

    best: float
    ray_init: dict
    extra: dict[str, typing.Any]
    anything: typing.Any


WHEN = datetime.datetime(2024, 1, 2, 3, 4, 5, 6000, tzinfo=UTC)
td = datetime.timedelta
UNTYPED = {"a": 1, "b": 2.5, "c": [1, "x", None, True], "d": {"e": 2**62, "f": -(2**40)}, "big": 2**64 - 1, "raw": b"\x00\xff", "s": ""}
INNER = Inner(a=7, when=WHEN, tags=["p", "q"], opt=None)

# name → (declared Python type, value). The TypeScript test declares the same cases with zod schemas.
CASES: dict[str, tuple[typing.Any, typing.Any]] = {
    "int_42": (int, 42),
    "int_negative": (int, -1),
    "int_zero": (int, 0),
    "int_safe_max": (int, 2**53 - 1),
    "int64_max": (int, 2**63 - 1),
    "int64_min": (int, -(2**63)),
    "float_1_5": (float, 1.5),
    "float_integral": (float, 2.0),
    "float_negative_zero": (float, -0.0),
    "float_large": (float, 1e300),
    "float_small": (float, -2.5e-300),
    "str_hello": (str, "hello"),
    "str_empty": (str, ""),
    "str_unicode": (str, "héllo ✓ 🚀"),
    "bool_true": (bool, True),
    "bool_false": (bool, False),
    "datetime_ms": (datetime.datetime, WHEN),
    "datetime_us": (datetime.datetime, datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC)),
    "datetime_naive": (datetime.datetime, datetime.datetime(1999, 12, 31, 23, 59, 59)),
    "datetime_before_epoch": (datetime.datetime, datetime.datetime(1969, 7, 20, 20, 17, 40, 500000, tzinfo=UTC)),
    "date": (datetime.date, datetime.date(2024, 2, 29)),
    "none": (type(None), None),
    "list_int": (list[int], [1, 2, 3]),
    "list_empty": (list[int], []),
    "list_float": (list[float], [1.0, 2.5, -3.0]),
    "list_list_str": (list[list[str]], [["a"], [], ["b", "c"]]),
    "list_optional_int": (list[Optional[int]], [1, None]),
    "dict_str_int": (dict[str, int], {"a": 1, "b": 2}),
    "dict_str_float": (dict[str, float], {"x": 1.0}),
    "dict_str_list": (dict[str, list[int]], {"k": [1, 2]}),
    "optional_int_some": (Optional[int], 3),
    "optional_int_none": (Optional[int], None),
    "optional_float_some": (Optional[float], 2.0),
    "optional_int64_some": (Optional[int], -(2**62)),
    "union_int_str_int": (Union[int, str], 5),
    "union_int_str_str": (Union[int, str], "x"),
    "enum_red": (Color, Color.RED),
    "enum_green": (Color, Color.GREEN),
    "dataclass_point": (Point, Point(x=1, y=2.0, s="a")),
    "dataclass_nested": (
        Outer,
        Outer(
            name="n",
            inner=INNER,
            items=[INNER, Inner(a=-3, when=datetime.datetime(2000, 1, 1, tzinfo=UTC), tags=[], opt=4)],
            counts={"one": 1, "two": 2},
            maybe=None,
            ratio=0.5,
            color=Color.GREEN,
            flag=True,
            big=2**62,
            pair=(1, "x"),
        ),
    ),
    "optional_dataclass_some": (Optional[Point], Point(x=-5, y=0.25, s="")),
    "optional_dataclass_none": (Optional[Point], None),
    "list_dataclass": (list[Point], [Point(x=1, y=1.0, s="a"), Point(x=2, y=2.5, s="b")]),
    "dict_dataclass": (dict[str, Point], {"p": Point(x=3, y=-1.0, s="c")}),
    "tuple_int_str": (tuple[int, str], (1, "x")),
    "tuple_datetime_float_list": (tuple[datetime.datetime, float, list[int]], (WHEN, 2.0, [1, 2])),
    "duration_1_5": (td, td(seconds=1.5)),
    "duration_minus_1_5": (td, td(seconds=-1.5)),
    "duration_zero": (td, td(0)),
    "duration_day_and_us": (td, td(days=1, microseconds=1)),
    "duration_minus_us": (td, td(microseconds=-1)),
    "duration_large": (td, td(days=365_000, seconds=1, microseconds=250000)),
    "list_duration": (list[td], [td(seconds=1.5), td(seconds=-0.25), td(hours=2)]),
    "optional_duration_some": (Optional[td], td(seconds=3)),
    "optional_duration_none": (Optional[td], None),
    "dataclass_durations": (Timing, Timing(t=td(seconds=90.25), back=td(seconds=-2), never=None, steps=[td(0), td(days=2)])),
    "tuple_durations": (
        tuple[td, td, td, td, td, td],
        (td(seconds=-1.5), td(days=1, microseconds=1), td(0), td(days=400, seconds=5), td(hours=1, minutes=2, seconds=3), td(days=365)),
    ),
    "untyped_dict": (dict, UNTYPED),
    "untyped_dict_empty": (dict, {}),
    "untyped_dict_float_integral": (dict, {"x": 2.0, "y": -0.0}),
    "optional_untyped_dict_some": (Optional[dict], {"k": [1.5]}),
    "optional_untyped_dict_none": (Optional[dict], None),
    "list_untyped_dict": (list[dict], [{"a": 1}, {}]),
    "dict_str_untyped_dict": (dict[str, dict], {"p": {"q": None}}),
    "dataclass_untyped_fields": (
        Sweep,
        Sweep(best=0.5, ray_init={"num_cpus": 2, "address": "auto", "resources": {"GPU": 0.5}}, extra={"k": [1, {"x": "y"}]}, anything=[1, "a"]),
    ),
}


# name → a value for msgpack.packb(value, use_bin_type=True), the encoding of binary literals (runtime contract §2.3).
MSGPACK: dict[str, typing.Any] = {
    **{f"int_{n}": n for n in (0, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**64 - 1)},
    **{f"int_minus_{-n}": n for n in (-1, -32, -33, -128, -129, -32768, -32769, -(2**31), -(2**31) - 1, -(2**63))},
    "float_2": 2.0,
    "float_minus_0_1": -0.1,
    **{f"str_{n}": "a" * n for n in (0, 31, 32, 255, 256, 65535, 65536)},
    "str_unicode": "é✓🚀",
    **{f"bin_{n}": b"\x01" * n for n in (0, 255, 256, 65536)},
    **{f"array_{n}": [True] * n for n in (0, 15, 16, 65536)},
    **{f"map_{n}": {f"k{i}": None for i in range(n)} for n in (0, 15, 16)},
    "map_int_keys": {1: "a", -2: False},
    "nested": {"b": 1, "a": [1, 2.0, "x", None, {"z": [b"\x00"]}]},
}


def lit_inputs(x: int, y: str, when: datetime.datetime, point: Point, xs: list[float], maybe: Optional[int] = None) -> None: ...
def out_int() -> int: ...
def out_tuple() -> tuple[int, str]: ...
def out_dataclass() -> Point: ...
def out_nothing() -> None: ...
def out_sweep() -> Sweep: ...
def out_untyped_dict() -> dict: ...


# name → (function whose return annotation declares the outputs, value returned)
OUTPUTS: dict[str, tuple[typing.Callable, typing.Any]] = {
    "outputs_int": (out_int, 42),
    "outputs_tuple": (out_tuple, (1, "x")),
    "outputs_dataclass": (out_dataclass, Point(x=1, y=2.0, s="a")),
    "outputs_nothing": (out_nothing, None),
    "outputs_sweep": (out_sweep, Sweep(best=0.75, ray_init={"num_cpus": 4, "ignore_reinit_error": True}, extra={}, anything=None)),
    "outputs_untyped_dict": (out_untyped_dict, {"best": 0.75, "trials": 3}),
}

ERRORS: dict[str, BaseException] = {
    # A task body raising ValueError("boom") is reported as CustomError(ValueError, boom) by the runtime.
    "error_user": CustomError.from_exception(ValueError("boom")),
    "error_non_recoverable": NonRecoverableError("nope"),
    "error_system": RuntimeSystemError("FilesystemIOError", "x"),
}


def tagged(v: typing.Any) -> typing.Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, enum.Enum):
        return {"enum": f"{type(v).__name__}.{v.name}"}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, datetime.timedelta):
        return {"timedelta": str(v // datetime.timedelta(microseconds=1))}
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, datetime.datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if dataclasses.is_dataclass(v):
        return {"dataclass": type(v).__name__, "fields": [[f.name, tagged(getattr(v, f.name))] for f in dataclasses.fields(v)]}
    if isinstance(v, tuple):
        return {"tuple": [tagged(x) for x in v]}
    if isinstance(v, list):
        return {"list": [tagged(x) for x in v]}
    if isinstance(v, dict):
        # Sorted: a map literal has no order (dataclass fields, which do, are listed above).
        return {"dict": sorted(([tagged(k), tagged(x)] for k, x in v.items()), key=lambda kv: json.dumps(kv[0], sort_keys=True))}
    raise TypeError(f"no tagged form for {type(v).__name__}")


def without_metadata(lt: dict) -> dict:
    """LiteralType JSON without `metadata` (a JSON Schema, which each SDK writes its own way)."""
    out = {k: v for k, v in lt.items() if k != "metadata"}
    for key in ("collectionType", "mapValueType"):
        if key in out:
            out[key] = without_metadata(out[key])
    if "unionType" in out:
        out["unionType"] = {"variants": [without_metadata(v) for v in out["unionType"]["variants"]]}
    return out


def packed_form(data: bytes) -> str:
    """Hex; for values above 1 KiB (the 32-bit length headers) "sha256:<digest>:<length>", to keep the file small."""
    return data.hex() if len(data) <= 1024 else f"sha256:{hashlib.sha256(data).hexdigest()}:{len(data)}"


def serialized(message) -> str:
    # deterministic=True sorts LiteralMap entries, so the golden file does not depend on map iteration order.
    return message.SerializeToString(deterministic=True).hex()


async def write_all() -> dict:
    literals = {}
    for name, (tp, value) in CASES.items():
        lt = TypeEngine.to_literal_type(tp)
        lit = await TypeEngine.to_literal(value, tp, lt)
        back = await TypeEngine.to_python_value(lit, tp)
        literals[name] = {"type": without_metadata(MessageToDict(lt)), "literal": serialized(lit), "value": tagged(back)}

    files = {}
    iface = NativeInterface.from_callable(lit_inputs)
    inputs = await convert_from_native_to_inputs(
        iface, 42, "hello", WHEN, Point(x=1, y=2.0, s="a"), [1.0, 2.5], custom_context={"k": "v"}
    )
    files["inputs"] = serialized(inputs.proto_inputs)
    for name, (fn, value) in OUTPUTS.items():
        outputs = await convert_from_native_to_outputs(value, NativeInterface.from_callable(fn), name)
        files[name] = serialized(outputs.proto_outputs)
    with tempfile.TemporaryDirectory() as tmp:
        for name, exc in ERRORS.items():
            err = convert_from_native_to_error(exc)
            await io.upload_error(err.err, tmp, recoverable=err.recoverable)
            files[name] = (Path(tmp) / "error.pb").read_bytes().hex()
    packed = {name: packed_form(msgpack.packb(value, use_bin_type=True)) for name, value in MSGPACK.items()}
    return {"sdk": "flyte==2.12.1", "literals": literals, "files": files, "msgpack": packed}


async def read_all(path: str) -> dict:
    data = json.loads(Path(path).read_text())
    out: dict = {"literals": {}, "outputs": {}}
    for name, hexed in data.get("literals", {}).items():
        tp, _ = CASES[name]
        lit = literals_pb2.Literal.FromString(bytes.fromhex(hexed))
        out["literals"][name] = tagged(await TypeEngine.to_python_value(lit, tp))
    for name, hexed in data.get("outputs", {}).items():
        fn, _ = OUTPUTS[name]
        proto = common_pb2.Outputs.FromString(bytes.fromhex(hexed))
        out["outputs"][name] = tagged(await convert_outputs_to_native(NativeInterface.from_callable(fn), Outputs(proto_outputs=proto)))
    return out


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "write":
        result = asyncio.run(write_all())
        text = json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if len(argv) == 3 and argv[1] == "--out":
            Path(argv[2]).parent.mkdir(parents=True, exist_ok=True)
            Path(argv[2]).write_text(text)
        else:
            sys.stdout.write(text)
        return 0
    if len(argv) == 2 and argv[0] == "read":
        sys.stdout.write(json.dumps(asyncio.run(read_all(argv[1])), indent=2, ensure_ascii=False) + "\n")
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
