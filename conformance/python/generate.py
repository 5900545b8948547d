"""Build every conformance case with the real Flyte 2 Python SDK and write its golden file.

Usage: python generate.py [--check] [--only ID]

Reads conformance/cases/*.yaml (format: conformance/README.md), builds each case with `flyte` (and the
flyteplugins-* packages for `plugin_config` cases), serializes it with the SDK's own
`translate_task_to_wire` and writes conformance/golden/<case id>.json:

  {"id", "area", "sdk": {"flyte": "<version>"}, "taskSpec": <TaskSpec as proto JSON, exclusions removed>}
  {"id", "area", "sdk": {...}, "error": {"type": <exception class>, "message": <str(exception)>, "stage": ...}}

The fields that are language-specific by nature are removed as listed in conformance/exclusions.yaml.
Golden files are written with sorted keys so that a regeneration shows a clean diff.
"""

from __future__ import annotations

import argparse
import importlib
import json
import linecache
import logging
import pathlib
import sys
import types
import warnings
from datetime import timedelta
from typing import Any

import yaml

HERE = pathlib.Path(__file__).resolve().parent
CONFORMANCE = HERE.parent
CASES_DIR = CONFORMANCE / "cases"
GOLDEN_DIR = CONFORMANCE / "golden"
EXCLUSIONS_FILE = CONFORMANCE / "exclusions.yaml"

warnings.filterwarnings("ignore")

import flyte  # noqa: E402
from flyte import (  # noqa: E402
    AMD_GPU,
    GPU,
    HABANA_GAUDI,
    TPU,
    Backoff,
    Cache,
    Device,
    Neuron,
    PodTemplate,
    Resources,
    RetryStrategy,
    ReusePolicy,
    Secret,
    TaskEnvironment,
    Timeout,
)
from flyte._internal.runtime.task_serde import translate_task_to_wire  # noqa: E402
from flyte.models import CodeBundle, SerializationContext  # noqa: E402
from google.protobuf.json_format import MessageToDict  # noqa: E402

logging.getLogger("flyte").setLevel(logging.ERROR)

# Plugin config kinds (the `kind` of a case's plugin_config block) -> (python module, config class).
PLUGIN_KINDS = {
    "spark": ("flyteplugins.spark", "Spark"),
    "databricks": ("flyteplugins.databricks", "Databricks"),
    "ray": ("flyteplugins.ray", "RayJobConfig"),
    "dask": ("flyteplugins.dask", "Dask"),
}

# The module every case's task function lives in (the default task resolver needs a module under root_dir).
CASE_MODULE_NAME = "conformance_case_tasks"
CASE_MODULE_FILE = HERE / f"{CASE_MODULE_NAME}.py"

DEFAULT_INPUTS = {"x": "int"}
DEFAULT_OUTPUT = "int"
PY_TYPES = {"int": "int", "float": "float", "str": "str", "bool": "bool"}


class CaseFormatError(Exception):
    """The case file itself is malformed (not an SDK error)."""


# ---------------------------------------------------------------------------------------------------
# Case loading


def load_cases() -> list[dict]:
    cases: list[dict] = []
    seen: set[str] = set()
    for path in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text()) or {}
        area = doc.get("area")
        for case in doc.get("cases", []):
            case = dict(case)
            case.setdefault("area", area)
            case["_file"] = path.name
            cid = case.get("id")
            if not cid or cid in seen:
                raise CaseFormatError(f"{path.name}: missing or duplicate case id {cid!r}")
            seen.add(cid)
            cases.append(case)
    return cases


def load_exclusions() -> list[dict]:
    return (yaml.safe_load(EXCLUSIONS_FILE.read_text()) or {}).get("exclusions", [])


# ---------------------------------------------------------------------------------------------------
# Neutral case values -> SDK objects


