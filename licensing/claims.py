"""Typed claims of the five signed document types (SPEC.md section 4), validated precisely.

`parse_claims` turns the JSON object of a verified message into a frozen value, or raises
`ClaimError` naming the claim (`seats.users`, `tickets[3].opened_on`) and what is wrong with it.
Unknown extra claims are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import Any, NamedTuple, TypeVar

from packaging.version import InvalidVersion, Version

from licensing.errors import ClaimError


class DocumentType(StrEnum):
    LICENSE = "license"
    SUPPORT_PACK = "support-pack"
    TICKET_STATEMENT = "ticket-statement"
    RELEASE_CATALOG = "release-catalog"
    REVOCATION_LIST = "revocation-list"


class LicenseType(StrEnum):
    PERPETUAL = "perpetual"
    SUBSCRIPTION = "subscription"


class TicketKind(StrEnum):
    INCIDENT = "incident"
    SERVICE_REQUEST = "service_request"


class Classification(StrEnum):
    CUSTOMER = "customer"
    PRODUCT_BUG = "product_bug"


class Category(StrEnum):
    """Every ticket category; which are in the scope of S&M is vendor policy (R12, R14)."""

    PRODUCT = "product"
    UPGRADE = "upgrade"
    LICENSING = "licensing"
    SYSTEM_CENTER = "system_center"
    INSTALLATION = "installation"
    CONSULTING = "consulting"
    CUSTOMIZATION = "customization"
    TRAINING = "training"


class ReleaseKind(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"


class Money(NamedTuple):
    amount: Decimal
    currency: str


class Customer(NamedTuple):
    id: str
    name: str
    contact_email: str | None


class Product(NamedTuple):
    code: str
    name: str
    category: str


class Seats(NamedTuple):
    users: int
    devices: int


class LicenseClaims(NamedTuple):
    license_id: str
    revision: int
    issued_at: datetime
    customer: Customer
    product: Product
    license_type: LicenseType
    seats: Seats
    sm_start: date
    sm_end: date
    sm_annual_fee: Money
    tickets_per_year: int


class SupportPackClaims(NamedTuple):
    pack_id: str
    license_id: str
    purchased_on: date
    packs: int
    po_number: str
    amount: Money


class Ticket(NamedTuple):
    """One support case, from the vendor's statement or the local ledger."""

    case_id: str
    opened_on: date
    kind: TicketKind = TicketKind.INCIDENT
    classification: Classification = Classification.CUSTOMER
    category: Category = Category.PRODUCT
    title: str | None = None


class TicketStatementClaims(NamedTuple):
    license_id: str
    issued_at: datetime
    tickets: tuple[Ticket, ...]


class Release(NamedTuple):
    version: Version
    released_on: date
    kind: ReleaseKind


class ReleaseCatalogClaims(NamedTuple):
    product_code: str
    issued_at: datetime
    releases: tuple[Release, ...]


class Revocation(NamedTuple):
    license_id: str
    reason: str


class RevocationListClaims(NamedTuple):
    issued_at: datetime
    revoked: tuple[Revocation, ...]


Claims = (
    LicenseClaims
    | SupportPackClaims
    | TicketStatementClaims
    | ReleaseCatalogClaims
    | RevocationListClaims
)

# re.ASCII: `\d` must mean 0-9 only, not every Unicode digit (Decimal("١٢") is 12).
# Identifiers fit the storage columns of every supported database.
MAX_CASE_ID_LENGTH = 100
MAX_ID_LENGTH = 200

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)
_DECIMAL = re.compile(r"\d+(\.\d{1,2})?", re.ASCII)
_CURRENCY = re.compile(r"[A-Z]{3}")

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


def parse_date(text: str) -> date:
    """A calendar date written exactly `YYYY-MM-DD`; raises ValueError otherwise."""
    if not _DATE.fullmatch(text):
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real calendar date") from None


@cache
def members_by_value(enum: type[E]) -> dict[object, E]:
    """An enum's members by value, for reading many values: calling the enum costs about 1 us a
    value on Python 3.11 (a ticket has three such claims, in a statement or in the database)."""
    return {member.value: member for member in enum}


