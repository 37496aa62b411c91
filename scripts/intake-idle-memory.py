#!/usr/bin/env python3
"""Intake memory with many idle connections: starts `newsroom serve` on a fresh store,
opens N connections that send nothing, and prints the server's VmRSS before, while they
are open, and after the idle timeout. Used for the README's Performance figures.

usage: scripts/intake-idle-memory.py [--connections N] [--config FILE] BINARY
(raise the descriptor limit first for thousands: `ulimit -n 20000`)
"""
import argparse
import os
import socket
import subprocess
import tempfile
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def still_open(conns):
    """Connections the server has not closed (a read would block)."""
    n = 0
    for c in conns:
        try:
            c.setblocking(False)
            c.recv(1, socket.MSG_PEEK)
        except BlockingIOError:
            n += 1
        except OSError:
            pass
    return n


def main():
    args = argparse.ArgumentParser()
    args.add_argument("binary")
    args.add_argument("--connections", type=int, default=5000)
    args.add_argument("--config", default=None)
    args.add_argument("--hold", type=float, default=25.0, help="seconds to wait for idle closes")
    args.add_argument("--partial", action="store_true", help="each sends half a request head")
    a = args.parse_args()
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "newsroom.db")
        env = dict(os.environ, NEWSROOM_CONFIG=a.config or os.path.join(d, "none.toml"))
        subprocess.run([a.binary, "--user", "root", "--db", db, "init"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        serve = subprocess.Popen([a.binary, "--user", "root", "--db", db, "serve", "--listen",
                                  "127.0.0.1:0", "--no-captcha"], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        try:
            line = serve.stdout.readline()
            port = int(line.split("http://", 1)[1].split(" ", 1)[0].rsplit(":", 1)[1])
            time.sleep(0.5)
            before = rss_kib(serve.pid)
            conns = []
            for _ in range(a.connections):
                c = socket.create_connection(("127.0.0.1", port))
                if a.partial:
                    try:
                        c.sendall(b"POST /comments HTTP/1.1\r\nHost: x\r\n")
                    except OSError:
                        pass
                conns.append(c)
            time.sleep(2)
            during = rss_kib(serve.pid)
            print(f"connections opened: {len(conns)}")
            print(f"VmRSS before: {before} KiB")
            print(f"VmRSS with them open (2 s): {during} KiB (+{during - before} KiB)")
            print(f"still open after 2 s: {still_open(conns)}")
            time.sleep(a.hold)
            after = rss_kib(serve.pid)
            print(f"still open after {a.hold + 2:.0f} s: {still_open(conns)}")
            print(f"VmRSS after {a.hold + 2:.0f} s: {after} KiB")
            for c in conns:
                c.close()
        finally:
            serve.terminate()
            serve.wait()


if __name__ == "__main__":
    main()