def seconds(value: Any) -> Any:
    """Durations are seconds in the case files (ints stay ints: the SDK treats int and timedelta alike)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CaseFormatError(f"duration must be seconds, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return timedelta(seconds=value)
    if isinstance(value, dict) and "timedelta" in value:
        return timedelta(seconds=value["timedelta"])
    return value  # let the SDK judge anything else


def pair(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def build_device(spec: dict) -> Any:
    helper = spec.get("helper")
    if helper == "GPU":
        args = [spec["device"], spec.get("quantity")]
        return GPU(*args, partition=spec.get("partition")) if "partition" in spec else GPU(*args)
    if helper == "TPU":
        return TPU(spec["device"], spec.get("partition")) if "partition" in spec else TPU(spec["device"])
    if helper == "Neuron":
        return Neuron(spec["device"])
    if helper == "AMD_GPU":
        return AMD_GPU(spec["device"])
    if helper == "HABANA_GAUDI":
        return HABANA_GAUDI(spec["device"])
    if helper == "Device":
        return Device(
            quantity=spec["quantity"],
            device_class=spec.get("device_class", "GPU"),
            device=spec.get("device"),
            partition=spec.get("partition"),
        )
    raise CaseFormatError(f"unknown device helper {helper!r}")


def build_resources(spec: dict | None) -> Resources | None:
    if spec is None:
        return None
    kwargs: dict[str, Any] = {}
    for key in ("cpu", "memory"):
        if key in spec:
            kwargs[key] = pair(spec[key])
    if "gpu" in spec:
        gpu = spec["gpu"]
        kwargs["gpu"] = build_device(gpu) if isinstance(gpu, dict) else gpu
    for key in ("disk", "shm"):
        if key in spec:
            kwargs[key] = spec[key]
    return Resources(**kwargs)


def build_secret(spec: Any) -> Any:
    if isinstance(spec, str):
        return spec
    kwargs = {k: spec[k] for k in ("key", "group", "mount", "as_env_var") if k in spec}
    if "mount" in kwargs and kwargs["mount"] is not None:
        kwargs["mount"] = pathlib.Path(kwargs["mount"])
    return Secret(**kwargs)


def build_secrets(spec: Any) -> Any:
    if spec is None:
        return None
    if isinstance(spec, list):
        return [build_secret(s) for s in spec]
    return build_secret(spec)


def build_pod_spec(spec: dict) -> Any:
    from kubernetes.client import ApiClient

    # Kubernetes JSON (camelCase) -> kubernetes.client.V1PodSpec, the object Python users pass.
    client = ApiClient()
    return client._ApiClient__deserialize(spec, "V1PodSpec")


def build_pod_template(spec: Any) -> Any:
    if spec is None or isinstance(spec, str):
        return spec
    kwargs: dict[str, Any] = {}
    if "pod_spec" in spec:
        kwargs["pod_spec"] = build_pod_spec(spec["pod_spec"])
    for key in ("primary_container_name", "labels", "annotations"):
        if key in spec:
            kwargs[key] = spec[key]
    return PodTemplate(**kwargs)


def build_retries(spec: Any) -> Any:
    if spec is None or isinstance(spec, int):
        return spec
    backoff = None
    if "backoff" in spec:
        b = spec["backoff"]
        bkw: dict[str, Any] = {"base": seconds_td(b["base"])}
        if "factor" in b:
            bkw["factor"] = b["factor"]
        if "cap" in b:
            bkw["cap"] = seconds_td(b["cap"])
        backoff = Backoff(**bkw)
    return RetryStrategy(count=spec["count"], backoff=backoff)


def seconds_td(value: Any) -> Any:
    """Backoff takes timedelta only."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return timedelta(seconds=value)
    return value


def build_timeout(spec: Any) -> Any:
    if spec is None or isinstance(spec, (int, float)):
        return seconds(spec)
    return Timeout(
        max_runtime=seconds(spec.get("max_runtime")),
        max_queued_time=seconds(spec.get("max_queued_time")),
        deadline=seconds(spec.get("deadline")),
    )


def build_cache(spec: Any) -> Any:
    if spec is None or isinstance(spec, str):
        return spec
    kwargs = {k: spec[k] for k in ("behavior", "version_override", "serialize", "salt", "max_age") if k in spec}
    if "ignored_inputs" in spec:
        kwargs["ignored_inputs"] = tuple(spec["ignored_inputs"])
    return Cache(**kwargs)


