"""The command line and the window give the same answers (SPEC: "the CLI and the GUI show the
same computed answer"): one table of inputs, each run through the CLI in-process
(`app.cli.main([..., "--json"])`) and through the window's Requests page, against the same demo
database; the amounts, totals, dates and flags must be equal."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.cli import main
from app.console import Console
from app.demo import ASSETS_PRODUCTION, PORTAL_PRODUCTION, PORTAL_TEST
from app.requests.quotes import quote_json
from app.secrets import SecretStore
from app.settings import Settings
from ui.main_window import MainWindow
from ui.pages.base import PageName
from ui.pages.requests import RequestsPage
from ui.pages.requests.history import RequestsModel
from ui.pages.requests.renewal import LICENSE_ROLE
from ui.wording import money_text

DAY = date.today()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    """The command line's JSON answer over the demo database on DAY."""
    main(["--demo", "--as-of", DAY.isoformat(), *args, "--json"])
    captured = capsys.readouterr()
    assert captured.out, captured.err
    return json.loads(captured.out)


@dataclass
class Window:
    window: MainWindow
    page: RequestsPage
    console: Console

    def settle(self, qtbot: QtBot) -> None:
        """Waits until every answer asked for has arrived (the latest estimate included)."""
        qtbot.waitUntil(lambda: not self.window.operations.busy, timeout=20_000)

    def select(self, qtbot: QtBot, license_id: str | None) -> None:
        self.window.select_license(license_id)
        self.settle(qtbot)


@pytest.fixture
def gui(qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Window]:
    """The main window (not shown) with its Requests page, over the demo database the command
    line created."""
    from app.console import open_console

    cli(capsys, "status")  # the command line signs and imports the demo documents
    console = open_console(None, True, [], today=DAY)
    window = MainWindow(
        lambda: console, Settings(), SecretStore(), tmp_path / "window.ini", today=lambda: DAY
    )
    qtbot.addWidget(window)
    window.show_page(PageName.REQUESTS)  # builds this page alone
    page = window.page(PageName.REQUESTS)
    assert isinstance(page, RequestsPage)
    with qtbot.waitSignals([window.refreshed, page.estimate_shown], timeout=20_000):
        window.console = console  # what `start()` does once the console is open
        window.refresh()
    yield Window(window, page, console)
    window.close()


# Renewal quotes (R5, R6): seats equal to the license's are no change ------------------------

RENEWALS = [
    pytest.param(PORTAL_PRODUCTION, None, None, None, id="portal-least-years"),
    pytest.param(PORTAL_PRODUCTION, None, 500, None, id="portal-its-own-500-users"),
    pytest.param(PORTAL_PRODUCTION, None, 600, None, id="portal-600-users"),
    pytest.param(PORTAL_PRODUCTION, 2, None, 0, id="portal-2-years-its-own-devices"),
    pytest.param(ASSETS_PRODUCTION, None, None, None, id="lapsed-assets-with-fee"),
    pytest.param(ASSETS_PRODUCTION, 3, 800, None, id="assets-3-years-its-own-users"),
    pytest.param(PORTAL_TEST, None, None, 5, id="test-portal-5-devices"),
]


@pytest.mark.parametrize(("license_id", "years", "users", "devices"), RENEWALS)
def test_renewal_quotes_agree(
    gui: Window,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
    license_id: str,
    years: int | None,
    users: int | None,
    devices: int | None,
) -> None:
    options = ["renewal-quote", "--license", license_id]
    for option, value in (("--years", years), ("--users", users), ("--devices", devices)):
        if value is not None:
            options += [option, str(value)]
    answer = cli(capsys, *options)

    gui.select(qtbot, license_id)
    renewal = gui.page.renewal
    renewal.years.setValue(years or 0)
    renewal.users.setText("" if users is None else str(users))
    renewal.devices.setText("" if devices is None else str(devices))
    gui.settle(qtbot)
    assert gui.page.estimate is not None
    [shown] = gui.page.estimate.quotes
    assert dict(quote_json(shown)) == answer
    line = renewal.quote_lines[license_id].text()
    if answer["total"] is None:
        assert users == 600 or devices == 5
        assert gui.page.estimate.quote_required and not gui.page.estimate.totals
        assert money_text(Decimal(12000), "USD") not in line
    else:
        total = money_text(Decimal(answer["total"]), answer["currency"])
        assert total in line or total in renewal.total.text()
        assert gui.page.estimate.totals == {answer["currency"]: Decimal(answer["total"])}


