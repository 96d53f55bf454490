"""Processes as Linux's /proc shows them: whose children they are, and whether they still run."""

from pathlib import Path


def children(pid: int) -> set[int]:
    """The pids whose parent is `pid`."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found.update(map(int, (task / "children").read_text().split()))
        except OSError:
            continue
    return found


def descendants(pid: int) -> set[int]:
    """Every descendant of `pid`."""
    found, frontier = set(), [pid]
    while frontier:
        for kid in children(frontier.pop()) - found:
            found.add(kid)
            frontier.append(kid)
    return found


def alive(pid: int) -> bool:
    """Whether `pid` runs, a zombie counting as ended."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
