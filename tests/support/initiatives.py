"""The initiatives the timeline's one filter keeps, for tests that check other views
against it (the matrix's partner counts, a country's initiatives, the cluster's count)."""

from __future__ import annotations

import pandas as pd

from components import data
from components import filters as F
from components import timeline_view as TV


def filtered(**state) -> pd.DataFrame:
    """filters.apply for a state given as keywords (lists become tuples)."""
    vocab = TV.vocabulary_from_data()
    state = {k: tuple(v) if isinstance(v, (list, tuple)) else v for k, v in state.items()}
    return F.apply(F.FilterState(**state), data.initiatives(), vocab)