# Pack quotes (R8) ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_pack_quotes_agree(
    gui: Window, qtbot: QtBot, capsys: pytest.CaptureFixture[str], tmp_path: Path, count: int
) -> None:
    answer = cli(
        capsys,
        "request",
        "packs",
        "--license",
        PORTAL_PRODUCTION,
        "--count",
        str(count),
        "--po",
        "PO-AGREE",
        "--out",
        str(tmp_path / "cli"),
    )["request"]

    gui.select(qtbot, PORTAL_PRODUCTION)
    packs = gui.page.packs
    gui.page.tabs.setCurrentWidget(packs)
    packs.count.setValue(count)
    quote = packs.quote
    assert quote is not None
    assert {
        "packs": quote.packs,
        "tickets": quote.tickets,
        "currency": quote.total.currency,
        "unit_price": str(quote.unit_price.amount),
        "total": str(quote.total.amount),
    } == {k: answer[k] for k in ("packs", "tickets", "currency", "unit_price", "total")}
    assert packs.total.text().startswith(money_text(Decimal(answer["total"]), answer["currency"]))


# Renewal fulfilment: a revision that reaches the period ---------------------------------------


def test_request_statuses_agree_once_a_renewal_is_fulfilled(
    gui: Window, qtbot: QtBot, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from app.demo import DEMO_SECRET, demo_claims
    from licensing import paserk
    from licensing.claims import DocumentType
    from licensing.documents import sign_document
    from resources import resource_path

    out = str(tmp_path / "requests")
    portal = cli(capsys, "request", "renewal", "--license", PORTAL_PRODUCTION, "--out", out)
    both = cli(capsys, "request", "renewal", "--all-due", "--out", out)
    cli(
        capsys,
        "request",
        "packs",
        "--license",
        PORTAL_TEST,
        "--count",
        "1",
        "--po",
        "P",
        "--out",
        out,
    )
    period_end = portal["request"]["period_end"]

    # The vendor's new revision of the production portal, reaching the period asked for.
    claims = next(
        c
        for t, _, c in demo_claims(DAY, gui.console.policy)
        if t is DocumentType.LICENSE and c["license_id"] == PORTAL_PRODUCTION
    )
    renewed = {**claims, "revision": claims["revision"] + 1, "sm_end": period_end}
    secret = paserk.secret_from_paserk(resource_path(*DEMO_SECRET).read_text(encoding="ascii"))
    document = tmp_path / "renewed.paseto"
    document.write_text(sign_document(DocumentType.LICENSE, renewed, secret), encoding="ascii")
    cli(capsys, "import", str(document))

    listed = {r["id"]: r["status"] for r in cli(capsys, "request", "list")["requests"]}
    assert listed[portal["id"]] == "fulfilled"
    assert listed[both["id"]] == "saved"  # the lapsed asset license is not renewed yet

    with qtbot.waitSignal(gui.window.refreshed, timeout=20_000):
        gui.window.refresh()
    gui.select(qtbot, None)
    model = gui.page.history.model
    shown = {
        model.index(row, RequestsModel.ID).data(RequestsModel.RAW_ROLE): str(
            model.index(row, RequestsModel.STATUS).data(RequestsModel.RAW_ROLE)
        )
        for row in range(model.rowCount())
    }
    assert shown == listed


# The licenses that count, most urgent first --------------------------------------------------


def test_current_licenses_agree(gui: Window, capsys: pytest.CaptureFixture[str]) -> None:
    answer = cli(capsys, "status")["licenses"]
    expected = [(e["license"]["license_id"], e["sm"]["state"], e["sm"]["end"]) for e in answer]
    assert [license_id for license_id, _, _ in expected] == [
        ASSETS_PRODUCTION,
        PORTAL_PRODUCTION,
        PORTAL_TEST,
    ]

    selector = gui.window.license_selector
    assert [selector.itemData(i) for i in range(1, selector.count())] == [
        license_id for license_id, _, _ in expected
    ]
    dashboard = gui.window.dashboard
    assert dashboard is not None
    assert [
        (s.license_id, s.sm.state.value, s.sm.end.isoformat()) for s in dashboard.status.licenses
    ] == expected
    renewal = gui.page.renewal
    listed = renewal.license_list
    assert [listed.item(i).data(LICENSE_ROLE) for i in range(listed.count())] == [
        license_id for license_id, _, _ in expected
    ]
    due = {"renewal_due", "expired", "lapsed"}
    assert renewal.license_ids() == tuple(i for i, state, _ in expected if state in due)
