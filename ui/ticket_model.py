"""The ticket ledger as a table model that sorts and filters inside itself.

Every `TicketEntry` of the dashboard becomes one plain row (a tuple) when a dashboard arrives;
sorting is `list.sort` with a key function and filtering builds a list of row numbers, so 100,000
rows sort in tens of milliseconds and filter per keystroke in about ten (a
`QSortFilterProxyModel` calls back into Python for every comparison: seconds). The model computes
no rule: outcomes, buckets and disputes are the dashboard's, words come from `ui.wording`.
About 510 lines: the model's columns, roles, sort and filter belong together.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum
from operator import attrgetter
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from licensing.claims import Category, Classification, TicketKind
from licensing.ledger import Bucket, BucketKind, Outcome
from licensing.portfolio import DisputeState, TicketEntry, TicketSource, dispute_state
from ui.wording import (
    bucket_explanation,
    bucket_text,
    category_text,
    classification_text,
    date_text,
    dispute_marker_text,
    dispute_text,
    kind_text,
    outcome_explanation,
    outcome_text,
    source_explanation,
    source_text,
    unassigned_text,
)

(
    COL_CASE,
    COL_OPENED,
    COL_TITLE,
    COL_LICENSE,
    COL_KIND,
    COL_CLASSIFICATION,
    COL_CATEGORY,
    COL_SOURCE,
    COL_OUTCOME,
    COL_BUCKET,
    COL_DISPUTE,
) = range(11)
COLUMN_COUNT = 11

RAW_ROLE = int(Qt.ItemDataRole.UserRole)
"""The raw value of a cell: the `date` of the opened column, a code or text (str) elsewhere;
"" for no license, no bucket or no dispute."""
ENTRY_ROLE = RAW_ROLE + 1
"""The whole `TicketEntry` of the row (any column)."""

_Index = QModelIndex | QPersistentModelIndex
_CASE_ID = attrgetter("entry.ticket.case_id")
_CONTEXT = "TicketModel"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` as it is: a title such as "<b>" is never read as markup."""
    return f"<p>{html.escape(text)}</p>"


def dispute_detail(entry: TicketEntry) -> str:
    """A vendor ticket's dispute in full (who, when, what, why); "" without one."""
    if entry.dispute is None:
        return ""
    return dispute_text(entry.dispute, entry.ticket, dispute_state(entry.dispute, entry.ticket))


class Show(StrEnum):
    """Which tickets the table lets through besides the other filters."""

    VENDOR = "vendor"
    LOCAL = "local"
    DISPUTED = "disputed"
    UNASSIGNED = "unassigned"


class TicketFilter(NamedTuple):
    """What the table shows; a field left at None (or "") does not filter."""

    search: str = ""
    """A substring of the case id, the title or the license id, in any case."""
    outcome: Outcome | None = None
    period: tuple[date, date] | None = None
    """Tickets opened on days start <= D < end."""
    show: Show | None = None


_DISPUTE_RANK: dict[DisputeState | None, int] = {
    DisputeState.OPEN: 0,
    DisputeState.NO_VENDOR_RECORD: 1,
    DisputeState.RESOLVED: 2,
    None: 3,
}
_BUCKET_RANK: dict[BucketKind | None, int] = {BucketKind.ANNUAL: 0, BucketKind.PACK: 1, None: 2}


class TicketRow(NamedTuple):
    """One ledger entry and what sorting and filtering need beyond it, computed once. The
    entry's own values are properties: 100,000 rows hold 9 MiB less than flattened (P6)."""

    entry: TicketEntry
    dispute: DisputeState | None
    title_key: str  # the title case-folded, for sorting
    search: str  # case-folded case id, title and license, for the search box
    position: int  # place in the dashboard's order (the ledger's draw order)

    @property
    def case_id(self) -> str:
        return self.entry.ticket.case_id

    @property
    def opened_on(self) -> date:
        return self.entry.ticket.opened_on

    @property
    def kind(self) -> TicketKind:
        return self.entry.ticket.kind

    @property
    def classification(self) -> Classification:
        return self.entry.ticket.classification

    @property
    def category(self) -> Category:
        return self.entry.ticket.category

    @property
    def title(self) -> str:
        return self.entry.ticket.title or ""

    @property
    def license_id(self) -> str:
        """ "" when unassigned."""
        return self.entry.license_id or ""

    @property
    def source(self) -> TicketSource:
        return self.entry.source

    @property
    def outcome(self) -> Outcome:
        return self.entry.outcome

    @property
    def bucket_kind(self) -> BucketKind | None:
        return None if self.entry.bucket is None else self.entry.bucket.kind

    @property
    def bucket_key(self) -> str:
        return "" if self.entry.bucket is None else self.entry.bucket.key


