"""`upgrade-check` (R4), `renewal-quote` (R5, R6) and `eligibility` (R13)."""

from __future__ import annotations

import argparse
import sys

from app import questions
from app.cli.common import as_of, category, one_license_option, parse_day, version
from app.cli.output import emit, write
from app.cli.parser import UsageError
from app.cli.wording import plural
from app.console import Console
from app.importing import read_document_file
from app.requests.quotes import quote_json
from licensing.claims import Classification, enum_value
from licensing.rules import IneligibleReason
from licensing.upgrades import CatalogVerdict, UpgradeDecision, UpgradeReason


def run(args: argparse.Namespace, console: Console) -> int:
    match args.command:
        case "upgrade-check":
            return _upgrade_check(args, console)
        case "renewal-quote":
            return _renewal_quote(args, console)
    return _eligibility(args, console)


def _upgrade_check(args: argparse.Namespace, console: Console) -> int:
    day = as_of(args, console)
    if args.version or args.released_on:
        if not (args.version and args.released_on) or args.catalog:
            raise UsageError(
                "upgrade-check: give --version V --released-on DATE, or --catalog FILE [--installed V]"
            )
        wanted = version(args.version, "--version")
        decision = questions.upgrade_check(
            console, day, parse_day(args.released_on, "--released-on"), one_license_option(args)
        )
        answer = {
            "version": str(wanted),
            "released_on": decision.released_on.isoformat(),
            "permitted": decision.permitted,
            "reason": decision.reason.value,
        }
        verdict = "permitted" if decision.permitted else "NOT permitted"
        emit(args.json, answer, lambda: f"{wanted}: {verdict}: {upgrade_message(decision)}")
        return 0 if decision.permitted else 1
    catalog = read_document_file(args.catalog) if args.catalog else None
    installed = version(args.installed, "--installed") if args.installed else None
    verdicts = questions.catalog_check(console, day, catalog, installed, one_license_option(args))
    entries = [_catalog_json(v) for v in verdicts]
    data: dict[str, object] = {"licenses": entries}
    if len(entries) == 1:
        data = {**entries[0], **data}

    def human() -> str:
        lines = []
        for v in verdicts:
            if len(verdicts) > 1:
                lines.append(f"license {v.license_id} ({v.product_code}):")
            lines += [
                f"  {r.version!s:12} {r.released_on.isoformat()}  "
                f"{'permitted' if r.decision.permitted else 'NOT permitted'}: {upgrade_message(r.decision)}"
                for r in v.releases
            ]
            lines.append(f"  latest permitted: {v.latest_permitted or 'none'}")
        return "\n".join(lines)

    emit(args.json, data, human)
    return 0


def _catalog_json(verdict: CatalogVerdict) -> dict[str, object]:
    return {
        "license_id": verdict.license_id,
        "product_code": verdict.product_code,
        "releases": [
            {
                "version": str(r.version),
                "released_on": r.released_on.isoformat(),
                "permitted": r.decision.permitted,
            }
            for r in verdict.releases
        ],
        "latest_permitted": str(verdict.latest_permitted) if verdict.latest_permitted else None,
    }


def _renewal_quote(args: argparse.Namespace, console: Console) -> int:
    day = as_of(args, console)
    quote = questions.renewal_quote(
        console, day, one_license_option(args), args.years, args.users, args.devices
    )

    def human() -> str:
        lines = [
            f"Renewal of license {quote.license_id} for {plural(quote.years, 'year')}: "
            f"{quote.period_start.isoformat()} to {quote.period_end.isoformat()} "
            "(backdated to the old expiry)"
        ]
        if quote.total is None:
            lines.append(
                "Seat change: the vendor quotes it (price depends on product category and seats)"
            )
        else:
            lines.append(
                f"Base {quote.base_amount} {quote.currency} + reinstatement fee "
                f"{quote.reinstatement_fee} = total {quote.total} {quote.currency} (estimate)"
            )
        if not quote.becomes_current:
            lines.append(
                f"WARNING: this leaves S&M expired on {day.isoformat()}; at least "
                f"{plural(quote.min_years_to_be_current, 'year')} are needed"
            )
        return "\n".join(lines)

    emit(args.json, quote_json(quote), human)
    if not quote.becomes_current:
        write(
            f"warning: {plural(quote.years, 'year')} leave S&M expired; "
            f"{quote.min_years_to_be_current} needed",
            sys.stderr,
        )
        return 1
    return 0


def _eligibility(args: argparse.Namespace, console: Console) -> int:
    result = questions.eligibility(
        console,
        as_of(args, console),
        category(args.category),
        enum_value(Classification, args.classification, "--classification"),
        one_license_option(args),
    )
    data = {"eligible": result.eligible, "reasons": [r.value for r in result.reasons]}

    def human() -> str:
        if result.eligible:
            return "eligible: a new support request may be opened"
        return "NOT eligible: " + "; ".join(ineligible_message(r) for r in result.reasons)

    emit(args.json, data, human)
    return 0 if result.eligible else 1


# Words for the answers -------------------------------------------------------------------


def ineligible_message(reason: IneligibleReason) -> str:
    return {
        IneligibleReason.NO_VALID_LICENSE: "there is no valid license",
        IneligibleReason.NOT_COVERED: "S&M does not cover this day",
        IneligibleReason.OUT_OF_SCOPE: "this category is not included in S&M",
        IneligibleReason.NO_TICKETS_LEFT: "no support tickets are left (a product bug would still be free)",
    }[reason]


def upgrade_message(decision: UpgradeDecision) -> str:
    sm_end = decision.sm_end.isoformat()
    years = plural(decision.renewal_years_needed or 0, "year")
    match decision.reason:
        case UpgradeReason.RELEASED_BEFORE_SM_END:
            return f"released before the S&M expiry date {sm_end}"
        case UpgradeReason.RELEASED_ON_OR_AFTER_SM_END:
            return (
                f"released on or after the S&M expiry date {sm_end}: a renewal of {years} would "
                "permit it"
            )
        case UpgradeReason.SUBSCRIPTION_ENDED:
            return f"the subscription ended on {sm_end}: a renewal of {years} would permit it"
