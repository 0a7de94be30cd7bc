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
