"""The deploy topology without a container runtime: N Streamlit replicas on loopback ports
behind Debian's HAProxy, configured by the same deploy/haproxy.cfg as deploy/compose.yaml.

    python deploy/cluster.py --replicas 2 --port 8600     # what `make cluster` runs

- Replica i listens on 127.0.0.1:<port+i> (or on free ports with --replica-ports auto) and
  runs `python -m streamlit run app.py` from the repository root, so it reads the same
  .streamlit/config.toml as every other way of running the app.
- Every replica gets the same cookie secret: $STREAMLIT_SERVER_COOKIE_SECRET if set,
  otherwise a random one made for this run (kept in memory, never written to disk).
- HAProxy serves on http://127.0.0.1:<port> with LISTEN and REPLICA_1..REPLICA_N set in
  its environment; deploy/haproxy.cfg lists a server only for the variables that are set.
- Stays in the foreground. SIGTERM or SIGINT (Ctrl-C) stops HAProxy and every replica
  (each runs in its own process group) and exits. SIGUSR1 starts again every replica that
  has exited, on its old port (tests use it after killing one). A replica that dies is
  not restarted otherwise: HAProxy sends its browsers to the others.
- --state-file writes JSON with the pids and ports (for tests and the capacity bench).

Standard library only. Logs: one file per process under --log-dir.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
HAPROXY_CFG = REPO_ROOT / "deploy" / "haproxy.cfg"
MAX_REPLICAS = 8  # deploy/haproxy.cfg has server lines for REPLICA_1..REPLICA_8
HOST = "127.0.0.1"
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"


def log(msg: str) -> None:
    print(f"[cluster] {msg}", flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # As servers bind: a killed replica's port stays usable while its old connections
        # sit in TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def http_ok(url: str, timeout: float = 2.0) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
    try:
        with opener.open(url, timeout=timeout) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def stop_group(proc: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """SIGTERM the process group of ``proc``, SIGKILL it if it does not exit in time."""
    if proc is None:
        return
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        if proc.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=wait)
    # The group may outlive its leader (a child that ignored SIGTERM).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


@dataclass
class Replica:
    name: str
    port: int
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


class Cluster:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.python = args.python
        self.log_dir = Path(args.log_dir)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.secret = os.environ.get(COOKIE_SECRET_ENV) or secrets.token_hex(32)
        if args.replica_ports == "auto":
            ports = [free_port() for _ in range(args.replicas)]
        else:
            ports = [args.port + i for i in range(1, args.replicas + 1)]
        self.replicas = [Replica(f"r{i}", p) for i, p in enumerate(ports, start=1)]
        self.haproxy: subprocess.Popen | None = None
        self.lock = threading.Lock()

    # ------------------------------------------------------------------ replicas
    def start_replica(self, replica: Replica) -> None:
        if not port_is_free(replica.port):
            raise SystemExit(f"error: port {replica.port} for replica {replica.name} is in use")
        env = dict(os.environ, PYTHONUNBUFFERED="1", **{COOKIE_SECRET_ENV: self.secret})
        cmd = [
            self.python, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"),
            "--server.address", HOST,
            "--server.port", str(replica.port),
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        with open(self.log_dir / f"{replica.name}.log", "ab") as out:
            replica.proc = subprocess.Popen(
                cmd, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        log(f"replica {replica.name}: pid {replica.proc.pid} on {replica.url}")

    def wait_healthy(self, replica: Replica, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if replica.proc is None or replica.proc.poll() is not None:
                raise SystemExit(
                    f"error: replica {replica.name} exited; see {self.log_dir / replica.name}.log"
                )
            if http_ok(f"{replica.url}/_stcore/health"):
                return
            time.sleep(0.25)
        raise SystemExit(f"error: replica {replica.name} not healthy after {timeout:.0f} s")

    def respawn_exited(self) -> None:
        with self.lock:
            for replica in self.replicas:
                if replica.proc is None or replica.proc.poll() is not None:
                    log(f"replica {replica.name}: starting again (SIGUSR1)")
                    try:
                        self.start_replica(replica)
                    except SystemExit as exc:  # in a thread: report, keep serving
                        log(str(exc))
            self.write_state()

    # ------------------------------------------------------------------ haproxy
    def start_haproxy(self) -> None:
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        if not os.access(haproxy, os.X_OK):
            raise SystemExit(
                "error: haproxy not found (apt-get install haproxy; `make cluster` does)"
            )
        env = dict(os.environ, LISTEN=f"{HOST}:{self.args.port}")
        for key in [k for k in env if k.startswith("REPLICA_")]:
            del env[key]
        env.update({f"REPLICA_{i}": f"{HOST}:{r.port}" for i, r in enumerate(self.replicas, 1)})
        cmd = [haproxy, "-db", "-f", str(HAPROXY_CFG)]
        check = subprocess.run(
            [*cmd, "-c", "-q"], check=False, env=env, capture_output=True, text=True
        )
        if check.returncode != 0:
            raise SystemExit(f"error: haproxy -c failed:\n{check.stdout}{check.stderr}")
        with open(self.log_dir / "haproxy.log", "ab") as out:
            self.haproxy = subprocess.Popen(
                cmd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        log(f"haproxy: pid {self.haproxy.pid} on http://{HOST}:{self.args.port}")

    # ------------------------------------------------------------------ state
    def write_state(self, ready: bool = True) -> None:
        if not self.args.state_file:
            return
        state = {
            "ready": ready,
            "url": f"http://{HOST}:{self.args.port}",
            "launcher_pid": os.getpid(),
            "haproxy_pid": self.haproxy.pid if self.haproxy else None,
            "replicas": [
                {"name": r.name, "port": r.port, "url": r.url,
                 "pid": r.proc.pid if r.proc else None}
                for r in self.replicas
            ],
        }  # fmt: skip
        path = Path(self.args.state_file)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2))
        tmp.replace(path)  # readers never see a half-written file

    def stop(self) -> None:
        stop_group(self.haproxy)
        for replica in self.replicas:
            stop_group(replica.proc)

    # ------------------------------------------------------------------ main loop
    def run(self) -> int:
        if not port_is_free(self.args.port):
            raise SystemExit(f"error: port {self.args.port} is in use")
        for replica in self.replicas:
            self.start_replica(replica)
        for replica in self.replicas:
            self.wait_healthy(replica, self.args.timeout)
        self.start_haproxy()
        front = f"http://{HOST}:{self.args.port}"
        deadline = time.monotonic() + self.args.timeout
        while not http_ok(f"{front}/_stcore/health"):
            if self.haproxy.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"error: haproxy not serving; see {self.log_dir}/haproxy.log")
            time.sleep(0.25)
        self.write_state(ready=True)
        log(f"serving {front} with {len(self.replicas)} replica(s); Ctrl-C stops everything")
        while True:
            if self.haproxy.poll() is not None:
                log(f"haproxy exited with code {self.haproxy.returncode}; stopping")
                return 1
            time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8600, help="HAProxy's port on 127.0.0.1")
    parser.add_argument(
        "--replica-ports",
        choices=["next", "auto"],
        default="next",
        help="next: port+1..port+N (default); auto: free ports",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter with the app installed (default: this one)",
    )
    parser.add_argument("--log-dir", default=str(REPO_ROOT / "artifacts" / "logs" / "cluster"))
    parser.add_argument("--state-file", default=None)
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds to wait for each replica and for HAProxy",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= MAX_REPLICAS:
        parser.error(
            f"--replicas must be 1..{MAX_REPLICAS} (deploy/haproxy.cfg has {MAX_REPLICAS} slots)"
        )

    cluster = Cluster(args)

    def _stop(signum: int, _frame: object) -> None:
        log(
            f"{signal.Signals(signum).name}: stopping haproxy and {len(cluster.replicas)} replica(s)"
        )
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(
        signal.SIGUSR1, lambda *_: threading.Thread(target=cluster.respawn_exited).start()
    )
    try:
        return cluster.run()
    finally:
        # Signals during the clean-up must not interrupt it half-way.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        cluster.stop()
        if args.state_file:
            with contextlib.suppress(FileNotFoundError):
                Path(args.state_file).unlink()
        log("stopped")


if __name__ == "__main__":
    sys.exit(main())
