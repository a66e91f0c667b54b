"""Project Wycheproof's Ed25519 vectors against the primitive and the PASETO verifier we use.

The vectors (`vectors/wycheproof_ed25519_test.json`, from C2SP/wycheproof
`testvectors_v1/ed25519_test.json`, see `vectors/README.md`) sign raw messages, so no vector is a
PASETO token. What is asserted, for each of the 151 vectors:

1. cryptography's `Ed25519PublicKey.verify` (what `licensing.paseto.verify` calls) accepts the
   signature iff the vector's result is "valid" ("acceptable" may go either way; this file has
   none). Fails if the primitive accepts a malleable, non-canonical or truncated signature.
2. `licensing.paseto.verify` refuses the token `v4.public.` + b64url(msg || sig) made from the
   vector, valid or not, with a `DocumentError`. For a valid vector this fails if the verifier
   checked the signature over the raw message instead of the PAE encoding (header, message,
   footer, implicit assertion) that PASETO v4 signs.
3. The vector's public key loads through PASERK (`k4.public.` + b64url(pk)), serialises back to the
   same text, and its `k4.pid` is computed from the key, stable, and the same for the same key.

And, with the one vector key whose secret is public (RFC 8032 test 1, vector 80): signing the
vector's message reproduces the vector's signature (so the key is that key), a real v4.public token
signed with it verifies through `licensing.paseto.verify`, and the Wycheproof classes of bad
signatures (S + nL, S with bits 253-255 set, flipped bits of R, R or S zero, truncated, with
garbage appended or prepended) applied to that token's signature are all refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from licensing import paserk, paseto
from licensing.errors import BadSignature, DocumentError

VECTORS = Path(__file__).parent / "vectors" / "wycheproof_ed25519_test.json"
DATA: dict[str, Any] = json.loads(VECTORS.read_text(encoding="utf-8"))
CASES = [
    pytest.param(group["publicKey"]["pk"], test, id=f"tc{test['tcId']}")
    for group in DATA["testGroups"]
    for test in group["tests"]
]

# RFC 8032 section 7.1, TEST 1: the secret key of Wycheproof vector 80 (public key d75a98...).
RFC8032_TEST1_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
RFC8032_VECTOR = 80
ED25519_ORDER = 2**252 + 27742317777372353535851937790883648493


def test_the_file_is_the_whole_wycheproof_file() -> None:
    tests = [t for group in DATA["testGroups"] for t in group["tests"]]
    assert DATA["algorithm"] == "EDDSA"
    assert DATA["header"] and set(DATA["notes"]) >= {"Valid", "SignatureMalleability"}
    assert len(tests) == DATA["numberOfTests"] == 151
    assert sorted(t["tcId"] for t in tests) == list(range(1, 152))
    assert {t["result"] for t in tests} <= {"valid", "invalid", "acceptable"}


def _primitive_accepts(pk: bytes, msg: bytes, sig: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(pk).verify(sig, msg)
    except InvalidSignature:
        return False
    return True


@pytest.mark.parametrize(("pk", "case"), CASES)
def test_the_primitive_agrees_with_the_vector(pk: str, case: dict[str, Any]) -> None:
    accepted = _primitive_accepts(
        bytes.fromhex(pk), bytes.fromhex(case["msg"]), bytes.fromhex(case["sig"])
    )
    if case["result"] != "acceptable":
        assert accepted == (case["result"] == "valid"), case["comment"] or case["flags"]


@pytest.mark.parametrize(("pk", "case"), CASES)
def test_a_raw_signature_never_verifies_as_a_paseto_token(pk: str, case: dict[str, Any]) -> None:
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(pk))
    body = paseto.b64url_encode(bytes.fromhex(case["msg"]) + bytes.fromhex(case["sig"]))
    for token in (f"v4.public.{body}", f"v4.public.{body}.{paseto.b64url_encode(b'{}')}"):
        with pytest.raises(DocumentError) as refused:
            paseto.verify(token, key)
        if case["result"] == "valid":  # a correct signature, over other bytes than PAE's
            assert isinstance(refused.value, BadSignature)


@pytest.mark.parametrize(("pk", "case"), CASES)
def test_the_public_key_loads_through_paserk(pk: str, case: dict[str, Any]) -> None:
    raw = bytes.fromhex(pk)
    text = "k4.public." + paseto.b64url_encode(raw)
    key = paserk.public_from_paserk(text)
    assert paserk.public_to_paserk(key) == text
    kid = paserk.key_id(key)
    assert kid.startswith("k4.pid.") and len(kid) == len("k4.pid.") + 44
    assert kid == paserk.key_id(paserk.public_from_paserk(text))
    assert kid == paserk.key_id(Ed25519PublicKey.from_public_bytes(raw))


def test_different_vector_keys_have_different_ids() -> None:
    keys = {group["publicKey"]["pk"] for group in DATA["testGroups"]}
    ids = {
        paserk.key_id(
            paserk.public_from_paserk("k4.public." + paseto.b64url_encode(bytes.fromhex(k)))
        )
        for k in keys
    }
    assert len(ids) == len(keys) > 30


# The RFC 8032 key: a real token, then Wycheproof's bad-signature classes applied to it. -------


def _rfc_vector() -> tuple[Ed25519PrivateKey, dict[str, Any], str]:
    for group in DATA["testGroups"]:
        for test in group["tests"]:
            if test["tcId"] == RFC8032_VECTOR:
                key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(RFC8032_TEST1_SECRET))
                return key, test, group["publicKey"]["pk"]
    raise AssertionError("vector 80 is missing")


def test_the_rfc8032_key_is_the_key_of_vector_80() -> None:
    key, test, pk = _rfc_vector()
    assert key.public_key().public_bytes_raw().hex() == pk
    assert key.sign(bytes.fromhex(test["msg"])).hex() == test["sig"]


def _signed_token() -> tuple[str, Ed25519PublicKey]:
    key, _, _ = _rfc_vector()
    footer = b'{"kid":"k4.pid.test","typ":"license"}'
    return paseto.sign(b'{"license_id":"LIC-1"}', key, footer), key.public_key()


def test_a_token_signed_with_the_vector_key_verifies() -> None:
    token, public = _signed_token()
    assert paseto.verify(token, public).message == b'{"license_id":"LIC-1"}'


def _with_signature(token: str, change: Any) -> str:
    header, purpose, body, footer = token.split(".")
    raw = paseto.b64url_decode(body)
    message, signature = raw[:-64], raw[-64:]
    return ".".join((header, purpose, paseto.b64url_encode(message + change(signature)), footer))


def _add_to_s(amount: int) -> Any:
    def change(signature: bytes) -> bytes:
        s = int.from_bytes(signature[32:], "little") + amount
        return signature[:32] + (s % 2**256).to_bytes(32, "little")

    return change


def _flip(bit: int) -> Any:
    def change(signature: bytes) -> bytes:
        flipped = bytearray(signature)
        flipped[bit // 8] ^= 1 << (bit % 8)
        return bytes(flipped)

    return change


BAD_SIGNATURES = {
    "s_plus_L": _add_to_s(ED25519_ORDER),
    "s_plus_2L": _add_to_s(2 * ED25519_ORDER),
    "s_plus_8L": _add_to_s(8 * ED25519_ORDER),
    "s_plus_2^253": _add_to_s(2**253),
    "s_plus_2^254": _add_to_s(2**254),
    "s_plus_2^255": _add_to_s(2**255),
    "s_plus_p": _add_to_s(2**255 - 19),
    **{f"r_bit_{bit}": _flip(bit) for bit in (0, 1, 7, 8, 31, 127, 248, 254, 255)},
    **{f"s_bit_{bit}": _flip(256 + bit) for bit in (0, 100, 252, 253, 254, 255)},
    "r_zero": lambda sig: bytes(32) + sig[32:],
    "s_zero": lambda sig: sig[:32] + bytes(32),
    "all_zero": lambda sig: bytes(64),
    "r_all_ones": lambda sig: b"\xff" * 32 + sig[32:],
    "s_is_L": lambda sig: sig[:32] + ED25519_ORDER.to_bytes(32, "little"),
    "truncated": lambda sig: sig[:-1],
    "s_missing": lambda sig: sig[:32],
    "garbage_appended": lambda sig: sig + b"\x00",
    "garbage_prepended": lambda sig: b"\x00" + sig,
}


@pytest.mark.parametrize("change", BAD_SIGNATURES.values(), ids=BAD_SIGNATURES.keys())
def test_wycheproof_classes_of_bad_signature_are_refused_in_a_token(change: Any) -> None:
    token, public = _signed_token()
    bad = _with_signature(token, change)
    assert bad != token
    with pytest.raises(DocumentError):
        paseto.verify(bad, public)
