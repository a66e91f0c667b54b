"""Running work off the GUI thread (the pattern of Anki's QueryOp and Picard's thread helper).

`TaskRunner.run(work, on_success, on_failure)` runs `work()` on a worker thread and calls one of
the callbacks back on the GUI thread. The work never touches a widget. One worker thread only:
database writes go through a single writer, in the order they were asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker arrive there queued."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # delivered to the GUI thread, never lost in a worker
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: set[_Relay] = set()
        self._stopped = False

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        if self._stopped:
            return  # the window is closing: nothing new starts
        relay = _Relay(self)
        self._pending.add(relay)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

        def finish() -> None:
            self._pending.discard(relay)
            relay.deleteLater()
            if not self._pending:
                self.busy_changed.emit(False)

        def succeeded(result: Any) -> None:
            finish()
            on_success(result)

        def failed(error: BaseException) -> None:
            finish()
            on_failure(error)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._pool.start(_Job(work, relay))

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Drains the pool (in tests)."""
        return self._pool.waitForDone(milliseconds)

    def shutdown(self, milliseconds: int = 30_000) -> bool:
        """Starts nothing more and drains the pool, before the window and its relays go away
        (a worker must never signal a deleted object; Picard drains its pools the same way)."""
        self._stopped = True
        return self._pool.waitForDone(milliseconds)
