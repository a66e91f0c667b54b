"""Typed errors, one class per error code of SPEC.md section 5 (`verify`)."""

from __future__ import annotations

from typing import ClassVar


class DocumentError(Exception):
    """A document was refused. `code` is the stable SPEC error code; `message` is for people."""

    code: ClassVar[str] = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        # What was learnt before the document was refused, for `verify` to report.
        self.document_type: str | None = None
        self.kid: str | None = None
        self.trust: str | None = None
        self.raw_claims: dict[str, object] | None = None


class TooLarge(DocumentError):
    code = "too_large"


class Malformed(DocumentError):
    code = "malformed"


class UnsupportedVersion(DocumentError):
    code = "unsupported_version"


class UnknownKey(DocumentError):
    code = "unknown_key"


class BadSignature(DocumentError):
    code = "bad_signature"


class WrongType(DocumentError):
    code = "wrong_type"


class InvalidClaims(DocumentError):
    code = "invalid_claims"


class Revoked(DocumentError):
    code = "revoked"


class DateOutOfRange(ValueError):
    """Calendar arithmetic would pass 9999-12-31, the last date a `datetime.date` can hold (a
    renewal or an upgrade check evaluated on a day in the year 9999, or a renewal of thousands of
    years)."""


class OutOfBounds(ValueError):
    """A request asks for more (or less) than the rules answer: years of a renewal, seats, or
    support packs outside the bounds of `licensing.values`. `parameter` names the value asked
    for (`years`, `users`, `devices`, `count`)."""

    def __init__(self, parameter: str, problem: str) -> None:
        super().__init__(problem)
        self.parameter = parameter


class KeyFormatError(ValueError):
    """A PASERK key or trust file could not be read."""


class ClaimError(ValueError):
    """A claim is missing or ill-typed; `claim` is its dotted path (`seats.users`, `tickets[2].opened_on`)."""

    def __init__(self, claim: str, problem: str) -> None:
        super().__init__(f"claim '{claim}' {problem}")
        self.claim = claim
        self.problem = problem


def revoked_message(license_id: str, reason: str) -> str:
    """Why a license the vendor revoked does not count, in the vendor's own words."""
    return f"license {license_id} was revoked by the vendor: {reason}"
