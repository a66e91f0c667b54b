"""The questions a script or the window asks about one license: what a renewal costs and covers
(R5, R6), may a new support request be opened (R13), may a version be installed (R4)."""

from __future__ import annotations

from datetime import date

from packaging.version import Version

from app.console import Console
from app.errors import DocumentRefused, UserError
from app.requests.quotes import renewal_quotes
from app.status import one_license, read
from licensing import renewals, rules, upgrades
from licensing.claims import Category, Classification, DocumentType, ReleaseCatalogClaims
from licensing.documents import verify_document
from licensing.errors import DocumentError
from licensing.portfolio import evaluate
from licensing.upgrades import CatalogVerdict, catalog_verdict


def renewal_quote(
    console: Console,
    as_of: date,
    license_id: str | None = None,
    years: int | None = None,
    users: int | None = None,
    devices: int | None = None,
) -> renewals.RenewalQuote:
    license = one_license(read(console), license_id).claims
    [quote] = renewal_quotes([license], as_of, console.policy, years, users, devices)
    return quote


def eligibility(
    console: Console,
    as_of: date,
    category: Category,
    classification: Classification,
    license_id: str | None = None,
) -> rules.Eligibility:
    """R13 for the license named, or the only one; with none stored and none named, the answer
    of no valid license."""
    portfolio = read(console)
    license, tickets_left = None, 0
    if portfolio.licenses or license_id is not None:
        held = one_license(portfolio, license_id)
        [standing] = evaluate(portfolio, as_of, console.policy, held.license_id).licenses
        license, tickets_left = held.claims, standing.balance.remaining_total
    return rules.eligibility(license, tickets_left, category, classification, as_of, console.policy)


def upgrade_check(
    console: Console, as_of: date, released_on: date, license_id: str | None = None
) -> upgrades.UpgradeDecision:
    license = one_license(read(console), license_id).claims
    return upgrades.upgrade_decision(license, released_on, as_of)


def catalog_check(
    console: Console,
    as_of: date,
    catalog_data: bytes | None = None,
    installed: Version | None = None,
    license_id: str | None = None,
) -> list[CatalogVerdict]:
    """R4 over a release catalog, for every license of its product (or the one named): a signed
    catalog given now, or the catalogs already imported."""
    portfolio = read(console)
    if license_id is not None:
        held = [one_license(portfolio, license_id)]
    else:
        held = list(portfolio.licenses)
        if not held:
            one_license(portfolio, None)  # says why there is none
    if catalog_data is not None:
        try:
            document = verify_document(catalog_data, console.trust, DocumentType.RELEASE_CATALOG)
        except DocumentError as exc:
            raise DocumentRefused(
                f"the release catalog was refused ({exc.code}): {exc.message}"
            ) from None
        assert isinstance(document.claims, ReleaseCatalogClaims)
        product = document.claims.product_code
        matching = [h for h in held if h.claims.product.code == product]
        if not matching:
            covered = ", ".join(sorted({h.claims.product.code for h in held}))
            raise UserError(f"the catalog is for product {product}; the licenses cover {covered}")
        return [
            catalog_verdict(h.claims, document.claims.releases, as_of, installed) for h in matching
        ]
    verdicts = [
        catalog_verdict(h.claims, releases, as_of, installed)
        for h in held
        if (releases := portfolio.releases(h.claims.product.code))
    ]
    if not verdicts:
        products = ", ".join(sorted({h.claims.product.code for h in held}))
        raise UserError(
            f"no release catalog for {products} is stored: import one or give --catalog FILE"
        )
    return verdicts
