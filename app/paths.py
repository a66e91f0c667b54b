"""Where the application keeps its data, from `platformdirs` (never hard-coded paths).

`ENTITLEMENT_CONSOLE_HOME` moves every folder under one root: tests and portable installs use it
so that nothing touches the user's real data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app import APP_AUTHOR, APP_NAME

HOME_VARIABLE = "ENTITLEMENT_CONSOLE_HOME"


@dataclass(frozen=True, slots=True, kw_only=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "entitlements.sqlite3"

    @property
    def demo_database(self) -> Path:
        return self.data / "demo" / "demo-portfolio.sqlite3"

    @property
    def demo_documents(self) -> Path:
        return self.data / "demo" / "documents"

    @property
    def requests(self) -> Path:
        return self.data / "requests"

    @property
    def settings(self) -> Path:
        return self.config / "settings.json"

    @property
    def trusted_keys(self) -> Path:
        """The console's own trusted-keys file, changed only by `trust add/remove`."""
        return self.config / "trusted-keys.json"

    @property
    def window_state(self) -> Path:
        return self.config / "window.ini"

    @property
    def log_file(self) -> Path:
        return self.logs / "entitlement-console.log"


def app_paths() -> AppPaths:
    home = os.environ.get(HOME_VARIABLE)
    if home:
        root = Path(home)
        return AppPaths(data=root / "data", config=root / "config", logs=root / "logs")
    import platformdirs

    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve().as_posix()}"
