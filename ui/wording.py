"""Words for the domain's codes, in the user's language (Qt's `translate`).

The domain and the services return codes and facts; the command line words them in English
(`app.messages`); the window words them here so that translations in `resources/translations`
apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from licensing.rules import (
    IneligibleReason,
    Outcome,
    SmState,
    StatusWarning,
    UpgradeDecision,
    UpgradeReason,
    WarningCode,
)

if TYPE_CHECKING:
    from app.dashboard import Reminder


def _t(text: str) -> str:
    return QCoreApplication.translate("Wording", text)


def warning_text(warning: StatusWarning) -> str:
    f = dict(warning.facts)
    perpetual = f.get("perpetual") == "True"
    match warning.code:
        case WarningCode.NOT_STARTED:
            return _t("Support & Maintenance starts on {sm_start}.").format(**f)
        case WarningCode.RENEWAL_DUE:
            return _t("Support & Maintenance expires on {sm_end}, in {days} day(s).").format(**f)
        case WarningCode.EXPIRED:
            return _t(
                "Support & Maintenance expired on {sm_end}. Renew before {reinstatement_fee_from} "
                "to avoid the reinstatement fee."
            ).format(**f) + (" " + still_works(f["sm_end"]) if perpetual else "")
        case WarningCode.LAPSED:
            return _t(
                "Support & Maintenance expired on {sm_end}, {days} days ago: a renewal now carries "
                "the {fee_percent}% reinstatement fee."
            ).format(**f) + (" " + still_works(f["sm_end"]) if perpetual else "")
        case WarningCode.SUBSCRIPTION_ENDED:
            return _t(
                "The subscription ended on {sm_end}: the right to use the product has ended."
            ).format(**f)
        case WarningCode.PERIOD_TICKETS_EXPIRING:
            return _t(
                "{remaining} ticket(s) of this period expire on {expires_on}: use them before then."
            ).format(**f)
        case WarningCode.PACK_EXPIRING:
            return _t(
                "Support pack {pack_id}: {remaining} ticket(s) expire on {expires_on}."
            ).format(**f)
        case WarningCode.NO_TICKETS_LEFT:
            return _t(
                "No support tickets are left. Product-bug reports stay free; a support pack adds more."
            )
        case WarningCode.UNFUNDED_TICKETS:
            return _t("{count} ticket(s) this period found no ticket left to draw from.").format(
                **f
            )
        case WarningCode.CLOCK_ROLLBACK:
            return _t(
                "The system date {today} is before {latest_seen}, a date this console has already "
                "seen. Check the clock; the perpetual right is not affected."
            ).format(**f)
        case WarningCode.NO_VALID_LICENSE:
            return _t("No valid license: {reason}").format(reason=f.get("reason", ""))


def still_works(sm_end: str) -> str:
    return _t(
        "The perpetual license keeps working, with every version released before {sm_end}."
    ).format(sm_end=sm_end)


def state_text(state: SmState) -> str:
    return {
        SmState.NOT_STARTED: _t("Not started"),
        SmState.ACTIVE: _t("Active"),
        SmState.RENEWAL_DUE: _t("Renewal due"),
        SmState.EXPIRED: _t("Expired"),
        SmState.LAPSED: _t("Lapsed"),
    }[state]


def ineligible_text(reason: IneligibleReason) -> str:
    return {
        IneligibleReason.NO_VALID_LICENSE: _t("there is no valid license"),
        IneligibleReason.NOT_COVERED: _t("S&M does not cover this day"),
        IneligibleReason.OUT_OF_SCOPE: _t("this category is not included in S&M"),
        IneligibleReason.NO_TICKETS_LEFT: _t("no support tickets are left"),
    }[reason]


def outcome_text(outcome: Outcome) -> str:
    return {
        Outcome.CHARGED: _t("Charged"),
        Outcome.UNFUNDED: _t("Unfunded"),
        Outcome.NOT_DEDUCTED_BUG: _t("Product bug (free)"),
        Outcome.OUT_OF_SCOPE: _t("Out of scope"),
        Outcome.INELIGIBLE: _t("Ineligible"),
    }[outcome]


def upgrade_text(decision: UpgradeDecision, sm_end: str) -> str:
    match decision.reason:
        case UpgradeReason.RELEASED_BEFORE_SM_END:
            return _t("Released before the S&M expiry date {sm_end}.").format(sm_end=sm_end)
        case UpgradeReason.RELEASED_ON_OR_AFTER_SM_END:
            return _t(
                "Released on or after the S&M expiry date {sm_end}. Renew to unlock: a renewal of "
                "{years} year(s) would permit it."
            ).format(sm_end=sm_end, years=decision.renewal_years_needed)
        case UpgradeReason.SUBSCRIPTION_ENDED:
            return _t(
                "The subscription ended on {sm_end}. Renew to unlock: a renewal of {years} year(s) "
                "would permit it."
            ).format(sm_end=sm_end, years=decision.renewal_years_needed)


def document_error_text(code: str) -> str:
    """A verification failure in words a person understands."""
    return {
        "too_large": _t("The file is too large to be a license document (over 64 KiB)."),
        "malformed": _t("This is not a readable license document: it may be truncated or damaged."),
        "unsupported_version": _t("This document uses a format this console does not accept."),
        "unknown_key": _t("The document was signed by a key this console does not trust."),
        "bad_signature": _t(
            "The signature does not match: the document was changed after signing."
        ),
        "wrong_type": _t("This is a different kind of document than expected."),
        "invalid_claims": _t("The document is signed, but its contents are incomplete or invalid."),
        "revoked": _t("The vendor has revoked this license."),
        "older_revision": _t("An older revision than the license already stored: nothing changed."),
        "conflicting_revision": _t("This revision is already stored with different contents."),
        "conflicting_pack": _t("This support pack is already stored with different contents."),
        "unreadable": _t("The file could not be read."),
    }.get(code, code)


def reminder_text(reminder: Reminder) -> str:
    """The user's own reminders, set in Settings."""
    if reminder.code == "renewal_reminder":
        return _t("Your reminder: Support & Maintenance expires in {days} day(s).").format(
            days=reminder.days
        )
    return _t("Only {remaining} support ticket(s) left (your low-ticket threshold).").format(
        remaining=reminder.remaining
    )