class _Claims:
    """Reads one JSON object, naming each claim by its dotted path when something is wrong.

    The path of an item of a list is only spelled out for an error: a statement has thousands.
    """

    def __init__(self, data: object, path: str = "", index: int | None = None) -> None:
        if type(data) is not dict and not isinstance(data, Mapping):
            raise ClaimError(_item_path(path, index) or "claims", "must be a JSON object")
        self._data: Mapping[str, Any] = data
        self._base = path
        self._index = index

    @property
    def _path(self) -> str:
        return _item_path(self._base, self._index)

    def _name(self, key: str) -> str:
        path = self._path
        return f"{path}.{key}" if path else key

    def _get(self, key: str, optional: bool = False) -> Any:
        value = self._data.get(key)
        if value is None and not optional:
            raise ClaimError(self._name(key), "is missing")
        return value

    def string(self, key: str, max_length: int | None = None) -> str:
        value = self._get(key)
        if not isinstance(value, str) or not value.strip():
            raise ClaimError(self._name(key), "must be a non-empty string")
        if max_length is not None and len(value) > max_length:
            raise ClaimError(self._name(key), f"must be at most {max_length} characters long")
        return value

    def optional_string(self, key: str) -> str | None:
        value = self._get(key, optional=True)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ClaimError(self._name(key), "must be a string when present")
        return value

    def integer(self, key: str, minimum: int) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ClaimError(self._name(key), f"must be a whole number, not {value!r}")
        if value < minimum:
            raise ClaimError(self._name(key), f"must be at least {minimum}, not {value}")
        return value

    def day(self, key: str) -> date:
        value = self._get(key)
        if not isinstance(value, str):
            raise ClaimError(self._name(key), "must be a date string YYYY-MM-DD")
        try:
            return parse_date(value)
        except ValueError as exc:
            raise ClaimError(self._name(key), f"is invalid: {exc}") from None

    def timestamp(self, key: str) -> datetime:
        value = self._get(key)
        if not isinstance(value, str) or not _RFC3339.fullmatch(value):
            raise ClaimError(
                self._name(key), "must be an RFC 3339 time such as 2025-03-01T12:00:00Z"
            )
        try:
            return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            raise ClaimError(self._name(key), f"'{value}' is not a real time") from None

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self._get(key, optional=default is not None)
        if value is None and default is not None:
            return default
        members: dict[object, E] = members_by_value(enum)
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: a list or an object is not hashable
            allowed = ", ".join(member.value for member in enum)
            raise ClaimError(self._name(key), f"must be one of {allowed}, not {value!r}") from None

    def money(self, key: str) -> Money:
        inner = self.nested(key)
        amount = inner._get("amount")
        if not isinstance(amount, str) or not _DECIMAL.fullmatch(amount):
            raise ClaimError(
                inner._name("amount"),
                'must be a decimal string with at most two decimals, such as "12000.00"',
            )
        try:
            value = Decimal(amount)
        except InvalidOperation:  # pragma: no cover - the pattern already guarantees a number
            raise ClaimError(inner._name("amount"), "is not a number") from None
        currency = inner._get("currency")
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise ClaimError(inner._name("currency"), "must be an ISO 4217 code such as USD")
        return Money(value, currency)

    def nested(self, key: str) -> _Claims:
        return _Claims(self._get(key), self._name(key))

    def items(
        self,
        key: str,
        read: Callable[[_Claims], T],
        read_well_formed: Callable[[object], T | None] | None = None,
    ) -> tuple[T, ...]:
        """The list `key`, each item read by `read`; or first by `read_well_formed`, which gives
        the same answer for the items it takes (None for the others) and needs no _Claims."""
        value = self._get(key)
        if not isinstance(value, list):
            raise ClaimError(self._name(key), "must be a list")
        path = self._name(key)
        if read_well_formed is None:
            return tuple(read(_Claims(item, path, i)) for i, item in enumerate(value))
        items = []
        for i, item in enumerate(value):
            result = read_well_formed(item)
            items.append(read(_Claims(item, path, i)) if result is None else result)
        return tuple(items)


def _item_path(path: str, index: int | None) -> str:
    return path if index is None else f"{path}[{index}]"


def _license(c: _Claims) -> LicenseClaims:
    customer = c.nested("customer")
    product = c.nested("product")
    seats = c.nested("seats")
    claims = LicenseClaims(
        license_id=c.string("license_id", MAX_ID_LENGTH),
        revision=c.integer("revision", 1),
        issued_at=c.timestamp("issued_at"),
        customer=Customer(
            customer.string("id"),
            customer.string("name"),
            customer.optional_string("contact_email"),
        ),
        product=Product(product.string("code"), product.string("name"), product.string("category")),
        license_type=c.choice("license_type", LicenseType),
        seats=Seats(seats.integer("users", 0), seats.integer("devices", 0)),
        sm_start=c.day("sm_start"),
        sm_end=c.day("sm_end"),
        sm_annual_fee=c.money("sm_annual_fee"),
        tickets_per_year=c.integer("tickets_per_year", 0),
    )
    if claims.sm_end <= claims.sm_start:
        raise ClaimError("sm_end", f"must be after sm_start ({claims.sm_start.isoformat()})")
    return claims