def make_row(entry: TicketEntry, position: int) -> TicketRow:
    ticket, dispute = entry.ticket, entry.dispute
    title_key = (ticket.title or "").casefold()
    license_id = entry.license_id or ""
    return TicketRow(
        entry,
        None if dispute is None else dispute_state(dispute, ticket),
        title_key,
        f"{ticket.case_id.casefold()}\n{title_key}\n{license_id.casefold()}",
        position,
    )


_RAW: dict[int, Callable[[TicketRow], date | str]] = {
    COL_CASE: lambda r: r.case_id,
    COL_OPENED: lambda r: r.opened_on,
    COL_TITLE: lambda r: r.title,
    COL_LICENSE: lambda r: r.license_id,
    COL_KIND: lambda r: r.kind.value,
    COL_CLASSIFICATION: lambda r: r.classification.value,
    COL_CATEGORY: lambda r: r.category.value,
    COL_SOURCE: lambda r: r.source.value,
    COL_OUTCOME: lambda r: r.outcome.value,
    COL_BUCKET: lambda r: r.bucket_key,
    COL_DISPUTE: lambda r: "" if r.dispute is None else r.dispute.value,
}
"""What `RAW_ROLE` gives for each column."""


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
            COL_TITLE: self.tr("Title"),
            COL_LICENSE: self.tr("License"),
            COL_KIND: self.tr("Kind"),
            COL_CLASSIFICATION: self.tr("Classification"),
            COL_CATEGORY: self.tr("Category"),
            COL_SOURCE: self.tr("Source"),
            COL_OUTCOME: self.tr("Outcome"),
            COL_BUCKET: self.tr("Drawn from"),
            COL_DISPUTE: self.tr("Dispute"),
        }
        self._header_tips = {
            COL_SOURCE: self.tr("Vendor: from a signed statement, read-only. Local: yours."),
            COL_BUCKET: self.tr("The ticket period or the support pack the ticket drew from"),
            COL_DISPUTE: self.tr("Your disagreement with the vendor's record, if any"),
        }
        # Words are looked up once: data() and the sort keys run for every visible cell or row.
        self._kind_words = {k: kind_text(k) for k in TicketKind}
        self._classification_words = {c: classification_text(c) for c in Classification}
        self._category_words = {c: category_text(c) for c in Category}
        self._outcome_words = {o: outcome_text(o) for o in Outcome}
        self._source_words = {s: source_text(s) for s in TicketSource}
        self._dispute_words: dict[DisputeState | None, str] = {
            state: dispute_marker_text(state) for state in DisputeState
        }
        self._dispute_words[None] = ""
        self._unassigned = unassigned_text()
        self._dates: dict[date, str] = {}
        self._buckets: dict[Bucket | None, str] = {None: bucket_text(None)}
        self._words: dict[int, Callable[[TicketRow], str]] = {
            COL_CASE: lambda r: r.case_id,
            COL_OPENED: lambda r: self._date_word(r.opened_on),
            COL_TITLE: lambda r: r.title,
            COL_LICENSE: lambda r: r.license_id or self._unassigned,
            COL_KIND: lambda r: self._kind_words[r.kind],
            COL_CLASSIFICATION: lambda r: self._classification_words[r.classification],
            COL_CATEGORY: lambda r: self._category_words[r.category],
            COL_SOURCE: lambda r: self._source_words[r.source],
            COL_OUTCOME: lambda r: self._outcome_words[r.outcome],
            COL_BUCKET: lambda r: self._bucket_word(r.entry.bucket),
            COL_DISPUTE: lambda r: self._dispute_words[r.dispute],
        }

    def _bucket_word(self, bucket: Bucket | None) -> str:
        word = self._buckets.get(bucket)
        if word is None:
            word = self._buckets[bucket] = bucket_text(bucket)
        return word

    def _date_word(self, day: date) -> str:
        word = self._dates.get(day)
        if word is None:
            word = self._dates[day] = date_text(day)
        return word

    # Loading --------------------------------------------------------------------------------

    def load(self, entries: Sequence[TicketEntry]) -> None:
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
        if f.outcome is not None:
            outcome = f.outcome
            keep = [i for i in keep if rows[i].outcome is outcome]
        if f.period is not None:
            start, end = f.period
            keep = [i for i in keep if start <= rows[i].opened_on < end]
        match f.show:
            case Show.VENDOR:
                keep = [i for i in keep if rows[i].source is TicketSource.VENDOR]
            case Show.LOCAL:
                keep = [i for i in keep if rows[i].source is TicketSource.LOCAL]
            case Show.DISPUTED:
                keep = [i for i in keep if rows[i].dispute is not None]
            case Show.UNASSIGNED:
                keep = [i for i in keep if rows[i].outcome is Outcome.UNASSIGNED]
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
        """Dates sort as dates, buckets by kind and key, disputes by state, every other column
        by the words shown; ties by day and case."""
        kinds, classes = self._kind_words, self._classification_words
        categories, outcomes = self._category_words, self._outcome_words
        sources = self._source_words
        # The day and case id of a row, read in C: a sort calls the key 100,000 times, and a flat
        # key tuple is half the memory of a nested one while the sort holds them all (P6).
        tie = attrgetter("entry.ticket.opened_on", "entry.ticket.case_id")
        ticket = attrgetter("entry.ticket")
        keys: dict[int, Callable[[TicketRow], Any]] = {
            COL_CASE: lambda r: (r.case_id.casefold(), r.case_id),
            COL_OPENED: tie,
            COL_TITLE: attrgetter("title_key", "entry.ticket.opened_on", "entry.ticket.case_id"),
            COL_LICENSE: lambda r: (r.license_id.casefold(), *tie(r)),
            COL_KIND: lambda r: (kinds[ticket(r).kind].casefold(), *tie(r)),
            COL_CLASSIFICATION: lambda r: (classes[ticket(r).classification].casefold(), *tie(r)),
            COL_CATEGORY: lambda r: (categories[ticket(r).category].casefold(), *tie(r)),
            COL_SOURCE: lambda r: (sources[r.entry.source].casefold(), *tie(r)),
            COL_OUTCOME: lambda r: (outcomes[r.entry.outcome].casefold(), *tie(r)),
            # Ticket periods, then packs, then none; each by its key (period start, pack id).
            COL_BUCKET: lambda r: (_BUCKET_RANK[r.bucket_kind], r.bucket_key, *tie(r)),
            COL_DISPUTE: lambda r: (_DISPUTE_RANK[r.dispute], *tie(r)),
        }
        return keys.get(column, lambda r: r.position)

    def _move_persistent(
        self, persistent: list[QModelIndex], remembered: list[tuple[str, int]]
    ) -> None:
        """Points the views' persistent indexes (selection, current cell) at the moved rows."""
        if not persistent:
            return
        wanted = {case_id for case_id, _ in remembered}
        shown: dict[str, int] = {}
        case_of, rows = _CASE_ID, self._rows
        for n, i in enumerate(self._visible):  # 100,000 rows: stop once every one is found
            case_id = case_of(rows[i])
            if case_id in wanted:
                shown[case_id] = n
                if len(shown) == len(wanted):
                    break
        moved = [
            self.index(shown[case_id], column) if case_id in shown else QModelIndex()
            for case_id, column in remembered
        ]
        self.changePersistentIndexList(persistent, moved)

    # Reading rows ---------------------------------------------------------------------------

    def entry_at(self, row: int) -> TicketEntry:
        """The ledger entry shown on a row of the table."""
        return self._rows[self._visible[row]].entry

    def shown_entries(self) -> list[TicketEntry]:
        """The entries the table shows, in the order it shows them (filter and sort applied)."""
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
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._header_tips.get(section)
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
            return _RAW[column](row)
        if role == ENTRY_ROLE:
            return row.entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: TicketRow, column: int) -> str | None:
        """The whole story of a cell: a column narrowed to fit elides its words."""
        entry = row.entry
        if column == COL_TITLE:
            return plain_tooltip(row.title) if row.title else None
        if column == COL_LICENSE and not row.license_id:
            return outcome_explanation(Outcome.UNASSIGNED)
        if column == COL_SOURCE:
            return source_explanation(row.source)
        if column == COL_OUTCOME:
            return f"{self._outcome_words[row.outcome]}: {outcome_explanation(row.outcome)}"
        if column == COL_BUCKET:
            return bucket_explanation(entry.bucket)
        if column == COL_DISPUTE:
            return plain_tooltip(dispute_detail(entry)) if entry.dispute else None
        return self._display(row, column)

    def _display(self, row: TicketRow, column: int) -> str:
        return self._words[column](row)
