"""Run every benchmark in bench/ and print one summary table.

Each ``bench_*.py`` script prints its own table and writes ``bench/results/<name>.json`` with a
top-level ``"summary"`` list of ``{"metric": ..., "value": ..., "unit": ...}`` rows, which this
runner collects. Pass names to run a subset: ``python bench/run_all.py search signals``.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from _results import RESULTS, results_dir

BENCH = Path(__file__).resolve().parent


def main(selected: list[str]) -> int:
    scripts = sorted(BENCH.glob("bench_*.py"))
    if selected:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in selected]
    results_dir()  # a fresh clone has no bench/results/ yet
    failures = []
    env = {**os.environ, "PYTHONPATH": str(BENCH.parent)}
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], cwd=BENCH.parent, env=env)
        print(f"({script.name}: {time.monotonic() - started:.0f} s, exit {result.returncode})")
        if result.returncode:
            failures.append(script.name)
    rows = []
    written = []
    for script in scripts:
        path = RESULTS / f"{script.stem.removeprefix('bench_')}.json"
        if not path.exists():
            continue
        written.append(path)
        data = json.loads(path.read_text())
        name = script.stem.removeprefix("bench_")
        if "summary" in data:
            for row in data["summary"]:
                rows.append((name, row["metric"], row["value"], row.get("unit", "")))
        else:  # no summary block: show the numeric leaves two levels deep
            for key, value in data.items():
                items = value.items() if isinstance(value, dict) else [("", value)]
                for sub, leaf in items:
                    if isinstance(leaf, int | float) and not isinstance(leaf, bool):
                        rows.append((name, f"{key} {sub}".strip()[:48], leaf, ""))
    print("\n" + "=" * 78)
    print(f"{'benchmark':<12} {'metric':<48} {'value':>10} unit")
    print("-" * 78)
    for name, metric, value, unit in rows:
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        print(f"{name:<12} {metric:<48} {shown:>10} {unit}")
    summary = results_dir() / "summary.json"
    summary.write_text(
        json.dumps(
            [dict(zip(("benchmark", "metric", "value", "unit"), r, strict=True)) for r in rows],
            indent=2,
        )
    )
    print(f"\nJSON results in {RESULTS}/:")
    for path in [*written, summary]:
        print(f"  {path.name}")
    if failures:
        print("failed:", ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
