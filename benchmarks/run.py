"""Runs every benchmark and prints each figure as a ratio against its floor, measured side by
side in this run; writes them with the machine's description to benchmarks/RESULTS.md.

    python -m benchmarks.run            (from the repository root, in the project's .venv)
"""

from __future__ import annotations

import sys
from datetime import date

from benchmarks import core
from benchmarks.common import ROOT, machine


def main() -> int:
    figures = core.all_figures()
    lines = [figure.line() for figure in figures]
    print("\n".join(lines))
    results = ROOT / "benchmarks" / "RESULTS.md"
    results.write_text(
        "# Benchmark results\n\n"
        f"Measured {date.today().isoformat()} on {machine()}.\n"
        "Each figure is a ratio of two timings taken side by side in the same run.\n\n"
        "```\n" + "\n".join(lines) + "\n```\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
