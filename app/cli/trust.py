"""`trust list|add|remove`: the keys this console trusts (docs/rules.md, "Trust")."""

from __future__ import annotations

import argparse
import sys

from app.cli.output import emit, write
from app.console import Console
from app.errors import UserError
from app.paths import app_paths
from app.trust import add_keys, keys_to_add, remove_key


def run(args: argparse.Namespace, console: Console) -> int:
    path = app_paths().trusted_keys
    match args.trust_command:
        case "list":
            keys = sorted(console.trust.keys.values(), key=lambda k: (k.source.value, k.kid))
            rows = [{"kid": k.kid, "source": k.source.value, "origin": k.origin} for k in keys]
            emit(
                args.json,
                {"keys": rows},
                lambda: "\n".join(f"{r['kid']}  {r['source']:10}  {r['origin']}" for r in rows),
            )
        case "add":
            fresh = keys_to_add(args.file, path)
            if not args.yes and sys.stdin.isatty():
                write(
                    "Documents signed by these keys will count as the vendor's:\n"
                    + "\n".join(f"  {k.kid}" for k in fresh)
                    + "\nOnly add keys the vendor gave you. Trust them? [y/N] ",
                    sys.stderr,
                )
                if sys.stdin.readline().strip().lower() not in ("y", "yes"):
                    raise UserError("nothing added")
            added = add_keys(args.file, path)
            emit(
                args.json,
                {"added": [k.kid for k in added]},
                lambda: (
                    "trusted from now on (additional keys):\n"
                    + "\n".join(f"  {k.kid}" for k in added)
                ),
            )
        case "remove":
            removed = remove_key(args.kid, path)
            emit(
                args.json,
                {"removed": removed.kid},
                lambda: f"no longer trusted: {removed.kid}",
            )
    return 0
