"""Fixtures shared by the timeline's filter-model and chart tests."""

import pandas as pd
import pytest

from components import data
from components import filters as F


@pytest.fixture(scope="module")
def ini() -> pd.DataFrame:
    return data.initiatives()


@pytest.fixture(scope="module")
def vocab(ini) -> F.Vocabulary:
    return F.Vocabulary.from_frames(
        ini, data.organisations(), data.countries(), data.approach_categories(), data.CENTRAL_ASIA
    )
