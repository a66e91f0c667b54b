"""The vendor policy (R14): every figure of the rules, read from a file shipped in `resources/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from licensing.claims import Category, Money
from resources import resource_path

POLICY_FILE = "vendor-policy.json"


class PolicyError(ValueError):
    """The vendor policy file is missing a figure or holds a wrong one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class VendorPolicy:
    vendor: str
    renewals_email: str
    response_target_hours: int
    reminder_window_days: int
    reinstatement_after_days: int
    reinstatement_fee_rate: Decimal
    ticket_period_months: int
    pack_tickets: int
    pack_price: Money
    pack_validity_months: int
    expiring_tickets_warning_days: int
    clock_rollback_tolerance_days: int
    out_of_scope_categories: frozenset[Category]

    def in_scope(self, category: Category) -> bool:
        return category not in self.out_of_scope_categories


def _field(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise PolicyError(f"vendor policy: '{key}' must be a whole number >= 0")
    if not isinstance(value, kind):
        raise PolicyError(f"vendor policy: '{key}' must be a {kind.__name__}")
    return value


def _decimal(text: object, key: str) -> Decimal:
    try:
        return Decimal(str(text)) if isinstance(text, str) else Decimal("nan")
    except InvalidOperation:
        raise PolicyError(f"vendor policy: '{key}' must be a decimal string") from None


def parse_policy(data: dict[str, Any]) -> VendorPolicy:
    price = _field(data, "pack_price", dict)
    rate = _decimal(data.get("reinstatement_fee_rate"), "reinstatement_fee_rate")
    amount = _decimal(price.get("amount"), "pack_price.amount")
    if not rate.is_finite() or not amount.is_finite():
        raise PolicyError("vendor policy: money and rates must be decimal strings")
    try:
        out_of_scope = frozenset(Category(c) for c in _field(data, "out_of_scope_categories", list))
    except ValueError as exc:
        raise PolicyError(f"vendor policy: out_of_scope_categories: {exc}") from None
    return VendorPolicy(
        vendor=_field(data, "vendor", str),
        renewals_email=_field(data, "renewals_email", str),
        response_target_hours=_field(data, "response_target_hours", int),
        reminder_window_days=_field(data, "reminder_window_days", int),
        reinstatement_after_days=_field(data, "reinstatement_after_days", int),
        reinstatement_fee_rate=rate,
        ticket_period_months=_field(data, "ticket_period_months", int),
        pack_tickets=_field(data, "pack_tickets", int),
        pack_price=Money(amount=amount, currency=str(price.get("currency"))),
        pack_validity_months=_field(data, "pack_validity_months", int),
        expiring_tickets_warning_days=_field(data, "expiring_tickets_warning_days", int),
        clock_rollback_tolerance_days=_field(data, "clock_rollback_tolerance_days", int),
        out_of_scope_categories=out_of_scope,
    )


def load_policy(path: Path | None = None) -> VendorPolicy:
    """Loads the policy shipped in `resources/` (or another file, for a vendor's test setup)."""
    path = path or resource_path(POLICY_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PolicyError(f"cannot read the vendor policy {path}: {exc}") from None
    if not isinstance(data, dict):
        raise PolicyError("vendor policy: the file must hold a JSON object")
    return parse_policy(data)