def build_reusable(spec: Any) -> Any:
    if spec is None or spec == "off":
        return spec
    kwargs: dict[str, Any] = {}
    if "replicas" in spec:
        kwargs["replicas"] = pair(spec["replicas"])
    for key in ("idle_ttl", "scaledown_ttl"):
        if key in spec:
            kwargs[key] = seconds(spec[key])
    for key in ("concurrency", "scope"):
        if key in spec:
            kwargs[key] = spec[key]
    return ReusePolicy(**kwargs)


def build_plugin_config(spec: dict | None) -> Any:
    if spec is None:
        return None
    kind = spec.get("kind")
    if kind not in PLUGIN_KINDS:
        raise CaseFormatError(f"unknown plugin kind {kind!r}")
    module_name, class_name = PLUGIN_KINDS[kind]
    module = importlib.import_module(module_name)
    cls = getattr(module, class_name)
    options = {k: v for k, v in spec.items() if k != "kind"}
    return build_plugin_value(module, cls, options)


def build_plugin_value(module: Any, cls: Any, options: dict) -> Any:
    """Plugin options are the config's keyword arguments; nested `{_class: Name, ...}` dicts build
    other classes of the plugin's module (e.g. Ray head/worker node configs, Dask scheduler)."""

    def convert(value: Any) -> Any:
        if isinstance(value, dict) and "_class" in value:
            inner = getattr(module, value["_class"])
            return inner(**{k: convert(v) for k, v in value.items() if k != "_class"})
        if isinstance(value, dict) and "_resources" in value:
            return build_resources(value["_resources"])
        if isinstance(value, dict) and "_pod_template" in value:
            return build_pod_template(value["_pod_template"])
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return cls(**{k: convert(v) for k, v in options.items()})


# ---------------------------------------------------------------------------------------------------
# Task functions


def case_module() -> types.ModuleType:
    module = sys.modules.get(CASE_MODULE_NAME)
    if module is None:
        module = types.ModuleType(CASE_MODULE_NAME)
        module.__file__ = str(CASE_MODULE_FILE)
        sys.modules[CASE_MODULE_NAME] = module
    return module


def type_expr(t: Any) -> str:
    if isinstance(t, str):
        if t not in PY_TYPES:
            raise CaseFormatError(f"unknown type {t!r}")
        return PY_TYPES[t]
    if isinstance(t, dict) and "list" in t:
        return f"list[{type_expr(t['list'])}]"
    if isinstance(t, dict) and "dict" in t:
        return f"dict[str, {type_expr(t['dict'])}]"
    if isinstance(t, dict) and "tuple" in t:
        return f"tuple[{', '.join(type_expr(x) for x in t['tuple'])}]"
    raise CaseFormatError(f"unknown type {t!r}")


def make_function(name: str, inputs: dict | None, output: Any, is_async: bool = True) -> Any:
    params = ", ".join(f"{k}: {type_expr(v)}" for k, v in (inputs or {}).items())
    ret = type_expr(output) if output is not None else "None"
    source = f"{'async ' if is_async else ''}def {name}({params}) -> {ret}:\n    raise NotImplementedError\n"
    module = case_module()
    # Each function gets its own (virtual) source file, registered with linecache so that the SDK's
    # function-body cache policy can read its source as it does for a real module.
    filename = str(HERE / f"_case_{len(linecache.cache)}_{name}.py")
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    code = compile(source, filename, "exec")
    exec(code, module.__dict__)  # noqa: S102 - builds the case's task function from its declared signature
    return module.__dict__[name]


# ---------------------------------------------------------------------------------------------------
# Building and serializing one case

ENV_KEYS = {
    "name", "image", "resources", "env_vars", "secrets", "pod_template", "description", "interruptible", "cache",
    "reusable", "plugin_config", "service_account",
}
TASK_KEYS = {
    "name", "short_name", "cache", "retries", "timeout", "pod_template", "interruptible", "report", "entrypoint",
    "max_inline_io_bytes", "inputs", "output", "sync", "produces_artifacts",
}
OVERRIDE_KEYS = {
    "short_name", "resources", "cache", "retries", "timeout", "reusable", "env_vars", "secrets", "max_inline_io_bytes",
    "pod_template", "interruptible", "entrypoint", "produces_artifacts", "plugin_config",
}
SCTX_KEYS = {"version", "project", "domain", "org", "code_bundle", "input_path", "output_path"}


