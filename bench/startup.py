"""Start-up: `dateline extract` of one short article, process start to exit, against bare spaCy.

The bare process imports spaCy, loads the same model and runs it on the same text. Both run as fresh
processes, alternated `--repeat` times, best of each; `startup_ratio` is extract / bare (1.0: no more than
spaCy's own start-up), `startup_cpu_ratio` the same of CPU time (steadier on a busy machine, but blind to
what runs in parallel threads). `import_cli_s` is a process that only imports `dateline.cli`.

    python bench/startup.py                 # examples/2024-03-04-invented-reservoir-claims.txt
    python bench/startup.py --json          # last line: one JSON object
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ARTICLE = Path(__file__).resolve().parents[1] / "examples/2024-03-04-invented-reservoir-claims.txt"
BARE = "import sys, spacy; nlp = spacy.load(sys.argv[1]); nlp(open(sys.argv[2], encoding='utf-8').read())"


def seconds(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of the command, start to exit."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def commands(article: Path) -> dict[str, list[str]]:
    from dateline.nlp import MODEL

    return {
        "bare_s": [sys.executable, "-c", BARE, MODEL, str(article)],
        "extract_s": [str(Path(sys.executable).with_name("dateline")), "extract", str(article)],
        "import_cli_s": [sys.executable, "-c", "import dateline.cli"],
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", type=Path, default=ARTICLE, help="the article to extract (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of each (best is kept)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object on the last line")
    args = parser.parse_args(argv)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands(args.article)}
    for _ in range(args.repeat):
        for name, command in commands(args.article).items():
            runs[name].append(seconds(command))
    result = {name: round(min(wall for wall, _ in times), 3) for name, times in runs.items()}
    cpu = {name: min(cpu for _, cpu in times) for name, times in runs.items()}
    result["startup_ratio"] = round(result["extract_s"] / result["bare_s"], 4)
    result["startup_cpu_ratio"] = round(cpu["extract_s"] / cpu["bare_s"], 4)
    for key, value in result.items():
        print(f"{key:<14} {value}", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
