"""The pytest entry point: the fixed cast and the browser for every test below tests/.

The fixtures themselves live in tests/support/ (cast.py, browser.py), next to the
factories and helpers that test modules import from there.
"""

pytest_plugins = ["tests.support.cast", "tests.support.browser"]
