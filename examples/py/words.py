# The work of the Dask example's word count, shipped with the examples and run on the Dask workers.

MAX_LINE = 10_000


def count(line):
    """Words in one line; a line longer than MAX_LINE characters is refused (it is not a line of text)."""
    if len(line) > MAX_LINE:
        raise ValueError(f"line of {len(line)} characters: longer than {MAX_LINE}")
    return len(line.split())
