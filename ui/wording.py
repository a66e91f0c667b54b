"""The window's words for the domain's codes, in the user's language: one table per kind of code
(the command line has its own, in `app.cli.wording`). Counts use Qt's plural forms (`%n`), money
the user's locale (grouping and symbol), dates one format everywhere.

One module of about 520 lines on purpose: the window's single table from codes to words, so that
a new code is worded in exactly one place of the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from functools import cache

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from app.dashboard import Reminder, ReminderKind
from app.importing import ImportStatus
from app.requests.model import Channel, RequestKind, RequestStatus
from licensing.claims import Category, Classification, LicenseType, Ticket, TicketKind
from licensing.ledger import Bucket, BucketKind, Outcome
from licensing.portfolio import Dispute, DisputeState, LicenseStanding, TicketSource
from licensing.rules import IneligibleReason, SmState, SmStatus
from licensing.trust import TrustSource
from licensing.upgrades import UpgradeDecision, UpgradeReason
from licensing.warnings import Fact, StatusWarning, WarningCode

_CONTEXT = "Wording"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _n(text: str, count: int) -> str:
    """A count in words with Qt's plural forms: "%n day(s)" reads "1 day", "45 days"."""
    return QCoreApplication.translate(_CONTEXT, text, None, count)


# Values -------------------------------------------------------------------------------------


def user_locale() -> QLocale:
    """The user's locale; the bare "C" locale (a server, a test) reads as US English."""
    locale = QLocale()
    return QLocale("en_US") if locale.language() == QLocale.Language.C else locale


def date_text(day: date | None) -> str:
    """Every date the window shows, in one format: the locale's, with the month in words (so
    that 01/02 is never read two ways)."""
    if day is None:
        return "—"
    return user_locale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


@cache
def _currency_symbol(code: str, locale_name: str) -> str:
    locale = QLocale(locale_name)
    iso = QLocale.CurrencySymbolFormat.CurrencyIsoCode
    if locale.currencySymbol(iso) == code:
        return locale.currencySymbol()
    own = locale.currencySymbol()
    for candidate in QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyTerritory
    ):
        if candidate.currencySymbol(iso) == code:
            symbol = candidate.currencySymbol()
            # "$" would read as the user's own dollar: then the code is clearer.
            return code if symbol == own or (symbol == "$" and code != "USD") else symbol
    return code


def money_text(amount: Decimal | None, currency: str) -> str:
    """An amount in the user's locale: grouping, decimals and the currency's symbol."""
    if amount is None:
        return "—"
    locale = user_locale()
    return locale.toCurrencyString(float(amount), _currency_symbol(currency, locale.name()), 2)


def days_text(count: int) -> str:
    return _n("%n day(s)", count)


def tickets_text(count: int) -> str:
    return _n("%n ticket(s)", count)


def years_text(count: int) -> str:
    return _n("%n year(s)", count)


def licenses_text(count: int) -> str:
    return _n("%n license(s)", count)


def attention_text(count: int) -> str:
    return _n("%n license(s) need attention", count)


def countdown_text(sm: SmStatus) -> str:
    """The days to the S&M expiry date: "45 days left", "ends today" on the expiry date itself
    (the first day it no longer covers), "ended 3 days ago" after it."""
    if sm.days_to_expiry > 0:
        return _n("%n day(s) left", sm.days_to_expiry)
    if sm.days_to_expiry == 0:
        return _t("ends today")
    return _n("ended %n day(s) ago", -sm.days_to_expiry)


def license_title(standing: LicenseStanding, with_state: bool = True) -> str:
    """`ID — Product, environment (State)`, as the window's license selector names a license
    (the state left out where it would not stay up to date)."""
    claims = standing.claims
    environment = f", {claims.environment}" if claims.environment else ""
    title = f"{claims.license_id} — {claims.product.name}{environment}"
    return f"{title} ({state_text(standing.sm.state)})" if with_state else title


def _fact(facts: Mapping[str, Fact], name: str) -> str:
    value = facts.get(name)
    if isinstance(value, date):
        return date_text(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, tuple):
        return ", ".join(value)
    return "" if value is None else str(value)


def _count(facts: Mapping[str, Fact], name: str) -> int:
    value = facts.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# Codes --------------------------------------------------------------------------------------


