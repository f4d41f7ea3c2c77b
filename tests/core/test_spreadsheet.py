"""CSV cells that could start a formula are guarded, also behind blanks and in full-width forms."""

import pytest

from core.spreadsheet import spreadsheet_text


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+31 6 1234",
        "-2",
        "@SUM(A1)",
        " =1+1",  # a leading space
        "   @x",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        '\u00a0=HYPERLINK("http://x")',  # NBSP
        "\u3000=1+1",  # ideographic space
        "\u200b=1+1",  # zero-width space
        "\ufeff=1+1",  # a byte order mark
        "＝1+1",  # full-width equals sign
        "＋31",
        "－2",
        "＠SUM(A1)",
        " ＝cmd|' /C calc'!A0",
        "|cmd",
        "%0A",
        "\tgewoon",  # a leading tab is guarded whatever follows
    ],
)
def test_formula_starts_get_an_apostrophe_and_keep_their_text(text):
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("text", ["gewoon", "Gezin Jansen", "3 = drie", "e-mail", " a=b", "", "   ", "50%"])
def test_ordinary_text_is_left_alone(text):
    assert spreadsheet_text(text) == text
