"""The dashboard of `status` (docs/rules.md, "Status and exit codes"): every license that
counts, evaluated on a day, with the console's own warnings; and the "exactly one license, or
say which" rule for the commands that need one (R16).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from app.clock import clock_warning
from app.collection import GarbageCollection
from app.console import Console
from app.errors import NoValidLicense, UserError
from app.reading import read_portfolio
from licensing.portfolio import HeldLicense, Portfolio, PortfolioStatus, evaluate

if TYPE_CHECKING:
    from sqlalchemy import Connection

T = TypeVar("T")


def read(console: Console) -> Portfolio:
    with console.database.read() as connection:
        return read_portfolio(console, connection)


def portfolio_status(
    console: Console, as_of: date, license_id: str | None = None
) -> PortfolioStatus:
    """Every license (or the one named) on `as_of`, most urgent first, with the warnings that
    concern it: with `license_id`, the console's warnings about other licenses are left out."""
    status, _ = read_status(console, as_of, license_id, _nothing)
    return status


def _nothing(connection: Connection) -> None:
    return None


def read_status(
    console: Console,
    as_of: date,
    license_id: str | None,
    also: Callable[[Connection], T],
) -> tuple[PortfolioStatus, T]:
    """`portfolio_status`, and what `also` reads in the same read transaction (the dashboard's
    requests, as of the same moment as the portfolio)."""
    with GarbageCollection.paused():
        with console.database.read() as connection:
            portfolio = read_portfolio(console, connection)
            clock = clock_warning(console, connection, portfolio)
            extra = also(connection)
        if license_id is not None:
            one_license(portfolio, license_id)
        status = evaluate(portfolio, as_of, console.policy, license_id)
    if license_id is not None:
        status = status.only_warnings_of(license_id)
    return (status.with_warnings(clock) if clock else status), extra


def one_license(portfolio: Portfolio, license_id: str | None) -> HeldLicense:
    """The license a command is about: the one named, or the only one that counts."""
    ids = portfolio.license_ids
    if license_id is not None:
        held = portfolio.license(license_id)
        if held is not None:
            return held
        rejected = next((r for r in portfolio.rejected if r.subject == license_id), None)
        if rejected is not None:
            raise NoValidLicense(
                f"license {license_id} does not count in this run ({rejected.error_code}): "
                f"{rejected.message}"
            )
        known = f"; the licenses are: {', '.join(ids)}" if ids else ""
        raise UserError(f"no license {license_id} is stored{known}")
    if len(ids) == 1:
        return portfolio.licenses[0]
    if not ids:
        raise NoValidLicense(no_license_reason(portfolio))
    raise UserError(
        f"{len(ids)} licenses are stored ({', '.join(ids)}): choose one with --license ID"
    )


def no_license_reason(portfolio: Portfolio) -> str:
    from licensing.claims import DocumentType

    rejected = [r for r in portfolio.rejected if r.document_type is DocumentType.LICENSE]
    if portfolio.revocations and rejected and all(r.error_code == "revoked" for r in rejected):
        return "no valid license: every stored license was revoked by the vendor"
    if rejected:
        return (
            f"no valid license: {len(rejected)} stored license document(s) do not verify in this "
            "run (see 'status')"
        )
    return "no valid license: import the license key first"
