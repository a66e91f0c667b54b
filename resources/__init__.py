"""Data files shipped with the application (trust files, vendor policy, demo key, icons).

`resource_path` finds them the same way from a source checkout, an installed wheel and a
PyInstaller bundle, where this package's files are collected under `resources/`.
"""

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return _ROOT.joinpath(*parts)