def warning_text(warning: StatusWarning) -> str:
    f = warning.facts
    match warning.code:
        case WarningCode.NOT_STARTED:
            return _t("Support & Maintenance starts on {day}.").format(day=_fact(f, "sm_start"))
        case WarningCode.RENEWAL_DUE:
            return _t("Support & Maintenance expires on {day}, in {days}.").format(
                day=_fact(f, "sm_end"), days=days_text(_count(f, "days"))
            )
        case WarningCode.EXPIRED:
            text = _t(
                "Support & Maintenance expired on {day}. Renew before {fee_day} to avoid the "
                "reinstatement fee."
            ).format(day=_fact(f, "sm_end"), fee_day=_fact(f, "reinstatement_fee_from"))
            return text + (" " + still_works(_fact(f, "sm_end")) if f.get("perpetual") else "")
        case WarningCode.LAPSED:
            text = _t(
                "Support & Maintenance expired on {day}, {days} ago: a renewal now carries the "
                "{percent}% reinstatement fee."
            ).format(
                day=_fact(f, "sm_end"),
                days=days_text(_count(f, "days")),
                percent=_fact(f, "fee_percent"),
            )
            return text + (" " + still_works(_fact(f, "sm_end")) if f.get("perpetual") else "")
        case WarningCode.SUBSCRIPTION_ENDED:
            return _t(
                "The subscription ended on {day}: the right to use the product has ended."
            ).format(day=_fact(f, "sm_end"))
        case WarningCode.PERIOD_TICKETS_EXPIRING:
            return _t("{tickets} of this period expire on {day}: use them before then.").format(
                tickets=tickets_text(_count(f, "remaining")), day=_fact(f, "expires_on")
            )
        case WarningCode.PACK_EXPIRING:
            return _t("Support pack {pack}: {tickets} expire on {day}.").format(
                pack=_fact(f, "pack_id"),
                tickets=tickets_text(_count(f, "remaining")),
                day=_fact(f, "expires_on"),
            )
        case WarningCode.NO_TICKETS_LEFT:
            return _t(
                "No support tickets are left. Product-bug reports stay free; a support pack adds "
                "more."
            )
        case WarningCode.UNFUNDED_TICKETS:
            return _n(
                "%n ticket(s) this period found no ticket left to draw from.", _count(f, "count")
            )
        case WarningCode.NO_VALID_LICENSE:
            if _count(f, "untrusted"):
                return _t(
                    "No stored license verifies with the keys this console trusts: see the "
                    "documents listed on the License page."
                )
            if f.get("revoked"):
                return _t("The vendor revoked every stored license ({ids}).").format(
                    ids=_fact(f, "revoked")
                )
            return _t("No license key has been imported yet.")
        case WarningCode.UNTRUSTED_DOCUMENT:
            return _t("A stored {what} {name} does not count: {detail}").format(
                what=document_type_text(_fact(f, "document_type")),
                name=_fact(f, "subject"),
                detail=_fact(f, "detail"),
            )
        case WarningCode.ADDITIONAL_TRUST:
            return _t(
                "Counted only because you trust a key besides the vendor's: {documents}."
            ).format(documents=_fact(f, "documents"))
        case WarningCode.DISPUTED_TICKET:
            return _n(
                "%n vendor ticket(s) disputed; the vendor's record counts until a statement "
                "agrees.",
                _count(f, "count"),
            )
        case WarningCode.UNASSIGNED_TICKETS:
            return _n(
                "%n local ticket(s) belong to no license: assign them on the Tickets page.",
                _count(f, "count"),
            )
        case WarningCode.CLOCK_ROLLBACK:
            return _t(
                "The system date {today} is before {seen}, a date this console has already seen. "
                "Check the clock; the perpetual right is not affected."
            ).format(today=_fact(f, "today"), seen=_fact(f, "latest_seen"))
        case WarningCode.CLOCK_ACKNOWLEDGED:
            return _t(
                "The date {seen} came from a clock that was ahead (acknowledged on {day})."
            ).format(seen=_fact(f, "latest_seen"), day=_fact(f, "acknowledged_on"))


def still_works(sm_end: str) -> str:
    return _t(
        "The perpetual license keeps working, with every version released before {day}."
    ).format(day=sm_end)


def document_type_text(value: str) -> str:
    return {
        "license": _t("license"),
        "support-pack": _t("support pack"),
        "ticket-statement": _t("ticket statement"),
        "release-catalog": _t("release catalog"),
        "revocation-list": _t("revocation list"),
    }.get(value, _t("document"))


def state_text(state: SmState | None) -> str:
    if state is None:
        return _t("No license")
    return {
        SmState.NOT_STARTED: _t("Not started"),
        SmState.ACTIVE: _t("Active"),
        SmState.RENEWAL_DUE: _t("Renewal due"),
        SmState.EXPIRED: _t("Expired"),
        SmState.LAPSED: _t("Lapsed"),
    }[state]


def license_type_text(value: LicenseType) -> str:
    return {LicenseType.PERPETUAL: _t("Perpetual"), LicenseType.SUBSCRIPTION: _t("Subscription")}[
        value
    ]


