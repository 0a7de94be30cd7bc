"""Capacity without browsers: S sessions through HAProxy speaking Streamlit's own protocol.

    .venv/bin/python bench/capacity.py --replicas 1            # S = 25, 50, 100, 200
    .venv/bin/python bench/capacity.py --replicas 2 --duration 30
    .venv/bin/python bench/capacity.py --replicas 1 --sessions 10 --duration 10   # smoke

The cluster is the one `make cluster` runs (deploy/cluster.py: replicas on loopback ports
behind Debian's HAProxy with deploy/haproxy.cfg), started by this script on free ports.

Each simulated session does what a browser tab does, minus rendering:
- GET /_stcore/health through the proxy: HAProxy's affinity cookie (`ca_replica`) and
  Streamlit's XSRF cookie (`_streamlit_xsrf`);
- opens the websocket /_stcore/stream with both cookies, an Origin header and the
  subprotocols ["streamlit", <xsrf token>] (streamlit/web/server/starlette/
  starlette_websocket.py reads the token from the second entry);
- sends BackMsg.rerun_script (ClientState: query_string, page_name = the URL path,
  widget_states) and reads ForwardMsgs until `script_finished` with a final status
  (FINISHED_EARLY_FOR_RERUN means the run goes on, e.g. st.navigation switching page).
A rerun's latency is send -> final script_finished. An error is a timeout, a closed socket,
a compile error, an exception element, or a widget the page should have and did not send.

Actions cycle (each session from a random place): a deep link to every page, plus two
widget changes (the timeline's Country multiselect, the country view's selectbox), with a
think time of 1-3 s between actions, as a person reading a projected dashboard would.
For each S the sessions ramp up, run for --duration seconds (only reruns started in that
window count), then close. Memory is the RSS of the replica processes (psutil), CPU the
time each process used during the window. Loops are bounded in count and time; every
connection goes to 127.0.0.1.

Writes bench/results/capacity-<N>r-<timestamp>.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookiejar
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_ROOT / "bench" / "results"
LAUNCHER = REPO_ROOT / "deploy" / "cluster.py"

RERUN_TIMEOUT_S = 30.0
FINAL = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


@dataclass(frozen=True)
class Action:
    name: str
    page: str  # URL path without "/", "" = overview
    query: str = ""
    widget: str | None = None  # key of the widget to change
    value: tuple[str, ...] | str | None = None  # formatted option(s) to set


# One lap: every page by deep link, and a widget change on the two pages with the heaviest
# filters (the value toggles on each lap so every change really changes something).
LAP = [
    Action("overview", ""),
    Action("timeline?partner=osce", "timeline", "partner=osce"),
    Action("timeline: country", "timeline", "partner=osce", "timeline_country", ("Tajikistan",)),
    Action("map", "map"),
    Action("countries?country=TJK", "countries", "country=TJK"),
    Action("countries: selectbox", "countries", "country=TJK", "country", "Uzbekistan"),
    Action("gti", "gti"),
    Action("approaches", "approaches"),
    Action("sources", "sources"),
]


# --------------------------------------------------------------------------- cluster
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    process: subprocess.Popen
    state: dict

    @property
    def url(self) -> str:
        return self.state["url"]

    def replica_procs(self) -> dict[str, psutil.Process]:
        return {r["name"]: psutil.Process(r["pid"]) for r in self.state["replicas"]}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def start_cluster(replicas: int, log_dir: Path) -> Cluster:
    state_file = Path(tempfile.mkdtemp(prefix="capacity-")) / "state.json"
    cmd = [sys.executable, str(LAUNCHER), "--replicas", str(replicas), "--port",
           str(free_port()), "--replica-ports", "auto", "--state-file", str(state_file),
           "--log-dir", str(log_dir)]  # fmt: skip
    process = subprocess.Popen(cmd, cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                               start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"cluster launcher exited with {process.returncode}")
        with contextlib.suppress(FileNotFoundError, ValueError):
            state = json.loads(state_file.read_text())
            if state.get("ready"):
                return Cluster(process, state)
        time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    raise SystemExit("cluster not ready after 300 s")


# --------------------------------------------------------------------------- one session
def _cookies(url: str) -> dict[str, str]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), urllib.request.ProxyHandler({})
    )
    with opener.open(f"{url}/_stcore/health", timeout=30) as resp:
        resp.read()
    return {c.name: c.value for c in jar}


@dataclass
class Rerun:
    action: str
    start: float  # time.monotonic()
    ms: float | None  # None: error
    error: str | None = None
    deltas: int = 0  # elements and blocks the server sent for this rerun
    kb: float = 0.0  # bytes received for it


@dataclass
class Session:
    base: str
    replica: str = "?"
    widget_ids: dict[str, str] = field(default_factory=dict)  # key -> id, from the last run
    reruns: list[Rerun] = field(default_factory=list)
    lap_count: int = 0

    async def rerun(self, ws, action: Action, lap: int) -> Rerun:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = action.query
        state.page_name = action.page
        if action.widget:
            widget_id = self.widget_ids.get(action.widget)
            if widget_id is None:
                return Rerun(action.name, time.monotonic(), None, f"no widget {action.widget}")
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            on = lap % 2 == 0  # alternate between the value and the page's default
            if isinstance(action.value, tuple):
                widget.string_array_value.data.extend(action.value if on else ())
            else:
                widget.string_value = action.value if on else "Tajikistan"
        start = time.monotonic()
        await ws.send(msg.SerializeToString())
        seen: dict[str, str] = {}
        deltas, size = 0, 0
        while True:
            fwd = ForwardMsg()
            raw = await asyncio.wait_for(ws.recv(), RERUN_TIMEOUT_S)
            size += len(raw)
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            deltas += kind == "delta"
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                etype = element.WhichOneof("type")
                if etype == "exception":
                    return Rerun(
                        action.name, start, None, f"exception: {element.exception.message}"
                    )
                if etype in ("multiselect", "selectbox"):
                    wid = getattr(element, etype).id
                    seen[wid.rsplit("-", 1)[-1]] = wid
            elif kind == "script_finished" and fwd.script_finished in FINAL:
                ms = (time.monotonic() - start) * 1000
                self.widget_ids = seen
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return Rerun(action.name, start, None, "compile error")
                return Rerun(action.name, start, ms, deltas=deltas, kb=size / 1024)

    async def run(self, stop_at: float, think: tuple[float, float], rng: random.Random) -> None:
        cookies = await asyncio.to_thread(_cookies, self.base)
        self.replica = cookies.get("ca_replica", "?")
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Origin": self.base,
        }
        ws_url = self.base.replace("http://", "ws://", 1) + "/_stcore/stream"
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit", cookies.get("_streamlit_xsrf", "")],
            additional_headers=headers,
            max_size=None,
            open_timeout=RERUN_TIMEOUT_S,
            proxy=None,
        ) as ws:
            i = rng.randrange(len(LAP))
            # A widget change needs its page loaded first in this session.
            if LAP[i].widget:
                i -= 1
            max_actions = 10_000  # bound; the deadline ends the loop long before
            for _ in range(max_actions):
                if time.monotonic() >= stop_at:
                    break
                action = LAP[i % len(LAP)]
                try:
                    result = await self.rerun(ws, action, i // len(LAP))
                except (TimeoutError, websockets.ConnectionClosed) as exc:
                    self.reruns.append(Rerun(action.name, time.monotonic(), None, repr(exc)))
                    return
                self.reruns.append(result)
                i += 1
                await asyncio.sleep(rng.uniform(*think))


# --------------------------------------------------------------------------- one level
def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            t = proc.cpu_times()
            total += t.user + t.system
    return total


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else values[0]
    )


async def level(cluster: Cluster, sessions: int, duration: float, think: tuple[float, float],
                seed: int) -> dict:  # fmt: skip
    replicas = cluster.replica_procs()
    haproxy = psutil.Process(cluster.state["haproxy_pid"])
    me = psutil.Process()
    rss_before = {n: p.memory_info().rss for n, p in replicas.items()}
    ramp = max(2.0, sessions / 20)  # 20 new sessions per second at most
    t0 = time.monotonic()
    window = (t0 + ramp, t0 + ramp + duration)
    rng = random.Random(seed)
    group = [Session(cluster.url) for _ in range(sessions)]

    async def one(k: int, session: Session) -> None:
        await asyncio.sleep(ramp * k / sessions)
        try:
            await session.run(window[1], think, random.Random(rng.random()))
        except (OSError, websockets.InvalidHandshake, TimeoutError) as exc:
            session.reruns.append(Rerun("connect", time.monotonic(), None, repr(exc)))

    tasks = [asyncio.create_task(one(k, s)) for k, s in enumerate(group)]
    await asyncio.sleep(max(0.0, window[0] - time.monotonic()))
    cpu0 = (cpu_seconds(list(replicas.values())), cpu_seconds([haproxy]), cpu_seconds([me]))
    machine0 = psutil.cpu_times()
    per_replica_cpu0 = {n: cpu_seconds([p]) for n, p in replicas.items()}
    await asyncio.sleep(max(0.0, window[1] - time.monotonic()))
    cpu1 = (cpu_seconds(list(replicas.values())), cpu_seconds([haproxy]), cpu_seconds([me]))
    machine1 = psutil.cpu_times()
    idle = (machine1.idle + machine1.iowait) - (machine0.idle + machine0.iowait)
    busy = sum(machine1) - sum(machine0) - idle  # CPU-seconds used by every process
    per_replica_cpu = {n: (cpu_seconds([p]) - per_replica_cpu0[n]) / duration * 100
                       for n, p in replicas.items()}  # fmt: skip
    # Memory with every session still connected (they finish their last rerun first).
    rss_during = {n: p.memory_info().rss for n, p in replicas.items()}
    await asyncio.wait_for(asyncio.gather(*tasks), RERUN_TIMEOUT_S + 30)

    in_window = [r for s in group for r in s.reruns if window[0] <= r.start < window[1]]
    ok = [r.ms for r in in_window if r.ms is not None]
    errors = [r for s in group for r in s.reruns if r.ms is None]
    by_replica: dict[str, int] = {}
    for s in group:
        by_replica[s.replica] = by_replica.get(s.replica, 0) + 1
    rss_total = sum(rss_during.values())
    return {
        "sessions": sessions,
        "replicas": len(replicas),
        "duration_s": duration,
        "ramp_s": ramp,
        "reruns": len(ok),
        "reruns_per_s": len(ok) / duration,
        "p50_ms": pct(ok, 50),
        "p95_ms": pct(ok, 95),
        "max_ms": max(ok) if ok else None,
        "errors": len(errors),
        "error_samples": sorted({e.error or "" for e in errors})[:5],
        "sessions_per_replica": by_replica,
        "rss_before_mb": {n: v / 2**20 for n, v in rss_before.items()},
        "rss_during_mb": {n: v / 2**20 for n, v in rss_during.items()},
        "rss_total_mb": rss_total / 2**20,
        "cpu_replicas_pct": (cpu1[0] - cpu0[0]) / duration * 100,
        "cpu_per_replica_pct": per_replica_cpu,
        "cpu_haproxy_pct": (cpu1[1] - cpu0[1]) / duration * 100,
        "cpu_loadgen_pct": (cpu1[2] - cpu0[2]) / duration * 100,
        # Whole machine (100 % = one core): the rest is other processes on the shared VM.
        "cpu_machine_pct": busy / duration * 100,
        "cpu_cores": psutil.cpu_count(),
        "per_action_p50_ms": {
            a.name: pct([r.ms for r in in_window if r.action == a.name and r.ms is not None], 50)
            for a in LAP
        },
        "per_action_deltas_kb": {
            a.name: [(r.deltas, round(r.kb, 1)) for r in in_window if r.action == a.name][:3]
            for a in LAP
        },
    }


def warm(cluster: Cluster) -> None:
    """One untimed lap on every replica (first runs import pandas, build caches, ...)."""

    async def _warm() -> None:
        for replica in cluster.state["replicas"]:
            session = Session(replica["url"])
            cookies = await asyncio.to_thread(_cookies, replica["url"])
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                       "Origin": replica["url"]}  # fmt: skip
            ws_url = replica["url"].replace("http://", "ws://", 1) + "/_stcore/stream"
            async with websockets.connect(
                ws_url, subprotocols=["streamlit", cookies.get("_streamlit_xsrf", "")],
                additional_headers=headers, max_size=None, proxy=None,
            ) as ws:  # fmt: skip
                for lap in range(2):
                    for action in LAP:
                        result = await session.rerun(ws, action, lap)
                        if result.ms is None:
                            raise SystemExit(
                                f"warm-up {replica['name']} {action.name}: {result.error}"
                            )

    asyncio.run(_warm())


# --------------------------------------------------------------------------- report
def fmt(v: float | None, digits: int = 0) -> str:
    return "-" if v is None else f"{v:,.{digits}f}"


def table(rows: list[dict]) -> str:
    head = ("| replicas | sessions | reruns/s | p50 ms | p95 ms | errors | replica CPU % "
            "| load gen CPU % | machine CPU % | replica RSS MB | RSS/session MB "
            "| sessions per replica |")  # fmt: skip
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        idle = sum(r["idle_rss_mb"].values())
        per_session = (r["rss_total_mb"] - idle) / r["sessions"]
        cpu = " + ".join(fmt(v) for v in r["cpu_per_replica_pct"].values())
        spread = ", ".join(f"{k}: {v}" for k, v in sorted(r["sessions_per_replica"].items()))
        lines.append(
            f"| {r['replicas']} | {r['sessions']} | {fmt(r['reruns_per_s'], 1)} | "
            f"{fmt(r['p50_ms'])} | {fmt(r['p95_ms'])} | {r['errors']} | {cpu} | "
            f"{fmt(r['cpu_loadgen_pct'])} | {fmt(r['cpu_machine_pct'])} of {r['cpu_cores']}00 | "
            f"{fmt(r['rss_total_mb'])} | {fmt(per_session, 2)} | "
            f"{spread} |"
        )
    return "\n".join(lines)


def machine() -> dict:
    import streamlit

    return {
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "cpus": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "loadavg_start": os.getloadavg(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--sessions", type=int, nargs="+", default=[25, 50, 100, 200])
    parser.add_argument("--duration", type=float, default=30.0, help="measured seconds per S")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=[1.0, 3.0],
        help="think time between a session's actions, uniform min max (s)",
    )
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    if max(args.sessions) > 400 or args.duration > 120:
        parser.error("keep a run to a few minutes: at most 400 sessions and 120 s per level")

    started = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    info = machine() | {"started_utc": started, "replicas": args.replicas,
                        "think_s": args.think, "lap": [a.name for a in LAP]}  # fmt: skip
    cluster = start_cluster(args.replicas, REPO_ROOT / "artifacts" / "logs" / f"capacity-{started}")
    rows = []
    try:
        warm(cluster)
        for s in args.sessions:
            idle = {n: p.memory_info().rss / 2**20 for n, p in cluster.replica_procs().items()}
            row = asyncio.run(level(cluster, s, args.duration, tuple(args.think), args.seed + s))
            row["idle_rss_mb"] = idle
            rows.append(row)
            print(table(rows[-1:]).splitlines()[-1], flush=True)
            if row["errors"]:
                print(f"   errors: {row['error_samples']}", flush=True)
    finally:
        cluster.stop()
    info["loadavg_end"] = os.getloadavg()
    print()
    print(table(rows))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"capacity-{args.replicas}r-{started}.json"
    out.write_text(json.dumps({"machine": info, "levels": rows}, indent=2))
    print(f"\nwrote {out.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
