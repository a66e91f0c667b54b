"""The JSON of the command line, typed against the interface scripts rely on (docs/rules.md,
"Command line"): field names, dates as `YYYY-MM-DD`, money as strings. A renewal quote's JSON is
`app.requests.quotes.quote_json`, which every license of a renewal request writes too (not
imported here: `status` loads no quote)."""

from __future__ import annotations

from datetime import date
from typing import NotRequired, TypedDict

from app.cli.wording import warning_message
from licensing.portfolio import LicenseStanding, PortfolioStatus, TicketEntry
from licensing.warnings import StatusWarning


class SeatsJson(TypedDict):
    users: int
    devices: int


class LicenseJson(TypedDict):
    license_id: str
    revision: int
    customer: str
    product_code: str
    product_name: str
    environment: str | None
    license_type: str
    seats: SeatsJson
    trust: str


class SmJson(TypedDict):
    start: str
    end: str
    state: str
    days_to_expiry: int
    reinstatement_fee_applies: bool


class PackJson(TypedDict):
    pack_id: str
    purchased_on: str
    expires_on: str
    tickets: int
    used: int
    remaining: int
    trust: str | None


class TicketsJson(TypedDict):
    period_start: str | None
    period_end: str | None
    annual_allocated: int
    annual_used: int
    annual_remaining: int
    packs: list[PackJson]
    remaining_total: int
    not_deducted_bug: int
    unfunded: int
    ineligible: int


class WarningJson(TypedDict):
    code: str
    message: str
    severity: str
    license_id: str | None


class LicenseEntryJson(TypedDict):
    license: LicenseJson
    sm: SmJson
    tickets: TicketsJson
    warnings: list[WarningJson]


class OverallJson(TypedDict):
    state: str | None
    licenses: int
    needing_attention: int


class StatusJson(TypedDict):
    as_of: str
    overall: OverallJson
    licenses: list[LicenseEntryJson]
    license: NotRequired[LicenseJson]
    sm: NotRequired[SmJson]
    tickets: NotRequired[TicketsJson]
    warnings: list[WarningJson]


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def warning_json(warning: StatusWarning) -> WarningJson:
    return {
        "code": warning.code.value,
        "message": warning_message(warning),
        "severity": warning.severity.name.lower(),
        "license_id": warning.license_id,
    }


def license_json(standing: LicenseStanding) -> LicenseJson:
    c = standing.claims
    return {
        "license_id": c.license_id,
        "revision": c.revision,
        "customer": c.customer.name,
        "product_code": c.product.code,
        "product_name": c.product.name,
        "environment": c.environment,
        "license_type": c.license_type.value,
        "seats": {"users": c.seats.users, "devices": c.seats.devices},
        "trust": standing.held.trust.value,
    }


def tickets_json(standing: LicenseStanding) -> TicketsJson:
    balance = standing.balance
    return {
        "period_start": day(balance.period_start),
        "period_end": day(balance.period_end),
        "annual_allocated": balance.annual_allocated,
        "annual_used": balance.annual_used,
        "annual_remaining": balance.annual_remaining,
        "packs": [
            {
                "pack_id": p.pack_id,
                "purchased_on": p.purchased_on.isoformat(),
                "expires_on": p.expires_on.isoformat(),
                "tickets": p.tickets,
                "used": p.used,
                "remaining": p.remaining,
                "trust": (trust.value if (trust := standing.pack_trust(p.pack_id)) else None),
            }
            for p in balance.packs
        ],
        "remaining_total": balance.remaining_total,
        "not_deducted_bug": balance.not_deducted_bug,
        "unfunded": balance.unfunded,
        "ineligible": balance.ineligible,
    }


def license_entry_json(standing: LicenseStanding) -> LicenseEntryJson:
    sm = standing.sm
    return {
        "license": license_json(standing),
        "sm": {
            "start": sm.start.isoformat(),
            "end": sm.end.isoformat(),
            "state": sm.state.value,
            "days_to_expiry": sm.days_to_expiry,
            "reinstatement_fee_applies": sm.reinstatement_fee_applies,
        },
        "tickets": tickets_json(standing),
        "warnings": [warning_json(w) for w in standing.warnings],
    }


def status_json(status: PortfolioStatus) -> StatusJson:
    """`status --json`: the portfolio, and the single-license fields when one license is in
    view, so that scripts written for one license keep working."""
    entries = [license_entry_json(s) for s in status.licenses]
    state = status.overall_state
    data: StatusJson = {
        "as_of": status.as_of.isoformat(),
        "overall": {
            "state": None if state is None else state.value,
            "licenses": len(status.licenses),
            "needing_attention": status.needing_attention,
        },
        "licenses": entries,
        "warnings": [warning_json(w) for w in status.all_warnings],
    }
    if len(entries) == 1:
        data["license"] = entries[0]["license"]
        data["sm"] = entries[0]["sm"]
        data["tickets"] = entries[0]["tickets"]
    return data


class TicketJson(TypedDict):
    case_id: str
    license_id: str | None
    opened_on: str
    kind: str
    classification: str
    category: str
    title: str | None
    source: str
    outcome: str
    bucket: str | None
    bucket_id: str | None
    dispute: DisputeJson | None


class DisputeJson(TypedDict):
    opened_on: str | None
    kind: str | None
    classification: str | None
    category: str | None
    reason: str
    disputed_by: str
    disputed_at: str


def ticket_json(entry: TicketEntry) -> TicketJson:
    t, dispute = entry.ticket, entry.dispute
    return {
        "case_id": t.case_id,
        "license_id": entry.license_id,
        "opened_on": t.opened_on.isoformat(),
        "kind": t.kind.value,
        "classification": t.classification.value,
        "category": t.category.value,
        "title": t.title,
        "source": entry.source.value,
        "outcome": entry.outcome.value,
        "bucket": None if entry.bucket is None else entry.bucket.kind.value,
        "bucket_id": None if entry.bucket is None else entry.bucket.key,
        "dispute": None
        if dispute is None
        else {
            "opened_on": day(dispute.opened_on),
            "kind": None if dispute.kind is None else dispute.kind.value,
            "classification": None
            if dispute.classification is None
            else dispute.classification.value,
            "category": None if dispute.category is None else dispute.category.value,
            "reason": dispute.reason,
            "disputed_by": dispute.disputed_by,
            "disputed_at": dispute.disputed_at.isoformat(),
        },
    }
