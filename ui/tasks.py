"""Running work off the GUI thread (the pattern of Anki's QueryOp and Picard's thread helper).

`TaskRunner.run(work, on_success, on_failure)` runs `work()` on a worker thread and calls one of
the callbacks back on the GUI thread. The work never touches a widget. One worker thread only:
database writes go through a single writer, in the order they were asked for.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

_runners_alive = 0
"""TaskRunners not yet shut down; Python's automatic collection is off while there are any."""


def _hold_collection() -> None:
    """Python's cyclic collector runs in whichever thread happens to allocate past a threshold.
    Run on the worker, it would destroy the Qt objects of a garbage cycle (a window's closures)
    off the GUI thread: a crash. So while a worker exists the GUI thread collects, on a timer
    and after each task (pyqtgraph's GarbageCollector does the same)."""
    global _runners_alive
    if _runners_alive == 0:
        gc.disable()
    _runners_alive += 1


def _release_collection() -> None:
    global _runners_alive
    _runners_alive -= 1
    if _runners_alive == 0:
        gc.enable()


def collect_on_gui_thread() -> None:
    """Collects the generations whose counts passed their thresholds, as automatic collection
    would have, but here, on the GUI thread."""
    thresholds, counts = gc.get_threshold(), gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


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
        _hold_collection()
        self._collector = QTimer(self)
        self._collector.timeout.connect(collect_on_gui_thread)
        self._collector.start(500)

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
            collect_on_gui_thread()  # the worker's garbage, collected here
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
        drained = self._pool.waitForDone(milliseconds)
        if not self._stopped:
            self._stopped = True
            self._collector.stop()
            _release_collection()
        return drained
