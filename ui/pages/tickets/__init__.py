"""The Tickets page (see `page`): the ledger, its filters, the balance and chart, CSV."""

from ui.pages.tickets.page import TicketsPage

__all__ = ["TicketsPage"]
