"""The vendor's side (SPEC section 5): make keys and sign documents from JSON claims files.

    python -m licensing.issuer keygen --secret FILE --trust FILE [--pem]
    python -m licensing.issuer sign --type TYPE --secret FILE CLAIMS.json

A secret key is a PASERK `k4.secret` file, or a PKCS#8 PEM encrypted with a passphrase taken from
the environment variable named by `--passphrase-env` (or asked for on the terminal).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
    load_pem_private_key,
)

from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import sign_document, strict_json_object
from licensing.errors import ClaimError, DocumentError, KeyFormatError

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 2, 3


class IssuerError(Exception):
    """A problem to report in one line."""


def _passphrase(env_name: str | None, confirm: bool) -> bytes:
    if env_name:
        value = os.environ.get(env_name)
        if not value:
            raise IssuerError(f"the environment variable {env_name} holds no passphrase")
        return value.encode()
    if not sys.stdin.isatty():
        raise IssuerError("a PEM key needs a passphrase: set --passphrase-env or use a terminal")
    first = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise IssuerError("the passphrases differ")
    if not first:
        raise IssuerError("an empty passphrase is not allowed")
    return first.encode()


def load_secret_key(path: Path, passphrase_env: str | None = None) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IssuerError(f"cannot read the secret key {path}: {exc.strerror}") from None
    if data.lstrip().startswith(b"-----BEGIN"):
        try:
            key = load_pem_private_key(data, password=_passphrase(passphrase_env, confirm=False))
        except (ValueError, TypeError) as exc:
            raise IssuerError(f"cannot open the PEM key {path}: {exc}") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise IssuerError(f"{path} is not an Ed25519 key")
        return key
    try:
        return paserk.secret_from_paserk(data.decode("ascii", errors="replace"))
    except KeyFormatError as exc:
        raise IssuerError(f"{path}: {exc}") from None


def _write_new(path: Path, data: bytes, private: bool) -> None:
    if path.exists():
        raise IssuerError(f"{path} exists; refusing to overwrite a key")
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    with os.fdopen(os.open(path, flags, 0o600 if private else 0o644), "wb") as handle:
        handle.write(data)


def keygen(secret: Path, trust: Path, pem: bool, passphrase_env: str | None) -> str:
    """Writes a new secret key and a trust file with its public key; returns the key id."""
    for path in (secret, trust):  # before writing either: a refusal must leave nothing behind
        if path.exists():
            raise IssuerError(f"{path} exists; refusing to overwrite a key")
    key = Ed25519PrivateKey.generate()
    if pem:
        encryption = BestAvailableEncryption(_passphrase(passphrase_env, confirm=True))
        secret_bytes = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, encryption)
    else:
        secret_bytes = (paserk.secret_to_paserk(key) + "\n").encode()
    trust_bytes = (
        json.dumps({"keys": [paserk.public_to_paserk(key.public_key())]}, indent=2) + "\n"
    ).encode()
    _write_new(secret, secret_bytes, private=True)
    _write_new(trust, trust_bytes, private=False)
    return paserk.key_id(key.public_key())


def sign(
    document_type: DocumentType, secret: Path, claims_file: Path, passphrase_env: str | None
) -> str:
    try:
        data = claims_file.read_bytes()
    except OSError as exc:
        raise IssuerError(f"cannot read {claims_file}: {exc.strerror}") from None
    try:
        claims = strict_json_object(data, "claims file")
    except DocumentError as exc:
        raise IssuerError(f"{claims_file}: {exc.message}") from None
    key = load_secret_key(secret, passphrase_env)
    return sign_document(document_type, claims, key)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="entitlement-issuer", description="Vendor-side key and document tool."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("keygen", help="write a new secret key and a trust file for it")
    make.add_argument("--secret", type=Path, required=True, help="where to write the secret key")
    make.add_argument("--trust", type=Path, required=True, help="where to write the trust file")
    make.add_argument(
        "--pem", action="store_true", help="write PKCS#8 PEM with a passphrase instead of PASERK"
    )
    make.add_argument(
        "--passphrase-env", metavar="VAR", help="take the PEM passphrase from this variable"
    )
    signer = commands.add_parser("sign", help="print the signed token of a claims file")
    signer.add_argument("--type", required=True, choices=[t.value for t in DocumentType])
    signer.add_argument("--secret", type=Path, required=True, help="the secret key file")
    signer.add_argument(
        "--passphrase-env", metavar="VAR", help="take the PEM passphrase from this variable"
    )
    signer.add_argument("claims", type=Path, help="a JSON file of claims")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "keygen":
            kid = keygen(args.secret, args.trust, args.pem, args.passphrase_env)
            print(f"new key {kid}\nsecret key: {args.secret}\ntrust file: {args.trust}")
        else:
            print(sign(DocumentType(args.type), args.secret, args.claims, args.passphrase_env))
    except IssuerError as exc:
        print(f"entitlement-issuer: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ClaimError as exc:
        print(f"entitlement-issuer: refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
