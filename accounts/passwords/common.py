"""A Dutch common-password check: the list Django ships is English, so 'wachtwoord12' passed.

The list is generated, not copied: a small set of Dutch base words (the words people reach for:
wachtwoord, welkom, seasons, days, clubs, cities, and the organisation's own words), each in its
usual disguises (capitals, leetspeak), with the usual tails (a year 1950–2030, one to four digits,
'123', '!'). `common_stems()` builds every disguise of every word (a few thousand strings); the
check strips a tail and looks the rest up there, also as two words glued together, which is the
same as looking the password up in the full list of candidates (`candidates()` writes that list
out, lazily: with every tail it has millions of entries). Django's English list stays in force
beside this one; the minimum length stays 12.
"""

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BASE_WORDS = (
    # what people type when asked for a password
    "wachtwoord", "welkom", "geheim", "inloggen", "hallo", "hoi", "test", "admin", "beheer",
    "liefde", "schatje", "lieverd", "prinses", "voetbal", "vakantie", "familie", "nederland", "holland",
    "oranje", "koning", "koningin",
    # seasons, months and days
    "zomer", "winter", "lente", "herfst", "voorjaar", "najaar",
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    # clubs and cities
    "ajax", "feyenoord", "psv", "amsterdam", "rotterdam", "utrecht", "denhaag", "eindhoven", "groningen",
    "twente", "brabant",
    # the organisation's own words
    "jeugdzorg", "jeugdbescherming", "jeugdreclassering", "gezin", "gezinnen", "gezinsmanager",
    "gezinsgericht", "veilig", "blijvendveilig", "kind", "kinderen", "voogdij", "team", "teamleider",
    "gedragswetenschapper", "senior", "bestuur", "noord", "oost", "zuid", "west", "veiligthuis", "thuis",
    # the English words people here reach for too (Django's list has them only as exact entries)
    "password", "welcome", "iloveyou", "letmein", "qwerty", "azerty", "monkey", "dragon", "sunshine",
    "football", "princess", "master", "secret",
)  # fmt: skip
# Little words of Dutch names: 'Stijn van Tours 2026' is the person's own name with a year.
NAME_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "te", "vd", "el", "al"})
# At most this many known pieces in a row count as guessable; a real passphrase has more, or other words.
MAX_PIECES = 3

# The usual letter-for-symbol swaps; each letter either keeps itself or takes one of these.
LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "l": "1", "g": "9", "b": "8"}
YEARS = range(1950, 2031)
# A tail: up to four digits (a year 1950–2030 is four digits, and so is '123'), then '!' or more of them.
_TAIL = re.compile(r"^(?P<stem>.*?)(?P<tail>\d{0,4}[!?.#*]*)$", re.DOTALL)


def _disguises(word: str) -> Iterator[str]:
    """Every leetspeak form of a word (lowercase; capitals are folded away before the look-up)."""
    options = [(letter, *LEET.get(letter, "")) for letter in word]
    for letters in itertools.product(*options):
        yield "".join(letters)


@lru_cache(maxsize=1)
def common_stems() -> frozenset[str]:
    """Every base word in every leetspeak disguise, casefolded."""
    return frozenset(itertools.chain.from_iterable(_disguises(word) for word in BASE_WORDS))


def _tails() -> Iterator[str]:
    numbers = (
        [""] + [str(year) for year in YEARS] + [f"{n:0{width}d}" for width in range(1, 5) for n in range(10**width)]
    )
    for number in dict.fromkeys(numbers):
        for mark in ("", "!", "123"):
            yield number + mark


def candidates(words: tuple[str, ...] = BASE_WORDS) -> Iterator[str]:
    """The full generated list, lazily: every word, in capitals or not, disguised, with every tail."""
    tails = list(_tails())
    for word in words:
        for stem in _disguises(word):
            for case in dict.fromkeys((stem, stem.capitalize(), stem.upper())):
                for tail in tails:
                    yield case + tail


def _is_stem(text: str) -> bool:
    stems = common_stems()
    if text in stems:
        return True
    # Two words glued together: 'welkomzomer', 'Ajax4mst3rdam'.
    return any(text[:i] in stems and text[i:] in stems for i in range(1, len(text)))


def _made_of_known_pieces(letters: str, pieces: frozenset[str]) -> bool:
    """Can these letters be cut into at most MAX_PIECES known pieces? ('zomerajax', 'stijnvantours')."""
    if not letters:
        return False
    fewest = [0] + [MAX_PIECES + 1] * len(letters)  # fewest pieces that make up letters[:i]
    for end in range(1, len(letters) + 1):
        for start in range(end):
            if fewest[start] < MAX_PIECES and letters[start:end] in pieces:
                fewest[end] = min(fewest[end], fewest[start] + 1)
    return fewest[-1] <= MAX_PIECES


def _own_words(user) -> frozenset[str]:
    """The person's own names, letters only, and their parts: guessable by anyone who knows them."""
    words: set[str] = set()
    for value in (getattr(user, "username", ""), getattr(user, "first_name", ""), getattr(user, "last_name", "")):
        for part in re.split(r"[^a-z]+", (value or "").casefold()):
            if len(part) >= 2:
                words.add(part)
        joined = re.sub(r"[^a-z]", "", (value or "").casefold())
        if len(joined) >= 2:
            words.add(joined)
    return frozenset(words)


def is_common_dutch_password(password: str, user=None) -> bool:
    """True for a base word in any disguise, alone or two of them, with or without a usual tail; or for a few
    base words, name particles or the person's own names with digits and signs anywhere ('Zomer2025Ajax',
    'Stijn van Tours 2026')."""
    text = re.sub(r"[\s_-]", "", password.casefold())
    if not text:
        return False
    letters = re.sub(r"[^a-z]", "", text)
    if _made_of_known_pieces(letters, common_stems() | NAME_PARTICLES | _own_words(user)):
        return True
    for end in ("", "123"):
        body = text[: -len(end)] if end and text.endswith(end) else text
        match = _TAIL.match(body)
        stem = match.group("stem") if match else body
        if (stem and _is_stem(stem)) or _is_stem(body):
            return True
    return False


class DutchCommonPasswordValidator:
    """Refuse a password from the generated list of common Dutch passwords (see the module)."""

    def validate(self, password: str, user=None) -> None:
        if is_common_dutch_password(password, user):
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden: het is een veelgebruikt woord, met hoogstens "
                    "wat hoofdletters, cijfers of tekens veranderd of erachter. Kies liever een zin van een "
                    "paar losse woorden die alleen u kent."
                ),
                code="password_too_common_nl",
            )

    def get_help_text(self) -> str:
        return _("Uw wachtwoord mag geen veelgebruikt Nederlands wachtwoord zijn, zoals 'Welkom2026!'.")


class DutchMinimumLengthValidator(MinimumLengthValidator):
    """Django's length rule with its message in Dutch (Django's Dutch translation lacks this sentence)."""

    def get_error_message(self) -> str:
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken lang zijn.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}
