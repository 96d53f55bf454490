"""Save or compare what the pipeline gives, so a refactor can show it changed nothing.

`snapshot.py save DIR` writes every scorer's JSON (`dateline eval TASK --json` on the
dev sets in ../shared) and the records of the corpus's first N articles into DIR;
`snapshot.py compare OLD NEW` says which files differ and where. Run `save` before a
refactor and again after it, then `compare`.

    python bench/snapshot.py save /tmp/before
    python bench/snapshot.py save /tmp/after
    python bench/snapshot.py compare /tmp/before /tmp/after
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SHARED = Path(os.environ.get("DATELINE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
DATA = SHARED / "data"
EVALS = {
    "time": [DATA / "tempeval3/dev.jsonl"],
    "geo": [DATA / f"{name}/dev.jsonl" for name in ("lgl", "geowebnews", "trnews", "geovirus")],
    "claims": [DATA / "polnear/dev.jsonl"],
    "events": [DATA / "acled_ukraine_sample/dev.jsonl", DATA / "case2021_task2/dev.jsonl"],
    "seed": [],
    "articles": [],
}
CORPUS = DATA / "corpus/ukraine_war_fulltext_gdelt.jsonl"


def dateline() -> str:
    return str(Path(sys.executable).with_name("dateline"))


def run_eval(task: str, gold: list[Path]) -> tuple[str, str]:
    args = [dateline(), "eval", task, "--json"]
    for path in gold:
        args += ["--gold", str(path)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return task, out.strip().splitlines()[-1]


def save(directory: Path, n_articles: int, jobs: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(jobs) as pool:
        for task, line in pool.map(lambda item: run_eval(*item), EVALS.items()):
            (directory / f"eval-{task}.json").write_text(json.dumps(json.loads(line), indent=1, sort_keys=True))
            print(f"eval {task}: saved", file=sys.stderr)
    sample = directory / "corpus-sample.jsonl"
    with CORPUS.open(encoding="utf-8") as lines:
        sample.write_text("".join(line for _, line in zip(range(n_articles), lines)), encoding="utf-8")
    records = subprocess.run([dateline(), "extract", str(sample)], capture_output=True, text=True, check=True).stdout
    (directory / "records.jsonl").write_text(records, encoding="utf-8")
    sample.unlink()
    print(f"records of {n_articles} articles: saved", file=sys.stderr)


def first_difference(old, new, path: str = "") -> str | None:
    if type(old) is not type(new):
        return f"{path}: {old!r} -> {new!r}"
    if isinstance(old, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return f"{path}.{key}: only in {'new' if key in new else 'old'}"
            found = first_difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list):
        if len(old) != len(new):
            return f"{path}: {len(old)} items -> {len(new)}"
        for i, (a, b) in enumerate(zip(old, new)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if old == new else f"{path}: {old!r} -> {new!r}"


def load(path: Path) -> list:
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(path.read_text(encoding="utf-8"))]


def compare(old_dir: Path, new_dir: Path) -> int:
    differing = 0
    for old in sorted(old_dir.iterdir()):
        new = new_dir / old.name
        if not new.exists():
            print(f"{old.name}: missing in {new_dir}")
            differing += 1
            continue
        found = first_difference(load(old), load(new))
        print(f"{old.name}: {'identical' if found is None else 'differs at ' + found}")
        differing += found is not None
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    saving = commands.add_parser("save", help="write scorer outputs and records into DIR")
    saving.add_argument("directory", type=Path)
    saving.add_argument("--articles", type=int, default=100, help="corpus articles whose records are kept")
    saving.add_argument("--jobs", type=int, default=2, help="scorers run at once")
    comparing = commands.add_parser("compare", help="compare two saved directories")
    comparing.add_argument("old", type=Path)
    comparing.add_argument("new", type=Path)
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"error: {DATA} not found (set DATELINE_SHARED)", file=sys.stderr)
        return 2
    if args.command == "save":
        save(args.directory, args.articles, args.jobs)
        return 0
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
