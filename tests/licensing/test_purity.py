"""`licensing` is the pure domain (STYLE.md): importing all of it loads no Qt and no database."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BANNED_PREFIXES = ("PySide6", "shiboken6", "sqlalchemy", "alembic")

# Runs in a fresh interpreter: this test process has pytest-qt and friends loaded already.
PROBE = textwrap.dedent(
    """
    import json, pkgutil, sys
    import licensing

    imported = ["licensing"]
    for module in pkgutil.walk_packages(licensing.__path__, "licensing."):
        __import__(module.name)
        imported.append(module.name)
    print(json.dumps({"imported": imported, "loaded": sorted(sys.modules)}))
    """
)


def test_importing_every_licensing_module_loads_no_qt_and_no_database() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # The walk really covered the package (a broken walk would pass vacuously).
    assert {"licensing.paseto", "licensing.paserk", "licensing.documents"} <= set(
        report["imported"]
    )
    assert {"licensing.claims", "licensing.errors", "licensing.issuer"} <= set(report["imported"])
    banned = [name for name in report["loaded"] if name.startswith(BANNED_PREFIXES)]
    assert banned == [], f"licensing imported {banned}"
