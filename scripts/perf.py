#!/usr/bin/env python3
"""Measured against the floor: builds the big store once (100,000 articles, 1,000,000
comments) and prints one Markdown table: each listing and search as a whole process next
to the same SQL run by the sqlite3 shell on the same store; the intake's comments per
second next to the same inserts made directly through rusqlite; the TUI's first frame, a
list step, a decision, its peak memory and the bytes each step writes at 120x40.

    scripts/perf.py [--store target/perf/big.db] [--runs 7]

The store is kept between runs (building it takes minutes); delete it to rebuild. Figures
are medians of --runs whole-process runs, ours and the floor's taken in turns so both meet
the same load, with the CPU time (user + system) beside the wall time: on a shared machine
the wall time mostly says how long the process waited for a core. Nothing here asserts a
speed: it reports."""

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyharness import Pty, percentile  # noqa: E402

ADMIN = "bien.tap"
COLS, ROWS = 120, 40
PGDN = b"\x1b[6~"

# (what, our command, the SQL our command runs for its rows)
QUERIES = [
    ("article list (a page of 50)", ["article", "list"],
     "SELECT id, title, status, updated_at FROM articles WHERE (updated_at, id) < (9e18, 9e18) "
     "ORDER BY updated_at DESC, id DESC LIMIT 51"),
    # The JSON has every column but the body (null without --with-body), and each
    # article's tags, photos and old slugs: the floor reads the same.
    ("article list --status published --json", ["article", "list", "--status", "published", "--json"],
     "SELECT id, slug, title, dateline, lead, byline, status, author, created_at, updated_at, scheduled_at, "
     "published_at, zone, version, scheduled_wall, held_because, late_minutes, corrected_at, updated_note, "
     "(SELECT json_group_array(json_object('name', t.name, 'slug', t.slug)) FROM article_tags x "
     "JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id), "
     "(SELECT json_group_array(json_object('file', file, 'caption', caption, 'credit', credit, 'alt', alt, "
     "'decorative', decorative, 'sha256', sha256, 'width', width, 'height', height, "
     "'after_paragraph', after_paragraph)) FROM photos WHERE article_id = a.id), "
     "(SELECT json_group_array(slug) FROM old_slugs WHERE article_id = a.id) "
     "FROM articles a WHERE status = 'published' ORDER BY updated_at DESC, id DESC LIMIT 51"),
    ("comments list --limit 50", ["comments", "list", "--limit", "50"],
     "SELECT id, article_id, author_name, title, body, status, held_by_rule, decided_by, submitted_at "
     "FROM comments ORDER BY submitted_at, id LIMIT 51"),
    ("comments list --status pending --limit 50", ["comments", "list", "--status", "pending", "--limit", "50"],
     "SELECT id, article_id, author_name, title, body, status, held_by_rule, decided_by, submitted_at "
     "FROM comments WHERE status = 'pending' ORDER BY submitted_at, id LIMIT 51"),
    # The floor is the two index look-ups alone, without ranking or the rows around them,
    # for the words as the command line asks for them (whole; d spelled d, đ or ð).
    ("search \"dong chi\"", ["search", "dong chi"],
     "SELECT rowid FROM article_fts WHERE article_fts MATCH '(\"dong\" OR \"đong\" OR \"ðong\") AND \"chi\"' LIMIT 20; "
     "SELECT rowid FROM comment_fts WHERE comment_fts MATCH '(\"dong\" OR \"đong\" OR \"ðong\") AND \"chi\"' LIMIT 20"),
]


def env_for(store, home):
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "USER": ADMIN,
        "LANG": "vi_VN.UTF-8",
        "TERM": "xterm-256color",
        "NEWSROOM_DB": store,
        "NEWSROOM_CONFIG": os.path.join(home, "none.toml"),
    }


