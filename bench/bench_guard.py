"""Evaluation of the personal-data guard on its labelled set (tests/privacy/guard_cases.py).

Prints recall on personal data (refused), the false-refusal rate on legitimate policy,
legal and statistical text, the warning figures, per-kind recall, and the time per text
(median over the set, and the worst case of 5,000 characters of digit groups). Writes
``bench/results/guard.json``. No database needed.

    .venv/bin/python bench/bench_guard.py
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

import django  # noqa: E402

django.setup()

from privacy.evaluation import evaluate  # noqa: E402
from privacy.guard import certain, find_personal_data  # noqa: E402
from tests.privacy import guard_cases as cases  # noqa: E402


def _timings() -> dict:
    texts = [t for _k, t in cases.PERSONAL] + cases.POSSIBLE + cases.LEGITIMATE
    per_text = []
    for text in texts:
        start = time.perf_counter()
        find_personal_data(text)
        per_text.append((time.perf_counter() - start) * 1000)
    worst_inputs = {
        "digits '1 ' x 2500": "1 " * 2500,
        "digits '06 ' x 1666": "06 " * 1666,
        "prose 5000 chars": (
            "De overdracht van COA naar de gemeente loopt in 2023 vaak mis. " * 80
        )[:5000],
    }
    worst = {}
    for name, text in worst_inputs.items():
        start = time.perf_counter()
        find_personal_data(text)
        worst[name] = round((time.perf_counter() - start) * 1000, 1)
    return {
        "median_ms": round(statistics.median(per_text), 2),
        "p95_ms": round(sorted(per_text)[int(0.95 * len(per_text)) - 1], 2),
        "worst_case_ms": worst,
    }


def main() -> dict:
    figures = evaluate(cases.PERSONAL, cases.POSSIBLE, cases.LEGITIMATE)
    by_kind_total, by_kind_hit = Counter(), Counter()
    for kind, text in cases.PERSONAL:
        by_kind_total[kind] += 1
        if kind in {f.kind for f in certain(find_personal_data(text))}:
            by_kind_hit[kind] += 1
    result = figures.as_dict()
    result["recall_by_kind"] = {
        kind: {
            "n": by_kind_total[kind],
            "recall": round(by_kind_hit[kind] / by_kind_total[kind], 3),
        }
        for kind in sorted(by_kind_total)
    }
    result["issue_evasions_caught"] = sum(
        1
        for kind, text in cases.ISSUE_EVASIONS
        if kind in {f.kind for f in certain(find_personal_data(text))}
    )
    result["issue_evasions"] = len(cases.ISSUE_EVASIONS)
    result["issue_false_refusals_passing"] = sum(
        1 for text in cases.ISSUE_FALSE_REFUSALS if not certain(find_personal_data(text))
    )
    result["issue_false_refusals"] = len(cases.ISSUE_FALSE_REFUSALS)
    result["timing"] = _timings()

    rows = [
        (
            "cases (personal / possible / legitimate)",
            f"{figures.personal} / {figures.possible} / {figures.legitimate}",
        ),
        ("recall on personal data (refused)", f"{figures.recall:.3f}  (target >= 0.95)"),
        (
            "false-refusal rate on legitimate text",
            f"{figures.false_refusal_rate:.3f}  (target <= 0.05)",
        ),
        ("warning recall on possible birth dates", f"{figures.warning_recall:.3f}"),
        ("warnings on legitimate text", f"{figures.warning_rate_on_legitimate:.3f}"),
        (
            "review evasions caught",
            f"{result['issue_evasions_caught']} / {result['issue_evasions']}",
        ),
        (
            "review false refusals passing",
            f"{result['issue_false_refusals_passing']} / {result['issue_false_refusals']}",
        ),
        (
            "time per text, median / p95 (ms)",
            f"{result['timing']['median_ms']} / {result['timing']['p95_ms']}",
        ),
    ]
    rows += [
        (f"recall {k}", f"{v['recall']:.3f} (n={v['n']})")
        for k, v in result["recall_by_kind"].items()
    ]
    rows += [
        (f"worst case: {k} (ms)", str(v)) for k, v in result["timing"]["worst_case_ms"].items()
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 30}")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    if figures.missed or figures.wrongly_refused:
        print("\nmissed:", figures.missed, "\nwrongly refused:", figures.wrongly_refused)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "guard.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"\nwritten: {out / 'guard.json'}")
    return result


if __name__ == "__main__":
    main()
