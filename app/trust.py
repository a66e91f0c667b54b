"""The keys a run trusts (docs/rules.md, "Trust"): the vendor's shipped file, the console's own
trusted-keys file (changed only by `trust add/remove` or Settings > Trusted keys), `--trust` files
for one run, and the public demo key in demo mode only, for every document type.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserError
from app.files import read_user_file
from licensing.errors import KeyFormatError
from licensing.trust import (
    MAX_TRUST_FILE_BYTES,
    TrustedKey,
    TrustSource,
    TrustStore,
    parse_trust_file,
    trust_file_text,
)
from resources import resource_path

if TYPE_CHECKING:
    from app.console import Console

DEMO_TRUST = ("trust", "demo.json")


def vendor_trust_file() -> Path:
    """The vendor's trust file shipped with the console."""
    return resource_path("trust", "vendor.json")


def read_trust_file(path: Path, source: TrustSource, origin: str | None = None) -> list[TrustedKey]:
    """The keys of a trust file, read no further than its size cap; one-line errors naming it."""
    data = read_user_file(path, MAX_TRUST_FILE_BYTES, "trust file")
    try:
        return parse_trust_file(data, source, origin or str(path))
    except KeyFormatError as exc:
        raise UserError(f"trust file {path}: {exc}") from None


def vendor_keys() -> list[TrustedKey]:
    """The vendor's own keys, shipped with the console."""
    return read_trust_file(vendor_trust_file(), TrustSource.VENDOR, "the vendor's trust file")


@cache
def demo_keys() -> tuple[TrustedKey, ...]:
    """The public demo key, shipped with the console (read once a process)."""
    return tuple(read_trust_file(resource_path(*DEMO_TRUST), TrustSource.DEMO, "the demo key"))


def demo_key_id() -> str:
    return demo_keys()[0].kid


def run_trust(demo: bool, trust_files: Sequence[Path], added_keys: Path) -> TrustStore:
    """This run's trusted keys: the vendor's, those added to the console's own file
    (`added_keys`) and the `--trust` files. The demo key counts only in demo mode, from wherever
    it comes."""
    keys = [*vendor_keys(), *console_keys(added_keys)]
    for path in trust_files:
        keys += read_trust_file(path, TrustSource.ADDITIONAL, f"--trust {path}")
    if not demo:
        return TrustStore().with_keys(k for k in keys if k.kid != demo_key_id())
    return TrustStore().with_keys([*demo_keys(), *keys])


def reload_trust(console: Console) -> None:
    """The console's trust computed again (after `trust add/remove` from the window), with the
    `--trust` files it was opened with."""
    from app.paths import app_paths

    console.trust = run_trust(console.demo, console.trust_files, app_paths().trusted_keys)


def console_keys(path: Path) -> list[TrustedKey]:
    """The keys the admin added to the console's own file."""
    if not path.exists():
        return []
    return read_trust_file(path, TrustSource.ADDITIONAL, "the console's trusted keys (trust add)")


def _write(path: Path, keys: Sequence[TrustedKey]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    try:
        temporary.write_text(trust_file_text(k.public_key for k in keys), encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror}") from None


def keys_to_add(source: Path, path: Path) -> list[TrustedKey]:
    """The keys of `source` that `add_keys` would add (for asking before adding); refuses the
    demo key and says when every key is trusted already."""
    new = read_trust_file(source, TrustSource.ADDITIONAL)
    if not new:
        raise UserError(f"trust file {source} holds no key")
    demo_kid = demo_key_id()
    if any(k.kid == demo_kid for k in new):
        raise UserError(
            "that is the public demo key: anyone can sign with it, so it is trusted only in demo "
            "mode (--demo) and cannot be added"
        )
    present = {k.kid for k in [*vendor_keys(), *console_keys(path)]}
    fresh = [k for k in new if k.kid not in present]
    if not fresh:
        raise UserError("every key of that file is trusted already: nothing to add")
    return fresh


def add_keys(source: Path, path: Path) -> list[TrustedKey]:
    """Adds the keys of the trust file `source` to the console's own file; returns those added."""
    fresh = keys_to_add(source, path)
    _write(path, [*console_keys(path), *fresh])
    return fresh


def remove_key(kid: str, path: Path) -> TrustedKey:
    """Removes one key the admin added; the vendor's own keys cannot be removed."""
    kept, removed = [], None
    for key in console_keys(path):
        if key.kid == kid:
            removed = key
        else:
            kept.append(key)
    if removed is None:
        if kid in {k.kid for k in vendor_keys()}:
            raise UserError(f"{kid} is the vendor's own key, shipped with the console: it stays")
        raise UserError(f"no added key has the id {kid} (see 'trust list')")
    _write(path, kept)
    return removed
