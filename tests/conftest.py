"""The pytest entry point: the fixed cast, the second factor and the browser for every test below tests/.

The fixtures themselves live in tests/support/ (cast.py, second_factor.py, browser.py), next to the
factories and helpers that test modules import from there.
"""

import factory.random
import pytest

pytest_plugins = [
    "tests.support.cast",
    "tests.support.second_factor",
    "tests.support.browser",
    "tests.support.clock",
    "tests.support.database",
]


@pytest.fixture(autouse=True)
def _fixed_seed() -> None:
    """Factories draw names and dates from one fixed seed in every test.

    A random staff name once contained a family member's first name ("Sanne van den Broek"), and before that
    a random first name was part of a checklist title: with the seed fixed, no assertion meets a name by chance.
    """
    factory.random.reseed_random("gezinsgericht-tests")
