"""Builds the PyInstaller one-folder bundle of build_installer.spec into a folder of one's choice
(the frozen-bundle smoke test and benchmark P8 both build it this way).

    python scripts/bundle.py WORK_FOLDER        prints the bundle's folder
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(work: Path, timeout: float = 1800) -> Path:
    """Builds into `work` (dist/ and build/ below it) and returns the bundle's folder."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build_installer.spec"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=timeout,
    )
    return work / "dist" / "EntitlementConsole"


if __name__ == "__main__":
    print(build(Path(sys.argv[1]).resolve()))