def run_once(argv, env):
    """Wall time and CPU time (user + system) of one whole process, in ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return wall, cpu


def timed_pair(ours, floor, env, runs):
    """Medians of `runs` runs of each command, taken in turns so both meet the same load
    on a shared machine: (our wall, our CPU, floor wall, floor CPU), in ms."""
    a, b = [], []
    for _ in range(runs):
        a.append(run_once(ours, env))
        b.append(run_once(floor, env))
    med = lambda xs, i: percentile([x[i] for x in xs], 50)  # noqa: E731
    return med(a, 0), med(a, 1), med(b, 0), med(b, 1)


def build_store(binary, store, env):
    if os.path.exists(store):
        return None
    os.makedirs(os.path.dirname(store), exist_ok=True)
    start = time.perf_counter()
    subprocess.run([binary, "demo", "--articles", "100000", "--comments", "1000000"], env=env, check=True)
    return time.perf_counter() - start


def tui(binary, env, home):
    row = {}
    start = time.perf_counter()
    pty = Pty([binary], COLS, ROWS, env, cwd=home)
    try:
        # The article list's header ("N bài viết") is in the first full frame.
        _, last = pty.drain(timeout=120, until="bài viết".encode())
        row["first frame"] = ((last - start) * 1000 if last else float("nan"), None)
        row["list: one row down (j)"] = pty.key(b"j")
        row["list: one page down"] = pty.key(PGDN)
        idle, _ = pty.drain(quiet=1.0, timeout=1.5, wait_first=False)
        row["idle, 1 s"] = (None, len(idle))
        pty.key(b"3")
        pty.drain(timeout=10)
        row["queue: one row down"] = pty.key(b"j")
        row["queue: a decision (f)"] = pty.key(b"f")
        for _ in range(30):
            pty.key(PGDN, quiet=0.02)
        row["peak memory after browsing the queue"] = (None, None, pty.peak_kib())
    finally:
        pty.close()
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="target/perf/big.db")
    parser.add_argument("--bin", default="target/release/newsroom")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--queries-only", action="store_true",
                        help="only the listing and search rows (no intake, no TUI)")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--bin", "newsroom", "--example", "intake_floor"], check=True)
    binary = os.path.abspath(args.bin)
    store = os.path.abspath(args.store)
    home = os.path.dirname(store) or "."
    os.makedirs(home, exist_ok=True)
    env = env_for(store, home)
    built = build_store(binary, store, env)
    sqlite = shutil.which("sqlite3")

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Machine: {platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}); "
          f"load average at start {os.getloadavg()[0]:.1f}; store {os.path.getsize(store) / 2**30:.2f} GiB")
    if built is not None:
        print(f"Building the store (demo --articles 100000 --comments 1000000): {built:.0f} s")
    print()
    print("| what | newsroom | floor | ratio |")
    print("|---|---|---|---|")
    for what, command, sql in QUERIES:
        if sqlite:
            ours, ours_cpu, floor, floor_cpu = timed_pair(
                [binary, *command], [sqlite, "-readonly", store, sql], env, args.runs)
            print(f"| {what} | {ours:.1f} ms (CPU {ours_cpu:.1f}) | {floor:.1f} ms (CPU {floor_cpu:.1f}, sqlite3) "
                  f"| {ours / floor:.2f}× (CPU {ours_cpu / floor_cpu:.2f}×) |")
        else:
            ours = percentile([run_once([binary, *command], env)[0] for _ in range(args.runs)], 50)
            print(f"| {what} | {ours:.1f} ms | (no sqlite3) | |")

    if args.queries_only:
        return
    article = subprocess.run(
        [sqlite or "sqlite3", "-readonly", store, "SELECT id FROM articles WHERE status = 'published' LIMIT 1"],
        capture_output=True, text=True).stdout.strip()
    example = os.path.join(os.path.dirname(binary), "examples", "intake_floor")
    # Three rounds of 1,000 comments each way, the first on a store the demo has just
    # loaded: its commits once merged the text index's one big segment again (FTS5's
    # automerge), until the load put that segment on its level (fast_load_levels.rs).
    for round in range(1, 4):
        out = subprocess.run([example, store, article, "1000"], capture_output=True, text=True, check=True)
        intake, direct = (float(x) for x in out.stdout.split())
        print(f"| intake, comments/s (one transaction each), round {round} of 1,000 | {intake:.0f}/s | "
              f"{direct:.0f}/s (rusqlite) | {direct / intake:.2f}× |")

    for what, figures in tui(binary, env, home).items():
        ms, size = figures[0], figures[1]
        if len(figures) == 3:
            print(f"| TUI {what} | {figures[2] / 1024:.1f} MiB | | |")
            continue
        cells = []
        if ms is not None:
            cells.append(f"{ms if what == 'first frame' else ms * 1000:.1f} ms")
        if size is not None:
            cells.append(f"{size:,} bytes")
        print(f"| TUI {what} | {', '.join(cells)} | | |")


if __name__ == "__main__":
    main()
