"""Running work off the GUI thread (the pattern of Anki's QueryOp and Picard's thread helper).

`Operations.run(work, on_success, on_failure, key=...)` runs `work()` on the worker thread and
calls one of the callbacks back on the GUI thread; the work never touches a widget. One worker
thread only: database writes go through a single writer, in the order they were asked for.
With a `key`, the latest request of that key wins: an earlier one still running is superseded
and its result dropped (a quote asked for at every keystroke shows the last one only).
`while_alive` skips a callback whose object (a dialog) was destroyed before the answer came: the
window's `run_action` and `run_task` apply it to their `context`.

While a worker exists, automatic garbage collection is off and the GUI thread collects on a
timer and after each result: the policy is `app.collection.GarbageCollection`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from shiboken6 import isValid

from app.collection import GarbageCollection

T = TypeVar("T")


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


def while_alive(context: QObject | None, callback: Callable[[T], None]) -> Callable[[T], None]:
    """`callback`, skipped once `context` is destroyed (a dialog closed before the answer came);
    `callback` itself without a context."""
    if context is None:
        return callback

    def guarded(value: T) -> None:
        if isValid(context):
            callback(value)

    return guarded


class Operations(QObject):
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending: set[_Relay] = set()
        self._latest: dict[str, _Relay] = {}
        self._stopped = False
        GarbageCollection.hold()
        self._collector = QTimer(self)
        self._collector.timeout.connect(GarbageCollection.collect_due)
        self._collector.start(500)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None],
        *,
        key: str | None = None,
    ) -> None:
        if self._stopped:
            return  # the window is closing: nothing new starts
        relay = _Relay(self)
        self._pending.add(relay)
        if key is not None:
            self._latest[key] = relay
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

        def finish() -> bool:
            """Whether the answer is still wanted."""
            self._pending.discard(relay)
            relay.deleteLater()
            GarbageCollection.collect_due()  # the worker's garbage, collected here
            if not self._pending:
                self.busy_changed.emit(False)
            current = key is None or self._latest.get(key) is relay
            if key is not None and current:
                del self._latest[key]
            return current

        def succeeded(result: Any) -> None:
            if finish():
                on_success(result)

        def failed(error: BaseException) -> None:
            if finish():
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
            GarbageCollection.release()
        return drained
