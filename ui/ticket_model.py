"""The ticket ledger as a table model that sorts and filters inside itself.

Every ledger entry becomes one plain row (a tuple) when a dashboard arrives; sorting is
`list.sort` with a key function and filtering builds a list of row numbers, so 100,000 rows sort
in tens of milliseconds and filter per keystroke in about ten (a `QSortFilterProxyModel` calls
back into Python for every comparison: seconds). The model computes no rule: outcomes and buckets
are the dashboard's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from licensing.claims import Category, Classification, TicketKind
from licensing.rules import Bucket, BucketKind, Outcome
from ui.wording import outcome_text

if TYPE_CHECKING:
    from app.services import LedgerEntry

(
    COL_CASE,
    COL_OPENED,
    COL_KIND,
    COL_CLASSIFICATION,
    COL_CATEGORY,
    COL_TITLE,
    COL_SOURCE,
    COL_OUTCOME,
    COL_BUCKET,
) = range(9)
COLUMN_COUNT = 9

RAW_ROLE = int(Qt.ItemDataRole.UserRole)
"""The raw value of a cell: the `date` of the opened column, a code or text (str) elsewhere;
the bucket column gives the bucket's key (annual period start or pack id), "" for none."""
ENTRY_ROLE = RAW_ROLE + 1
"""The whole `LedgerEntry` of the row (any column)."""

_Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("TicketWords", text)


def kind_text(kind: TicketKind) -> str:
    return {
        TicketKind.INCIDENT: _t("Incident"),
        TicketKind.SERVICE_REQUEST: _t("Service request"),
    }[kind]


def classification_text(classification: Classification) -> str:
    return {
        Classification.CUSTOMER: _t("Customer"),
        Classification.PRODUCT_BUG: _t("Product bug"),
    }[classification]


def category_text(category: Category) -> str:
    return {
        Category.PRODUCT: _t("Product"),
        Category.UPGRADE: _t("Upgrade"),
        Category.LICENSING: _t("Licensing"),
        Category.SYSTEM_CENTER: _t("System Center apps"),
        Category.INSTALLATION: _t("Installation assistance"),
        Category.CONSULTING: _t("Consulting"),
        Category.CUSTOMIZATION: _t("Customization"),
        Category.TRAINING: _t("Training"),
    }[category]


def source_text(source: str) -> str:
    return {"vendor": _t("Vendor"), "local": _t("Local")}.get(source, source)


def bucket_text(bucket: Bucket | None) -> str:
    """Which bucket a ticket drew from, short: the annual period by its start, or the pack id."""
    if bucket is None:
        return "—"
    if bucket.kind is BucketKind.ANNUAL:
        return _t("Period from {start}").format(start=bucket.key)
    return _t("Pack {pack}").format(pack=bucket.key)


def bucket_tooltip(bucket: Bucket | None) -> str:
    if bucket is None:
        return _t("Not drawn from any period or pack")
    if bucket.kind is BucketKind.ANNUAL:
        return _t("Drawn from the annual period {start} to {end}").format(
            start=bucket.starts_on.isoformat(), end=bucket.expires_on.isoformat()
        )
    return _t("Drawn from support pack {pack}, usable {start} to {end}").format(
        pack=bucket.key, start=bucket.starts_on.isoformat(), end=bucket.expires_on.isoformat()
    )


_BUCKET_RANK: dict[BucketKind | None, int] = {BucketKind.ANNUAL: 0, BucketKind.PACK: 1, None: 2}


class BucketFilter(StrEnum):
    ANNUAL = "annual"
    PACK = "pack"
    NONE = "none"


class TicketFilter(NamedTuple):
    """What the table shows; a field left at None (or "") does not filter."""

    search: str = ""
    """A substring of the case id or the title, in any case."""
    classification: Classification | None = None
    bucket: BucketFilter | None = None
    outcome: Outcome | None = None
    period: tuple[date, date] | None = None
    """Tickets opened on days start <= D < end."""


