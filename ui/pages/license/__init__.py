"""The Licenses page (`LicensePage`), and the read-only table of words the pages share."""

from ui.pages.license.page import LicensePage, local_paths
from ui.pages.license.rows import RowsModel, rows_view

__all__ = ["LicensePage", "RowsModel", "local_paths", "rows_view"]
