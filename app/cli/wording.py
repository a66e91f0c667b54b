"""The command line's words for the codes of `status` (English; the window has its own translated
table in `ui.wording`). A new code is worded here and there, nowhere else; the answers of the
questions (R4, R13) are worded beside them, in `app.cli.questions`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from licensing.rules import SmState
from licensing.warnings import Fact, Severity, StatusWarning, WarningCode


def plural(count: int, one: str) -> str:
    return f"{count} {one if count == 1 else one + 's'}"


def _text(value: Fact) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def _facts(facts: Mapping[str, Fact]) -> dict[str, str]:
    return {name: _text(value) for name, value in facts.items()}


def _n(facts: Mapping[str, Fact], name: str) -> int:
    value = facts.get(name)
    return value if isinstance(value, int) else 0


def warning_message(warning: StatusWarning) -> str:
    f = _facts(warning.facts)
    raw = warning.facts
    about = f"license {warning.license_id}: " if warning.license_id else ""
    match warning.code:
        case WarningCode.NOT_STARTED:
            return f"{about}S&M has not started yet: it starts on {f['sm_start']}"
        case WarningCode.RENEWAL_DUE:
            days = plural(_n(raw, "days"), "day")
            return f"{about}S&M expires on {f['sm_end']}, in {days}: renew now to avoid a gap"
        case WarningCode.EXPIRED | WarningCode.LAPSED:
            still = (
                f"the perpetual license keeps working for versions released before {f['sm_end']}; "
                if raw.get("perpetual") is True
                else ""
            )
            fee = (
                f"renew before {f['reinstatement_fee_from']} to avoid the reinstatement fee"
                if warning.code is WarningCode.EXPIRED
                else f"a renewal now carries the {f['fee_percent']}% reinstatement fee"
            )
            days = plural(_n(raw, "days"), "day")
            return f"{about}S&M expired on {f['sm_end']} ({days} ago): {still}{fee}"
        case WarningCode.SUBSCRIPTION_ENDED:
            return f"{about}the subscription ended on {f['sm_end']}: the right to use the product has ended"
        case WarningCode.PERIOD_TICKETS_EXPIRING:
            left = plural(_n(raw, "remaining"), "ticket")
            return f"{about}{left} of this period expire on {f['expires_on']}: use them before then"
        case WarningCode.PACK_EXPIRING:
            left = plural(_n(raw, "remaining"), "ticket")
            return f"{about}support pack {f['pack_id']}: {left} expire on {f['expires_on']}"
        case WarningCode.NO_TICKETS_LEFT:
            return (
                f"{about}no support tickets are left: product-bug reports stay free; buy a "
                "support pack for more"
            )
        case WarningCode.UNFUNDED_TICKETS:
            count = plural(_n(raw, "count"), "ticket")
            return f"{about}{count} this period found no ticket left to draw from"
        case WarningCode.NO_VALID_LICENSE:
            if raw.get("untrusted"):
                return (
                    "no valid license: no stored license verifies in this run (see the "
                    "untrusted_document warnings)"
                )
            if raw.get("revoked"):
                return f"no valid license: the vendor revoked {f['revoked']}"
            return "no valid license: import the license key first ('import FILE')"
        case WarningCode.UNTRUSTED_DOCUMENT:
            what = f["document_type"].replace("-", " ")
            name = f" {f['subject']}" if f.get("subject") else ""
            return (
                f"stored {what}{name} (document #{f['document_id']}) does not count: "
                f"{f['detail']} ({f['error']})"
            )
        case WarningCode.ADDITIONAL_TRUST:
            return (
                f"{about}counted only because a key outside the vendor's trust file is trusted "
                f"(trust add or --trust): {f['documents']}"
            )
        case WarningCode.DISPUTED_TICKET:
            count = plural(_n(raw, "count"), "vendor ticket")
            return (
                f"{about}{count} disputed ({f['case_ids']}): the vendor's record counts until a "
                "statement says otherwise"
            )
        case WarningCode.UNASSIGNED_TICKETS:
            count = plural(_n(raw, "count"), "local ticket")
            return (
                f"{count} belong to no license: assign them with 'tickets assign CASE --license ID'"
            )
        case WarningCode.CLOCK_ROLLBACK:
            return (
                f"the system date {f['today']} is before {f['latest_seen']}, a date this console "
                "has already seen: check the clock (the perpetual right is not affected); if that "
                "date came from a clock that was ahead, run 'clock acknowledge'"
            )
        case WarningCode.CLOCK_ACKNOWLEDGED:
            return (
                f"the clock mark {f['latest_seen']} was acknowledged on {f['acknowledged_on']} as "
                "coming from a clock that was ahead"
            )


SEVERITY_WORDS = {
    Severity.OK: "OK",
    Severity.WARNING: "WARNING",
    Severity.CRITICAL: "CRITICAL",
    Severity.UNKNOWN: "UNKNOWN",
}

STATE_WORDS = {
    SmState.NOT_STARTED: "not started",
    SmState.ACTIVE: "active",
    SmState.RENEWAL_DUE: "renewal due",
    SmState.EXPIRED: "expired",
    SmState.LAPSED: "lapsed",
}
