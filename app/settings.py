"""User settings, declared once with their types and defaults, stored as JSON in the config
folder. Passwords are never stored here: see `app.secrets`.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from app.paths import HOME_VARIABLE

SETTINGS_FILE = "settings.json"


@dataclass
class Settings:
    database_url: str = ""  # empty: the embedded SQLite file in the user data folder
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"  # starttls | ssl | none
    smtp_username: str = ""
    smtp_sender: str = ""
    reminder_days: int = 60
    low_ticket_threshold: int = 2
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


def settings_path() -> Path:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home) / "config" / SETTINGS_FILE
    import platformdirs

    from app import APP_AUTHOR, APP_NAME

    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; a missing, unreadable or partly wrong file falls back to defaults."""
    path = path or settings_path()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    defaults = Settings()
    values = {}
    for field in fields(Settings):
        value = data.get(field.name)
        if isinstance(value, type(getattr(defaults, field.name))) and not isinstance(value, bool):
            values[field.name] = value
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Writes atomically, so a crash never leaves half a settings file.

    A password written in the database URL goes to the OS keyring, never to disk; when the OS
    has no keyring, the file is still saved (without it) and `SecretsUnavailable` says so.
    """
    path = path or settings_path()
    data = asdict(settings)
    url, password = split_password(settings.database_url)
    data["database_url"] = url
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)
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
    except ArgumentError:
        return database_url, None  # a plain path, or not a URL: nothing secret to take out
    if not parsed.password:
        return database_url, None
    stripped = parsed._replace(password=None).render_as_string(hide_password=False)
    return stripped, str(parsed.password)