def trust_text(source: TrustSource) -> str:
    return {
        TrustSource.VENDOR: _t("the vendor"),
        TrustSource.ADDITIONAL: _t("a key you added"),
        TrustSource.DEMO: _t("the demo key (demo mode)"),
    }[source]


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
        Outcome.UNASSIGNED: _t("Unassigned"),
    }[outcome]


def outcome_explanation(outcome: Outcome) -> str:
    return {
        Outcome.CHARGED: _t("Drew one ticket from the period or a pack."),
        Outcome.UNFUNDED: _t("No ticket was left to draw from when it was opened."),
        Outcome.NOT_DEDUCTED_BUG: _t("A product bug: never deducted."),
        Outcome.OUT_OF_SCOPE: _t("Its category is not included in S&M: recorded, not charged."),
        Outcome.INELIGIBLE: _t(
            "Opened on a day S&M did not cover: not charged (a backdated renewal can change it)."
        ),
        Outcome.UNASSIGNED: _t("Belongs to no license yet: assign it to one."),
    }[outcome]


def source_text(source: TicketSource) -> str:
    return {TicketSource.LOCAL: _t("Local"), TicketSource.VENDOR: _t("Vendor")}[source]


def kind_text(kind: TicketKind) -> str:
    return {TicketKind.INCIDENT: _t("Incident"), TicketKind.SERVICE_REQUEST: _t("Service request")}[
        kind
    ]


def classification_text(value: Classification) -> str:
    return {Classification.CUSTOMER: _t("Customer"), Classification.PRODUCT_BUG: _t("Product bug")}[
        value
    ]


def category_text(value: Category) -> str:
    return {
        Category.PRODUCT: _t("Product"),
        Category.UPGRADE: _t("Upgrade"),
        Category.LICENSING: _t("Licensing"),
        Category.SYSTEM_CENTER: _t("System Center apps"),
        Category.INSTALLATION: _t("Installation"),
        Category.CONSULTING: _t("Consulting"),
        Category.CUSTOMIZATION: _t("Customization"),
        Category.TRAINING: _t("Training"),
    }[value]


def dispute_state_text(state: DisputeState) -> str:
    return {
        DisputeState.OPEN: _t("Disputed"),
        DisputeState.RESOLVED: _t("Dispute resolved: the vendor agrees"),
        DisputeState.NO_VENDOR_RECORD: _t("Disputed (no statement holds it now)"),
    }[state]


def upgrade_text(decision: UpgradeDecision) -> str:
    sm_end = date_text(decision.sm_end)
    match decision.reason:
        case UpgradeReason.RELEASED_BEFORE_SM_END:
            return _t("Released before the S&M expiry date {day}.").format(day=sm_end)
        case UpgradeReason.RELEASED_ON_OR_AFTER_SM_END:
            return _t(
                "Released on or after the S&M expiry date {day}. A renewal of {years} (to {end}) "
                "would permit it."
            ).format(
                day=sm_end,
                years=years_text(decision.renewal_years_needed or 0),
                end=date_text(decision.renewed_sm_end),
            )
        case UpgradeReason.SUBSCRIPTION_ENDED:
            return _t(
                "The subscription ended on {day}. A renewal of {years} (to {end}) would permit it."
            ).format(
                day=sm_end,
                years=years_text(decision.renewal_years_needed or 0),
                end=date_text(decision.renewed_sm_end),
            )


def document_error_text(code: str) -> str:
    """A verification or import failure in words a person understands."""
    return {
        "too_large": _t("The file is too large to be a license document (over 64 KiB)."),
        "malformed": _t("This is not a readable license key: it may be truncated or damaged."),
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
    }.get(code, _t("The document was refused."))


def import_status_text(status: ImportStatus) -> str:
    return {
        ImportStatus.IMPORTED: _t("Imported"),
        ImportStatus.ALREADY_IMPORTED: _t("Already imported"),
        ImportStatus.REFUSED: _t("Refused"),
        ImportStatus.UNREADABLE: _t("Unreadable"),
        ImportStatus.NOT_IMPORTED: _t("Not imported (another file was refused)"),
    }[status]


def reminder_text(reminder: Reminder) -> str:
    """The admin's own reminders, set in Settings."""
    if reminder.kind is ReminderKind.RENEWAL:
        return _t("Your reminder: Support & Maintenance of {license} expires in {days}.").format(
            license=reminder.license_id, days=days_text(reminder.count)
        )
    return _t("Only {tickets} left for {license} (your low-ticket threshold).").format(
        tickets=tickets_text(reminder.count), license=reminder.license_id
    )


def request_kind_text(kind: RequestKind) -> str:
    return {RequestKind.RENEWAL: _t("Renewal"), RequestKind.PACKS: _t("Support packs")}[kind]


