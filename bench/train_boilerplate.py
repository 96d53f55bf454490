"""Train the page-furniture classifier and write it where the package loads it from.

python bench/train_boilerplate.py             # src/dateline/data/models/boilerplate.json
python bench/train_boilerplate.py --seed 1    # another composition of the training articles
"""

from __future__ import annotations

import argparse
import json
import sys

from dateline.learn.boilerplate import train, write_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    model = train(seed=args.seed)
    path = write_model(model)
    print(
        json.dumps({"model": str(path), "n_examples": model["n_examples"], "heldout": model["heldout"]}),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
