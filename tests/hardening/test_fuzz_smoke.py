"""The fuzzer of `scripts/fuzz.py` on a few hundred inputs per class: no crash, no false accept.

The full run (100,000 inputs) is `python scripts/fuzz.py`; this keeps the harness itself working
and catches a regression that the first few hundred mutations already reach. The oracle tests
break the code under test on purpose and check that the fuzzer notices: a clean run would prove
nothing otherwise.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scripts import fuzz

ROOT = Path(__file__).resolve().parents[2]
SMOKE_INPUTS = fuzz.QUICK_INPUTS
SEED = fuzz.SMOKE_SEED


def test_every_class_has_a_smoke_size() -> None:
    assert set(SMOKE_INPUTS) == set(fuzz.TARGETS) == set(fuzz.SHARES) == set(fuzz.FUZZERS)


@pytest.mark.parametrize("target", fuzz.TARGETS)
def test_a_few_hundred_inputs_find_nothing(target: str) -> None:
    result = fuzz.run_target(target, SMOKE_INPUTS[target], seed=SEED)
    assert result.inputs == SMOKE_INPUTS[target]
    assert result.crashes == 0, "\n".join(result.examples)
    assert result.false_accepts == 0, "\n".join(result.examples)
    assert result.accepted > 0  # some inputs are still valid: the mutations are not all fatal


def test_the_oracle_sees_a_lenient_base64_decoder(monkeypatch: pytest.MonkeyPatch) -> None:
    """A verifier that decodes base64 leniently accepts other encodings of a signed token."""
    import base64

    from licensing import paseto
    from licensing.errors import Malformed

    def lenient(text: str) -> bytes:
        try:
            return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        except ValueError:
            raise Malformed("not base64") from None

    monkeypatch.setattr(paseto, "b64url_decode", lenient)
    result = fuzz.run_target("documents", 3000, seed=SEED)
    assert result.false_accepts > 0


def test_the_oracle_sees_stored_tokens_that_are_not_verified(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reader that skips the signature check counts tokens edited in the database."""
    from licensing import documents

    monkeypatch.setattr(documents.paseto, "verify_parts", lambda *args, **kwargs: None)
    result = fuzz.run_target("stored", 150, seed=SEED)
    assert result.false_accepts > 0


def test_the_oracle_sees_a_header_injection(monkeypatch: pytest.MonkeyPatch) -> None:
    """A composer that lets line breaks into one-line fields puts them in the subject."""
    from app.requests import compose

    monkeypatch.setattr(compose, "one_line_problem", lambda text, limit: None)
    result = fuzz.run_target("requests", 300, seed=SEED)
    assert result.false_accepts > 0


def test_the_script_runs_from_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/fuzz.py", "--inputs", "400", "--seed", "3", "--jobs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 crashes, 0 false accepts" in done.stdout
    for target in fuzz.TARGETS:
        assert f"\n{target} " in done.stdout
