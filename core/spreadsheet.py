"""Text for a spreadsheet cell that can never run as a formula (CSV injection).

Excel and LibreOffice start a formula at = + - @ (and DDE at |), and they
skip leading blanks first, so " =1+1", "\\u00a0=1+1" and "\\n=1+1" run too. They
also read the full-width forms "＝＋－＠" (U+FF1D ...) as the ASCII ones. So
the check looks at the first character that is not blank (whitespace, NBSP,
zero-width and other format characters) of the NFKC-normalised text, which
turns the full-width forms into ASCII; "%" is guarded as well, since some
spreadsheets read it as a percent formula. A guarded cell gets a leading
apostrophe, which spreadsheets show as text and do not display; the text
itself is left as it was typed.
"""

import unicodedata

FORMULA_CHARS = frozenset("=+-@|%")
# A cell starting with a tab or carriage return is guarded whatever follows (Excel's own import trims them).
GUARDED_START = ("\t", "\r")


def _first_visible(text: str) -> str:
    for char in unicodedata.normalize("NFKC", text):
        if char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp"):
            continue
        return char
    return ""


def looks_like_formula(text: str) -> bool:
    return text.startswith(GUARDED_START) or _first_visible(text) in FORMULA_CHARS


def spreadsheet_text(text: str) -> str:
    """The text as it may go into a CSV cell: with a leading apostrophe when it could start a formula."""
    return "'" + text if looks_like_formula(text) else text
