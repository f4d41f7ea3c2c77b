"""A legal term that ends on a weekend or a general holiday of the Algemene termijnenwet ends on the next
working day; Good Friday is no such holiday, 5 May is one every year."""

import datetime as dt

import pytest

from core.dates import term_end, termijnenwet_holidays


@pytest.mark.parametrize(
    ("ends", "moved"),
    [
        (dt.date(2026, 7, 1), dt.date(2026, 7, 1)),  # a Wednesday stays
        (dt.date(2026, 8, 1), dt.date(2026, 8, 3)),  # Saturday -> Monday
        (dt.date(2026, 12, 25), dt.date(2026, 12, 28)),  # Christmas, Boxing Day (Saturday), Sunday
        (dt.date(2026, 5, 5), dt.date(2026, 5, 6)),  # Liberation Day, not a lustrum year
        (dt.date(2026, 5, 14), dt.date(2026, 5, 15)),  # Ascension
        (dt.date(2026, 5, 25), dt.date(2026, 5, 26)),  # Whit Monday
        (dt.date(2026, 4, 3), dt.date(2026, 4, 3)),  # Good Friday is a working day for the law
    ],
)
def test_a_term_ending_on_a_day_off_moves_to_the_next_working_day(ends, moved):
    assert term_end(ends) == moved


def test_the_holidays_of_the_law():
    assert termijnenwet_holidays(2027) == {
        dt.date(2027, 1, 1),
        dt.date(2027, 3, 29),
        dt.date(2027, 4, 27),
        dt.date(2027, 5, 5),
        dt.date(2027, 5, 6),
        dt.date(2027, 5, 17),
        dt.date(2027, 12, 25),
        dt.date(2027, 12, 26),
    }
    # When 27 April is a Sunday the King's Day is the Saturday before (2025), never that Sunday.
    assert dt.date(2025, 4, 26) in termijnenwet_holidays(2025) and dt.date(2025, 4, 27) not in termijnenwet_holidays(
        2025
    )
