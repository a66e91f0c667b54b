"""The warnings of `status` and how serious each is (docs/rules.md, "Status and exit codes").

The domain returns codes and facts; each front end words them once (the command line in
`app.cli.wording`, the window in `ui.wording`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import IntEnum, StrEnum
from types import MappingProxyType

from licensing.claims import LicenseClaims, LicenseType
from licensing.ledger import TicketBalance
from licensing.policy import VendorPolicy
from licensing.rules import SmState, SmStatus, covers, reinstatement_fee_from, right_to_use


class Severity(IntEnum):
    """Monitoring-plugin exit codes."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3


class WarningCode(StrEnum):
    NOT_STARTED = "not_started"
    RENEWAL_DUE = "renewal_due"
    EXPIRED = "expired"
    LAPSED = "lapsed"
    SUBSCRIPTION_ENDED = "subscription_ended"
    PERIOD_TICKETS_EXPIRING = "period_tickets_expiring"
    PACK_EXPIRING = "pack_expiring"
    NO_TICKETS_LEFT = "no_tickets_left"
    UNFUNDED_TICKETS = "unfunded_tickets"
    NO_VALID_LICENSE = "no_valid_license"
    UNTRUSTED_DOCUMENT = "untrusted_document"
    ADDITIONAL_TRUST = "additional_trust"
    DISPUTED_TICKET = "disputed_ticket"
    UNASSIGNED_TICKETS = "unassigned_tickets"
    """Info: local tickets that belong to no license yet (R16)."""
    CLOCK_ROLLBACK = "clock_rollback"
    CLOCK_ACKNOWLEDGED = "clock_acknowledged"
    """Info: a clock mark the admin said came from a clock that was ahead (R15)."""


Fact = str | int | bool | date | Decimal | tuple[str, ...]


def _no_facts() -> Mapping[str, Fact]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusWarning:
    """A code for scripts, the facts behind it, and how serious it is; front ends word it."""

    code: WarningCode
    severity: Severity
    license_id: str | None = None
    """The license it is about; None for what concerns the whole console."""
    facts: Mapping[str, Fact] = field(default_factory=_no_facts)


def warning(
    code: WarningCode, severity: Severity, license_id: str | None = None, **facts: Fact
) -> StatusWarning:
    return StatusWarning(
        code=code, severity=severity, license_id=license_id, facts=MappingProxyType(facts)
    )


_STATE_WARNINGS = {
    SmState.NOT_STARTED: (WarningCode.NOT_STARTED, Severity.WARNING),
    SmState.RENEWAL_DUE: (WarningCode.RENEWAL_DUE, Severity.WARNING),
    SmState.EXPIRED: (WarningCode.EXPIRED, Severity.CRITICAL),
    SmState.LAPSED: (WarningCode.LAPSED, Severity.CRITICAL),
}


def license_warnings(
    license: LicenseClaims, sm: SmStatus, balance: TicketBalance, day: date, policy: VendorPolicy
) -> list[StatusWarning]:
    """The warnings of one license on `day` (R2, R3, R7-R9) and their severities."""
    license_id = license.license_id
    warnings = []
    if sm.state in _STATE_WARNINGS:
        code, severity = _STATE_WARNINGS[sm.state]
        warnings.append(
            warning(
                code,
                severity,
                license_id,
                sm_start=sm.start,
                sm_end=sm.end,
                days=abs(sm.days_to_expiry),
                reinstatement_fee_from=reinstatement_fee_from(license, policy),
                fee_percent=policy.reinstatement_fee_rate * 100,
                perpetual=license.license_type is LicenseType.PERPETUAL,
            )
        )
    if not right_to_use(license, day):
        warnings.append(
            warning(WarningCode.SUBSCRIPTION_ENDED, Severity.CRITICAL, license_id, sm_end=sm.end)
        )
    horizon = policy.expiring_tickets_warning_days
    # Tickets are usable only on covered days (R11): on others, their expiry is no news.
    if covers(license, day):
        if (
            balance.period_end
            and balance.annual_remaining > 0
            and (balance.period_end - day).days <= horizon
        ):
            warnings.append(
                warning(
                    WarningCode.PERIOD_TICKETS_EXPIRING,
                    Severity.WARNING,
                    license_id,
                    expires_on=balance.period_end,
                    remaining=balance.annual_remaining,
                )
            )
        for pack in balance.packs:
            if pack.remaining > 0 and (pack.expires_on - day).days <= horizon:
                warnings.append(
                    warning(
                        WarningCode.PACK_EXPIRING,
                        Severity.WARNING,
                        license_id,
                        pack_id=pack.pack_id,
                        expires_on=pack.expires_on,
                        remaining=pack.remaining,
                    )
                )
        if balance.remaining_total == 0:
            warnings.append(warning(WarningCode.NO_TICKETS_LEFT, Severity.WARNING, license_id))
    if balance.unfunded:
        warnings.append(
            warning(
                WarningCode.UNFUNDED_TICKETS, Severity.WARNING, license_id, count=balance.unfunded
            )
        )
    return warnings


def overall_severity(warnings: Iterable[StatusWarning]) -> Severity:
    return max((w.severity for w in warnings), default=Severity.OK)
