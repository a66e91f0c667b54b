"""Runs every benchmark and prints each figure as a ratio against its floor, measured side by
side in this run; writes them with the machine's description to benchmarks/RESULTS.md.

    python -m benchmarks.run             everything at full size (about 10 minutes here,
                                         most of it building the data sets and the frozen
                                         bundle for P8)
    python -m benchmarks.run --quick     every benchmark once on small data, without P8 and
                                         without writing RESULTS.md: CI's check that they run
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date

from benchmarks import core, gui
from benchmarks.common import ROOT, Figure, machine


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
    return [
        gui.p1_window_start,
        core.p2_cli_start,
        core.p3_status_scaling,
        core.p4_statement_import,
        gui.p5_p6_ledger,
        core.p7_verification,
        gui.p8_bundle,
        core.p9_portfolio,
        core.p10_armor,
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small data, no bundle, no file")
    args = parser.parse_args(argv)
    lines = []
    # Every data set, database and bundle goes to one folder, removed at the end.
    with tempfile.TemporaryDirectory(prefix="ec-benchmarks-") as scratch:
        tempfile.tempdir = scratch
        try:
            for benchmark in benchmarks(args.quick):
                result = benchmark()
                for figure in result if isinstance(result, list) else [result]:
                    lines.append(figure.line())
                    print(lines[-1], flush=True)
        finally:
            tempfile.tempdir = None
    if not args.quick:
        (ROOT / "benchmarks" / "RESULTS.md").write_text(
            "# Benchmark results\n\n"
            f"Measured {date.today().isoformat()} on {machine()}.\n"
            "Each figure is a ratio of two timings taken side by side in the same run; "
            "`python -m benchmarks.run` measures them again. README.md (Benchmarks) says what "
            "each compares and why a missed target is missed.\n\n"
            "```\n" + "\n".join(lines) + "\n```\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
