"""Bytes installed by the given distributions and everything they require (recursively, extras left out).

Usage: py_footprint.py DIST... [--without DIST...]: the distributions after --without (and what only they
require) are not counted.
"""
import importlib.metadata as md
import re
import sys

args = sys.argv[1:]
cut = args.index("--without") if "--without" in args else len(args)
seen, total, todo = {re.sub(r"[-_.]+", "-", a).lower() for a in args[cut + 1 :]}, 0, args[:cut]
while todo:
    name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
    if name in seen:
        continue
    seen.add(name)
    try:
        dist = md.distribution(name)
    except md.PackageNotFoundError:
        continue
    total += sum(f.size or 0 for f in dist.files or [])
    for req in dist.requires or []:
        if "extra ==" in req:
            continue
        todo.append(re.split(r"[\s<>=!~;\[(]", req, maxsplit=1)[0])
print(total)
