"""Typed claims of the five signed document types (docs/rules.md, "Signed documents").

`parse_claims` turns the JSON object of a verified message into a frozen value, or raises
`ClaimError` naming the claim (`seats.users`, `tickets[3].opened_on`) and what is wrong with it.
Unknown extra claims are ignored. Every value is bounded: strings by length (and one-line strings
refuse control characters), whole numbers by size, dates by the range `parse_date` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, NamedTuple, TypeVar

from packaging.version import InvalidVersion, Version

from licensing.errors import ClaimError
from licensing.values import FIRST_DAY, LAST_DAY, one_line_problem, parse_date


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


@dataclass(frozen=True, slots=True, kw_only=True)
class Money:
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Customer:
    id: str
    name: str
    contact_email: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Product:
    code: str
    name: str
    category: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Seats:
    users: int
    devices: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LicenseClaims:
    license_id: str
    revision: int
    issued_at: datetime
    customer: Customer
    product: Product
    environment: str | None
    """`production`, `test`, `development`...: the vendor issues a key per environment (R16)."""
    license_type: LicenseType
    seats: Seats
    sm_start: date
    sm_end: date
    sm_annual_fee: Money
    tickets_per_year: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SupportPackClaims:
    pack_id: str
    license_id: str
    purchased_on: date
    packs: int
    po_number: str
    amount: Money


class Ticket(NamedTuple):
    """One support case, from the vendor's statement or the local ledger.

    A NamedTuple rather than a dataclass: a hot row, 100,000 of them in a ledger and thousands in
    a statement, built and sorted on every read.
    """

    case_id: str
    opened_on: date
    kind: TicketKind = TicketKind.INCIDENT
    classification: Classification = Classification.CUSTOMER
    category: Category = Category.PRODUCT
    title: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TicketStatementClaims:
    license_id: str
    issued_at: datetime
    tickets: tuple[Ticket, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Release:
    version: Version
    released_on: date
    kind: ReleaseKind


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseCatalogClaims:
    product_code: str
    issued_at: datetime
    releases: tuple[Release, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Revocation:
    license_id: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RevocationListClaims:
    issued_at: datetime
    revoked: tuple[Revocation, ...]


Claims = (
    LicenseClaims
    | SupportPackClaims
    | TicketStatementClaims
    | ReleaseCatalogClaims
    | RevocationListClaims
)

# Bounds. Identifiers fit the storage columns of every supported database; free text stays short
# enough to show; whole numbers fit a 32-bit column; versions are short (PEP 440 parsing of a
# 10,000-character string is slow and nobody ships such a version).
MAX_CASE_ID_LENGTH = 100
MAX_ID_LENGTH = 200
MAX_NAME_LENGTH = 200
MAX_TEXT_LENGTH = 2000
MAX_VERSION_LENGTH = 64
MAX_WHOLE_NUMBER = 2**31 - 1
MAX_MONEY_DIGITS = 15

# re.ASCII: `\d` must mean 0-9 only, not every Unicode digit (Decimal("١٢") is 12).
_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)
_DECIMAL = re.compile(rf"\d{{1,{MAX_MONEY_DIGITS}}}(\.\d{{1,2}})?", re.ASCII)
_CURRENCY = re.compile(r"[A-Z]{3}")

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


def parse_version(text: str) -> Version:
    """A PEP 440 version of at most 64 characters; ValueError otherwise."""
    if len(text) > MAX_VERSION_LENGTH:
        raise ValueError(f"a version has at most {MAX_VERSION_LENGTH} characters")
    try:
        return Version(text)
    except InvalidVersion:
        raise ValueError(f"'{text}' is not a version number (PEP 440, e.g. 2.4.1)") from None


@cache
def members_by_value(enum: type[E]) -> dict[object, E]:
    """An enum's members by value, for reading many values: calling the enum costs about 1 us a
    value on Python 3.11, and the ledger reads three such values for each of 100,000 tickets."""
    return {member.value: member for member in enum}


def enum_value(enum: type[E], value: object, what: str) -> E:
    """The member of `enum` whose value is `value`; ValueError naming the allowed values."""
    try:
        member: E = members_by_value(enum)[value]
    except (KeyError, TypeError):  # TypeError: a list or an object is not hashable
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(f"{what} must be one of {allowed}, not {_shown(value)}") from None
    return member


class _Claims:
    """Reads one JSON object, naming each claim by its dotted path when something is wrong.

    A statement holds tickets by the hundred: an item's path is spelled out only for an error,
    and a plain dict is recognised without the Mapping ABC (about 1 us a ticket of 3 in all)."""

    __slots__ = ("_base", "_data", "_index")

    def __init__(self, data: object, path: str = "", index: int | None = None) -> None:
        self._base, self._index = path, index
        if type(data) is not dict and not isinstance(data, Mapping):
            raise ClaimError(self._path or "claims", "must be a JSON object")
        self._data: Mapping[str, Any] = data

    @property
    def data(self) -> Mapping[str, Any]:
        return self._data

    @property
    def _path(self) -> str:
        return self._base if self._index is None else f"{self._base}[{self._index}]"

    def _name(self, key: str) -> str:
        path = self._path
        return f"{path}.{key}" if path else key

    def _get(self, key: str, optional: bool = False) -> Any:
        value = self._data.get(key)
        if value is None and not optional:
            raise ClaimError(self._name(key), "is missing")
        return value

    def string(self, key: str, max_length: int = MAX_NAME_LENGTH) -> str:
        """A non-empty one-line string."""
        value = self._get(key)
        if not isinstance(value, str) or not value.strip():
            raise ClaimError(self._name(key), "must be a non-empty string")
        problem = one_line_problem(value, max_length)
        if problem:
            raise ClaimError(self._name(key), problem)
        return value

    def optional_string(self, key: str, max_length: int = MAX_NAME_LENGTH) -> str | None:
        value = self._get(key, optional=True)
        if value is None:
            return None
        if not isinstance(value, str):
            raise ClaimError(self._name(key), "must be a string when present")
        problem = one_line_problem(value, max_length)
        if problem:
            raise ClaimError(self._name(key), problem)
        return value

    def integer(self, key: str, minimum: int, maximum: int = MAX_WHOLE_NUMBER) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ClaimError(self._name(key), f"must be a whole number, not {_shown(value)}")
        if not minimum <= value <= maximum:
            raise ClaimError(
                self._name(key), f"must be from {minimum} to {maximum}, not {_shown(value)}"
            )
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
        if not isinstance(value, str) or len(value) > 40 or not _RFC3339.fullmatch(value):
            raise ClaimError(
                self._name(key), "must be an RFC 3339 time such as 2025-03-01T12:00:00Z"
            )
        try:
            moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        except ValueError:
            raise ClaimError(self._name(key), f"'{value}' is not a real time") from None
        if not FIRST_DAY <= moment.date() <= LAST_DAY:
            raise ClaimError(
                self._name(key), f"'{value}' is outside the dates this console handles"
            )
        return moment

    def choice(self, key: str, enum: type[E], default: E | None = None) -> E:
        value = self._get(key, optional=default is not None)
        if value is None and default is not None:
            return default
        try:
            member: E = members_by_value(enum)[value]
        except (KeyError, TypeError):  # TypeError: a list or an object is not hashable
            allowed = ", ".join(m.value for m in enum)
            raise ClaimError(
                self._name(key), f"must be one of {allowed}, not {_shown(value)}"
            ) from None
        return member

    def money(self, key: str) -> Money:
        inner = self.nested(key)
        amount = inner._get("amount")
        if not isinstance(amount, str) or not _DECIMAL.fullmatch(amount):
            raise ClaimError(
                inner._name("amount"),
                'must be a decimal string with at most two decimals, such as "12000.00"',
            )
        currency = inner._get("currency")
        if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
            raise ClaimError(inner._name("currency"), "must be an ISO 4217 code such as USD")
        return Money(amount=Decimal(amount), currency=currency)

    def nested(self, key: str) -> _Claims:
        return _Claims(self._get(key), self._name(key))

    def items(self, key: str, read: Callable[[_Claims], T]) -> tuple[T, ...]:
        """The list `key`, each item read by `read` and named by its index when it is wrong."""
        value = self._get(key)
        if not isinstance(value, list):
            raise ClaimError(self._name(key), "must be a list")
        path = self._name(key)
        return tuple(read(_Claims(item, path, i)) for i, item in enumerate(value))


def _shown(value: object) -> str:
    """A value for an error message, never longer than a line."""
    text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _license(c: _Claims) -> LicenseClaims:
    customer = c.nested("customer")
    product = c.nested("product")
    seats = c.nested("seats")
    claims = LicenseClaims(
        license_id=c.string("license_id", MAX_ID_LENGTH),
        revision=c.integer("revision", 1),
        issued_at=c.timestamp("issued_at"),
        customer=Customer(
            id=customer.string("id", MAX_ID_LENGTH),
            name=customer.string("name"),
            contact_email=customer.optional_string("contact_email"),
        ),
        product=Product(
            code=product.string("code", MAX_ID_LENGTH),
            name=product.string("name"),
            category=product.string("category"),
        ),
        environment=c.optional_string("environment", MAX_ID_LENGTH),
        license_type=c.choice("license_type", LicenseType),
        seats=Seats(users=seats.integer("users", 0), devices=seats.integer("devices", 0)),
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
        po_number=c.string("po_number", MAX_ID_LENGTH),
        amount=c.money("amount"),
    )


_TICKET_KINDS = members_by_value(TicketKind)
_CLASSIFICATIONS = members_by_value(Classification)
_CATEGORIES = members_by_value(Category)


def _ticket(c: _Claims) -> Ticket:
    """A ticket of a statement. The usual one is settled here by plain checks in one pass; any
    other is read again by `_named_ticket`, whose readers say what is wrong and where. Every
    status reads every ticket of every statement: 10,000 take 24 ms through the named readers
    alone, 11 ms this way (P4). The property test of statement tickets holds both to one oracle.
    """
    data = c.data
    case_id, opened_on, title = data.get("case_id"), data.get("opened_on"), data.get("title")
    try:
        kind = _TICKET_KINDS[data.get("kind")]
        classification = _CLASSIFICATIONS[data.get("classification")]
        category_value = data.get("category")
        category = Category.PRODUCT if category_value is None else _CATEGORIES[category_value]
        if (
            type(case_id) is str
            and case_id.strip()
            and one_line_problem(case_id, MAX_CASE_ID_LENGTH) is None
            and type(opened_on) is str
            and (
                title is None
                or (type(title) is str and one_line_problem(title, MAX_TEXT_LENGTH) is None)
            )
        ):
            return Ticket(case_id, parse_date(opened_on), kind, classification, category, title)
    except (KeyError, TypeError, ValueError):  # unknown or unhashable values, a bad date
        pass
    return _named_ticket(c)


def _named_ticket(c: _Claims) -> Ticket:
    # Positional, in the field order: a statement holds tickets by the hundred.
    return Ticket(
        c.string("case_id", MAX_CASE_ID_LENGTH),
        c.day("opened_on"),
        c.choice("kind", TicketKind),
        c.choice("classification", Classification),
        c.choice("category", Category, default=Category.PRODUCT),
        c.optional_string("title", MAX_TEXT_LENGTH),
    )


def _unique(values: Sequence[Hashable], claim: str) -> None:
    if len(set(values)) == len(values):
        return
    seen: set[Hashable] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise ClaimError(f"{claim}[{i}]", f"repeats '{value}', which must be unique")
        seen.add(value)


def _ticket_statement(c: _Claims) -> TicketStatementClaims:
    tickets = c.items("tickets", _ticket)
    _unique([t.case_id for t in tickets], "tickets")
    return TicketStatementClaims(
        license_id=c.string("license_id", MAX_ID_LENGTH),
        issued_at=c.timestamp("issued_at"),
        tickets=tickets,
    )


def _release(c: _Claims) -> Release:
    text = c.string("version", MAX_VERSION_LENGTH)
    try:
        version = parse_version(text)
    except ValueError as exc:
        raise ClaimError(c._name("version"), str(exc)) from None
    return Release(
        version=version, released_on=c.day("released_on"), kind=c.choice("kind", ReleaseKind)
    )


def _release_catalog(c: _Claims) -> ReleaseCatalogClaims:
    releases = c.items("releases", _release)
    # Version objects, not strings: PEP 440 says 10.2 == 10.2.0, so they are the same release.
    _unique([r.version for r in releases], "releases")
    return ReleaseCatalogClaims(
        product_code=c.string("product_code", MAX_ID_LENGTH),
        issued_at=c.timestamp("issued_at"),
        releases=releases,
    )


def _revocation(c: _Claims) -> Revocation:
    return Revocation(
        license_id=c.string("license_id", MAX_ID_LENGTH),
        reason=c.string("reason", MAX_TEXT_LENGTH),
    )


def _revocation_list(c: _Claims) -> RevocationListClaims:
    return RevocationListClaims(
        issued_at=c.timestamp("issued_at"), revoked=c.items("revoked", _revocation)
    )


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
