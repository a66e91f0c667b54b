"""User settings, declared once with their types, defaults and bounds, stored as JSON in the config
folder. Passwords are never stored here: see `app.secrets`.

The file is read no further than 1 MiB and every value is checked against its bounds: a file that
cannot be used, or a value out of range, loads as the default and is reported (never raised), so
that a hand-edited file never stops the console from starting.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.errors import UserError
from app.paths import HOME_VARIABLE
from licensing.values import one_line_problem

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 1024 * 1024
MAX_URL_LENGTH = 2048
MAX_FIELD_LENGTH = 254
"""Host names, user names, e-mail addresses (RFC 5321 caps a path at 254), names, phones."""


class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"
    SSL = "ssl"
    NONE = "none"


@dataclass(slots=True)
class Settings:
    database_url: str = ""  # empty: the embedded SQLite file in the user data folder
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: SmtpSecurity = SmtpSecurity.STARTTLS
    smtp_username: str = ""
    smtp_sender: str = ""
    reminder_days: int = 60
    low_ticket_threshold: int = 2
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "smtp_port": (1, 65535),
    "reminder_days": (1, 365),
    "low_ticket_threshold": (0, 1000),
}
"""The allowed range of each whole-number setting, both ends included (the form uses them too)."""

TEXT_LIMITS: dict[str, int] = {
    field.name: MAX_URL_LENGTH if field.name == "database_url" else MAX_FIELD_LENGTH
    for field in fields(Settings)
    if field.type == "str"
}
"""The longest value of each text setting; every text setting is one line."""


class SettingsFileProblem(StrEnum):
    """Why a settings file could not be used at all (then every setting is its default)."""

    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    NOT_JSON = "not_json"
    NOT_AN_OBJECT = "not_an_object"


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadedSettings:
    settings: Settings
    file_problem: SettingsFileProblem | None = None
    reset_fields: tuple[str, ...] = ()
    """The settings whose saved value was unusable (wrong type, out of range, control characters,
    too long, unknown choice): they are back to their defaults."""

    @property
    def problems(self) -> bool:
        return self.file_problem is not None or bool(self.reset_fields)


def settings_path() -> Path:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home) / "config" / SETTINGS_FILE
    import platformdirs

    from app import APP_AUTHOR, APP_NAME

    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / SETTINGS_FILE


def value_problem(name: str, value: object) -> str | None:
    """Why `value` cannot be the setting `name`, in a short phrase; None when it can."""
    default = getattr(Settings(), name)
    if isinstance(default, SmtpSecurity):
        if not isinstance(value, str) or value not in {m.value for m in SmtpSecurity}:
            return "must be one of " + ", ".join(member.value for member in SmtpSecurity)
        return None
    if isinstance(default, int):
        if not isinstance(value, int) or isinstance(value, bool):
            return "must be a whole number"
        low, high = INTEGER_RANGES[name]
        if not low <= value <= high:
            return f"must be from {low} to {high}"
        return None
    if not isinstance(value, str):
        return "must be text"
    return one_line_problem(value, TEXT_LIMITS[name])


def settings_problems(settings: Settings) -> dict[str, str]:
    """Every setting whose value is out of its bounds, with why."""
    problems = {}
    for field in fields(Settings):
        problem = value_problem(field.name, getattr(settings, field.name))
        if problem is not None:
            problems[field.name] = problem
    return problems


def read_settings(path: Path | None = None) -> LoadedSettings:
    """The saved settings and what was wrong with them. Never raises: a missing file is the
    defaults; an unusable file, or an unusable value, is the default and is reported."""
    path = path or settings_path()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return LoadedSettings(settings=Settings())
    except OSError:
        return LoadedSettings(settings=Settings(), file_problem=SettingsFileProblem.UNREADABLE)
    if len(data) > MAX_SETTINGS_BYTES:
        return LoadedSettings(settings=Settings(), file_problem=SettingsFileProblem.TOO_LARGE)
    try:
        document: Any = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        return LoadedSettings(settings=Settings(), file_problem=SettingsFileProblem.NOT_JSON)
    if not isinstance(document, dict):
        return LoadedSettings(settings=Settings(), file_problem=SettingsFileProblem.NOT_AN_OBJECT)
    values: dict[str, Any] = {}
    reset = []
    for field in fields(Settings):
        if field.name not in document:
            continue  # a setting added after the file was written: its default
        value = document[field.name]
        if value_problem(field.name, value) is not None:
            reset.append(field.name)
        elif field.name == "smtp_security":
            values[field.name] = SmtpSecurity(value)
        else:
            values[field.name] = value
    return LoadedSettings(settings=Settings(**values), reset_fields=tuple(reset))


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; a missing, unusable or partly wrong file falls back to defaults (see
    `read_settings` for what was wrong)."""
    return read_settings(path).settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Writes atomically (a crash never leaves half a settings file); refuses values out of
    their bounds with `UserError`, so the file always loads as it was saved.

    A password written in the database URL goes to the OS keyring, never to disk; when the OS
    has no keyring, the file is still saved (without it) and `SecretsUnavailable` says so.
    """
    problems = settings_problems(settings)
    if problems:
        raise UserError(
            "the settings were not saved: "
            + "; ".join(f"{name.replace('_', ' ')} {why}" for name, why in problems.items())
        )
    path = path or settings_path()
    data = asdict(settings)
    url, password = split_password(settings.database_url)
    data["database_url"] = url
    text = json.dumps(data, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A temporary file of its own in the same folder, then one rename: two saves at once
        # never write into the same temporary file, and a reader sees the old or the new file.
        handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(f"cannot write the settings file {path}: {exc.strerror or exc}") from None
    if password:
        from app.secrets import SecretStore, database_secret_name

        SecretStore().set(database_secret_name(url), password)


def split_password(database_url: str) -> tuple[str, str | None]:
    """(the URL without its password, the password), for URLs that carry one."""
    if not database_url:
        return database_url, None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(database_url)
    except (ArgumentError, ValueError):
        return database_url, None  # a plain path, or not a URL: nothing secret to take out
    if not parsed.password:
        return database_url, None
    stripped = parsed._replace(password=None).render_as_string(hide_password=False)
    return stripped, str(parsed.password)
