# The Dask client of the Dask example (examples/src/dask.ts runs it with ctx().data.dask.runClient, which
# connects `client`): counts the words of each line on the workers with words.py, shipped beside it, and
# prints one JSON line for the TypeScript body.
import json
import sys

from distributed import get_worker


def count_line(line):
    import words

    return words.count(line), get_worker().name


results = client.gather(client.map(count_line, sys.argv[1:], pure=False))
print(json.dumps({"counts": [r[0] for r in results], "workers": sorted({str(r[1]) for r in results})}))
