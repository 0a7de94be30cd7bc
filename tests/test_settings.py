"""Security/privacy settings of the Streamlit deployment (.streamlit/config.toml)."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIG_PATH = REPO_ROOT / ".streamlit" / "config.toml"
FORBIDDEN_WIDGETS = ("file_uploader", "camera_input")


def _config() -> dict:
    with CONFIG_PATH.open("rb") as fh:
        return tomllib.load(fh)


def _flatten(table: dict, prefix: str = "") -> dict[str, object]:
    """{"server": {"port": 1}} -> {"server.port": 1}; [[arrays of tables]] stay values."""
    flat: dict[str, object] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def _app_python_files() -> list[Path]:
    files = [REPO_ROOT / "app.py"]
    for folder in ("pages", "components"):
        files += sorted((REPO_ROOT / folder).rglob("*.py"))
    return [f for f in files if f.is_file()]


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("browser", "gatherUsageStats", False),
        ("server", "enableXsrfProtection", True),
        ("server", "enableCORS", True),
        ("server", "maxUploadSize", 1),
        ("server", "enableStaticServing", False),
        ("server", "headless", True),
        ("server", "runOnSave", False),
        ("global", "developmentMode", False),
        ("runner", "postScriptGC", False),  # performance: see the comment in config.toml
    ],
)
def test_config_value(section, key, expected):
    table = _config().get(section, {})
    assert key in table, f"{section}.{key} must be set explicitly in {CONFIG_PATH.name}"
    value = table[key]
    assert type(value) is type(expected) and value == expected, (
        f"{section}.{key} = {value!r}, expected {expected!r}"
    )


def test_every_config_key_is_a_streamlit_option():
    from streamlit import config

    options = config.get_config_options()
    flat = _flatten(_config())
    assert flat, "config.toml is empty"
    unknown = sorted(k for k in flat if k not in options)
    assert not unknown, f"not Streamlit options (typo?): {unknown}"
    deprecated = sorted(k for k in flat if options[k].deprecated)
    assert not deprecated, f"deprecated Streamlit options: {deprecated}"


def test_theme_has_no_remote_resources():
    # Fonts/themes must come from Streamlit's bundled files, never from the internet.
    theme = _flatten(_config().get("theme", {}), "theme.")
    remote = {k: v for k, v in theme.items() if "://" in str(v) or "//" in str(v)}
    assert not remote, f"theme references remote resources: {remote}"


@pytest.mark.parametrize("widget", FORBIDDEN_WIDGETS)
def test_app_has_no_upload_widgets(widget):
    offenders = []
    for path in _app_python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, ast.Name):
                name = node.id
            elif isinstance(node, ast.alias):
                name = node.name.rsplit(".", 1)[-1]
            if name == widget:
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{getattr(node, 'lineno', '?')}")
    assert not offenders, f"st.{widget} is not allowed (no uploads): {offenders}"


def test_no_static_folder_served():
    # Static serving is off; a static/ folder next to app.py would be a trap if enabled.
    assert not (REPO_ROOT / "static").exists(), "static/ folder must not exist"
    assert _config()["server"].get("enableStaticServing") is False


# --------------------------------------------------------------------------- live server
# The settings above are only claims until a running server is asked: request the
# repository's own files under every URL prefix Streamlit serves files from (the app's
# root, the static folder, component and media routes, path traversal) and check that
# none of the answers contains the file.
SECRET_FILES = [
    "app.py",
    "components/data.py",
    "data/sources.csv",
    "data/datapackage.yaml",
    ".streamlit/config.toml",
    "pyproject.toml",
]
URL_PREFIXES = [
    "",
    "app/static/",
    "static/",
    "component/",
    "media/",
    "_stcore/",
    "app/static/..%2F",
    "static/..%2F..%2F",
    "%2e%2e/",
]


@pytest.fixture(scope="module")
def live_server():
    from tests.support.browser import launch_app_server

    server = launch_app_server()
    try:
        yield server
    finally:
        server.stop()


def _get(url: str) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _fingerprint(rel: str) -> bytes:
    """A distinctive line of the file (long enough not to occur in Streamlit's index.html)."""
    lines = [ln for ln in (REPO_ROOT / rel).read_bytes().splitlines() if len(ln.strip()) > 20]
    return lines[0].strip()


@pytest.mark.parametrize("rel", SECRET_FILES)
def test_live_server_serves_no_repository_file(live_server, rel):
    assert _get(f"{live_server.url}/_stcore/health") == (200, b"ok")  # really asking a server
    needle = _fingerprint(rel)
    served = []
    for prefix in URL_PREFIXES:
        status, body = _get(f"{live_server.url}/{prefix}{rel}")
        if status == 200 and needle in body:
            served.append(f"/{prefix}{rel}")
    assert not served, f"{rel} is served over HTTP at {served}"


def test_live_server_rejects_uploads(live_server):
    """No uploader and XSRF on: a direct upload to Streamlit's endpoint is refused."""
    import urllib.error
    import urllib.request

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    req = urllib.request.Request(
        f"{live_server.url}/_stcore/upload_file/session/file",
        data=b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n'
        b"a,b\r\n--x--\r\n",
        method="PUT",
        headers={"Content-Type": "multipart/form-data; boundary=x"},
    )
    try:
        with opener.open(req, timeout=10) as resp:
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    # 403: refused for its missing XSRF token (any session id gets 400 with XSRF off).
    assert status == 403, f"an upload was not refused by XSRF (HTTP {status})"