def _support_pack(c: _Claims) -> SupportPackClaims:
    return SupportPackClaims(
        pack_id=c.string("pack_id", MAX_ID_LENGTH),
        license_id=c.string("license_id", MAX_ID_LENGTH),
        purchased_on=c.day("purchased_on"),
        packs=c.integer("packs", 1),
        po_number=c.string("po_number"),
        amount=c.money("amount"),
    )


def checked_ticket(c: _Claims) -> Ticket:
    return Ticket(
        case_id=c.string("case_id", MAX_CASE_ID_LENGTH),
        opened_on=c.day("opened_on"),
        kind=c.choice("kind", TicketKind),
        classification=c.choice("classification", Classification),
        category=c.choice("category", Category, default=Category.PRODUCT),
        title=c.optional_string("title"),
    )


_KINDS: dict[object, TicketKind] = members_by_value(TicketKind)
_CLASSIFICATIONS: dict[object, Classification] = members_by_value(Classification)
_CATEGORIES: dict[object, Category] = members_by_value(Category)
_PRODUCT = Category.PRODUCT


def well_formed_ticket(data: object) -> Ticket | None:
    """The ticket `checked_ticket` reads from `data` when each claim passes its checks, else None
    (a property test holds the two to the same answers). A statement holds tickets by the
    hundred, nearly always well formed: this reads them three times faster, with no call a claim.
    """
    if type(data) is not dict:
        return None
    case_id, opened_on = data.get("case_id"), data.get("opened_on")
    kind, classification = data.get("kind"), data.get("classification")
    category, title = data.get("category"), data.get("title")
    if not (
        type(case_id) is str
        and 0 < len(case_id) <= MAX_CASE_ID_LENGTH
        and not case_id.isspace()
        and type(opened_on) is str
        and _DATE.fullmatch(opened_on) is not None
        and type(kind) is str
        and type(classification) is str
        and (category is None or type(category) is str)
        and (title is None or type(title) is str)
    ):
        return None
    if kind not in _KINDS or classification not in _CLASSIFICATIONS:
        return None
    if category is not None and category not in _CATEGORIES:
        return None
    try:
        day = date.fromisoformat(opened_on)
    except ValueError:
        return None
    return Ticket(
        case_id,
        day,
        _KINDS[kind],
        _CLASSIFICATIONS[classification],
        _PRODUCT if category is None else _CATEGORIES[category],
        title,
    )


def _unique(values: Sequence[Hashable], claim: str) -> None:
    if len(set(values)) == len(values):  # the common case, settled in C
        return
    seen: set[Hashable] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise ClaimError(f"{claim}[{i}]", f"repeats '{value}', which must be unique")
        seen.add(value)


def _ticket_statement(c: _Claims) -> TicketStatementClaims:
    tickets = c.items("tickets", checked_ticket, well_formed_ticket)
    _unique([t.case_id for t in tickets], "tickets")
    return TicketStatementClaims(
        c.string("license_id", MAX_ID_LENGTH), c.timestamp("issued_at"), tickets
    )


def _release(c: _Claims) -> Release:
    text = c.string("version")
    try:
        version = Version(text)
    except InvalidVersion:
        raise ClaimError(c._name("version"), f"'{text}' is not a PEP 440 version") from None
    return Release(version, c.day("released_on"), c.choice("kind", ReleaseKind))


def _release_catalog(c: _Claims) -> ReleaseCatalogClaims:
    releases = c.items("releases", _release)
    # Version objects, not strings: PEP 440 says 10.2 == 10.2.0, so they are the same release.
    _unique([r.version for r in releases], "releases")
    return ReleaseCatalogClaims(
        c.string("product_code", MAX_ID_LENGTH), c.timestamp("issued_at"), releases
    )


def _revocation_list(c: _Claims) -> RevocationListClaims:
    def revocation(item: _Claims) -> Revocation:
        return Revocation(item.string("license_id", MAX_ID_LENGTH), item.string("reason"))

    return RevocationListClaims(c.timestamp("issued_at"), c.items("revoked", revocation))


_PARSERS: dict[DocumentType, Callable[[_Claims], Claims]] = {
    DocumentType.LICENSE: _license,
    DocumentType.SUPPORT_PACK: _support_pack,
    DocumentType.TICKET_STATEMENT: _ticket_statement,
    DocumentType.RELEASE_CATALOG: _release_catalog,
    DocumentType.REVOCATION_LIST: _revocation_list,
}


def parse_claims(document_type: DocumentType, data: object) -> Claims:
    """Validates the claims of one document type; raises `ClaimError` naming the bad claim."""
    return _PARSERS[document_type](_Claims(data))
