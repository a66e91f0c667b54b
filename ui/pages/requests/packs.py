"""The support-pack form (R8): for one license, the number of packs with their price from
`licensing.renewals.pack_quote`, the purchase order, and the non-refundable acknowledgement."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from licensing.renewals import MAX_PACKS_PER_REQUEST, PackQuote, pack_quote
from ui.pages.requests.renewal import caption, notes_field
from ui.wording import license_title, money_text, tickets_text

if TYPE_CHECKING:
    from licensing.policy import VendorPolicy
    from licensing.portfolio import LicenseStanding


class PacksSection(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy: VendorPolicy | None = None
        self.license_id: str | None = None
        self.quote: PackQuote | None = None
        """The price shown, for the count shown."""

        form = QFormLayout(self)
        self.license_line = QLabel()
        self.license_line.setObjectName("pack-license")
        self.license_line.setWordWrap(True)
        form.addRow(self.license_line)
        self.terms = QLabel()
        self.terms.setObjectName("pack-terms")
        self.terms.setWordWrap(True)
        form.addRow(self.terms)

        self.count = QSpinBox()
        self.count.setObjectName("pack-count")
        self.count.setRange(1, MAX_PACKS_PER_REQUEST)
        self.count.setMaximumWidth(160)
        self.count.setAccessibleName(self.tr("Number of support packs"))
        self.count.valueChanged.connect(self._show_total)
        self.count.valueChanged.connect(self.changed)
        form.addRow(caption(self.tr("Number of p&acks:"), self.count), self.count)

        self.total = QLabel("—")
        self.total.setObjectName("pack-total")
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Total:"), self.total)

        self.po_number = QLineEdit()
        self.po_number.setObjectName("pack-po")
        self.po_number.setAccessibleName(self.tr("Purchase order number (required)"))
        self.po_number.setPlaceholderText(self.tr("required: packs are bought by purchase order"))
        self.po_number.textChanged.connect(self.changed)
        form.addRow(caption(self.tr("Purchase &order:"), self.po_number), self.po_number)

        self.acknowledge = QCheckBox(
            self.tr(
                "&I understand that support packs are non-refundable (fees are earned when paid)"
            )
        )
        self.acknowledge.setObjectName("pack-acknowledge")
        self.acknowledge.setAccessibleName(self.tr("Support packs are non-refundable"))
        self.acknowledge.toggled.connect(self.changed)
        form.addRow(self.acknowledge)

        self.notes = notes_field("pack-notes", self.tr("Notes for the pack request"))
        self.notes.textChanged.connect(self.changed)
        form.addRow(caption(self.tr("No&tes:"), self.notes), self.notes)

    def show_license(self, standing: LicenseStanding | None, policy: VendorPolicy) -> None:
        """Packs belong to one license: `standing`, or None when "All" is selected."""
        self.policy = policy
        self.license_id = None if standing is None else standing.license_id
        if standing is None:
            self.license_line.setText(
                self.tr(
                    "Support packs are bought for one license: choose it in the License "
                    "selector above."
                )
            )
        else:
            self.license_line.setText(
                self.tr("For {license}.").format(license=license_title(standing))
            )
        price = money_text(policy.pack_price.amount, policy.pack_price.currency)
        self.terms.setText(
            self.tr(
                "{tickets} and {price} per pack, usable for {months} from its purchase. Packs "
                "are bought by purchase order; the fees are earned when paid and are "
                "non-refundable."
            ).format(
                tickets=tickets_text(policy.pack_tickets),
                price=price,
                months=self.tr("%n month(s)", "", policy.pack_validity_months),
            )
        )
        self._show_total()

    def _show_total(self) -> None:
        if self.policy is None:
            self.quote = None
            self.total.setText("—")
            return
        quote = pack_quote(self.count.value(), self.policy)
        self.quote = quote
        self.total.setText(
            self.tr("{total} for {packs}: {tickets}").format(
                total=money_text(quote.total.amount, quote.total.currency),
                packs=self.tr("%n pack(s)", "", quote.packs),
                tickets=tickets_text(quote.tickets),
            )
        )
