#!/usr/bin/env python3
"""One command for each set-up task, on any OS with Python 3.11+ (standard library only).

    python3 dev.py run [ARGS...]          set up .venv if needed, then start the app (default: --demo)
    python3 dev.py test [--all] [ARGS...] set up .venv if needed, then run the test suite on every
                                          core; tests marked slow (the bundle build, the
                                          benchmarks' smoke run, the real X display) only with
                                          --all, as CI does
    python3 dev.py check                  ruff and mypy

Set-up installs the pinned versions of `constraints.txt` once and is skipped while neither it nor
`pyproject.toml` changes, so both commands work offline after the first run.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
NO_TESTS_COLLECTED = 5


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def setup() -> Path:
    """Creates .venv and installs the project with its pinned dependencies when they changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs before the version is known
        sys.exit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    wanted = hashlib.sha256(
        b"".join((ROOT / name).read_bytes() for name in ("pyproject.toml", "constraints.txt"))
    ).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return python
    if not python.exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing pinned dependencies (constraints.txt) ...", flush=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "-q",
            "-c",
            str(ROOT / "constraints.txt"),
            "-e",
            f"{ROOT}[test]",
        ],
        check=True,
    )
    STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("run", [])
    python = str(setup())
    if command == "run":
        return subprocess.call([python, "-m", "app", *(args or ["--demo"])], cwd=ROOT)
    if command == "test":
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        if "--all" in args:
            args = [a for a in args if a != "--all"]
        elif "-m" not in args:
            args = ["-m", "not slow", *args]
        if not any(a == "-n" or a.startswith("-n") for a in args):
            args = ["-n", "auto", *args]  # one worker per core (pytest-xdist)
        code = subprocess.call([python, "-m", "pytest", *args], cwd=ROOT, env=env)
        if code == NO_TESTS_COLLECTED:
            print("pytest collected no tests: treating as a failure")
            return 1
        return code
    if command == "check":
        ruff = subprocess.call([python, "-m", "ruff", "check", "."], cwd=ROOT)
        fmt = subprocess.call([python, "-m", "ruff", "format", "--check", "."], cwd=ROOT)
        mypy = subprocess.call([python, "-m", "mypy"], cwd=ROOT)
        return ruff or fmt or mypy
    print(__doc__)
    return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
