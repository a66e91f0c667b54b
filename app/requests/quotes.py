"""Renewal and support-pack quotes as the use cases give them (R5, R6, R8): a request outside the
bounds the rules answer becomes one line naming the option, and a quote's JSON is written by one
function (`renewal-quote --json`, and each license of a renewal request).

The command line and the window both read these; nothing here knows either front end."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import TypedDict

from app.errors import UserError
from licensing import renewals
from licensing.claims import LicenseClaims
from licensing.errors import OutOfBounds
from licensing.policy import VendorPolicy


@contextmanager
def within_bounds() -> Iterator[None]:
    """`licensing.errors.OutOfBounds` (years, seats or packs outside `licensing.values`) as the
    one-line `UserError` the command line prints and the window shows."""
    try:
        yield
    except OutOfBounds as exc:
        raise UserError(f"--{exc.parameter}: {exc}") from None


def renewal_quotes(
    licenses: Iterable[LicenseClaims],
    day: date,
    policy: VendorPolicy,
    years: int | None = None,
    users: int | None = None,
    devices: int | None = None,
) -> list[renewals.RenewalQuote]:
    """`licensing.renewals.renewal_quote` for each license, in the order given."""
    with within_bounds():
        return [
            renewals.renewal_quote(license, day, policy, years, users, devices)
            for license in licenses
        ]


def pack_quote(count: int, policy: VendorPolicy) -> renewals.PackQuote:
    with within_bounds():
        return renewals.pack_quote(count, policy)


def money(value: Decimal | None) -> str | None:
    """An amount in JSON: a string with two decimals, never a float (docs/rules.md, "Dates and
    money"); None for no amount (a seat change the vendor quotes)."""
    return None if value is None else str(value)


class QuoteJson(TypedDict):
    license_id: str
    years: int
    period_start: str
    period_end: str
    currency: str
    base_amount: str | None
    reinstatement_fee: str | None
    total: str | None
    min_years_to_be_current: int
    becomes_current: bool


def quote_json(quote: renewals.RenewalQuote) -> QuoteJson:
    return {
        "license_id": quote.license_id,
        "years": quote.years,
        "period_start": quote.period_start.isoformat(),
        "period_end": quote.period_end.isoformat(),
        "currency": quote.currency,
        "base_amount": money(quote.base_amount),
        "reinstatement_fee": money(quote.reinstatement_fee),
        "total": money(quote.total),
        "min_years_to_be_current": quote.min_years_to_be_current,
        "becomes_current": quote.becomes_current,
    }
