"""`status` (the dashboard, every license or `--license ID`) and `clock acknowledge`."""

from __future__ import annotations

import argparse

from app.cli.common import as_of, one_license_option
from app.cli.output import emit
from app.cli.render import status_json
from app.cli.wording import SEVERITY_WORDS, STATE_WORDS, plural, warning_message
from app.clock import acknowledge
from app.console import Console
from app.status import portfolio_status
from licensing.portfolio import LicenseStanding, PortfolioStatus


def run(args: argparse.Namespace, console: Console) -> int:
    if args.command == "clock":
        mark = acknowledge(console)
        emit(
            args.json,
            {"acknowledged": mark.isoformat(), "on": console.today.isoformat()},
            lambda: (
                f"acknowledged: {mark.isoformat()} came from a clock that was ahead; status now "
                "notes it instead of warning"
            ),
        )
        return 0
    status = portfolio_status(console, as_of(args, console), one_license_option(args))
    emit(args.json, status_json(status), lambda: human(status))
    return int(status.severity)


def _days(standing: LicenseStanding) -> str:
    days = standing.sm.days_to_expiry
    return f"{plural(days, 'day')} left" if days > 0 else f"ended {plural(-days, 'day')} ago"


def _detail(standing: LicenseStanding) -> list[str]:
    c, sm, balance = standing.claims, standing.sm, standing.balance
    where = f", {c.environment}" if c.environment else ""
    lines = [
        f"License   {c.license_id} revision {c.revision} ({standing.held.trust.value} key): {c.customer.name}",
        f"Product   {c.product.name} ({c.product.code}{where}), {c.license_type.value}, "
        f"{plural(c.seats.users, 'user')} / {plural(c.seats.devices, 'device')}",
        f"S&M       {sm.start.isoformat()} to {sm.end.isoformat()}: {STATE_WORDS[sm.state]}, {_days(standing)}",
    ]
    if balance.period_start and balance.period_end:
        lines.append(
            f"Tickets   period {balance.period_start.isoformat()} to {balance.period_end.isoformat()}: "
            f"{balance.annual_used} of {balance.annual_allocated} used, {balance.annual_remaining} left"
        )
    else:
        lines.append("Tickets   no S&M ticket period contains this day")
    for p in balance.packs:
        lines.append(
            f"  pack {p.pack_id}: {p.remaining} of {p.tickets} left, use before {p.expires_on.isoformat()}"
        )
    lines.append(
        f"  left in all: {balance.remaining_total}; not deducted (product bugs): "
        f"{balance.not_deducted_bug}; unfunded: {balance.unfunded}; ineligible: {balance.ineligible}"
    )
    return lines


def human(status: PortfolioStatus) -> str:
    lines = [f"Entitlement status on {status.as_of.isoformat()}: {SEVERITY_WORDS[status.severity]}"]
    if len(status.licenses) == 1:
        lines += _detail(status.licenses[0])
    elif status.licenses:
        count = len(status.licenses)
        lines.append(
            f"{plural(count, 'license')}, {status.needing_attention} needing attention "
            "(most urgent first):"
        )
        for s in status.licenses:
            c = s.claims
            lines.append(
                f"  {SEVERITY_WORDS[s.severity]:9} {c.license_id:20} {c.product.code:10} "
                f"{(c.environment or '-'):12} S&M to {s.sm.end.isoformat()} "
                f"{STATE_WORDS[s.sm.state]:12} {_days(s):22} tickets left {s.balance.remaining_total}"
                + ("" if s.held.trust.value == "vendor" else f"  ({s.held.trust.value} key)")
            )
    for w in status.all_warnings:
        lines.append(f"{SEVERITY_WORDS[w.severity]:9} {warning_message(w)}")
    return "\n".join(lines)
