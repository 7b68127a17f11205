"""Where every benchmark writes its JSON: ``bench/results/<name>.json``.

The folder is not in git (a fresh clone has none); it is created on the first write.
"""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def results_dir() -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    return RESULTS


def write_json(name: str, data, **dump_options) -> Path:
    """Write ``data`` to ``bench/results/<name>.json``, say where, return the path."""
    path = results_dir() / f"{name}.json"
    dump_options.setdefault("indent", 2)
    path.write_text(json.dumps(data, **dump_options) + "\n")
    print(f"\nJSON written to {path}", flush=True)
    return path