def check_keys(what: str, spec: dict, allowed: set[str]) -> None:
    unknown = set(spec) - allowed
    if unknown:
        raise CaseFormatError(f"{what}: unknown keys {sorted(unknown)}")


def build_env(spec: dict) -> TaskEnvironment:
    check_keys("env", spec, ENV_KEYS)
    kwargs: dict[str, Any] = {"name": spec["name"], "image": spec.get("image", "auto")}
    if "resources" in spec:
        kwargs["resources"] = build_resources(spec["resources"])
    if "env_vars" in spec:
        kwargs["env_vars"] = spec["env_vars"]
    if "secrets" in spec:
        kwargs["secrets"] = build_secrets(spec["secrets"])
    if "pod_template" in spec:
        kwargs["pod_template"] = build_pod_template(spec["pod_template"])
    for key in ("description", "interruptible", "service_account"):
        if key in spec:
            kwargs[key] = spec[key]
    if "cache" in spec:
        kwargs["cache"] = build_cache(spec["cache"])
    if "reusable" in spec:
        kwargs["reusable"] = build_reusable(spec["reusable"])
    if "plugin_config" in spec:
        kwargs["plugin_config"] = build_plugin_config(spec["plugin_config"])
    return TaskEnvironment(**kwargs)


def build_task(env: TaskEnvironment, spec: dict) -> Any:
    check_keys("task", spec, TASK_KEYS)
    # Default signature (both sides): one int input, an int output. `inputs: {}` / `output: null` mean none.
    fn = make_function(
        spec.get("name", "fn"), spec.get("inputs", DEFAULT_INPUTS), spec.get("output", DEFAULT_OUTPUT),
        not spec.get("sync", False),
    )
    kwargs: dict[str, Any] = {}
    for key in ("short_name", "report", "entrypoint", "max_inline_io_bytes", "produces_artifacts"):
        if key in spec:
            kwargs[key] = spec[key]
    if "interruptible" in spec:
        kwargs["interruptible"] = spec["interruptible"]
    if "cache" in spec:
        kwargs["cache"] = build_cache(spec["cache"])
    if "retries" in spec:
        kwargs["retries"] = build_retries(spec["retries"])
    if "timeout" in spec:
        kwargs["timeout"] = build_timeout(spec["timeout"])
    if "pod_template" in spec:
        kwargs["pod_template"] = build_pod_template(spec["pod_template"])
    return env.task(**kwargs)(fn)


def apply_override(task: Any, spec: dict) -> Any:
    check_keys("override", spec, OVERRIDE_KEYS)
    kwargs: dict[str, Any] = {}
    for key in ("short_name", "max_inline_io_bytes", "interruptible", "entrypoint", "produces_artifacts", "env_vars"):
        if key in spec:
            kwargs[key] = spec[key]
    builders = {
        "resources": build_resources,
        "cache": build_cache,
        "retries": build_retries,
        "timeout": build_timeout,
        "reusable": build_reusable,
        "secrets": build_secrets,
        "pod_template": build_pod_template,
        "plugin_config": build_plugin_config,
    }
    for key, builder in builders.items():
        if key in spec:
            kwargs[key] = builder(spec[key])
    return task.override(**kwargs)


def build_sctx(spec: dict | None) -> SerializationContext:
    spec = dict(spec or {})
    check_keys("sctx", spec, SCTX_KEYS)
    kwargs: dict[str, Any] = {"version": spec.pop("version", "v1"), "root_dir": HERE}
    bundle = spec.pop("code_bundle", None)
    if bundle is not None:
        kwargs["code_bundle"] = CodeBundle(
            computed_version=bundle["computed_version"],
            destination=bundle.get("destination", "."),
            tgz=bundle.get("tgz"),
            pkl=bundle.get("pkl"),
        )
    kwargs.update(spec)
    return SerializationContext(**kwargs)


def effective_version_override(task: Any) -> str | None:
    cache = task.cache
    return getattr(cache, "version_override", None)


