"""Fixtures shared by the timeline's filter-model and chart tests."""

import pandas as pd
import pytest

from components import data
from components import filters as F
from components import timeline_view as TV


@pytest.fixture(scope="module")
def ini() -> pd.DataFrame:
    return data.initiatives()


@pytest.fixture(scope="module")
def vocab() -> F.Vocabulary:
    return TV.vocabulary_from_data()
