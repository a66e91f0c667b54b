"""The desktop's dashboard: personal reminders from the settings, on top of the vendor's rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from app.dashboard import load_dashboard
from app.services import Console
from licensing.claims import DocumentType
from tests.app.conftest import Vendor, license_claims, pack_claims


def test_reminders_before_the_vendor_window_and_for_few_tickets(
    make_console: Callable[..., Console], vendor: Vendor
) -> None:
    console = make_console(vendor.trust())
    files = [
        vendor.write(DocumentType.LICENSE, license_claims()),
        vendor.write(DocumentType.SUPPORT_PACK, pack_claims()),
    ]
    assert console.import_files(files).succeeded
    day = date(2025, 1, 1)  # 90 days before sm_end: active for the vendor
    assert load_dashboard(console, day).reminders == ()
    reminders = load_dashboard(console, day, reminder_days=90, low_ticket_threshold=10).reminders
    assert [(r.code, r.days, r.remaining) for r in reminders] == [
        ("renewal_reminder", 90, None),
        ("low_tickets", None, 10),
    ]
    assert [r.code for r in load_dashboard(console, day, reminder_days=89).reminders] == []
    # In the vendor's own window the state says it already: no second reminder.
    assert load_dashboard(console, date(2025, 3, 1), reminder_days=365).reminders == ()
