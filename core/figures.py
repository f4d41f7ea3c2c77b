"""Arithmetic on figures the database already counted: medians of day counts, means of distributions.

Apart from the queries (`casework.figures`) because it knows no model. A median
is no portable SQL aggregate and the app also runs on SQLite (`make run`), so
the team figures and the audit snapshot fetch one query's rows and take it
here; one rounding rule then holds for both.
"""

import math
import statistics
from collections.abc import Iterable, Sequence


def median_days(values: Iterable[float]) -> int | None:
    """The median in whole days, halves rounded up: a median of 12.5 days reads as 13. None without values."""
    values = list(values)
    return math.floor(statistics.median(values) + 0.5) if values else None


def mean_of_counts(counts: Sequence[int]) -> float | None:
    """The mean value of a distribution given as counts per value (`counts[i]` had value i), to one decimal.

    Score distributions are stored as counts per score (0..10), frozen in
    reports and audits; their mean is taken from those counts, so a total summed
    over teams has its mean computed the same way as each team's.
    """
    total = sum(counts)
    return round(sum(value * n for value, n in enumerate(counts)) / total, 1) if total else None
