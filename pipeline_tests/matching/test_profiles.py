"""Canonical profiles from the columns a sync loads: the same as from whole rows, and the
builders read no column outside `COLUMNS`."""

from __future__ import annotations

from datetime import date

from pipeline.matching.index import ProfileIndexer
from pipeline.matching.profiles import COLUMNS, candidate_profile, project_profile
from pipeline.store import profiles as profile_store


class _Reads(dict):
    """A row that records which keys a builder asked for."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.asked: set[str] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)


def test_loaded_columns_build_the_profiles_whole_rows_build(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    add_candidate(skill_years={"Java": 4.0}, remote_only=True, nationality="CN",
                  japanese_level="N2", commercial_depth=1)  # fmt: skip
    add_candidate(language="zh", rate_currency="CNY", monthly_rate_min=30000)
    add_project(skill_years={"Java": 3.0}, foreign_nationals_ok=False, japanese_level="N1",
                max_commercial_depth=0, is_open=False, start_date=date(2027, 2, 1))  # fmt: skip
    indexer = ProfileIndexer(db, embedder, vector_store, config)
    builders = {"candidate": candidate_profile, "project": project_profile}
    for kind, build in builders.items():
        with db.connect() as connection:
            whole = profile_store.load_profiles(connection, kind)
        rows = [_Reads(row) for row in whole]
        expected = [build(row, config.currency_rates) for row in rows]
        assert indexer.profiles(kind) == expected
        asked = set().union(*(row.asked for row in rows))
        assert asked <= {*COLUMNS[kind], "language"}, asked - {*COLUMNS[kind], "language"}
