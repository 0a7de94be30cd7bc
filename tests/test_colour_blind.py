"""Colour-blind safety, measured: every palette that tells categories apart keeps them apart
under simulated protanopia, deuteranopia and tritanopia (tests/support/cvd.py), and the
map's score ramp keeps its order in lightness. A palette change that fails here needs a
second cue (letters, shapes, dashes) or other colours."""

from __future__ import annotations

import itertools

import pytest

from components import data
from components import gti_charts as G
from components import map_deck as M
from components import matrix as MX
from components import timeline_chart as T
from components.vocab import SCOPE_COLOURS
from tests.support.cvd import VISIONS, delta_e, lab

# CIEDE2000 of about 10 reads as "clearly different" for marks side by side.
APART = 10.0
SUBSTANTIVE = {k: v for k, v in T.THEME_COLOURS.items() if k not in T.PARTNERSHIP_THEMES}

# (name, palette, smallest CIEDE2000 allowed between any two colours under any vision)
PALETTES = [
    ("timeline partner families", T.FAMILY_COLOURS, APART),
    ("Astana activities (Table 3)", dict(enumerate(G.ACTIVITY_COLOURS)), APART),
    ("initiative scope", SCOPE_COLOURS, APART),
    ("GTI groups", {"central_asia": G.CA_COLOUR, "other": G.OTHER_COLOUR}, APART),
    (
        "GTI change direction",
        {
            **{f"{k}{i}": c for k, v in G.PUOR.items() for i, c in enumerate(v)},
            "none": G.NO_CHANGE_COLOUR,
        },
        APART,
    ),
    ("matrix evidence", {k: fill for k, (fill, _ink) in MX._FILLS.items()}, APART),
    # Fifteen themes cannot all stay 10 apart: each also carries its letter on the chart
    # (tests/test_timeline_chart.py), so these bounds only guard against a collapse.
    (
        "timeline themes (substantive)",
        {k: v for k, v in SUBSTANTIVE.items() if k != "human_rights"},
        APART,
    ),
    ("timeline themes (all, with letters)", T.THEME_COLOURS, 3.0),
]


@pytest.mark.parametrize(("name", "palette", "least"), PALETTES, ids=[p[0] for p in PALETTES])
@pytest.mark.parametrize("vision", VISIONS, ids=[v or "typical" for v in VISIONS])
def test_categorical_palettes_stay_apart(name, palette, least, vision):
    seen = {k: lab(c, vision) for k, c in palette.items()}
    closest = min((delta_e(seen[a], seen[b]), a, b) for a, b in itertools.combinations(seen, 2))
    assert closest[0] >= least, f"{name} under {vision or 'typical vision'}: {closest}"


@pytest.mark.parametrize("vision", VISIONS, ids=[v or "typical" for v in VISIONS])
def test_the_map_score_ramp_darkens_with_the_score_under_every_vision(vision):
    """A higher GTI score is a darker fill for every viewer, so the order reads without hue."""
    scores = sorted(set(data.gti_countries()["score_2023"].dropna()))
    top = max(scores)
    hexes = ["#{:02X}{:02X}{:02X}".format(*M.score_color(s, top)[:3]) for s in scores]
    lightness = [lab(h, vision)[0] for h in hexes]
    assert all(a > b + 5 for a, b in itertools.pairwise(lightness)), (vision, lightness)


@pytest.mark.parametrize(
    ("a", "b", "vision", "low", "high"),
    [
        ("#FF0000", "#00AA00", None, 50, 100),  # red and green: far apart for most viewers
        ("#FF0000", "#00AA00", "deuteranopia", 0, 5),  # ... and nearly one colour here
        ("#D55E00", "#009E73", "deuteranopia", 15, 30),  # Okabe-Ito's pair survives
    ],
)
def test_the_simulation_itself(a, b, vision, low, high):
    """The measure can fail: a red-green pair collapses under deuteranopia."""
    assert low <= delta_e(lab(a, vision), lab(b, vision)) <= high
