"""Helpers of the application tests."""

from __future__ import annotations

from pathlib import Path

from app.console import Console
from app.importing import ImportReport, import_files


def imported(console: Console, *paths: Path) -> ImportReport:
    """Imports files that must all import."""
    report = import_files(console, list(paths))
    assert report.succeeded, report.files
    return report
