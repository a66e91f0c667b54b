"""The Upgrades page (`UpgradesPage`) and its date input."""

from ui.pages.upgrades.date_input import DateInput
from ui.pages.upgrades.page import ManualCheck, UpgradesPage

__all__ = ["DateInput", "ManualCheck", "UpgradesPage"]