class TicketRow(NamedTuple):
    """One ledger entry, flattened once so that sorting and filtering touch plain values."""

    entry: LedgerEntry
    case_id: str
    opened_on: date
    kind: TicketKind
    classification: Classification
    category: Category
    title: str
    source: str
    outcome: Outcome
    bucket_kind: BucketKind | None
    bucket_key: str
    title_key: str  # the title case-folded, for sorting
    search: str  # case-folded case id and title, for the search box
    position: int  # place in the dashboard's order (the ledger's draw order)


def make_row(entry: LedgerEntry, position: int) -> TicketRow:
    ticket, bucket = entry.ticket, entry.bucket
    title = ticket.title or ""
    title_key = title.casefold()
    return TicketRow(
        entry,
        ticket.case_id,
        ticket.opened_on,
        ticket.kind,
        ticket.classification,
        ticket.category,
        title,
        entry.source,
        entry.outcome,
        None if bucket is None else bucket.kind,
        "" if bucket is None else bucket.key,
        title_key,
        f"{ticket.case_id.casefold()}\n{title_key}",
        position,
    )


class TicketModel(QAbstractTableModel):
    """The ledger, sorted and filtered in Python over plain rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TicketRow] = []
        """Every row, in the current sort order."""
        self._searches: list[str] = []
        """`_rows[i].search`, kept beside the rows: a plain list of str filters 3x faster."""
        self._visible: list[int] = []
        """Indexes into `_rows` of the rows the filter lets through, in order."""
        self._filter = TicketFilter()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = {
            COL_CASE: self.tr("Case"),
            COL_OPENED: self.tr("Opened"),
            COL_KIND: self.tr("Kind"),
            COL_CLASSIFICATION: self.tr("Classification"),
            COL_CATEGORY: self.tr("Category"),
            COL_TITLE: self.tr("Title"),
            COL_SOURCE: self.tr("Source"),
            COL_OUTCOME: self.tr("Outcome"),
            COL_BUCKET: self.tr("Drawn from"),
        }
        # Words are looked up once: data() and the sort keys run for every visible cell or row.
        self._kind_words = {k: kind_text(k) for k in TicketKind}
        self._classification_words = {c: classification_text(c) for c in Classification}
        self._category_words = {c: category_text(c) for c in Category}
        self._outcome_words = {o: outcome_text(o) for o in Outcome}
        self._source_words = {s: source_text(s) for s in ("vendor", "local")}
        self._bucket_words: dict[Bucket | None, str] = {None: bucket_text(None)}

    def _bucket_word(self, bucket: Bucket | None) -> str:
        word = self._bucket_words.get(bucket)
        if word is None:
            word = self._bucket_words[bucket] = bucket_text(bucket)
        return word

    def _source_word(self, source: str) -> str:
        word = self._source_words.get(source)
        if word is None:
            word = self._source_words[source] = source_text(source)
        return word

    # Loading --------------------------------------------------------------------------------

    def load(self, entries: Sequence[LedgerEntry]) -> None:
        """Shows a new ledger, keeping the sort and the filter.

        When the same cases come back (a refresh after a classification or an edit), only the
        rows that changed are replaced and announced with `dataChanged`, so that the selection
        and the scroll position stay; anything else is a reset.
        """
        rows = [make_row(entry, position) for position, entry in enumerate(entries)]
        if not self._replace_changed(rows):
            self.beginResetModel()
            self._rows = rows
            self._sort_rows()
            self._visible = self._filtered(self._rows, self._searches)
            self.endResetModel()

    def _replace_changed(self, rows: list[TicketRow]) -> bool:
        """Replaces changed rows in place when the case ids are the same set; False otherwise."""
        if len(rows) != len(self._rows) or not rows:
            return False
        where = {row.case_id: index for index, row in enumerate(self._rows)}
        if len(where) != len(rows) or any(row.case_id not in where for row in rows):
            return False
        changed = [
            (where[row.case_id], row)
            for row in rows
            if self._rows[where[row.case_id]] != row  # entry or position differ
        ]
        if not changed:
            return True
        # The new state is worked out before the model says anything.
        key = self._sort_key(self._sort_column)
        resort = any(key(self._rows[index]) != key(row) for index, row in changed)
        new_rows = list(self._rows)
        for index, row in changed:
            new_rows[index] = row
        if resort:
            new_rows.sort(key=key, reverse=self._sort_order is Qt.SortOrder.DescendingOrder)
        new_searches = [row.search for row in new_rows]
        new_visible = self._filtered(new_rows, new_searches)
        old_shown = {self._rows[i].case_id for i in self._visible}
        if {new_rows[i].case_id for i in new_visible} != old_shown:
            # The filter now lets other rows through.
            self.beginResetModel()
            self._rows, self._searches, self._visible = new_rows, new_searches, new_visible
            self.endResetModel()
            return True
        if resort:
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            remembered = [
                (self._rows[self._visible[i.row()]].case_id, i.column()) for i in persistent
            ]
            self._rows, self._searches, self._visible = new_rows, new_searches, new_visible
            self._move_persistent(persistent, remembered)
            self.layoutChanged.emit()
        else:
            self._rows, self._searches, self._visible = new_rows, new_searches, new_visible
        shown = {self._rows[i].case_id: n for n, i in enumerate(self._visible)}
        last = COLUMN_COUNT - 1
        for _, row in changed:
            number = shown.get(row.case_id)
            if number is not None:
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))
        return True

    # Filtering ------------------------------------------------------------------------------

    @property
    def filter(self) -> TicketFilter:
        return self._filter

    def set_filter(self, ticket_filter: TicketFilter) -> None:
        if ticket_filter == self._filter:
            return
        self.beginResetModel()
        self._filter = ticket_filter
        self._visible = self._filtered(self._rows, self._searches)
        self.endResetModel()

    def _filtered(self, rows: list[TicketRow], searches: list[str]) -> list[int]:
        f = self._filter
        keep: Iterable[int] = range(len(rows))
        needle = f.search.strip().casefold()
        if needle:
            keep = [i for i, text in enumerate(searches) if needle in text]
        if f.classification is not None:
            classification = f.classification
            keep = [i for i in keep if rows[i].classification is classification]
        if f.outcome is not None:
            outcome = f.outcome
            keep = [i for i in keep if rows[i].outcome is outcome]
        if f.bucket is not None:
            wanted = {
                BucketFilter.ANNUAL: BucketKind.ANNUAL,
                BucketFilter.PACK: BucketKind.PACK,
                BucketFilter.NONE: None,
            }[f.bucket]
            keep = [i for i in keep if rows[i].bucket_kind is wanted]
        if f.period is not None:
            start, end = f.period
            keep = [i for i in keep if start <= rows[i].opened_on < end]
        return keep if isinstance(keep, list) else list(keep)

    @property
    def total_count(self) -> int:
        return len(self._rows)

    # Sorting --------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts every row (shown or not) by a column; -1 restores the ledger's order."""
        self._sort_column = column if 0 <= column < COLUMN_COUNT else -1
        self._sort_order = order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        remembered = [(self._rows[self._visible[i.row()]].case_id, i.column()) for i in persistent]
        self._sort_rows()
        self._visible = self._filtered(self._rows, self._searches)
        self._move_persistent(persistent, remembered)
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _sort_rows(self) -> None:
        self._rows.sort(
            key=self._sort_key(self._sort_column),
            reverse=self._sort_order is Qt.SortOrder.DescendingOrder,
        )
        self._searches = [row.search for row in self._rows]

    def _sort_key(self, column: int) -> Callable[[TicketRow], Any]:
        """Dates sort as dates, buckets by kind and key, every other column by the words shown;
        ties by day and case."""
        kinds, classes = self._kind_words, self._classification_words
        categories, outcomes = self._category_words, self._outcome_words
        sources = self._source_word
        keys: dict[int, Callable[[TicketRow], Any]] = {
            COL_CASE: lambda r: (r.case_id.casefold(), r.case_id),
            COL_OPENED: lambda r: (r.opened_on, r.case_id),
            COL_KIND: lambda r: (kinds[r.kind].casefold(), r.opened_on, r.case_id),
            COL_CLASSIFICATION: lambda r: (
                classes[r.classification].casefold(),
                r.opened_on,
                r.case_id,
            ),
            COL_CATEGORY: lambda r: (categories[r.category].casefold(), r.opened_on, r.case_id),
            COL_TITLE: lambda r: (r.title_key, r.opened_on, r.case_id),
            COL_SOURCE: lambda r: (sources(r.source).casefold(), r.opened_on, r.case_id),
            COL_OUTCOME: lambda r: (outcomes[r.outcome].casefold(), r.opened_on, r.case_id),
            # Annual periods, then packs, then none; each by its key (period start, pack id).
            COL_BUCKET: lambda r: (
                _BUCKET_RANK[r.bucket_kind],
                r.bucket_key,
                r.opened_on,
                r.case_id,
            ),
        }
        return keys.get(column, lambda r: r.position)

    def _move_persistent(
        self, persistent: list[QModelIndex], remembered: list[tuple[str, int]]
    ) -> None:
        """Points the views' persistent indexes (selection, current cell) at the moved rows."""
        if not persistent:
            return
        shown = {self._rows[i].case_id: n for n, i in enumerate(self._visible)}
        moved = [
            self.index(shown[case_id], column) if case_id in shown else QModelIndex()
            for case_id, column in remembered
        ]
        self.changePersistentIndexList(persistent, moved)

    # Reading rows ---------------------------------------------------------------------------

    def entry_at(self, row: int) -> LedgerEntry:
        """The ledger entry shown on a row of the table."""
        return self._rows[self._visible[row]].entry

    def shown_entries(self) -> list[LedgerEntry]:
        return [self._rows[i].entry for i in self._visible]

    def row_of(self, case_id: str) -> int | None:
        """The table row that shows a case, or None when it is filtered out or unknown."""
        for n, i in enumerate(self._visible):
            if self._rows[i].case_id == case_id:
                return n
        return None

    # QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_BUCKET:
                return self.tr("The annual period or the support pack the ticket drew from")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row_number, column = index.row(), index.column()
        if not (0 <= row_number < len(self._visible) and 0 <= column < COLUMN_COUNT):
            return None
        row = self._rows[self._visible[row_number]]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == RAW_ROLE:
            return self._raw(row, column)
        if role == ENTRY_ROLE:
            return row.entry
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_BUCKET:
                return bucket_tooltip(row.entry.bucket)
            if column == COL_TITLE and row.title:
                return row.title
        return None

    def _display(self, row: TicketRow, column: int) -> str:
        match column:
            case 0:  # COL_CASE
                return row.case_id
            case 1:  # COL_OPENED
                return row.opened_on.isoformat()
            case 2:  # COL_KIND
                return self._kind_words[row.kind]
            case 3:  # COL_CLASSIFICATION
                return self._classification_words[row.classification]
            case 4:  # COL_CATEGORY
                return self._category_words[row.category]
            case 5:  # COL_TITLE
                return row.title
            case 6:  # COL_SOURCE
                return self._source_word(row.source)
            case 7:  # COL_OUTCOME
                return self._outcome_words[row.outcome]
            case _:  # COL_BUCKET
                return self._bucket_word(row.entry.bucket)

    @staticmethod
    def _raw(row: TicketRow, column: int) -> date | str:
        match column:
            case 0:
                return row.case_id
            case 1:
                return row.opened_on
            case 2:
                return row.kind.value
            case 3:
                return row.classification.value
            case 4:
                return row.category.value
            case 5:
                return row.title
            case 6:
                return row.source
            case 7:
                return row.outcome.value
            case _:
                return row.bucket_key
