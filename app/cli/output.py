"""Writing to the terminal: text from files and documents with non-printable characters escaped
(a case id holding a terminal escape prints as `\\x1b`), JSON for scripts, and a closed pipe
(`status --json | head -c1`) ending quietly instead of in a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from typing import Any


def escaped(text: str) -> str:
    """`text` with every non-printable character but the line break written as an escape."""
    if text.replace("\n", "").isprintable():  # the usual case, settled in C
        return text
    return "".join(
        c if c.isprintable() or c == "\n" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


def _json_escaped(text: str) -> str:
    """JSON text whose non-printable characters (bidirectional overrides...) are \\u escapes;
    json.dumps already escapes control characters, and keeps other text readable."""
    if text.replace("\n", "").isprintable():  # the usual case, settled in C
        return text
    return "".join(c if c.isprintable() or c == "\n" else json.dumps(c)[1:-1] for c in text)


def write(text: str, stream: Any = None) -> None:
    """Prints one block of text; an encoding that cannot write a character escapes it; a
    reader that went away (a closed pipe) ends the output quietly."""
    stream = stream or sys.stdout
    try:
        try:
            print(text, file=stream, flush=True)
        except UnicodeEncodeError:
            encoding = getattr(stream, "encoding", None) or "utf-8"
            print(
                text.encode(encoding, "backslashreplace").decode(encoding, "replace"),
                file=stream,
                flush=True,
            )
    except BrokenPipeError:
        # Python's advice: point the stream at devnull so that the flush at exit is quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(devnull, stream.fileno())


def emit(as_json: bool, data: Any, human: Callable[[], str]) -> None:
    if as_json:
        write(_json_escaped(json.dumps(data, indent=2, ensure_ascii=False)))
    else:
        write(escaped(human()))


def error(message: str) -> None:
    write(escaped(f"entitlement-console: {message}"), sys.stderr)
