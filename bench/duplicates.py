"""10 000 identical offers against 10 000 distinct ones: finding duplicates stays linear.

    uv run python bench/duplicates.py            # 10 000 files each
    uv run python bench/duplicates.py 2000       # fewer

Target: checking and tallying 10 000 copies of one offer takes no
more than about 1.3 × the time of 10 000 distinct offers. Duplicates are
grouped by key (host, internship, title) in one pass; each file names at most
three others, so a group of 10 000 costs no more than 10 000 groups of one.
Rounds alternate both batches, so that a busy machine slows both alike;
medians are compared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from inet_stages.batch.check import check_files, collect
from inet_stages.calendar import load_calendar
from inet_stages.report.tally import tally

TODAY = date(2027, 6, 1)


def _same(count: int, destination: Path, model: Path) -> None:
    text = model.read_text(encoding="utf-8")
    for index in range(count):
        folder = destination / f"lot_{index // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"offre_{index:05d}.toml").write_text(text, encoding="utf-8")


def _time(folder: Path) -> float:
    calendar = load_calendar()
    start = time.perf_counter()
    checked = check_files(collect([str(folder)]).targets, calendar, TODAY, keep_offers=True)
    tally(calendar, checked, {})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        distinct, same = Path(tmp) / "distinct", Path(tmp) / "same"
        paths = generate(args.count, distinct)
        _same(args.count, same, paths[0])
        _time(distinct)  # warm: imports, caches
        times: dict[str, list[float]] = {"distinct": [], "same": []}
        for _ in range(args.rounds):
            times["distinct"].append(_time(distinct))
            times["same"].append(_time(same))
    distinct_s = statistics.median(times["distinct"])
    same_s = statistics.median(times["same"])
    ratio = same_s / distinct_s
    print(f"{args.count} distinct offers: {distinct_s:.2f} s")
    print(f"{args.count} identical offers: {same_s:.2f} s")
    verdict = "ok" if ratio <= 1.3 else "TOO SLOW"
    print(f"ratio {ratio:.2f} (target <= 1.3): {verdict}")


if __name__ == "__main__":
    main()
