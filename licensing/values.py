"""Values every input is checked against, with nothing else imported: calendar dates in the range
the rules can compute with, and one-line text (the window's start reads `--as-of` with these
before anything heavy is loaded)."""

from __future__ import annotations

import re
from datetime import date

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""Dates outside this range are refused everywhere, so that no arithmetic of the rules (a
99-year renewal, 12-month periods) can run past the last date Python has (9999-12-31)."""

# The largest request each front end accepts, declared once: `licensing.renewals` refuses more
# (`OutOfBounds`), and the command line's parser and the window's fields are bounded by these.
MAX_RENEWAL_YEARS = 99
"""A renewal is for 1 to 99 whole years (R5)."""
MAX_PACKS_PER_REQUEST = 1000
"""A support-pack request is for 1 to 1000 packs (R8)."""
MAX_SEATS = 1_000_000_000
"""A seat change asks for 0 to 10**9 user or device seats (R6)."""

# re.ASCII: `\d` must mean 0-9 only, not every Unicode digit.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Characters a one-line field refuses: control characters (a terminal escape, a line break that
would add a mail header) and the bidirectional overrides that make text read other than it is."""


def parse_date(text: str) -> date:
    """A calendar date written exactly `YYYY-MM-DD`, from 1900 to 2999; ValueError otherwise."""
    if len(text) != 10 or not _DATE.fullmatch(text):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise ValueError(f"{shown!r} is not a date in the form YYYY-MM-DD")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real calendar date") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"'{text}' is outside the dates this console handles "
            f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
        )
    return day


def one_line_problem(text: str, max_length: int) -> str | None:
    """Why `text` cannot be a one-line field (an id, a name, an address), or None."""
    if len(text) > max_length:
        return f"must be at most {max_length} characters long"
    if _CONTROL.search(text):
        return "must not contain control characters or line breaks"
    return None
