"""`pipeline match`, `pipeline matches` and `pipeline search-candidates` as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PIPELINE = str(Path(sys.executable).with_name("pipeline"))


def _run(args, database_url: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "PIPELINE_DATA_DIR": str(data_dir),
           "EMBEDDER": "hashing"}  # fmt: skip
    return subprocess.run([PIPELINE, *args], capture_output=True, text=True, env=env)


def test_match_then_print_the_ranked_table_with_reasons(
    db, add_project, add_candidate, database_url, tmp_path
) -> None:
    project = add_project(foreign_nationals_ok=False, title="勘定系API開発")
    best = add_candidate(name="K.T")
    add_candidate(name="Z.W", nationality="CN")
    computed = _run(["match"], database_url, tmp_path)
    assert computed.returncode == 0, computed.stderr
    assert "matches: 1 written for 1 project(s)" in computed.stdout
    table = _run(["matches", "--project", str(project)], database_url, tmp_path)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == f"standard matches for project #{project} (match-v1):"
    assert lines[3].split()[:3] == ["1", f"#{best}", "K.T"]
    assert "required 2/2: Java, Spring Boot" in lines[3]
    assert "excluded near misses: #" in lines[-1] and "外国籍不可" in lines[-1]
    mirror = _run(["matches", "--candidate", str(best)], database_url, tmp_path)
    assert f"#{project} 勘定系API開発" in mirror.stdout


def test_search_candidates_ranks_the_filters_first(
    db, add_candidate, database_url, tmp_path
) -> None:
    senior = add_candidate(name="Senior", experience_years=9.0)
    add_candidate(name="Junior", experience_years=1.0, skills=["PHP"])
    assert _run(["match"], database_url, tmp_path).returncode == 0
    found = _run(
        ["search-candidates", "Java Spring Boot 5年 東京", "--min-years", "5", "--skill", "Java"],
        database_url, tmp_path,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines()[2].split()[:3] == ["1", f"#{senior}", "Senior"]


def test_bad_arguments_are_one_line_errors(db, database_url, tmp_path) -> None:
    both = _run(["matches", "--project", "1", "--candidate", "2"], database_url, tmp_path)
    assert both.returncode == 2
    assert both.stderr.strip() == "error: give exactly one of --project ID or --candidate ID"
    env_error = subprocess.run(
        [PIPELINE, "match"], capture_output=True, text=True,
        env={**os.environ, "DATABASE_URL": database_url, "PIPELINE_DATA_DIR": str(tmp_path),
             "EMBEDDER": "hashing", "MATCH_VECTOR_WEIGHT": "0.9"},
    )  # fmt: skip
    assert env_error.returncode == 2
    assert "vector_weight + filter_weight must sum to 1" in env_error.stderr
    assert len(env_error.stderr.strip().splitlines()) == 1


def test_matches_of_an_unknown_profile_say_it_is_not_stored(
    db, add_project, database_url, tmp_path
) -> None:
    project = add_project()
    unknown = _run(["matches", "--project", str(project + 1000)], database_url, tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == f"error: no project #{project + 1000} is stored"
    not_yet = _run(["matches", "--project", str(project)], database_url, tmp_path)
    assert not_yet.returncode == 0
    assert "run `pipeline match` first" in not_yet.stdout
