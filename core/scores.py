"""The two scores' scale, in one place: every score is a whole number from 0 to 10."""

SCORE_MIN = 0
SCORE_MAX = 10
# Every value a score can take, in order (distributions, chart categories).
SCORE_VALUES = range(SCORE_MIN, SCORE_MAX + 1)
