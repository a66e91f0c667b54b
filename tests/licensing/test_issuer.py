"""The vendor's command (docs/rules.md, "Signed documents"): `python -m licensing.issuer keygen |
sign`.

Exit codes: 0 done, 2 claims refused, 3 unusable input (files, keys, passphrases).
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from licensing import paserk
from licensing.claims import DocumentType
from licensing.documents import verify_document
from licensing.errors import UnknownKey
from licensing.issuer import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main
from licensing.trust import TrustSource, TrustStore, parse_trust_file
from tests.factories import license_claims
from tests.licensing.samples import example, replaced, without

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE_VAR = "ENTITLEMENT_TEST_PASSPHRASE"


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_line_error(err: str) -> None:
    assert err.strip(), "an error must be reported"
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert err.startswith("entitlement-issuer: ")


def _store(trust_file: Path) -> TrustStore:
    return TrustStore().with_keys(
        parse_trust_file(trust_file.read_bytes(), TrustSource.VENDOR, str(trust_file))
    )


def _claims_file(tmp_path: Path, claims: Any, name: str = "claims.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(claims, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A PASERK secret key and its trust file, made by `keygen`."""
    secret, trust = tmp_path / "vendor.secret", tmp_path / "vendor-trust.json"
    code, _, err = _run(capsys, "keygen", "--secret", secret, "--trust", trust)
    assert code == EXIT_OK, err
    return secret, trust


# --- keygen ------------------------------------------------------------------------------------


def test_keygen_writes_a_secret_key_and_a_trust_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret, trust = tmp_path / "keys" / "vendor.secret", tmp_path / "keys" / "trust.json"
    code, out, err = _run(capsys, "keygen", "--secret", secret, "--trust", trust)
    assert (code, err) == (EXIT_OK, "")

    key = paserk.secret_from_paserk(secret.read_text(encoding="ascii"))
    trusted = parse_trust_file(trust.read_bytes(), TrustSource.VENDOR, str(trust))
    assert [k.kid for k in trusted] == [paserk.key_id(key.public_key())]
    assert trusted[0].kid in out
    assert json.loads(trust.read_text())["keys"] == [paserk.public_to_paserk(key.public_key())]
    assert "k4.secret." not in trust.read_text()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_keygen_makes_the_secret_key_private(keys: tuple[Path, Path]) -> None:
    secret, trust = keys
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert stat.S_IMODE(trust.stat().st_mode) & 0o077 != 0o077  # the trust file is public


def test_keygen_makes_a_new_key_each_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        assert (
            _run(
                capsys, "keygen", "--secret", tmp_path / name, "--trust", tmp_path / f"{name}.json"
            )[0]
            == 0
        )
    assert (tmp_path / "a").read_bytes() != (tmp_path / "b").read_bytes()


