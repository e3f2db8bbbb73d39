"""A classroom on one server: K headless clients play the default playground at once.

Starts `mlscope serve --workers 2` in a subprocess (its own temporary folder, a session bound
above the largest K) and, for each K of --ks, opens K websocket sessions from this process
(asyncio and `websockets`: no browser, no rendering). Each client does what the page does
when a student opens /x/playground (no query: the story's first step, the playground's
default settings) and presses Play:

    -> {"type": "hello", "params": {}}          (page.ts: the link's parameters, none here)
    <- frame 1 (binary, not playing)
    -> {"type": "ack", "seq": 1, "render_ms": 0}
    -> {"type": "action", "id": 1, "name": "play"}
    <- frame k  ->  {"type": "ack", "seq": k, "render_ms": 0}   (and so on)

at the session's default speed (the playground's `default_speed`, 1 epoch per frame: the page
sends `speed` only when the slider moves). The session sends the next frame only after the
ack of the last, so the ack decides the frame rate: like the page (app.ts `render`), a
client acks on its next animation frame, a 60 Hz tick at its own random phase (--hz; 0 acks
at once). Of a frame it reads only `seq`, from the start of the JSON header.

The K clients connect --arrive s apart (0.05 s: students come in one after another; all at
once, one worker's accept loop tends to take every connection). After a warm-up (--warmup s
from the last one's first frame) every session plays for a --seconds window, which gives:

- `fps_median`, `fps_min`: frames received per second, over the sessions;
- `server_cpu_ms_per_frame`: user + system CPU time of the server's processes (the master
  and its children, from /proc/<pid>/stat) over the window, over all frames in it;
- `mb_per_session`: (RSS of the worker processes with the K sessions open, at the window's
  end) - (the same with none open, just before), over K; MB = 10^6 bytes. The workers do
  not give all of it back when sessions close, so `mb_per_session_from_start` counts from
  their RSS before the first K instead (an upper bound: it holds what earlier K left);
- `newcomer_first_frame_s`: during the load, at 1/4, 1/2 and 3/4 of the window, one more
  client connects and sends hello; the time from the start of its connection to its first
  frame, the worst of the three (all three in `newcomer_samples_s`).

The clients share this machine's cores with the server: their own CPU time over the window
is reported too (`client_cpu_percent`, of one core), and what the rest of the machine used
(`other_cpu_percent`: anything else running spoils the figures). Between two K the clients
close and the server settles. Also reported: each worker's sessions (the kernel gives a new
connection to whichever worker accepts first) and CPU, and the workers' RSS before and with
the sessions. Targets: >= 20 fps per session at K = 50 with --workers 2 on 2 cores; <= 5 MB
per session; a newcomer's first frame <= 1 s.

Prints a table, then one JSON object on its last line, and writes it to
benchmarks/results/classroom.json (--free: every view, as in free play, into
classroom-free.json).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import free_port, machine, write_result
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

SLUG = "playground"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
SEQ = re.compile(rb'"seq":(\d+)')
"""The frame number, second key of the header (session.py `frame_header`)."""
TARGETS = {"fps_min": ">= 20 at K = 50 (--workers 2, 2 cores)", "mb_per_session": "<= 5",
           "newcomer_first_frame_s": "<= 1"}


# --- the server's processes, from /proc --------------------------------------------------

def _stat(pid: int) -> list[str]:
    """/proc/<pid>/stat's fields after the command name (field 3, the state, is [0])."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                kids.setdefault(int(_stat(int(entry.name))[1]), []).append(int(entry.name))
    return kids


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one live process."""
    try:
        f = _stat(pid)
    except OSError:
        return 0.0
    return (int(f[11]) + int(f[12])) / CLK_TCK


def machine_busy_seconds() -> float:
    """CPU time spent on every core by anything (/proc/stat: all but idle and iowait)."""
    f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(f[:8]) - f[3] - f[4]) / CLK_TCK


def rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except OSError:
        return 0


class Server:
    """`mlscope serve --workers N` on a free port, in its own session and temporary folder
    (uvicorn's workers and their shared state folder live there); `stop()` ends it."""

    def __init__(self, workers: int, max_sessions: int) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = Path(tempfile.mkdtemp(prefix="mlscope-classroom-"))
        self.log_path = self.tmp / "server.log"
        self.log_text = ""
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "mlscope", "serve", "--workers", str(workers),
                 "--max-sessions", str(max_sessions), "--port", str(self.port), "--no-open"],
                env={**os.environ, "TMPDIR": str(self.tmp)}, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120  # the training kernel may compile on a cold start
        while True:
            try:
                with urllib.request.urlopen(self.url + "/api/explorables", timeout=2):
                    break
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the server did not start:\n" + self.log_text) from None
                time.sleep(0.2)
        self.workers = self._workers(workers)

    def _workers(self, n: int) -> list[int]:
        """The worker processes (multiprocessing's spawned children, not its resource
        tracker); they come up a moment after the port answers."""
        deadline = time.monotonic() + 30
        while True:
            pids = [p for p in _children().get(self.proc.pid, [])
                    if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
            if len(pids) >= n or time.monotonic() > deadline:
                return sorted(pids)
            time.sleep(0.2)

    def processes(self) -> list[int]:
        """The master and every process under it."""
        kids, out, todo = _children(), [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo.extend(kids.get(pid, []))
        return out

    def cpu(self) -> float:
        return sum(cpu_seconds(p) for p in self.processes())

    def worker_cpu(self) -> list[float]:
        return [cpu_seconds(p) for p in self.workers]

    def worker_rss(self) -> int:
        return sum(rss_bytes(p) for p in self.workers)

    def sessions_per_worker(self) -> list[int]:
        """Established connections to the server's port held by each worker: its sessions
        (the kernel hands each new connection to whichever worker accepts first)."""
        open_: set[str] = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with contextlib.suppress(OSError):
                for line in Path(table).read_text().splitlines()[1:]:
                    f = line.split()
                    if f[3] == "01" and int(f[1].rsplit(":", 1)[1], 16) == self.port:
                        open_.add(f[9])
        counts = []
        for pid in self.workers:
            n = 0
            with contextlib.suppress(OSError):
                for fd in os.scandir(f"/proc/{pid}/fd"):
                    with contextlib.suppress(OSError):
                        link = os.readlink(fd.path)
                        n += link.startswith("socket:[") and link[8:-1] in open_
            counts.append(n)
        return counts

    def settle(self, idle: float = 0.05, longest: float = 15.0) -> None:
        """Wait until the server uses under ``idle`` of a core (or ``longest`` s pass)."""
        end = time.monotonic() + longest
        last = self.cpu()
        while time.monotonic() < end:
            time.sleep(0.5)
            now = self.cpu()
            if now - last < idle * 0.5:
                break
            last = now

    def stop(self) -> None:
        """Ctrl-C to the master (uvicorn stops its workers and removes its state folder),
        harder if it does not go; then the log is read and the folder removed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # a worker left behind
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            self.log_text = self.log_path.read_text(errors="replace")
        shutil.rmtree(self.tmp, ignore_errors=True)

    def problems(self) -> list[str]:
        """The server's log lines that report something wrong."""
        bad = ("Traceback", "ERROR", "Error", "WARNING", "exception", "failed")
        return [line for line in self.log_text.splitlines() if any(b in line for b in bad)]


# --- the clients ------------------------------------------------------------------------

@dataclass
class Client:
    """One headless page: what it received."""

    frames: int = 0
    """Frames received while playing (the first, paused frame not counted)."""
    first_frame_s: float | None = None
    errors: list[str] = field(default_factory=list)
    closed: str | None = None
    """Why the server closed the session, if it did before the client."""


def seq_of(frame: bytes) -> int:
    m = SEQ.search(frame, 4, 96)
    if m:
        return int(m.group(1))
    (n,) = struct.unpack_from("<I", frame)  # not found: the header, as encoding.py writes it
    return int(json.loads(frame[4:4 + n])["seq"])


async def play(url: str, client: Client, hz: float, stop: asyncio.Event,
               hello: dict[str, Any], newcomer: bool = False) -> None:
    """Open a session as the page does, press Play and ack every frame on the next tick of a
    ``hz`` animation-frame clock, until ``stop``; a ``newcomer`` leaves at its first frame."""
    loop = asyncio.get_running_loop()
    period = 1 / hz if hz > 0 else 0.0
    phase = random.uniform(0, period)
    t0 = time.perf_counter()
    try:
        async with connect(url, max_size=None, compression=None, ping_interval=None,
                           open_timeout=60, close_timeout=5) as ws:
            await ws.send(json.dumps({"type": "hello", "params": hello}))
            playing = False
            async for msg in ws:
                if isinstance(msg, str):  # an error message: the session goes on
                    client.errors.append(msg[:200])
                    continue
                if client.first_frame_s is None:
                    client.first_frame_s = time.perf_counter() - t0
                    if newcomer:
                        return
                else:
                    client.frames += 1
                seq = seq_of(msg)
                if period:  # the page acks when it takes the frame: the next animation frame
                    await asyncio.sleep(period - (loop.time() - phase) % period)
                if stop.is_set():
                    return
                await ws.send(json.dumps({"type": "ack", "seq": seq, "render_ms": 0}))
                if not playing:
                    await ws.send(json.dumps({"type": "action", "id": 1, "name": "play"}))
                    playing = True
    except ConnectionClosed as err:
        rcvd = err.rcvd
        client.closed = f"{rcvd.code} {rcvd.reason}" if rcvd else "closed without a close frame"
    except (OSError, TimeoutError) as err:
        client.closed = f"{type(err).__name__}: {err}"


async def newcomer(url: str, hz: float, hello: dict[str, Any]) -> Client:
    c = Client()
    await play(url, c, hz, asyncio.Event(), hello, newcomer=True)
    return c


async def measure(server: Server, k: int, seconds: float, warmup: float, hz: float,
                  hello: dict[str, Any], arrive: float, start_rss: int) -> dict[str, Any]:
    """K sessions playing: the figures over a ``seconds`` window after ``warmup``;
    ``start_rss``: the workers' RSS before the first K."""
    url = f"ws://127.0.0.1:{server.port}/ws/{SLUG}"
    base_rss = server.worker_rss()
    stop = asyncio.Event()
    clients = [Client() for _ in range(k)]
    tasks = []
    for c in clients:  # the students come in one after another, ``arrive`` s apart
        tasks.append(asyncio.create_task(play(url, c, hz, stop, hello)))
        await asyncio.sleep(arrive)
    opened = time.perf_counter()
    while time.perf_counter() - opened < 60 and any(
            c.first_frame_s is None and c.closed is None for c in clients):
        await asyncio.sleep(0.05)
    await asyncio.sleep(warmup)

    newcomers: list[Client] = []

    async def newcomers_at(fractions: tuple[float, ...], start: float) -> None:
        for f in fractions:
            await asyncio.sleep(max(0.0, start + f * seconds - time.perf_counter()))
            newcomers.append(await newcomer(url, hz, hello))

    f0, cpu0, w0 = [c.frames for c in clients], server.cpu(), server.worker_cpu()
    busy0, me0, t0 = machine_busy_seconds(), time.process_time(), time.perf_counter()
    late = asyncio.create_task(newcomers_at((0.25, 0.5, 0.75), t0))
    await asyncio.sleep(seconds)
    f1, cpu1, w1 = [c.frames for c in clients], server.cpu(), server.worker_cpu()
    busy1, me1, t1 = machine_busy_seconds(), time.process_time(), time.perf_counter()
    rss, per_worker = server.worker_rss(), server.sessions_per_worker()
    await late
    stop.set()
    await asyncio.wait(tasks, timeout=30)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    dt = t1 - t0
    fps = [(b - a) / dt for a, b in zip(f0, f1, strict=True)]
    frames = sum(f1) - sum(f0)
    firsts = [c.first_frame_s for c in newcomers if c.first_frame_s is not None]
    refused = [c.closed for c in clients + newcomers if c.closed]
    return {
        "fps_median": round(statistics.median(fps), 1),
        "fps_min": round(min(fps), 1),
        "server_cpu_ms_per_frame": round(1000 * (cpu1 - cpu0) / frames, 2) if frames else None,
        "mb_per_session": round((rss - base_rss) / k / 1e6, 2),
        "mb_per_session_from_start": round((rss - start_rss) / k / 1e6, 2),
        "newcomer_first_frame_s": round(max(firsts), 3) if len(firsts) == len(newcomers)
        else None,
        "newcomer_samples_s": [round(x, 3) for x in firsts],
        "frames_per_s_total": round(frames / dt, 1),
        "first_frame_s_max": round(max((c.first_frame_s or 0.0) for c in clients), 3),
        "server_cpu_percent": round(100 * (cpu1 - cpu0) / dt, 1),
        "sessions_per_worker": per_worker,
        "worker_cpu_percent": [round(100 * (b - a) / dt, 1) for a, b in zip(w0, w1, strict=True)],
        "client_cpu_percent": round(100 * (me1 - me0) / dt, 1),
        "other_cpu_percent": round(100 * ((busy1 - busy0) - (cpu1 - cpu0) - (me1 - me0)) / dt, 1),
        "worker_rss_mb": {"before": round(base_rss / 1e6, 1), "with_sessions": round(rss / 1e6, 1)},
        "refused_or_closed": len(refused),
        "error_messages": sum(len(c.errors) for c in clients + newcomers),
        **({"closes": sorted(set(refused))[:5]} if refused else {}),
    }


async def warm_up(server: Server, hz: float, hello: dict[str, Any], n: int) -> None:
    """A few sessions for 2 s, so each worker has imported and built what a session needs
    before anything is measured; again (up to 5 times) while a worker has had none."""
    url = f"ws://127.0.0.1:{server.port}/ws/{SLUG}"
    served = [False] * len(server.workers)
    for _ in range(5):
        stop = asyncio.Event()
        tasks = []
        for _ in range(n):
            tasks.append(asyncio.create_task(play(url, Client(), hz, stop, hello)))
            await asyncio.sleep(0.1)
        await asyncio.sleep(1)
        served = [a or b > 0 for a, b in zip(served, server.sessions_per_worker(), strict=True)]
        await asyncio.sleep(1)
        stop.set()
        await asyncio.wait(tasks, timeout=30)
        if all(served):
            return
        await asyncio.sleep(0.5)


def table(result: dict[str, Any]) -> str:
    head = (f"{'K':>4} {'fps med':>8} {'fps min':>8} {'srv ms/fr':>10} {'MB/sess':>8} "
            f"{'newcomer s':>11} {'srv CPU %':>10} {'sessions':>9} {'workers CPU %':>14} "
            f"{'clients CPU %':>14} {'other CPU %':>12} {'refused':>8}")
    rows = [head, "-" * len(head)]
    for k, r in result["sessions"].items():
        workers = "/".join(f"{x:.0f}" for x in r["worker_cpu_percent"])
        split = "/".join(str(x) for x in r["sessions_per_worker"])
        rows.append(f"{k:>4} {r['fps_median']:>8.1f} {r['fps_min']:>8.1f} "
                    f"{r['server_cpu_ms_per_frame'] or float('nan'):>10.2f} "
                    f"{r['mb_per_session']:>8.2f} "
                    f"{r['newcomer_first_frame_s'] or float('nan'):>11.3f} "
                    f"{r['server_cpu_percent']:>10.1f} {split:>9} {workers:>14} "
                    f"{r['client_cpu_percent']:>14.1f} {r['other_cpu_percent']:>12.1f} "
                    f"{r['refused_or_closed']:>8}")
    return "\n".join(rows)


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--ks", default="1,10,30,50", help="session counts (default 1,10,30,50)")
    ap.add_argument("--seconds", type=float, default=20.0, help="measured window per K")
    ap.add_argument("--warmup", type=float, default=3.0, help="play before the window")
    ap.add_argument("--workers", type=int, default=2, help="the server's worker processes")
    ap.add_argument("--hz", type=float, default=60.0,
                    help="the clients' animation-frame rate: each acks a frame on its next "
                         "tick (default 60; 0: at once)")
    ap.add_argument("--arrive", type=float, default=0.05,
                    help="seconds between two clients' connections (default 0.05: 50 in "
                         "2.5 s; 0: all at once, when one worker tends to take them all)")
    ap.add_argument("--free", action="store_true",
                    help="free play (every view, the network diagram too) instead of the "
                         "page's first step")
    args = ap.parse_args()
    ks = [int(k) for k in args.ks.split(",") if k.strip()]
    hello: dict[str, Any] = {"step": "free"} if args.free else {}

    result: dict[str, Any] = {
        "workers": args.workers, "benchmark": "classroom",
        "page": f"/x/{SLUG}" + ("?step=free" if args.free else ""),
        "seconds": args.seconds, "ack_hz": args.hz, "arrive_s": args.arrive, "sessions": {}}
    print(f"{SLUG}: K clients from this process (they share its {os.cpu_count()} cores with "
          f"the server), --workers {args.workers}, {args.seconds:g} s each, acks at "
          f"{args.hz:g} Hz, connecting {args.arrive:g} s apart", flush=True)
    started = time.perf_counter()
    signal.signal(signal.SIGTERM, _terminated)  # stop the server on kill too, as on Ctrl-C
    server = Server(args.workers, max_sessions=max(ks) + 8)
    try:
        asyncio.run(warm_up(server, args.hz, hello, 2 * args.workers))
        server.settle()
        start_rss = server.worker_rss()
        for k in ks:
            server.settle()
            r = asyncio.run(measure(server, k, args.seconds, args.warmup, args.hz, hello,
                                    args.arrive, start_rss))
            result["sessions"][str(k)] = r
            print(f"K={k}: {r['fps_median']} fps (min {r['fps_min']}), "
                  f"{r['server_cpu_ms_per_frame']} ms CPU/frame, {r['mb_per_session']} MB, "
                  f"newcomer {r['newcomer_first_frame_s']} s", flush=True)
    finally:
        server.stop()
    problems = server.problems()
    result["server_log_problems"] = problems[:20]
    result["run_s"] = round(time.perf_counter() - started, 1)
    result["targets"] = TARGETS
    result["machine"] = machine()
    print()
    print(table(result))
    print("CPU % of one core over the window; the clients ran in this process, on the "
          "server's cores ('clients'); 'other' is the rest of the machine (keep it near 0).")
    print(f"{len(problems)} problem lines in the server's log; {result['run_s']} s in all.")
    for line in problems[:5]:
        print("  server:", line)
    write_result("classroom-free" if args.free else "classroom", result)


if __name__ == "__main__":
    main()
