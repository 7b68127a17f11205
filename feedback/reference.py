"""Reference codes: short, unambiguous, easy to read aloud, no account needed.

Eight characters from an alphabet without look-alikes (no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G,
8/B; no vowels, so no words), shown as two groups of four: ``KM4T-7WXR``. 19**8 is
about 1.7e10 codes; together with the rate limit on the status page that makes guessing
someone else's code impractical.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "CDFHJKMNPRTVWXY3479"
LENGTH = 8


def new_reference() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(reference: str) -> str:
    return f"{reference[:4]}-{reference[4:]}" if reference else ""


def normalise(text: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be one.

    Case, spaces and dashes do not matter. A character outside the alphabet makes the
    code invalid (it is never guessed), so a typo cannot land on someone else's code.
    """
    cleaned = re.sub(r"[\s\-.]", "", str(text or "")).upper()
    if len(cleaned) != LENGTH or any(char not in ALPHABET for char in cleaned):
        return None
    return cleaned