def serialize_case(case: dict) -> dict:
    """Returns {"taskSpec": ...} or {"error": {...}} for one case."""
    stage = "environment"
    try:
        env_spec = dict(case["env"])
        if case.get("plugin_config") is not None:
            env_spec["plugin_config"] = case["plugin_config"]
        env = build_env(env_spec)
        stage = "task"
        task = build_task(env, case.get("task") or {})
        if case.get("override") is not None:
            stage = "override"
            task = apply_override(task, case["override"])
        stage = "serialize"
        sctx = build_sctx(case.get("sctx"))
        spec = translate_task_to_wire(task, sctx)
        # What the deployer adds to the spec it sends (flyte._deploy): the environment's description.
        if env.description:
            spec.environment.description = env.description
        data = MessageToDict(spec)
        return {"taskSpec": data, "_keep": {"discoveryVersion": effective_version_override(task) is not None}}
    except CaseFormatError:
        raise
    except Exception as exc:  # the SDK's own error is the expected output of an error case
        return {"error": {"type": type(exc).__name__, "message": str(exc), "stage": stage}}


# ---------------------------------------------------------------------------------------------------
# Exclusions


def remove_path(obj: Any, parts: list[str], root: dict) -> None:
    if obj is None or not parts:
        return
    head, rest = parts[0], parts[1:]
    if head == "containers[primary]":
        if not isinstance(obj, dict):
            return
        primary = (root.get("taskTemplate", {}).get("config") or {}).get("primary_container_name", "primary")
        for container in obj.get("containers") or []:
            if container.get("name") == primary:
                if rest:
                    remove_path(container, rest, root) if len(rest) > 1 else container.pop(rest[0], None)
        return
    if not isinstance(obj, dict):
        return
    if not rest:
        obj.pop(head, None)
        return
    remove_path(obj.get(head), rest, root)


def apply_exclusions(spec: dict, exclusions: list[dict], keep: dict) -> dict:
    for exclusion in exclusions:
        if exclusion.get("kept_when") == "cache_version_override" and keep.get("discoveryVersion"):
            continue
        path = exclusion["path"]
        remove_path(spec, path.split("."), spec)
    return spec


# ---------------------------------------------------------------------------------------------------


def golden_for(case: dict, exclusions: list[dict]) -> dict:
    result = serialize_case(case)
    out: dict[str, Any] = {"id": case["id"], "area": case["area"], "sdk": {"flyte": flyte.version()}}
    if "error" in result:
        out["error"] = result["error"]
    else:
        out["taskSpec"] = apply_exclusions(result["taskSpec"], exclusions, result["_keep"])
    expected = case.get("error")
    if expected is not None:
        # An error case states the Python message (a prefix suffices); a drift of the SDK shows here.
        python_message = expected.get("python") if isinstance(expected, dict) else expected
        got = out.get("error", {}).get("message")
        if got is None or (python_message and not got.startswith(python_message)):
            raise CaseFormatError(
                f"{case['id']}: expected the SDK to fail with {python_message!r}, got "
                + (repr(got) if got is not None else "a serialized task")
            )
    elif "error" in out:
        raise CaseFormatError(f"{case['id']}: unexpected SDK error {out['error']}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="case id(s) to (re)generate")
    parser.add_argument("--print", action="store_true", help="print the goldens instead of writing them")
    parser.add_argument("--out", type=pathlib.Path, default=GOLDEN_DIR, help="folder to write the goldens to (default: conformance/golden)")
    args = parser.parse_args()
    out_dir: pathlib.Path = args.out

    cases = load_cases()
    exclusions = load_exclusions()
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = set(args.only or [])
    problems: list[str] = []
    written = 0
    for case in cases:
        if wanted and case["id"] not in wanted:
            continue
        try:
            golden = golden_for(case, exclusions)
        except CaseFormatError as exc:
            problems.append(str(exc))
            continue
        text = json.dumps(golden, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if args.print:
            sys.stdout.write(text)
        else:
            (out_dir / f"{case['id']}.json").write_text(text)
        written += 1
    if not wanted and not args.print:
        ids = {c["id"] for c in cases}
        for stale in out_dir.glob("*.json"):
            if stale.stem not in ids:
                stale.unlink()
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"flyte {flyte.version()}: {written} golden files, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
