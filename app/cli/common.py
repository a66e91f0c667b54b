"""What several commands share: the evaluation day and the one license a command is about."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from packaging.version import Version

from app.cli.parser import UsageError
from app.errors import UserError
from licensing.claims import Category, enum_value, parse_version
from licensing.values import parse_date

if TYPE_CHECKING:
    from app.console import Console


def parse_day(text: str, option: str) -> date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise UserError(f"{option}: {exc}") from None


def as_of(args: argparse.Namespace, console: Console) -> date:
    return parse_day(args.as_of, "--as-of") if args.as_of else console.today


def one_license_option(args: argparse.Namespace) -> str | None:
    """The `--license` of a command about one license (None: the only one stored)."""
    if len(args.license) > 1:
        raise UsageError("this command is about one license: give --license once")
    return args.license[0] if args.license else None


def category(text: str, option: str = "--category") -> Category:
    try:
        return enum_value(Category, text, option)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def version(text: str, option: str) -> Version:
    try:
        return parse_version(text)
    except ValueError as exc:
        raise UserError(f"{option}: {exc}") from None
