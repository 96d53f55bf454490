"""Draw pairs to label by hand: merged mention pairs and contradiction pairs from a fused store.

Merges: fused events with mentions in at least two articles that are not
copies of each other; for each such event (in random order, fixed seed) one
random pair of mentions from different copy groups, until `--n` pairs.
Contradictions: a uniform random sample of the `contradictions` table.
Candidates: pairs of claims reporting one fused event by different speakers
(not copies): what any contradiction rule chooses from, for recall as well.

Prints each pair with the sentence around each mention (for the person
labelling, on the terminal only: no article text goes into the repository) and
writes the pair keys to `--out` as JSONL with an empty "label" to fill in.

    python bench/fusion_sample.py merges --db corpus.duckdb --n 60 --seed 1 --out /tmp/merges.jsonl
    python bench/fusion_sample.py contradictions --db corpus.duckdb --n 60 --seed 1 --out /tmp/contra.jsonl
"""

from __future__ import annotations

import argparse
import json
import random

from dateline.store import Store


def context(text: str, start: int, end: int, width: int = 160) -> str:
    left = text.rfind(".", 0, start - 1)
    left = max(left + 1, start - width)
    right = text.find(".", end)
    right = min(right + 1 if right >= 0 else len(text), end + width)
    return (text[left:start] + "[[" + text[start:end] + "]]" + text[end:right]).replace("\n", " ").strip()


def merge_pairs(store: Store, n: int, rng: random.Random) -> list[dict]:
    _, rows = store.query("""
        SELECT f.fused_id, f.article_id, f.idx, coalesce(g.group_id, f.article_id), v.span_start
        FROM fused_members f JOIN fused_events e ON e.id = f.fused_id AND e.n_articles > 1
        JOIN events v ON v.article_id = f.article_id AND v.idx = f.idx
        LEFT JOIN article_groups g ON g.article_id = f.article_id ORDER BY 1, 2, 3""")
    events: dict[int, list[tuple]] = {}
    for fid, article_id, idx, group, span_start in rows:
        events.setdefault(fid, []).append((article_id, idx, group, span_start))
    order = sorted(events)
    rng.shuffle(order)
    pairs = []
    for fid in order:
        members = events[fid]
        candidates = [(a, b) for x, a in enumerate(members) for b in members[x + 1 :] if a[2] != b[2]]
        if not candidates:
            continue
        a, b = rng.choice(candidates)
        pairs.append(
            {
                "fused_id": fid,
                "article_a": a[0],
                "idx_a": a[1],
                "span_a": a[3],
                "article_b": b[0],
                "idx_b": b[1],
                "span_b": b[3],
            }
        )
        if len(pairs) == n:
            break
    return pairs


def contradiction_pairs(store: Store, n: int, rng: random.Random) -> list[dict]:
    _, rows = store.query(
        "SELECT article_a, claim_a, article_b, claim_b, reason, basis FROM contradictions ORDER BY 1, 2, 3, 4"
    )
    rows = sorted(set(rows))
    rng.shuffle(rows)
    return [
        {"article_a": a, "claim_a": i, "article_b": b, "claim_b": j, "reason": reason, "basis": basis}
        for a, i, b, j, reason, basis in rows[:n]
    ]


def candidate_pairs(store: Store, n: int, rng: random.Random) -> list[dict]:
    """Pairs of claims that report one fused event, by different speakers, from articles that are not copies:
    the pairs any contradiction rule chooses from (to label for precision and recall alike)."""
    _, rows = store.query("""
        SELECT DISTINCT f.fused_id, c.article_id, c.idx, c.span_start, c.span_end,
               coalesce(s.code, lower(s.name), lower(json_extract_string(c.speaker, '$.text'))) AS speaker,
               coalesce(g.group_id, c.article_id) AS grp
        FROM fused_members f
        JOIN claims c ON c.article_id = f.article_id AND list_contains(CAST(c.events AS INTEGER[]), f.idx)
        LEFT JOIN actors s ON s.article_id = c.article_id AND s.idx = c.speaker_actor
        LEFT JOIN article_groups g ON g.article_id = c.article_id
        ORDER BY 1, 2, 3""")
    by_event: dict[int, list[tuple]] = {}
    for fid, *claim in rows:
        by_event.setdefault(fid, []).append(tuple(claim))
    pairs = []
    for fid in sorted(by_event):
        claims = by_event[fid]
        for x, a in enumerate(claims):
            for b in claims[x + 1 :]:
                same_article = a[0] == b[0]
                if a[4] is None or b[4] is None or a[4] == b[4] or (a[5] == b[5] and not same_article):
                    continue
                if same_article and a[2] < b[3] and b[2] < a[3]:
                    continue
                pairs.append(
                    {"article_a": a[0], "claim_a": a[1], "article_b": b[0], "claim_b": b[1], "basis": "candidate"}
                )
    rng.shuffle(pairs)
    return pairs[:n]


def show(store: Store, kind: str, k: int, pair: dict) -> None:
    print(f"[{k}] {pair.get('reason', '')}")
    for side in ("a", "b"):
        article_id = pair[f"article_{side}"]
        ((title, text),) = store.query("SELECT coalesce(title, ''), text FROM articles WHERE id = ?", [article_id])[1]
        if kind == "merges":
            _, rows = store.query(
                "SELECT span_start, span_end, plover, place_name, day, source_actor, target_actor "
                "FROM event_index WHERE article_id = ? AND idx = ?",
                [article_id, pair[f"idx_{side}"]],
            )
            start, end, plover, place, day, src, tgt = rows[0]
            print(f"   {side}: {plover} {place} {day} {src}->{tgt} | {title} || {context(text, start, end)}")
        else:
            _, rows = store.query(
                "SELECT c.span_start, c.span_end, coalesce(s.name, json_extract_string(c.speaker, '$.text'))"
                " FROM claims c "
                "LEFT JOIN actors s ON s.article_id = c.article_id AND s.idx = c.speaker_actor "
                "WHERE c.article_id = ? AND c.idx = ?",
                [article_id, pair[f"claim_{side}"]],
            )
            start, end, speaker = rows[0]
            print(f"   {side} ({speaker}): {title} || {context(text, start, end, 220)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["merges", "contradictions", "candidates"])
    parser.add_argument("--db", required=True)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--exclude", help="a labels file: skip pairs that share a mention or claim with it")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with Store(args.db, read_only=True) as store:
        draw = {"merges": merge_pairs, "contradictions": contradiction_pairs, "candidates": candidate_pairs}[args.kind]
        pairs = draw(store, 10 * args.n, rng)
        if args.exclude:
            side = "idx" if args.kind == "merges" else "claim"
            seen = set()
            with open(args.exclude, encoding="utf-8") as labelled:
                for row in map(json.loads, labelled):
                    seen |= {(row["article_a"], row[f"{side}_a"]), (row["article_b"], row[f"{side}_b"])}
            pairs = [
                p for p in pairs if not {(p["article_a"], p[f"{side}_a"]), (p["article_b"], p[f"{side}_b"])} & seen
            ]
        pairs = pairs[: args.n]
        for k, pair in enumerate(pairs):
            show(store, "merges" if args.kind == "merges" else "contradictions", k, pair)
    with open(args.out, "w", encoding="utf-8") as out:
        for pair in pairs:
            pair.pop("reason", None)
            out.write(json.dumps({**pair, "label": None}) + "\n")


if __name__ == "__main__":
    main()