def channel_text(channel: Channel) -> str:
    return {
        Channel.MAILTO: _t("Mail program"),
        Channel.SMTP: _t("E-mail (SMTP)"),
        Channel.FILE: _t("File for the portal"),
        Channel.CLIPBOARD: _t("Clipboard"),
    }[channel]


def request_status_text(status: RequestStatus) -> str:
    return {
        RequestStatus.SAVED: _t("Saved; waiting for the vendor"),
        RequestStatus.OPENED: _t("Opened in the mail program; not marked as sent"),
        RequestStatus.SENT: _t("Sent; waiting for the vendor"),
        RequestStatus.CANCELLED: _t("Cancelled"),
        RequestStatus.FULFILLED: _t("Fulfilled (a license covering it was imported)"),
    }[status]


def bucket_text(bucket: Bucket | None) -> str:
    """Which bucket a ticket drew from, short: the ticket period by its first day, or the pack."""
    if bucket is None:
        return "—"
    if bucket.kind is BucketKind.ANNUAL:
        return _t("Period from {day}").format(day=date_text(bucket.starts_on))
    return _t("Pack {pack}").format(pack=bucket.key)


def bucket_explanation(bucket: Bucket | None) -> str:
    """Which bucket a ticket drew from, with the days it is usable."""
    if bucket is None:
        return _t("Drew from no ticket period and no support pack.")
    if bucket.kind is BucketKind.ANNUAL:
        return _t("Drew from the ticket period {start} to {end}.").format(
            start=date_text(bucket.starts_on), end=date_text(bucket.expires_on)
        )
    return _t("Drew from support pack {pack}, usable {start} to {end}.").format(
        pack=bucket.key, start=date_text(bucket.starts_on), end=date_text(bucket.expires_on)
    )


def dispute_marker_text(state: DisputeState) -> str:
    """The short mark of a disputed vendor ticket in a table (`dispute_state_text` says more)."""
    return {
        DisputeState.OPEN: _t("Disputed"),
        DisputeState.RESOLVED: _t("Resolved"),
        DisputeState.NO_VENDOR_RECORD: _t("Disputed"),
    }[state]


def trust_source_text(source: TrustSource) -> str:
    """Whose key it is, short, as a table column shows it: a trusted key's source (Settings >
    Trusted keys), the key that signed a license (the overview's portfolio)."""
    return {
        TrustSource.VENDOR: _t("Vendor"),
        TrustSource.ADDITIONAL: _t("Added"),
        TrustSource.DEMO: _t("Demo key"),
    }[source]


def unlock_text(years: int, renewed_sm_end: date | None, versions: tuple[str, ...]) -> str:
    """What a renewal would unlock (R4, R5): "Renew 2 years (to 1 Apr 2027) to unlock 11.0"."""
    return _t("Renew {years} (to {day}) to unlock {versions}.").format(
        years=years_text(years), day=date_text(renewed_sm_end), versions=", ".join(versions)
    )


def unassigned_text() -> str:
    """A local ticket that belongs to no license yet (R16), where its license would be named."""
    return _t("Unassigned")


def source_explanation(source: TicketSource) -> str:
    """What a ticket's source means for what the admin may do with it (R17)."""
    if source is TicketSource.VENDOR:
        return _t(
            "From the vendor's signed statement: read-only here. If you disagree, record a "
            "dispute; it changes no balance until a later statement agrees."
        )
    return _t("Entered in this console: you can edit it and assign it to a license.")


def dispute_text(dispute: Dispute, vendor: Ticket, state: DisputeState) -> str:
    """A dispute in full, one line each: its state, who said what against the vendor's record
    and when, and why."""
    claimed = [
        _t("{field} {mine} (the vendor: {theirs})").format(field=field, mine=mine, theirs=theirs)
        for field, mine, theirs in (
            (
                _t("opened on"),
                date_text(dispute.opened_on) if dispute.opened_on else None,
                date_text(vendor.opened_on),
            ),
            (_t("kind"), kind_text(dispute.kind) if dispute.kind else None, kind_text(vendor.kind)),
            (
                _t("classification"),
                classification_text(dispute.classification) if dispute.classification else None,
                classification_text(vendor.classification),
            ),
            (
                _t("category"),
                category_text(dispute.category) if dispute.category else None,
                category_text(vendor.category),
            ),
        )
        if mine is not None
    ]
    why = (
        _t("Why: {reason}").format(reason=dispute.reason)
        if dispute.reason
        else _t("No reason given.")
    )
    said = _t("Disputed by {who} on {day}: {claims}.").format(
        who=dispute.disputed_by,
        day=date_text(dispute.disputed_at.astimezone().date()),
        claims="; ".join(claimed),
    )
    return "\n".join((dispute_state_text(state), said, why))
