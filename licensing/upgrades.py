"""Upgrades under the perpetual-license rules (docs/rules.md R4): may a release be installed,
and what renewal would permit one that may not, for one release or a whole catalog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from packaging.version import Version

from licensing.claims import LicenseClaims, LicenseType, Release
from licensing.renewals import least_years_past
from licensing.rules import add_years

# R4 -----------------------------------------------------------------------------------------


class UpgradeReason(StrEnum):
    RELEASED_BEFORE_SM_END = "released_before_sm_end"
    RELEASED_ON_OR_AFTER_SM_END = "released_on_or_after_sm_end"
    SUBSCRIPTION_ENDED = "subscription_ended"


@dataclass(frozen=True, slots=True, kw_only=True)
class UpgradeDecision:
    released_on: date
    permitted: bool
    reason: UpgradeReason
    sm_end: date
    """The S&M expiry the decision was made against."""
    renewal_years_needed: int | None = None
    """Whole years of renewal that would permit the release (None when it is permitted)."""
    renewed_sm_end: date | None = None
    """The S&M end that renewal would reach (R5: backdated to the old sm_end)."""


def upgrade_decision(license: LicenseClaims, released_on: date, day: date) -> UpgradeDecision:
    """R4: permitted iff released_on < sm_end (and, for a subscription, day < sm_end)."""
    sm_end = license.sm_end
    subscription = license.license_type is LicenseType.SUBSCRIPTION
    if released_on >= sm_end or (subscription and day >= sm_end):
        years = least_years_past(sm_end, released_on) if released_on >= sm_end else 1
        if subscription:
            # A subscription also needs the renewal to cover the day itself (R4).
            years = max(years, least_years_past(sm_end, day))
        reason = (
            UpgradeReason.RELEASED_ON_OR_AFTER_SM_END
            if released_on >= sm_end
            else UpgradeReason.SUBSCRIPTION_ENDED
        )
        return UpgradeDecision(
            released_on=released_on,
            permitted=False,
            reason=reason,
            sm_end=sm_end,
            renewal_years_needed=years,
            renewed_sm_end=add_years(sm_end, years),
        )
    return UpgradeDecision(
        released_on=released_on,
        permitted=True,
        reason=UpgradeReason.RELEASED_BEFORE_SM_END,
        sm_end=sm_end,
    )


# Upgrades over a catalog --------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseVerdict:
    version: Version
    released_on: date
    decision: UpgradeDecision


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogVerdict:
    license_id: str
    product_code: str
    releases: tuple[ReleaseVerdict, ...]
    latest_permitted: Version | None


def catalog_verdict(
    license: LicenseClaims,
    releases: Iterable[Release],
    day: date,
    installed: Version | None = None,
) -> CatalogVerdict:
    """R4 for every release of a catalog (newer than `installed`, when given), oldest first."""
    shown = sorted(
        (r for r in releases if installed is None or r.version > installed),
        key=lambda r: r.version,
    )
    verdicts = tuple(
        ReleaseVerdict(
            version=r.version,
            released_on=r.released_on,
            decision=upgrade_decision(license, r.released_on, day),
        )
        for r in shown
    )
    permitted = [v.version for v in verdicts if v.decision.permitted]
    return CatalogVerdict(
        license_id=license.license_id,
        product_code=license.product.code,
        releases=verdicts,
        latest_permitted=max(permitted, default=None),
    )
