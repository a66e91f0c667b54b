"""Several licenses of one customer (R16) and vendor facts that stay the vendor's (R17):
licensing/portfolio.py, from documents that verified to the status of every license on a day."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from packaging.version import Version

from licensing.claims import Category, Classification, DocumentType, LicenseClaims, TicketKind
from licensing.ledger import Outcome
from licensing.portfolio import (
    Dispute,
    DisputeState,
    HeldLicense,
    TicketSource,
    dispute_state,
    ticket_entries,
)
from licensing.rules import SmState
from licensing.trust import TrustSource
from licensing.warnings import Severity, StatusWarning, WarningCode, warning
from tests import factories
from tests.licensing.rules_builders import (
    bug,
    d,
    dispute,
    evaluated,
    license_from,
    local,
    make_license,
    make_pack,
    portfolio,
    rejected,
    signed,
    statement,
    ticket,
)


def portal(**claims: object) -> LicenseClaims:
    """LIC-A of the sample world: the portal in production, S&M 2025-01-01 to 2027-01-01."""
    return license_from(factories.portal_license(**claims))


def assets(**claims: object) -> LicenseClaims:
    """LIC-B of the sample world: asset management, S&M 2025-12-15 to 2026-12-15, in euros."""
    return license_from(factories.assets_license(**claims))


def codes(warnings: tuple[StatusWarning, ...] | list[StatusWarning]) -> list[WarningCode]:
    return [w.code for w in warnings]


def charged(status, license_id: str) -> dict[str, tuple[str, str | None]]:
    standing = status.standing(license_id)
    return {
        c.ticket.case_id: (c.outcome.value, c.bucket.key if c.bucket else None)
        for c in standing.ledger.charges
    }


# R16: each license stands alone ---------------------------------------------------------------


def test_a_pack_counts_only_for_its_own_license_even_on_the_same_day() -> None:
    held = portfolio(
        licenses=[portal(tickets_per_year=0), assets(tickets_per_year=0)],
        packs=[make_pack("PA", "2026-01-10", license_id="LIC-A")],
        statements=[statement([ticket("B-2", "2026-02-01")], license_id="LIC-B")],
        local_tickets=[local("A-1", "2026-02-01", "LIC-A"), local("B-1", "2026-02-01", "LIC-B")],
    )
    status = evaluated(held, "2026-03-01")
    assert charged(status, "LIC-A") == {"A-1": ("charged", "PA")}
    assert charged(status, "LIC-B") == {"B-1": ("unfunded", None), "B-2": ("unfunded", None)}
    a, b = status.standing("LIC-A"), status.standing("LIC-B")
    assert [(p.pack_id, p.used, p.remaining) for p in a.balance.packs] == [("PA", 1, 3)]
    assert b.balance.packs == ()
    assert (b.balance.remaining_total, b.balance.unfunded) == (0, 2)
    assert codes(a.warnings) == []
    assert codes(b.warnings) == [WarningCode.NO_TICKETS_LEFT, WarningCode.UNFUNDED_TICKETS]
    assert all(w.license_id == "LIC-B" for w in b.warnings)
    assert [p.claims.pack_id for p in held.packs["LIC-A"]] == ["PA"]
    assert "LIC-B" not in held.packs


def test_statements_and_local_tickets_belong_to_their_license() -> None:
    held = portfolio(
        licenses=[portal(), assets()],
        statements=[
            statement([ticket("A-V", "2026-02-01")], license_id="LIC-A"),
            statement([ticket("B-V", "2026-02-01")], license_id="LIC-B"),
        ],
        local_tickets=[local("A-L", "2026-02-02", "LIC-A"), local("B-L", "2026-02-02", "LIC-B")],
    )
    assert [t.case_id for t in held.tickets_of("LIC-A")] == ["A-V", "A-L"]
    assert [t.case_id for t in held.tickets_of("LIC-B")] == ["B-V", "B-L"]
    assert held.tickets_of("LIC-UNKNOWN") == ()
    status = evaluated(held, "2026-03-01")
    assert status.standing("LIC-A").balance.annual_used == 2  # of 6
    assert status.standing("LIC-B").balance.annual_used == 2  # of 4
    assert status.standing("LIC-B").balance.annual_remaining == 2


def test_a_pack_of_a_license_that_does_not_count_is_dropped() -> None:
    held = portfolio(
        licenses=[portal()], packs=[make_pack("PX", "2026-01-10", license_id="LIC-GONE")]
    )
    assert dict(held.packs) == {}


def test_revisions_are_per_license_and_the_highest_counts() -> None:
    first = portal()
    second = dataclasses.replace(first, revision=2, sm_end=d("2028-01-01"))
    # A higher revision supersedes a lower one even when it was issued earlier.
    second = dataclasses.replace(second, issued_at=first.issued_at.replace(year=2020))
    other = assets(revision=3)
    held = portfolio(licenses=[first, other, second])
    assert held.license_ids == ("LIC-A", "LIC-B")
    lic_a = held.license("LIC-A")
    assert lic_a is not None
    assert lic_a.claims.revision == 2
    assert lic_a.claims.sm_end == d("2028-01-01")
    assert [r.claims.revision for r in lic_a.revisions] == [2, 1]
    lic_b = held.license("LIC-B")
    assert lic_b is not None
    assert (lic_b.claims.revision, len(lic_b.revisions)) == (3, 1)
    assert held.license("LIC-C") is None


def test_the_current_revision_is_the_newest_and_a_held_license_has_one() -> None:
    first = portal()
    second = dataclasses.replace(first, revision=2)
    lic_a = portfolio(licenses=[first, second]).license("LIC-A")
    assert lic_a is not None
    assert lic_a.current is lic_a.revisions[0]
    assert lic_a.current.claims.revision == 2
    with pytest.raises(ValueError, match="revision"):
        HeldLicense(revisions=())


def test_a_revoked_license_does_not_count() -> None:
    held = portfolio(licenses=[portal(), assets()], revocations={"LIC-B": "chargeback"})
    assert held.license_ids == ("LIC-A",)
    assert dict(held.revocations) == {"LIC-B": "chargeback"}


# R16: most urgent first ------------------------------------------------------------------------


def _licenses_on_2025_03_01() -> list[LicenseClaims]:
    return [
        make_license("2024-06-01", "2027-06-01", license_id="LIC-OK-LATE"),
        make_license("2024-06-01", "2026-06-01", license_id="LIC-OK-EARLY"),
        make_license("2024-06-01", "2026-06-01", license_id="LIC-OK-AA"),  # tie: by license id
        make_license("2023-04-01", "2025-04-01", license_id="LIC-DUE"),
        make_license("2023-02-01", "2025-02-01", license_id="LIC-GONE"),
    ]


def test_licenses_are_ordered_critical_then_warning_then_by_sm_end_then_by_id() -> None:
    status = evaluated(portfolio(licenses=_licenses_on_2025_03_01()), "2025-03-01")
    assert [s.license_id for s in status.licenses] == [
        "LIC-GONE",
        "LIC-DUE",
        "LIC-OK-AA",
        "LIC-OK-EARLY",
        "LIC-OK-LATE",
    ]
    assert [s.severity for s in status.licenses] == [
        Severity.CRITICAL,
        Severity.WARNING,
        Severity.OK,
        Severity.OK,
        Severity.OK,
    ]
    # The order never depends on the order the documents came in.
    reversed_status = evaluated(portfolio(licenses=_licenses_on_2025_03_01()[::-1]), "2025-03-01")
    assert [s.license_id for s in reversed_status.licenses] == [
        s.license_id for s in status.licenses
    ]


def test_a_license_with_a_warning_comes_before_a_healthy_one_ending_earlier() -> None:
    healthy = make_license("2024-06-01", "2026-01-01", license_id="LIC-A")
    no_tickets = make_license("2024-06-01", "2027-01-01", license_id="LIC-B", tickets_per_year=0)
    status = evaluated(portfolio(licenses=[healthy, no_tickets]), "2025-03-01")
    assert [(s.license_id, s.sm.state, s.severity) for s in status.licenses] == [
        ("LIC-B", SmState.ACTIVE, Severity.WARNING),  # no tickets left
        ("LIC-A", SmState.ACTIVE, Severity.OK),
    ]
    assert status.needing_attention == 0  # attention is about S&M states; warnings still count
    assert status.severity is Severity.WARNING


def test_within_the_warning_group_the_earliest_sm_end_comes_first() -> None:
    no_tickets = make_license("2024-06-01", "2025-06-01", license_id="LIC-B", tickets_per_year=0)
    upcoming = make_license("2025-04-01", "2026-04-01", license_id="LIC-A")
    status = evaluated(portfolio(licenses=[upcoming, no_tickets]), "2025-03-01")
    assert [(s.license_id, s.sm.state, s.severity) for s in status.licenses] == [
        ("LIC-B", SmState.ACTIVE, Severity.WARNING),  # no tickets left; sm_end 2025-06-01
        ("LIC-A", SmState.NOT_STARTED, Severity.WARNING),  # sm_end 2026-04-01
    ]


def test_overall_state_and_needing_attention() -> None:
    status = evaluated(portfolio(licenses=_licenses_on_2025_03_01()), "2025-03-01")
    assert status.overall_state is SmState.EXPIRED
    assert status.needing_attention == 2
    assert status.severity is Severity.CRITICAL
    healthy = evaluated(portfolio(licenses=_licenses_on_2025_03_01()[:3]), "2025-03-01")
    assert (healthy.overall_state, healthy.needing_attention, healthy.severity) == (
        SmState.ACTIVE,
        0,
        Severity.OK,
    )
    lapsed = make_license("2022-01-01", "2024-01-01", license_id="LIC-OLD")
    worst = evaluated(portfolio(licenses=[*_licenses_on_2025_03_01(), lapsed]), "2025-03-01")
    assert worst.overall_state is SmState.LAPSED
    assert worst.licenses[0].license_id == "LIC-OLD"
    assert evaluated(portfolio(), "2025-03-01").overall_state is None


def test_the_documented_portfolio_example() -> None:
    prod = make_license("2024-04-01", "2025-04-01", license_id="LIC-PROD", environment="production")
    test = make_license("2024-09-01", "2025-09-01", license_id="LIC-TEST", environment="test")
    status = evaluated(portfolio(licenses=[test, prod]), "2025-03-01")
    assert (status.overall_state, len(status.licenses), status.needing_attention) == (
        SmState.RENEWAL_DUE,
        2,
        1,
    )
    assert [s.license_id for s in status.licenses] == ["LIC-PROD", "LIC-TEST"]
    assert [s.claims.environment for s in status.licenses] == ["production", "test"]
    assert [s.needs_attention for s in status.licenses] == [True, False]


def test_a_healthy_license_never_hides_the_trouble_of_another() -> None:
    fine = make_license("2024-06-01", "2027-06-01", license_id="LIC-A")
    gone = make_license("2023-01-01", "2025-01-01", license_id="LIC-B")
    status = evaluated(portfolio(licenses=[fine, gone]), "2025-03-01")
    assert status.severity is Severity.CRITICAL
    assert [w.code for w in status.all_warnings] == [WarningCode.EXPIRED]
    assert status.all_warnings[0].license_id == "LIC-B"


def test_evaluating_one_license_restricts_the_view() -> None:
    held = portfolio(
        licenses=_licenses_on_2025_03_01(),
        rejected=[rejected(DocumentType.SUPPORT_PACK, "PX", "LIC-DUE")],
    )
    status = evaluated(held, "2025-03-01", license_id="LIC-OK-LATE")
    assert [s.license_id for s in status.licenses] == ["LIC-OK-LATE"]
    assert status.standing("LIC-GONE") is None
    assert status.overall_state is SmState.ACTIVE
    assert status.needing_attention == 0
    # The console's warnings are all still there until the caller narrows them.
    assert codes(status.warnings) == [WarningCode.UNTRUSTED_DOCUMENT]
    assert status.only_warnings_of("LIC-OK-LATE").warnings == ()
    assert codes(status.only_warnings_of("LIC-DUE").warnings) == [WarningCode.UNTRUSTED_DOCUMENT]
    assert evaluated(held, "2025-03-01", license_id="LIC-NONE").licenses == ()


def test_only_warnings_of_keeps_the_warnings_of_no_license() -> None:
    held = portfolio(
        licenses=[portal()],
        rejected=[rejected(None, None), rejected(DocumentType.SUPPORT_PACK, "PB", "LIC-B")],
        local_tickets=[local("U-1", "2025-02-01", None)],
    )
    status = evaluated(held, "2025-03-01").only_warnings_of("LIC-A")
    assert codes(status.warnings) == [
        WarningCode.UNTRUSTED_DOCUMENT,
        WarningCode.UNASSIGNED_TICKETS,
    ]
    assert all(w.license_id is None for w in status.warnings)


def test_with_warnings_adds_the_callers_warnings() -> None:
    status = evaluated(portfolio(licenses=[portal()]), "2025-03-01")
    clock = warning(WarningCode.CLOCK_ROLLBACK, Severity.WARNING, mark=date(2026, 3, 10))
    more = status.with_warnings(clock)
    assert more.warnings == (clock,)
    assert status.warnings == ()
    assert more.severity is Severity.WARNING


def test_all_warnings_are_the_consoles_then_each_licenses_most_urgent_first() -> None:
    held = portfolio(
        licenses=_licenses_on_2025_03_01(), rejected=[rejected(DocumentType.SUPPORT_PACK, "PX")]
    )
    status = evaluated(held, "2025-03-01")
    assert [(w.code, w.license_id) for w in status.all_warnings] == [
        (WarningCode.UNTRUSTED_DOCUMENT, None),
        (WarningCode.EXPIRED, "LIC-GONE"),
        (WarningCode.RENEWAL_DUE, "LIC-DUE"),
    ]


# Warnings of the console as a whole --------------------------------------------------------


def test_an_untrusted_license_is_critical_when_it_is_the_only_revision_of_its_license() -> None:
    alone = rejected(DocumentType.LICENSE, "LIC-B", "LIC-B", error_code="unknown_key")
    status = evaluated(portfolio(licenses=[portal()], rejected=[alone]), "2025-03-01")
    (untrusted,) = status.warnings
    assert (untrusted.code, untrusted.severity, untrusted.license_id) == (
        WarningCode.UNTRUSTED_DOCUMENT,
        Severity.CRITICAL,
        "LIC-B",
    )
    assert dict(untrusted.facts) == {
        "document_id": alone.document_id,
        "document_type": "license",
        "subject": "LIC-B",
        "error": "unknown_key",
        "detail": "the signature does not match",
    }
    assert status.severity is Severity.CRITICAL


def test_an_untrusted_license_revision_is_a_warning_when_another_revision_counts() -> None:
    other_revision = rejected(DocumentType.LICENSE, "LIC-A", "LIC-A")
    status = evaluated(portfolio(licenses=[portal()], rejected=[other_revision]), "2025-03-01")
    (untrusted,) = status.warnings
    assert (untrusted.code, untrusted.severity) == (
        WarningCode.UNTRUSTED_DOCUMENT,
        Severity.WARNING,
    )


@pytest.mark.parametrize(
    ("document_type", "subject"),
    [
        (DocumentType.SUPPORT_PACK, "P1"),
        (DocumentType.TICKET_STATEMENT, "LIC-A"),
        (DocumentType.RELEASE_CATALOG, "PORTAL"),
        (DocumentType.REVOCATION_LIST, None),
        (None, None),  # a token that cannot even be read
    ],
)
def test_other_untrusted_documents_are_warnings(
    document_type: DocumentType | None, subject: str | None
) -> None:
    status = evaluated(
        portfolio(licenses=[portal()], rejected=[rejected(document_type, subject)]), "2025-03-01"
    )
    (untrusted,) = status.warnings
    assert (untrusted.code, untrusted.severity) == (
        WarningCode.UNTRUSTED_DOCUMENT,
        Severity.WARNING,
    )
    assert untrusted.facts["document_type"] == (document_type or "unknown")


def test_no_valid_license_is_critical() -> None:
    status = evaluated(
        portfolio(rejected=[rejected(DocumentType.LICENSE, "LIC-A", "LIC-A")]), "2025-03-01"
    )
    assert status.licenses == ()
    assert codes(status.warnings) == [WarningCode.UNTRUSTED_DOCUMENT, WarningCode.NO_VALID_LICENSE]
    none_valid = status.warnings[1]
    assert none_valid.severity is Severity.CRITICAL
    assert none_valid.license_id is None
    assert dict(none_valid.facts) == {"revoked": (), "untrusted": 1}
    assert status.severity is Severity.CRITICAL


def test_no_valid_license_when_the_only_license_is_revoked() -> None:
    held = portfolio(licenses=[portal()], revocations={"LIC-A": "chargeback", "LIC-0": "x"})
    revoked, none_valid = evaluated(held, "2025-03-01").warnings
    assert (revoked.code, revoked.severity) == (WarningCode.UNTRUSTED_DOCUMENT, Severity.CRITICAL)
    assert (revoked.facts["error"], revoked.license_id) == ("revoked", "LIC-A")
    assert none_valid.code is WarningCode.NO_VALID_LICENSE
    assert none_valid.facts["revoked"] == ("LIC-A",)  # only what was stored and revoked


def test_unassigned_local_tickets_are_an_info_note() -> None:
    held = portfolio(
        licenses=[portal()],
        statements=[statement([ticket("V-1", "2025-02-01")], license_id="LIC-A")],
        local_tickets=[
            local("U-1", "2025-02-01", None),
            local("U-2", "2025-02-02", None),
            local("V-1", "2025-02-01", None),  # the vendor's statement holds it: not unassigned
            local("A-1", "2025-02-03", "LIC-A"),
        ],
    )
    status = evaluated(held, "2025-03-01")
    (note,) = status.warnings
    assert (note.code, note.severity, dict(note.facts)) == (
        WarningCode.UNASSIGNED_TICKETS,
        Severity.OK,
        {"count": 2},
    )
    assert status.severity is Severity.OK
    assert held.unassigned_count == len(held.local_tickets[None]) == 2
    assert portfolio(licenses=[portal()]).unassigned_count == 0
    # An unassigned ticket charges nothing.
    assert [t.case_id for t in held.tickets_of("LIC-A")] == ["V-1", "A-1"]


def test_additional_trust_is_warned_per_license_for_what_counts() -> None:
    held = portfolio(
        licenses=[signed(portal(), trust=TrustSource.ADDITIONAL), assets()],
        packs=[
            signed(make_pack("PA", "2025-10-15", license_id="LIC-A")),
            signed(make_pack("PB", "2026-01-10", license_id="LIC-B"), trust=TrustSource.ADDITIONAL),
        ],
        statements=[
            signed(
                statement([ticket("B-1", "2026-02-01")], "2026-02-02T00:00:00Z", "LIC-B"),
                trust=TrustSource.ADDITIONAL,
            )
        ],
    )
    status = evaluated(held, "2026-03-01")
    a, b = status.standing("LIC-A"), status.standing("LIC-B")
    (on_a,) = [w for w in a.warnings if w.code is WarningCode.ADDITIONAL_TRUST]
    (on_b,) = [w for w in b.warnings if w.code is WarningCode.ADDITIONAL_TRUST]
    assert (on_a.severity, on_a.license_id) == (Severity.WARNING, "LIC-A")
    assert on_a.facts["documents"] == ("license LIC-A revision 1",)
    assert on_b.facts["documents"] == ("support pack PB", "ticket statement of 2026-02-02")
    assert a.pack_trust("PA") is TrustSource.VENDOR
    assert b.pack_trust("PB") is TrustSource.ADDITIONAL
    assert b.pack_trust("PA") is None
    assert status.warnings == ()


def test_vendor_and_demo_trust_raise_no_additional_trust() -> None:
    held = portfolio(
        licenses=[signed(portal(), trust=TrustSource.DEMO)],
        packs=[signed(make_pack("PA", "2025-10-15", license_id="LIC-A"))],
    )
    assert WarningCode.ADDITIONAL_TRUST not in codes(evaluated(held, "2026-03-01").all_warnings)


def test_a_catalog_trusted_through_an_additional_key_is_a_console_warning() -> None:
    held = portfolio(
        licenses=[portal()],
        catalogs=[
            signed(factories.catalog(), trust=TrustSource.ADDITIONAL),
            signed(factories.catalog(product_code="ASSET")),
        ],
    )
    (additional,) = evaluated(held, "2025-03-01").warnings
    assert (additional.code, additional.license_id) == (WarningCode.ADDITIONAL_TRUST, None)
    assert additional.facts["documents"] == ("release catalog of PORTAL (2025-03-01)",)


# R17: vendor facts and disputes ----------------------------------------------------------------


def test_a_statement_overrides_the_local_ticket_of_the_same_case_id() -> None:
    held = portfolio(
        licenses=[portal()],
        statements=[statement([bug("C-1", "2025-02-10")], license_id="LIC-A")],
        local_tickets=[local("C-1", "2025-02-01", "LIC-A"), local("C-2", "2025-02-02", "LIC-A")],
    )
    assert [(t.case_id, t.opened_on, t.classification) for t in held.tickets_of("LIC-A")] == [
        ("C-1", d("2025-02-10"), Classification.PRODUCT_BUG),
        ("C-2", d("2025-02-02"), Classification.CUSTOMER),
    ]
    status = evaluated(held, "2025-03-01")
    assert charged(status, "LIC-A") == {
        "C-2": ("charged", "2025-01-01"),
        "C-1": ("not_deducted_bug", None),
    }
    assert status.standing("LIC-A").balance.annual_used == 1


def test_a_newer_statement_overrides_an_older_ones_record() -> None:
    older = statement(
        [ticket("C-1", "2025-02-10"), ticket("C-2", "2025-02-11")], "2025-03-01T00:00:00Z", "LIC-A"
    )
    newer = statement([bug("C-1", "2025-02-10")], "2025-04-01T00:00:00Z", "LIC-A")
    for order in ([older, newer], [newer, older]):
        held = portfolio(licenses=[portal()], statements=order)
        record = held.vendor_records["C-1"]
        assert record.ticket.classification is Classification.PRODUCT_BUG
        assert record.statement.claims.issued_at == newer.issued_at
        assert record.license_id == "LIC-A"
        # A case the newer statement leaves out keeps the older record.
        assert held.vendor_records["C-2"].statement.claims.issued_at == older.issued_at
        assert [s.claims for s in held.statements] == [older, newer]


def test_dispute_differences_name_the_fields_the_vendor_still_says_otherwise() -> None:
    vendor = ticket("C-1", "2025-02-10")
    assert dispute("C-1", classification=Classification.PRODUCT_BUG).differences(vendor) == (
        "classification",
    )
    assert dispute("C-1").differences(vendor) == ()  # nothing disputed
    agreed = dispute("C-1", classification=Classification.CUSTOMER, opened_on="2025-02-10")
    assert agreed.differences(vendor) == ()
    several = dispute(
        "C-1",
        opened_on="2025-02-09",
        kind=TicketKind.SERVICE_REQUEST,
        classification=Classification.PRODUCT_BUG,
        category=Category.TRAINING,
    )
    assert several.differences(vendor) == ("opened_on", "kind", "classification", "category")


def test_a_dispute_against_the_vendor_keeps_only_the_fields_that_differ() -> None:
    vendor = ticket("C-1", "2025-02-10")
    at = datetime(2025, 3, 1, 9, tzinfo=UTC)
    same = Dispute.against(vendor, vendor, "why", "me", at)
    assert same is None  # nothing differs: no dispute
    mine = vendor._replace(classification=Classification.PRODUCT_BUG, category=Category.TRAINING)
    against = Dispute.against(vendor, mine, "a defect", "me", at)
    assert against == Dispute(
        case_id="C-1",
        opened_on=None,
        kind=None,
        classification=Classification.PRODUCT_BUG,
        category=Category.TRAINING,
        reason="a defect",
        disputed_by="me",
        disputed_at=at,
    )
    assert against.differences(vendor) == ("classification", "category")
    every = vendor._replace(opened_on=d("2025-02-09"), kind=TicketKind.SERVICE_REQUEST)
    other = Dispute.against(vendor, every, "", "me", at)
    assert other is not None
    assert (other.opened_on, other.kind, other.classification, other.category) == (
        d("2025-02-09"),
        TicketKind.SERVICE_REQUEST,
        None,
        None,
    )


def test_dispute_states() -> None:
    mine = dispute("C-1", classification=Classification.PRODUCT_BUG)
    assert dispute_state(mine, ticket("C-1", "2025-02-10")) is DisputeState.OPEN
    assert dispute_state(mine, bug("C-1", "2025-02-10")) is DisputeState.RESOLVED
    assert dispute_state(mine, None) is DisputeState.NO_VENDOR_RECORD


def _disputed(*statements) -> tuple:
    held = portfolio(
        licenses=[portal()],
        statements=statements,
        disputes=[dispute("C-1", classification=Classification.PRODUCT_BUG)],
    )
    return held, evaluated(held, "2025-04-15")


def test_an_open_dispute_is_warned_and_changes_no_balance() -> None:
    charged_case = statement([ticket("C-1", "2025-02-10")], "2025-03-05T00:00:00Z", "LIC-A")
    held, status = _disputed(charged_case)
    standing = status.standing("LIC-A")
    (disputed,) = [w for w in standing.warnings if w.code is WarningCode.DISPUTED_TICKET]
    assert (disputed.severity, disputed.license_id) == (Severity.WARNING, "LIC-A")
    assert dict(disputed.facts) == {"count": 1, "case_ids": ("C-1",)}
    undisputed = evaluated(portfolio(licenses=[portal()], statements=[charged_case]), "2025-04-15")
    assert standing.ledger == undisputed.standing("LIC-A").ledger
    assert standing.balance == undisputed.standing("LIC-A").balance
    assert charged(status, "LIC-A") == {"C-1": ("charged", "2025-01-01")}
    assert held.disputes["C-1"].reason == "the admin's view"


def test_a_later_statement_that_agrees_resolves_the_dispute() -> None:
    older = statement([ticket("C-1", "2025-02-10")], "2025-03-05T00:00:00Z", "LIC-A")
    newer = statement([bug("C-1", "2025-02-10")], "2025-04-05T00:00:00Z", "LIC-A")
    held, status = _disputed(older, newer)
    assert dispute_state(held.disputes["C-1"], held.vendor_records["C-1"].ticket) is (
        DisputeState.RESOLVED
    )
    assert WarningCode.DISPUTED_TICKET not in codes(status.all_warnings)
    # The vendor's word changed the balance: the case is no longer deducted.
    assert charged(status, "LIC-A") == {"C-1": ("not_deducted_bug", None)}


def test_a_dispute_without_a_vendor_record_is_not_warned() -> None:
    _, status = _disputed()
    assert WarningCode.DISPUTED_TICKET not in codes(status.all_warnings)


def test_a_dispute_is_warned_on_the_license_of_the_statement() -> None:
    held = portfolio(
        licenses=[portal(), assets()],
        statements=[
            statement([ticket("B-1", "2026-02-01")], "2026-02-02T00:00:00Z", "LIC-B"),
            statement([ticket("A-1", "2026-02-01")], "2026-02-02T00:00:00Z", "LIC-A"),
        ],
        disputes=[
            dispute("B-1", classification=Classification.PRODUCT_BUG),
            dispute("A-1", category=Category.TRAINING),
        ],
    )
    status = evaluated(held, "2026-03-01")
    for license_id, case_id in (("LIC-A", "A-1"), ("LIC-B", "B-1")):
        warned = [
            w for w in status.standing(license_id).warnings if w.code is WarningCode.DISPUTED_TICKET
        ]
        assert [w.facts["case_ids"] for w in warned] == [(case_id,)]


# The ledger as one list ----------------------------------------------------------------------


def test_ticket_entries_list_every_ticket_with_its_source_outcome_and_dispute() -> None:
    disputed = dispute("V-1", classification=Classification.PRODUCT_BUG)
    held = portfolio(
        licenses=[portal(), assets()],
        statements=[
            statement([ticket("V-1", "2025-02-01")], license_id="LIC-A"),
            statement([ticket("G-1", "2025-02-01")], license_id="LIC-GONE"),
        ],
        local_tickets=[
            local("L-1", "2025-02-02", "LIC-A"),
            local("U-1", "2025-02-03", None),
            local("X-1", "2025-02-04", "LIC-GONE"),
            local("F-1", "2025-06-01", None),  # after the day: left out
        ],
        disputes=[disputed, dispute("L-1", classification=Classification.PRODUCT_BUG)],
    )
    entries = ticket_entries(evaluated(held, "2025-03-01"))
    assert [(e.ticket.case_id, e.license_id, e.source, e.outcome) for e in entries] == [
        ("V-1", "LIC-A", TicketSource.VENDOR, Outcome.CHARGED),
        ("L-1", "LIC-A", TicketSource.LOCAL, Outcome.CHARGED),
        ("U-1", None, TicketSource.LOCAL, Outcome.UNASSIGNED),
        ("X-1", "LIC-GONE", TicketSource.LOCAL, Outcome.INELIGIBLE),
        ("G-1", "LIC-GONE", TicketSource.VENDOR, Outcome.INELIGIBLE),
    ]
    assert entries[0].dispute == disputed
    assert entries[1].dispute is None  # a local ticket is edited, not disputed
    assert entries[0].bucket is not None
    assert entries[0].bucket.key == "2025-01-01"
    # With one license of several in view, only its tickets.
    only_a = ticket_entries(evaluated(held, "2025-03-01", license_id="LIC-A"))
    assert [e.ticket.case_id for e in only_a] == ["V-1", "L-1"]


# Releases of several catalogs ------------------------------------------------------------------


def test_releases_merge_catalogs_of_the_product_the_later_catalog_winning() -> None:
    old = factories.catalog(
        releases=[("10.2.0", "2024-11-05", "minor"), ("11.0", "2025-05-20", "major")],
        issued_at="2025-03-01T00:00:00Z",
    )
    new = factories.catalog(
        releases=[("11.0.0", "2025-05-27", "major")], issued_at="2025-06-01T00:00:00Z"
    )
    other = factories.catalog(product_code="ASSET", releases=[("1.0", "2025-01-01", "major")])
    held = portfolio(licenses=[portal()], catalogs=[new, other, old])
    releases = {str(r.version): r.released_on for r in held.releases("PORTAL")}
    assert releases == {"10.2.0": d("2024-11-05"), "11.0.0": d("2025-05-27")}
    assert [r.version for r in held.releases("ASSET")] == [Version("1.0")]
    assert held.releases("NOTHING") == []
