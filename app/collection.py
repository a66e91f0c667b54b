"""When Python's cyclic garbage collector runs: the console's one policy about it.

Two cases call for it, and both are counted here, process-wide as `gc` is:
- A status over 100,000 tickets builds hundreds of thousands of small acyclic rows. Automatic
  collection then runs every few hundred allocations and walks everything alive each time it
  reaches the old generation: it doubled the time of `status` (1074 ms against 517 ms of CPU
  for P3's ledger). `paused()` holds it off for such a batch; nothing the batch makes is cyclic.
- A window with a worker thread: collection runs in whichever thread allocates past a threshold,
  and run on the worker it would destroy the Qt objects of a garbage cycle off the GUI thread,
  which crashes. While any `hold()` is in force, automatic collection is off and the holder
  collects on its own thread (`collect_due()`, on a timer and after each result, as pyqtgraph's
  GarbageCollector does).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar


class GarbageCollection:
    _holds: ClassVar[int] = 0
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def hold(cls) -> None:
        """Automatic collection off until the matching `release()`."""
        with cls._lock:
            cls._holds += 1
            gc.disable()

    @classmethod
    def release(cls) -> None:
        with cls._lock:
            cls._holds -= 1
            if cls._holds == 0:
                gc.enable()

    @classmethod
    @contextmanager
    def paused(cls) -> Iterator[None]:
        """No automatic collection while a batch of acyclic rows is built."""
        cls.hold()
        try:
            yield
        finally:
            cls.release()

    @staticmethod
    def collect_due() -> None:
        """Collects the generations whose counts passed their thresholds, as automatic
        collection would have, but on the caller's thread."""
        thresholds, counts = gc.get_threshold(), gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
