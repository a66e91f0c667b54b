"""The log file in the user log folder: where tracebacks go, so that none reaches a user."""

from __future__ import annotations

import logging

LOGGER_NAME = "entitlement_console"


def log_exception(message: str, error: BaseException | None = None) -> str:
    """Writes the traceback to the log file; returns a phrase saying where it went."""
    from app.paths import app_paths

    log_file = app_paths().log_file
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return "the log folder is not writable"
    logger = logging.getLogger(LOGGER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    try:
        if error is None:
            logger.exception(message)
        else:
            logger.error(message, exc_info=(type(error), error, error.__traceback__))
    finally:
        logger.removeHandler(handler)
        handler.close()
    return f"details in {log_file}"
