"""Settings: typed, bounded, read no further than 1 MiB, saved atomically and without passwords;
a bad file or value loads as the default and is reported, never raised."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from app.errors import UserError
from app.secrets import SecretStore, database_secret_name
from app.settings import (
    MAX_SETTINGS_BYTES,
    LoadedSettings,
    Settings,
    SettingsFileProblem,
    SmtpSecurity,
    load_settings,
    read_settings,
    save_settings,
    settings_path,
    settings_problems,
)
from tests.memory_keyring import MemoryKeyring


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_missing_file_is_the_defaults_without_a_problem(tmp_path: Path) -> None:
    loaded = read_settings(tmp_path / "none.json")
    assert loaded == LoadedSettings(settings=Settings())
    assert not loaded.problems


def test_saved_settings_load_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(
        smtp_host="mail.contoso.example",
        smtp_port=465,
        smtp_security=SmtpSecurity.SSL,
        reminder_days=90,
        low_ticket_threshold=0,
        contact_name="Ada Admin",
    )
    save_settings(settings, path)
    loaded = read_settings(path)
    assert loaded.settings == settings
    assert loaded.settings.smtp_security is SmtpSecurity.SSL
    assert not loaded.problems
    assert load_settings(path) == settings


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", SettingsFileProblem.NOT_JSON),
        (b"\xff\xfe\x00garbage", SettingsFileProblem.NOT_JSON),
        (b"[" * 100_000 + b"]" * 100_000, SettingsFileProblem.NOT_JSON),
        (b'["smtp_port", 25]', SettingsFileProblem.NOT_AN_OBJECT),
        (b" " * (MAX_SETTINGS_BYTES - 2) + b"{}", None),
        (b" " * MAX_SETTINGS_BYTES + b"{}", SettingsFileProblem.TOO_LARGE),
    ],
    ids=["broken", "binary", "deeply-nested", "a-list", "just-under-1-MiB", "over-1-MiB"],
)
def test_an_unusable_file_loads_as_the_defaults_and_says_why(
    tmp_path: Path,
    content: bytes,
    problem: SettingsFileProblem | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    loaded = read_settings(path)
    assert loaded.settings == Settings()
    assert loaded.file_problem is problem
    assert capsys.readouterr() == ("", "")  # nothing on stdout or stderr, no traceback


def test_the_file_is_read_no_further_than_1_mib(tmp_path: Path) -> None:
    """An endless file (a link to /dev/zero) is refused after 1 MiB, not read to the end."""
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero on this system")
    path = tmp_path / "settings.json"
    path.symlink_to(zero)
    assert read_settings(path).file_problem is SettingsFileProblem.TOO_LARGE


def test_a_folder_in_place_of_the_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    assert read_settings(path).file_problem is SettingsFileProblem.UNREADABLE


def test_each_value_out_of_bounds_is_its_default_and_named(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.json",
        {
            "smtp_host": "mail.contoso.example",  # good: kept
            "smtp_port": 70000,
            "smtp_security": "tls13",
            "smtp_username": "ada\nBcc: everyone@example.com",
            "smtp_sender": "x" * 255,
            "reminder_days": -5,
            "low_ticket_threshold": True,  # a bool is not a number of tickets
            "contact_name": 42,
            "contact_email": "ada@contoso.example",  # good: kept
            "contact_phone": "\x1b[31mred",
            "database_url": "sqlite:///" + "d" * 3000,
            "unknown_setting": "ignored",
        },
    )
    loaded = read_settings(path)
    defaults = Settings()
    assert loaded.settings == Settings(
        smtp_host="mail.contoso.example", contact_email="ada@contoso.example"
    )
    assert loaded.settings.smtp_port == defaults.smtp_port
    assert set(loaded.reset_fields) == {
        "smtp_port",
        "smtp_security",
        "smtp_username",
        "smtp_sender",
        "reminder_days",
        "low_ticket_threshold",
        "contact_name",
        "contact_phone",
        "database_url",
    }
    assert loaded.file_problem is None and loaded.problems


@pytest.mark.parametrize(
    ("name", "good", "bad"),
    [
        ("smtp_port", [1, 587, 65535], [0, 65536, -1, 2.5, "587"]),
        ("reminder_days", [1, 365], [0, -1, 366]),
        ("low_ticket_threshold", [0, 1000], [-1, 1001]),
    ],
)
def test_whole_numbers_are_kept_inside_their_ranges(
    tmp_path: Path, name: str, good: list[object], bad: list[object]
) -> None:
    for value in good:
        loaded = read_settings(write(tmp_path / "s.json", {name: value}))
        assert getattr(loaded.settings, name) == value and not loaded.problems
    for value in bad:
        loaded = read_settings(write(tmp_path / "s.json", {name: value}))
        assert getattr(loaded.settings, name) == getattr(Settings(), name), value
        assert loaded.reset_fields == (name,)


def test_saving_refuses_values_out_of_bounds_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(smtp_host="good.example"), path)
    before = path.read_bytes()
    with pytest.raises(UserError, match="smtp port must be from 1 to 65535"):
        save_settings(Settings(smtp_port=0), path)
    with pytest.raises(UserError, match="smtp host must not contain control characters"):
        save_settings(Settings(smtp_host="a\rb"), path)
    assert path.read_bytes() == before
    assert settings_problems(Settings()) == {}


def test_saving_is_atomic_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config" / "settings.json"
    save_settings(Settings(smtp_host="first.example"), path)

    def crash(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(UserError, match="No space left on device"):
        save_settings(Settings(smtp_host="second.example"), path)
    monkeypatch.undo()
    assert load_settings(path).smtp_host == "first.example"
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]


def test_a_password_in_the_database_url_goes_to_the_keyring_only(
    test_keyring: MemoryKeyring,
) -> None:
    url = "postgresql+psycopg://console@db.example:5432/ledger"
    save_settings(Settings(database_url=url.replace("console@", "console:S3cret-4711@")))
    text = settings_path().read_text(encoding="utf-8")
    assert "S3cret-4711" not in text
    assert load_settings().database_url == url
    assert SecretStore().get(database_secret_name(url)) == "S3cret-4711"
