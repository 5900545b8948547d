# Writes test/fixtures/python-encodings.json: what Python's json.dumps and PyYAML's yaml.dump give for
# runtime envs chosen to hit quoting, escaping, folding and number formatting. Run with any Python that
# has PyYAML (e.g. .engines/ray/venv/bin/python) after changing the cases.
import base64
import json
import pathlib

import yaml

CASES = [
    {"pip": ["numpy", "pandas"], "env_vars": {"A": "1"}},
    {"working_dir": "./", "pip": ["torch==2.1.0"]},
    {"conda": {"dependencies": ["python=3.10", {"pip": ["requests"]}]}, "nsight": "default"},
    {"env_vars": {"B": "true", "C": "yes", "D": "", "E": "hello world", "F": 1.5, "G": True, "H": None, "N": 3}},
    {"config": {}, "excludes": []},
    {"x": "h\u00e9llo", "y": "\u65e5\u672c", "z": "\U0001F600", "q": "say \"hi\"\\"},
    {"a": ["0755", "2024-01-01", "null", "~", "a: b", "#x", "*", "-x", "- x", "x #y", "x#y", "a,b", "[x]", "1e3",
           "1.0", ".5", "0x1F", "on", "=", "<<", " lead", "trail ", "it's", "? q", "key:", "1_000", "12:30", "@a",
           "%a", "`a", "!a", "|a", ">a", "a'b", "---x", "...y"]},
    {"long": "word " * 30, "longq": "it's " * 25, "nested": [[1, 2], [], {}, [{"a": 1, "b": [3]}]],
     "f": [1e-05, 0.0001, 1.5e-07, 123.25, -2.5]},
    {"env_vars": {"LONG": "x" * 100, "SP": " ".join("abcdefghijklmnopqrstuvwxyz" * 2)}},
    {"ctrl": "a\tb", "del": "a\x7fb", "zz": 1, "Z": 2, "_": 3, "10": 4, "9": 5},
    {"script": "line one\nline two", "edges": ["a \nb", "a\n b", "\nx", "x\n", "x\n\n\ny", "it's\nok", "p\u2029q"]},
    {"": "empty key", "two\nlines": "multi-line key", "k" * 130: "long key", "n": {"x" * 70: ["nested", {"deep": "value " * 15}]}},
    {"long_unicode": "\u00fcn\u00efc\u00f6d\u00e9 w\u00f6rds " * 8, "long_tabs": "tab\there " * 10, "astral": "\U0001F600 " * 30},
]

out = [
    {"value": c, "json": json.dumps(c), "base64": base64.b64encode(json.dumps(c).encode()).decode(), "yaml": yaml.dump(c)}
    for c in CASES
]
target = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "python-encodings.json"
target.write_text(json.dumps(out, indent=1) + "\n")
