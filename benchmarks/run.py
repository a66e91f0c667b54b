"""Runs every benchmark and prints each figure as a ratio against its floor, measured side by
side in this run; writes them with the machine's description to benchmarks/RESULTS.md.

    python -m benchmarks.run             everything at full size (about 10 minutes here,
                                         most of it building the data sets and the frozen
                                         bundle for P8)
    python -m benchmarks.run --quick     every benchmark once on small data, without P8 and
                                         without writing RESULTS.md: CI's check that they run
    python -m benchmarks.run --only P2,P9   those figures only (while profiling; no file)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date

from benchmarks import core, gui
from benchmarks.common import ROOT, Figure, machine

_FULL: dict[str, Callable[[], Figure | list[Figure]]] = {
    "P1": gui.p1_window_start,
    "P2": core.p2_cli_start,
    "P3": core.p3_status_scaling,
    "P4": core.p4_statement_import,
    "P5": gui.p5_p6_ledger,
    "P7": core.p7_verification,
    "P8": gui.p8_bundle,
    "P9": core.p9_portfolio,
    "P10": core.p10_armor,
}
"""The benchmarks by the first figure each prints (P5 prints P6 too, P3 prints P3b)."""


def benchmarks(quick: bool) -> list[Callable[[], Figure | list[Figure]]]:
    if quick:
        return [
            lambda: gui.p1_window_start(runs=1),
            lambda: core.p2_cli_start(runs=1),
            lambda: core.p3_status_scaling(tickets=2_000),
            lambda: core.p4_statement_import(count=800),
            lambda: gui.p5_p6_ledger(runs=1, tickets=2_000),
            lambda: core.p7_verification(n=50),
            lambda: core.p9_portfolio(licenses=5, tickets=2_000, repeat=1),
            lambda: core.p10_armor(repeat=1),
        ]
    return list(_FULL.values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small data, no bundle, no file")
    parser.add_argument("--only", metavar="P2,P9", help="these figures only, written to no file")
    args = parser.parse_args(argv)
    chosen = benchmarks(args.quick)
    if args.only:
        wanted = [name.strip().upper() for name in args.only.split(",")]
        unknown = [name for name in wanted if name not in _FULL]
        if unknown:
            parser.error(f"no benchmark {', '.join(unknown)}; there are {', '.join(_FULL)}")
        chosen = [_FULL[name] for name in wanted]
    lines = []
    # Every data set, database and bundle goes to one folder, removed at the end.
    with tempfile.TemporaryDirectory(prefix="ec-benchmarks-") as scratch:
        tempfile.tempdir = scratch
        try:
            for benchmark in chosen:
                result = benchmark()
                for figure in result if isinstance(result, list) else [result]:
                    lines.append(figure.line())
                    print(lines[-1], flush=True)
        finally:
            tempfile.tempdir = None
    if not args.quick and not args.only:
        (ROOT / "benchmarks" / "RESULTS.md").write_text(
            "# Benchmark results\n\n"
            f"Measured {date.today().isoformat()} on {machine()}.\n"
            "Each figure is a ratio of two timings taken side by side in the same run; "
            "`python -m benchmarks.run` measures them again. README.md (Benchmarks) says what "
            "each compares and why a missed target is missed.\n\n"
            "```\n"
            + "\n".join(lines)
            + "\n```\n\n"
            # The figures of the design before this one, measured once, kept beside these.
            + (ROOT / "benchmarks" / "BEFORE.md").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
