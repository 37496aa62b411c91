#!/usr/bin/env python3
"""Keystroke to screen, as a person feels it: types into the real binary's editor in a
pseudo-terminal (a 10,000-word body, 120x40) and times each key from the byte written to
the last byte of the screen update, next to vim on the same text in the same run.

    scripts/keystroke.py [--bin target/release/newsroom] [--keys 300]

Prints median and p90 for both, and bytes written per key. vim is skipped, with a note,
when it is not installed. Build first: cargo build --release."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyharness import Pty, percentile  # noqa: E402

COLS, ROWS = 120, 40
WORDS = 10_000
TITLE = "Bai dai muoi nghin chu"
# Letters and Vietnamese letters, as a reporter types them (one key per character).
KEYS = "Người dân phường Tây Hồ đề nghị sớm sửa đường ".encode()


def run(env, *args):
    out = subprocess.run(args, env=env, capture_output=True, check=True)
    return out.stdout.decode()


def long_body(binary, env):
    run(env, binary, "demo", "--articles", "60", "--comments", "0")
    articles = json.loads(run(env, binary, "article", "list", "--all", "--json", "--with-body"))
    words = []
    for a in articles:
        for paragraph in a["body"].split("\n\n"):
            words.append(paragraph)
            if sum(len(p.split()) for p in words) >= WORDS:
                return "\n\n".join(words)
    return "\n\n".join(words)


def keys_of(n):
    text = KEYS.decode()
    chars = [text[i % len(text)] for i in range(n)]
    return [c.encode() for c in chars]


def measure(pty, keys):
    times, sizes = [], []
    for k in keys:
        t, size = pty.key(k)
        if t is not None:
            times.append(t * 1000)
            sizes.append(size)
    return times, sizes


def ours(binary, env, workdir, keys):
    pty = Pty([binary], COLS, ROWS, env, cwd=workdir)
    try:
        pty.drain(until=TITLE.encode(), timeout=60)
        pty.key(b"\r")
        pty.drain(until="Sa-pô".encode(), timeout=30)
        for _ in range(5):
            pty.key(b"\t")
        return measure(pty, keys)
    finally:
        pty.close()


def vim(path, env, workdir, keys):
    exe = shutil.which("vim")
    if not exe:
        return None
    pty = Pty([exe, "-u", "NONE", "-N", "-n", "-i", "NONE", path], COLS, ROWS, env, cwd=workdir)
    try:
        pty.drain(timeout=30)
        pty.key(b"i")
        return measure(pty, keys)
    finally:
        pty.close()


def row(name, result):
    times, sizes = result
    return (f"| {name} | {percentile(times, 50):.2f} | {percentile(times, 90):.2f} | "
            f"{sum(sizes) / max(1, len(sizes)):.0f} | {len(times)} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/release/newsroom")
    parser.add_argument("--keys", type=int, default=300)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    with tempfile.TemporaryDirectory() as workdir:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": workdir,
            "USER": "bench",
            "LANG": "vi_VN.UTF-8",
            "TERM": "xterm-256color",
            "NEWSROOM_DB": os.path.join(workdir, "newsroom.db"),
            "NEWSROOM_CONFIG": os.path.join(workdir, "none.toml"),
        }
        body = long_body(binary, env)
        path = os.path.join(workdir, "body.md")
        with open(path, "w") as f:
            f.write(body)
        run(env, binary, "article", "new", "--title", TITLE, "--body-file", path)
        keys = keys_of(args.keys)
        results = [("newsroom", ours(binary, env, workdir, keys))]
        theirs = vim(path, env, workdir, keys)
        print(f"Keystroke to quiet screen, {len(body.split())}-word body, {COLS}x{ROWS}, "
              f"{args.keys} keys; times in ms")
        print("| program | median | p90 | bytes/key | keys timed |")
        print("|---|---|---|---|---|")
        for name, result in results:
            print(row(name, result))
        if theirs is None:
            print("(vim is not installed: no comparison this run)")
        else:
            print(row("vim", theirs))


if __name__ == "__main__":
    main()
