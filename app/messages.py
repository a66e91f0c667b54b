"""Words for the codes the domain returns (English; the GUI translates through Qt's `tr`)."""

from __future__ import annotations

from licensing.rules import (
    IneligibleReason,
    StatusWarning,
    UpgradeDecision,
    UpgradeReason,
    WarningCode,
)


def warning_message(warning: StatusWarning) -> str:
    f = dict(warning.facts)
    perpetual = f.get("perpetual") == "True"
    match warning.code:
        case WarningCode.NOT_STARTED:
            return f"S&M has not started yet: it starts on {f['sm_start']}"
        case WarningCode.RENEWAL_DUE:
            return f"S&M expires on {f['sm_end']}, in {f['days']} day(s): renew now to avoid a gap"
        case WarningCode.EXPIRED | WarningCode.LAPSED:
            still = (
                f"the perpetual license keeps working for versions released before {f['sm_end']}; "
                if perpetual
                else ""
            )
            fee = (
                f"renew before {f['reinstatement_fee_from']} to avoid the reinstatement fee"
                if warning.code is WarningCode.EXPIRED
                else f"a renewal now carries the {f['fee_percent']}% reinstatement fee"
            )
            return f"S&M expired on {f['sm_end']} ({f['days']} day(s) ago): {still}{fee}"
        case WarningCode.SUBSCRIPTION_ENDED:
            return (
                f"the subscription ended on {f['sm_end']}: the right to use the product has ended"
            )
        case WarningCode.PERIOD_TICKETS_EXPIRING:
            return f"{f['remaining']} ticket(s) of this period expire on {f['expires_on']}: use them before then"
        case WarningCode.PACK_EXPIRING:
            return f"support pack {f['pack_id']}: {f['remaining']} ticket(s) expire on {f['expires_on']}"
        case WarningCode.NO_TICKETS_LEFT:
            return "no support tickets are left: product-bug reports stay free; buy a support pack for more"
        case WarningCode.UNFUNDED_TICKETS:
            return f"{f['count']} ticket(s) this period found no ticket left to draw from"
        case WarningCode.CLOCK_ROLLBACK:
            return (
                f"the system date {f['today']} is before {f['latest_seen']}, a date this console has "
                "already seen: check the clock (the perpetual right is not affected)"
            )
        case WarningCode.NO_VALID_LICENSE:
            return f.get("reason", "no valid license")


def ineligible_message(reason: IneligibleReason) -> str:
    return {
        IneligibleReason.NO_VALID_LICENSE: "there is no valid license",
        IneligibleReason.NOT_COVERED: "S&M does not cover this day",
        IneligibleReason.OUT_OF_SCOPE: "this category is not included in S&M",
        IneligibleReason.NO_TICKETS_LEFT: "no support tickets are left (a product bug would still be free)",
    }[reason]


def upgrade_message(decision: UpgradeDecision, sm_end: str) -> str:
    match decision.reason:
        case UpgradeReason.RELEASED_BEFORE_SM_END:
            return f"released before the S&M expiry date {sm_end}"
        case UpgradeReason.RELEASED_ON_OR_AFTER_SM_END:
            return (
                f"released on or after the S&M expiry date {sm_end}: a renewal of "
                f"{decision.renewal_years_needed} year(s) would permit it"
            )
        case UpgradeReason.SUBSCRIPTION_ENDED:
            return f"the subscription ended on {sm_end}: renew to install any version"