@pytest.mark.parametrize("existing", ["secret", "trust", "both"])
def test_keygen_refuses_to_overwrite(
    existing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = {"secret": tmp_path / "vendor.secret", "trust": tmp_path / "trust.json"}
    for name, path in paths.items():
        if existing in (name, "both"):
            path.write_bytes(b"precious\n")

    code, _, err = _run(capsys, "keygen", "--secret", paths["secret"], "--trust", paths["trust"])

    assert code == EXIT_USAGE
    _assert_one_line_error(err)
    assert "overwrite" in err
    for name, path in paths.items():
        if existing in (name, "both"):
            assert path.read_bytes() == b"precious\n"
        else:
            # A refused keygen leaves nothing behind: no orphan key without its trust file.
            assert not path.exists(), f"the {name} file was written although keygen failed"


# --- sign --------------------------------------------------------------------------------------


@pytest.mark.parametrize("document_type", list(DocumentType))
def test_sign_prints_a_token_that_verifies_with_the_trust_file(
    document_type: DocumentType,
    keys: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret, trust = keys
    claims = _claims_file(tmp_path, example(document_type))
    code, out, err = _run(capsys, "sign", "--type", document_type.value, "--secret", secret, claims)
    assert (code, err) == (EXIT_OK, "")
    assert out.endswith("\n")
    assert len(out.splitlines()) == 1
    document = verify_document(out.encode(), _store(trust), expected_type=document_type)
    assert document.raw_claims == example(document_type)


def test_signed_tokens_do_not_verify_with_another_keys_trust_file(
    keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret, _ = keys
    other_trust = tmp_path / "other.json"
    _run(capsys, "keygen", "--secret", tmp_path / "other.secret", "--trust", other_trust)
    _, out, _ = _run(
        capsys,
        "sign",
        "--type",
        "license",
        "--secret",
        secret,
        _claims_file(tmp_path, license_claims()),
    )
    with pytest.raises(UnknownKey):
        verify_document(out.encode(), _store(other_trust))


@pytest.mark.parametrize(
    ("claims", "claim"),
    [
        (without(license_claims(), "seats.users"), "seats.users"),
        (replaced(license_claims(), "sm_end", "2023-04-01"), "sm_end"),
        (replaced(license_claims(), "sm_annual_fee.amount", 12000.0), "sm_annual_fee.amount"),
        (replaced(license_claims(), "issued_at", "2025-02-14T09:30:00"), "issued_at"),
        (replaced(license_claims(), "sm_start", "1899-12-31"), "sm_start"),
        (replaced(license_claims(), "customer.name", "Fabrikam\x1b[2J"), "customer.name"),
        (replaced(license_claims(), "revision", 0), "revision"),
    ],
)
def test_sign_refuses_invalid_claims_naming_the_claim(
    claims: dict[str, Any],
    claim: str,
    keys: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret, _ = keys
    code, out, err = _run(
        capsys, "sign", "--type", "license", "--secret", secret, _claims_file(tmp_path, claims)
    )
    assert code == EXIT_REFUSED
    assert out == ""
    _assert_one_line_error(err)
    assert f"'{claim}'" in err


def test_sign_validates_against_the_requested_type(
    keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret, _ = keys
    claims = _claims_file(tmp_path, license_claims())
    code, out, err = _run(capsys, "sign", "--type", "support-pack", "--secret", secret, claims)
    assert (code, out) == (EXIT_REFUSED, "")
    _assert_one_line_error(err)
    assert "pack_id" in err


@pytest.mark.parametrize(
    "content",
    [b"not json", b"[]", b'{"license_id": "A", "license_id": "B"}', b"\xff\xfe{}"],
)
def test_sign_refuses_a_claims_file_that_is_not_a_json_object(
    content: bytes, keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret, _ = keys
    claims = tmp_path / "claims.json"
    claims.write_bytes(content)
    code, out, err = _run(capsys, "sign", "--type", "license", "--secret", secret, claims)
    assert (code, out) == (EXIT_USAGE, "")
    _assert_one_line_error(err)


def test_sign_with_a_missing_claims_file_exits_3(
    keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret, _ = keys
    missing = tmp_path / "nowhere" / "claims.json"
    code, out, err = _run(capsys, "sign", "--type", "license", "--secret", secret, missing)
    assert (code, out) == (EXIT_USAGE, "")
    _assert_one_line_error(err)
    assert "claims.json" in err


@pytest.mark.parametrize("content", [None, b"", b"k4.public.AAAA\n", b"k4.secret.!!\n"])
def test_sign_with_an_unusable_secret_key_exits_3(
    content: bytes | None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "vendor.secret"
    if content is not None:
        secret.write_bytes(content)
    claims = _claims_file(tmp_path, license_claims())
    code, out, err = _run(capsys, "sign", "--type", "license", "--secret", secret, claims)
    assert (code, out) == (EXIT_USAGE, "")
    _assert_one_line_error(err)


# --- PEM keys with a passphrase ----------------------------------------------------------------


@pytest.fixture
def pem_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    monkeypatch.setenv(PASSPHRASE_VAR, "correct horse battery staple")
    secret, trust = tmp_path / "vendor.pem", tmp_path / "trust.json"
    code, _, err = _run(
        capsys, "keygen", "--pem", "--passphrase-env", PASSPHRASE_VAR,
        "--secret", secret, "--trust", trust,
    )  # fmt: skip
    assert code == EXIT_OK, err
    return secret, trust


def test_pem_keygen_writes_an_encrypted_pkcs8_key(pem_keys: tuple[Path, Path]) -> None:
    secret, _ = pem_keys
    text = secret.read_text(encoding="ascii")
    assert text.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert "correct horse" not in text


def test_a_pem_key_signs_with_the_passphrase_from_the_environment(
    pem_keys: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret, trust = pem_keys
    claims = _claims_file(tmp_path, license_claims())
    code, out, err = _run(
        capsys, "sign", "--type", "license", "--secret", secret,
        "--passphrase-env", PASSPHRASE_VAR, claims,
    )  # fmt: skip
    assert (code, err) == (EXIT_OK, "")
    assert verify_document(out.encode(), _store(trust)).type is DocumentType.LICENSE


def test_a_wrong_passphrase_is_a_one_line_error(
    pem_keys: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret, _ = pem_keys
    monkeypatch.setenv(PASSPHRASE_VAR, "Tr0ub4dor&3")
    claims = _claims_file(tmp_path, license_claims())
    code, out, err = _run(
        capsys, "sign", "--type", "license", "--secret", secret,
        "--passphrase-env", PASSPHRASE_VAR, claims,
    )  # fmt: skip
    assert (code, out) == (EXIT_USAGE, "")
    _assert_one_line_error(err)
    assert "Tr0ub4dor" not in err


def test_an_unset_passphrase_variable_is_a_one_line_error(
    pem_keys: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret, _ = pem_keys
    monkeypatch.delenv(PASSPHRASE_VAR)
    claims = _claims_file(tmp_path, license_claims())
    code, out, err = _run(
        capsys, "sign", "--type", "license", "--secret", secret,
        "--passphrase-env", PASSPHRASE_VAR, claims,
    )  # fmt: skip
    assert (code, out) == (EXIT_USAGE, "")
    _assert_one_line_error(err)
    assert PASSPHRASE_VAR in err


def test_a_pem_key_without_a_passphrase_source_is_refused_off_a_terminal(
    pem_keys: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    secret, _ = pem_keys
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal: never prompt
    claims = _claims_file(tmp_path, license_claims())
    code, out, err = _run(capsys, "sign", "--type", "license", "--secret", secret, claims)
    assert (code, out) == (EXIT_USAGE, "")
    _assert_one_line_error(err)


def test_pem_keygen_without_a_passphrase_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSPHRASE_VAR, raising=False)
    secret, trust = tmp_path / "vendor.pem", tmp_path / "trust.json"
    code, _, err = _run(
        capsys, "keygen", "--pem", "--passphrase-env", PASSPHRASE_VAR,
        "--secret", secret, "--trust", trust,
    )  # fmt: skip
    assert code == EXIT_USAGE
    _assert_one_line_error(err)
    assert not secret.exists()
    assert not trust.exists()


# --- as a separate process ---------------------------------------------------------------------


def _issuer(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "licensing.issuer", *map(str, argv)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_issuer_runs_as_a_module(tmp_path: Path) -> None:
    secret, trust = tmp_path / "vendor.secret", tmp_path / "trust.json"
    made = _issuer("keygen", "--secret", secret, "--trust", trust)
    assert made.returncode == 0, made.stderr

    signed = _issuer(
        "sign", "--type", "license", "--secret", secret, _claims_file(tmp_path, license_claims())
    )
    assert signed.returncode == 0, signed.stderr
    assert verify_document(signed.stdout.encode(), _store(trust)).type is DocumentType.LICENSE

    bad = _claims_file(tmp_path, without(license_claims(), "customer.name"), "bad.json")
    refused = _issuer("sign", "--type", "license", "--secret", secret, bad)
    assert refused.returncode == EXIT_REFUSED
    assert refused.stdout == ""
    _assert_one_line_error(refused.stderr)
    assert "'customer.name'" in refused.stderr
