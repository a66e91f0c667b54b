"""`verify FILE` and `import FILE...`."""

from __future__ import annotations

import argparse

from app.cli.output import emit
from app.console import Console
from app.importing import import_files, read_document_file
from licensing.documents import verify_document
from licensing.errors import DocumentError


def run(args: argparse.Namespace, console: Console) -> int:
    return verify(args, console) if args.command == "verify" else import_(args, console)


def verify(args: argparse.Namespace, console: Console) -> int:
    """Checks one document against this run's trust and the revocations that count."""
    from app.status import read

    revoked = read(console).revocations
    try:
        document = verify_document(read_document_file(args.file), console.trust, revoked=revoked)
    except DocumentError as exc:
        error = exc
        data = {
            "valid": False,
            "type": error.document_type,
            "kid": error.kid,
            "trust": error.trust,
            "claims": error.raw_claims,
            "error": {"code": error.code, "message": error.message},
        }
        emit(args.json, data, lambda: f"INVALID ({error.code}): {error.message}")
        return 2
    data = {
        "valid": True,
        "type": document.type.value,
        "kid": document.kid,
        "trust": document.trust.value,
        "claims": document.raw_claims,
        "error": None,
    }
    emit(
        args.json,
        data,
        lambda: (
            f"valid {document.type.value}, signed by {document.kid} ({document.trust.value} key)"
        ),
    )
    return 0


def import_(args: argparse.Namespace, console: Console) -> int:
    report = import_files(console, args.files)
    data = {
        "imported": report.succeeded,
        "files": [
            {
                "path": f.name,
                "status": f.status.value,
                "type": f.document_type,
                "message": f.message,
                "error": f.error_code,
            }
            for f in report.files
        ],
    }

    def human() -> str:
        lines = [
            f"{f.name}: {f.status.value}"
            + (f" {f.document_type}" if f.document_type else "")
            + f": {f.message}"
            for f in report.files
        ]
        if not report.succeeded:
            lines.append("nothing was imported: fix or remove the refused files and try again")
        return "\n".join(lines)

    emit(args.json, data, human)
    return report.exit_code
