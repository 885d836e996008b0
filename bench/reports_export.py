"""The full completion CSV export against `COPY (the same query) TO STDOUT`, with peak memory.

    .venv/bin/python bench/reports_dataset.py --scale 0.1   # once
    .venv/bin/python bench/reports_export.py

For 10 %, 50 % and 100 % of the trainees (by id), each measurement runs in a fresh subprocess:
  export: the report's own code path (filters → reports.services.completion_download:
          completion_tuples() read by core.exports.read_ahead in chunks of CHUNK_ROWS →
          completion_records → core.exports.csv_chunks, the body of the streaming download),
          bytes discarded;
  copy:   PostgreSQL's COPY of the very same SQL (as Django compiles it) to STDOUT, bytes discarded.
Each runs `--rounds` times (default 2, the order alternating) and the best time counts.
It prints rows, seconds, the export/COPY ratio (goal: at most 1.5×) and peak RSS (ru_maxrss) of each
subprocess, with the RSS after start-up, so a growing export shows as a growing difference (goal: flat,
below 128 MB at the peak).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from reports_dataset import ADMIN_EMAIL, setup_django  # noqa: E402


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def queryset(fraction: float):
    from django.db.models import Max

    from accounts.models import User
    from reports.filters import filtered_enrolments

    admin = User.objects.get(email=ADMIN_EMAIL)
    trainees = User.objects.filter(email__endswith="@bench.otop.test").exclude(pk=admin.pk)
    low = trainees.order_by("pk").values_list("pk", flat=True).first()
    high = trainees.aggregate(m=Max("pk"))["m"]
    limit = low + (high - low) * fraction
    _filterset, enrolments = filtered_enrolments(admin, {})
    return enrolments.filter(user_id__lte=limit)


def child(mode: str, fraction: float) -> dict:
    setup_django()
    from django.db import connection
    from django.utils import translation

    from core.exports import csv_chunks
    from reports.selectors import completion_tuples
    from reports.services import completion_download

    translation.activate("th")
    enrolments = queryset(fraction)
    rows_qs = completion_tuples(enrolments.order_by("pk"))
    connection.ensure_connection()
    rss_start = maxrss_mb()
    started = time.perf_counter()
    size = rows = 0
    if mode == "export":
        columns, records = completion_download(enrolments, include_contacts=False, english=False)
        for chunk in csv_chunks(columns, records):
            size += len(chunk)
            rows += chunk.count(b"\n")
        rows -= 1  # the heading
    else:
        sql, params = rows_qs.query.sql_with_params()
        with connection.cursor() as cursor:
            raw = cursor.cursor
            text = raw.mogrify(sql, params)
            with raw.copy(f"COPY ({text}) TO STDOUT WITH (FORMAT csv)") as copy:
                for data in copy:
                    size += len(data)
                    rows += bytes(data).count(b"\n")
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "rss_start_mb": rss_start,
        "rss_peak_mb": maxrss_mb(),
    }


def run(mode: str, fraction: float) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--fraction", str(fraction)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", choices=["export", "copy"])
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--fractions", default="0.1,0.5,1.0")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each, best time kept")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.fraction)))
        return
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    print("load average (1, 5, 15 min) before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    print(
        f"{'data':>5} {'rows':>9} {'COPY s':>7} {'export s':>8} {'ratio':>6} "
        f"{'COPY MB':>8} {'export start→peak MB':>21}"
    )
    for fraction in (float(f) for f in args.fractions.split(",")):
        # Best of `--rounds`, the order alternating (copy first, then export first), so neither
        # always meets a cold cache or a busier moment of a shared machine.
        copies, exports = [], []
        for n in range(args.rounds):
            for mode in ("copy", "export") if n % 2 == 0 else ("export", "copy"):
                (copies if mode == "copy" else exports).append(run(mode, fraction))
        copy = min(copies, key=lambda r: r["seconds"])
        export = min(exports, key=lambda r: r["seconds"])
        export["rss_peak_mb"] = max(r["rss_peak_mb"] for r in exports)
        assert copy["rows"] == export["rows"], (copy["rows"], export["rows"])
        print(
            f"{fraction:>5.0%} {export['rows']:>9,} {copy['seconds']:>7.2f} {export['seconds']:>8.2f} "
            f"{export['seconds'] / copy['seconds']:>5.2f}× {copy['rss_peak_mb']:>8.1f} "
            f"{export['rss_start_mb']:>12.1f} → {export['rss_peak_mb']:.1f}"
        )
    print("load average (1, 5, 15 min) after:  {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
