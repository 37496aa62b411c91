"""Drive a real program in a pseudo-terminal and time what a person feels: bytes in, the
screen's bytes out until the output goes quiet. Used by keystroke.py and perf.py."""

import fcntl
import os
import select
import struct
import subprocess
import termios
import time

# Output is "quiet" once nothing arrived for this long; the time taken is the moment of
# the last byte before the pause, so the pause itself is not counted.
QUIET = 0.060


class Pty:
    def __init__(self, argv, cols, rows, env, cwd=None):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def controlling():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
            preexec_fn=controlling, close_fds=True,
        )
        os.close(slave)
        self.fd = master
        self.seen = bytearray()

    def drain(self, quiet=QUIET, timeout=30.0, until=None, wait_first=True):
        """Reads until `quiet` seconds pass with no output (and `until` has been seen, when
        given). Returns (bytes read, time of the last byte or None)."""
        got = bytearray()
        last = None
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                # Quiet only counts once something came (and what was awaited, if anything).
                if got and (until is None or until in self.seen):
                    break
                if not got and not wait_first:
                    break
                continue
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            last = time.perf_counter()
            # Answer the status report the way every terminal does. The TUI asks it after
            # its questions about pictures, and holds keys until the answer (or half a
            # second): a harness that never answered timed that wait, not the key.
            if b"\x1b[5n" in chunk:
                os.write(self.fd, b"\x1b[0n")
            got += chunk
            self.seen += chunk
            if len(self.seen) > 1 << 20:
                del self.seen[: len(self.seen) - (1 << 16)]
        return bytes(got), last

    def key(self, data, quiet=QUIET):
        """Sends `data` and waits for the screen to settle: (seconds to the last byte, bytes)."""
        sent = time.perf_counter()
        os.write(self.fd, data)
        got, last = self.drain(quiet=quiet, timeout=5.0)
        return ((last - sent) if last else None), len(got)

    def peak_kib(self):
        """The process's peak resident memory (VmHWM), in KiB."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        os.close(self.fd)


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]
