"""Reading a file the user named: bounded before it is parsed, and every failure one line."""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError


def read_user_file(path: Path, limit: int, what: str = "file") -> bytes:
    """At most `limit` bytes of `path`; a larger file is refused without reading it all
    (`/dev/zero` included)."""
    data = read_head(path, limit + 1)
    if len(data) > limit:
        raise UserError(f"{path}: larger than {_size(limit)}, too large to be a {what}")
    return data


def read_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of `path` (all of a smaller file)."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"
