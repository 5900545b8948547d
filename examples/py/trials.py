# The work of the Ray example's sweep, shipped in the code bundle and run on the Ray workers.


def score(trial):
    """A stand-in for training and evaluating one trial: lower is better."""
    return 1 / (trial + 1)
