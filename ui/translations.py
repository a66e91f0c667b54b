"""Translations: English plural forms always (so that "%n day(s)" reads "1 day", "2 days"),
and the catalogue of the system's language over them when one is shipped."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from resources import resource_path

CATALOGUE = "entitlement_console"


def install_translators(app: QCoreApplication) -> list[QTranslator]:
    folder = str(resource_path("translations"))
    installed = []
    english = QTranslator(app)
    if english.load(f"{CATALOGUE}_en", folder):
        app.installTranslator(english)
        installed.append(english)
    local = QTranslator(app)
    if QLocale().language() != QLocale.Language.English and local.load(
        QLocale(), CATALOGUE, "_", folder
    ):
        app.installTranslator(local)
        installed.append(local)
    return installed
