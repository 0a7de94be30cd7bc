"""The corruption matrix: every resource x every mutation, generated from datapackage.yaml.

Each case copies data/ to a temporary folder, breaks one file the way a curator or a
spreadsheet might, and runs the CLI's main() in-process on it (CA_DASHBOARD_DATA_DIR).
A rejected mutation must exit 1, name the broken file and print no traceback. An accepted
one (a BOM, CRLF line endings: how spreadsheets save a file, not a change of content)
must exit 0 and load exactly the same tables as data/.

Decided and documented in data/datapackage.yaml and the README:
- ACCEPTED: a UTF-8 byte-order mark; CRLF line endings; spaces around header names
  (frictionless trims them before matching names to fields, and so does the loader).
- REJECTED: blank lines, trailing ones included (Table Schema's blank-row error: a blank
  line is a row with no values, and the editor is told the line to delete); and every
  other mutation below.

A small sample runs through a real `python -m components.data` subprocess at the end;
tests/test_data_validation.py shows the panel in the app for a few of these cases.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from components import data
from tests.support.corruption import ACCEPTED_CASES, CASES, DATA, META, ROOT

# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def pristine() -> dict[str, pd.DataFrame]:
    """The tables of the untouched package, to compare accepted mutations against."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(data.DATA_ENV, raising=False)
        return data.package().tables


@pytest.fixture
def copy_dir(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    monkeypatch.setenv(data.DATA_ENV, str(root))
    return root


def _run_main(capsys) -> tuple[int, str]:
    rc = data.main()
    out = capsys.readouterr()
    return rc, out.out + out.err


# --------------------------------------------------------------------------- tests


def test_the_matrix_is_large_and_covers_every_resource():
    assert len(CASES) + len(ACCEPTED_CASES) >= 200
    for r in META["resources"]:
        assert sum(r["path"] == c.values[0] for c in CASES) >= 4, r["name"]


@pytest.mark.parametrize(("path", "mutate", "words", "reported"), CASES)
def test_mutation_is_rejected_cleanly(copy_dir, capsys, path, mutate, words, reported):
    mutate(copy_dir / path)
    rc, output = _run_main(capsys)
    assert rc == 1, f"accepted a broken {path}:\n{output[:2000]}"
    assert "Traceback" not in output
    assert reported in output, output[:2000]
    with pytest.raises(data.DataValidationError) as info:
        data.package()
    mine = [f for f in info.value.failures if f.file == reported]
    assert mine, f"no failure names {reported}: {[str(f) for f in info.value.failures][:5]}"
    assert any(w in str(f).lower() for f in mine for w in words.split("|")), (
        f"no failure on {reported} says {words!r}: {[str(f) for f in mine][:5]}"
    )


@pytest.mark.parametrize(("path", "mutate"), ACCEPTED_CASES)
def test_harmless_encoding_variants_load_the_same_figures(copy_dir, capsys, pristine, path, mutate):
    mutate(copy_dir / path)
    rc, output = _run_main(capsys)
    assert rc == 0, output[:2000]
    assert "Traceback" not in output
    for name, df in data.package().tables.items():
        pd.testing.assert_frame_equal(df, pristine[name], obj=name)


SUBPROCESS_SAMPLE = [
    "initiatives-row-extra-cell",
    "table4-row-missing-cells",
    "datapackage-a-list",
    "geo_borders-not-json",
]


@pytest.mark.parametrize("case", SUBPROCESS_SAMPLE)
def test_real_cli_rejects_a_sample(tmp_path, case):
    """The same as main() in-process, through `python -m components.data`."""
    path, mutate, _, reported = next(c.values for c in CASES if c.id == case)
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    mutate(root / path)
    env = {**os.environ, data.DATA_ENV: str(root)}
    proc = subprocess.run(
        [sys.executable, "-m", "components.data"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert reported in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr


def test_real_cli_accepts_the_package(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != data.DATA_ENV}
    proc = subprocess.run(
        [sys.executable, "-m", "components.data"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "sources                  86 rows" in proc.stdout
