"""search_candidates / search_projects: hard constraints exclude, soft filters score partially,
and the engine's score is the formula computed by hand, on both embedded stores."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.errors import ConfigurationError
from pipeline.matching.index import ProfileIndexer
from pipeline.matching.search import Matcher


def _matcher(db, embedder, vector_store, config) -> Matcher:
    ProfileIndexer(db, embedder, vector_store, config).sync()
    return Matcher(db, embedder, vector_store, config)


@pytest.mark.parametrize(
    ("project", "decoy", "rule"),
    [
        ({"foreign_nationals_ok": False}, {"nationality": "CN"}, "foreign_national"),
        ({"max_commercial_depth": 0}, {"commercial_depth": 1}, "commercial_depth"),
        ({"japanese_level": "N2"}, {"japanese_level": "N3"}, "japanese_level"),
        ({"remote": "none"}, {"remote": "full", "remote_only": True, "place": "Fukuoka"},
         "remote_only"),
        ({"remote": "partial"}, {"remote": "full", "remote_only": True, "place": "Osaka"},
         "remote_only"),
        ({"start_date": date(2027, 1, 1)}, {"available_from": date(2027, 5, 1)}, "availability"),
    ],
)  # fmt: skip
def test_each_hard_constraint_excludes_a_near_miss(
    db, add_project, add_candidate, embedder, vector_store, config, project, decoy, rule
) -> None:
    project_id = add_project(**project)
    fit = add_candidate()
    near_miss = add_candidate(**decoy)
    matcher = _matcher(db, embedder, vector_store, config)
    found = [r.profile_id for r in matcher.search_candidates(project_id)]
    assert fit in found
    assert near_miss not in found
    excluded = matcher.search_candidates(project_id, only_excluded=True)
    assert [r.profile_id for r in excluded] == [near_miss]
    # and from the candidate's side, the project is not offered to the near miss
    assert project_id not in [r.profile_id for r in matcher.search_projects(near_miss)]
    assert project_id in [r.profile_id for r in matcher.search_projects(fit)]


def test_naturalised_japanese_passes_foreign_nationals_not_accepted(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project_id = add_project(foreign_nationals_ok=False)
    naturalised = add_candidate(nationality="JP", language="zh")
    unstated = add_candidate(nationality=None)
    found = [r.profile_id for r in _matcher(db, embedder, vector_store, config)
             .search_candidates(project_id)]  # fmt: skip
    assert {naturalised, unstated} <= set(found)


def test_citizens_only_means_the_projects_own_country(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project_id = add_project(language="en", place="Dallas", foreign_nationals_ok=False)
    citizen = add_candidate(language="en", place="Dallas", nationality="US")
    visa_holder = add_candidate(language="en", place="Dallas", nationality="IN")
    japanese = add_candidate(place="Dallas", nationality="JP")
    matcher = _matcher(db, embedder, vector_store, config)
    found = {r.profile_id for r in matcher.search_candidates(project_id)}
    assert citizen in found
    assert not {visa_holder, japanese} & found
    assert project_id in {r.profile_id for r in matcher.search_projects(citizen)}
    assert project_id not in {r.profile_id for r in matcher.search_projects(visa_holder)}


def test_citizens_only_means_the_citizenship_the_project_names_over_its_country(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    """A US client hiring into Tokyo ("must be a U.S. citizen") takes US citizens living in
    Tokyo, not the Japanese nationals the place alone would suggest."""
    project_id = add_project(
        language="en", place="Tokyo", foreign_nationals_ok=False, citizenship="US"
    )
    citizen = add_candidate(language="en", nationality="US")
    japanese = add_candidate(nationality="JP")
    matcher = _matcher(db, embedder, vector_store, config)
    found = {r.profile_id for r in matcher.search_candidates(project_id)}
    assert citizen in found and japanese not in found
    assert project_id in {r.profile_id for r in matcher.search_projects(citizen)}
    assert project_id not in {r.profile_id for r in matcher.search_projects(japanese)}


def test_citizens_only_in_a_chinese_mail_budgeted_in_yen_means_japanese_nationals(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    """A fully remote project names no place; its 日元 budget says where it is, not the mail's
    language."""
    project_id = add_project(language="zh", place=None, remote="full", foreign_nationals_ok=False)
    japanese = add_candidate(language="en", remote="full", nationality="JP")
    chinese = add_candidate(language="zh", remote="full", nationality="CN")
    found = {r.profile_id for r in _matcher(db, embedder, vector_store, config)
             .search_candidates(project_id)}  # fmt: skip
    assert japanese in found
    assert chinese not in found


def test_soft_filters_score_partially(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project_id = add_project()
    full = add_candidate()
    fewer_years = add_candidate(experience_years=4.0)  # 4 of "5+": partial years credit
    over_budget = add_candidate(monthly_rate_min=750000)  # within the 10% margin: partial
    one_skill = add_candidate(skills=["Java"])
    results = {r.profile_id: r for r in _matcher(db, embedder, vector_store, config)
               .search_candidates(project_id)}  # fmt: skip
    assert results[full].filter_score == pytest.approx(1.0)
    for partial in (fewer_years, over_budget, one_skill):
        assert 0.5 < results[partial].filter_score < 1.0
    # the project states no Japanese level: the other shares are renormalised over the rest
    stated = 1 - config.filter_weights["language"]
    w = {name: share / stated for name, share in config.filter_weights.items()}
    # skills: one of two required skills is half the skills share
    assert results[one_skill].filter_score == pytest.approx(1 - w["skills"] / 2, abs=1e-5)
    # years: 4 >= 0.7 * 5 earns 0.3 of the years share
    assert results[fewer_years].filter_score == pytest.approx(1 - 0.7 * w["years"], abs=1e-5)


def test_engine_score_is_seed_weights_applied_to_vector_and_filters(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project_id = add_project()
    add_candidate()
    add_candidate(skills=["Java"], place="Osaka")
    for result in _matcher(db, embedder, vector_store, config).search_candidates(project_id):
        expected = 0.7 * result.vector_score + 0.3 * result.filter_score
        assert result.total == pytest.approx(expected, abs=1e-5)
        assert 0.0 <= result.vector_score <= 1.0


def test_both_stores_return_the_same_ranking(
    db, add_project, add_candidate, embedder, config, tmp_path
) -> None:
    from pipeline.store.vectors import EdgeVectorStore, QdrantClientStore

    project_id = add_project()
    for i in range(12):
        add_candidate(experience_years=float(i), skills=["Java", "Spring Boot"][: 1 + i % 2])
    rankings = []
    for store in (EdgeVectorStore(tmp_path / "e"), QdrantClientStore(":memory:")):
        results = _matcher(db, embedder, store, config).search_candidates(project_id, limit=12)
        rankings.append([(r.profile_id, round(r.total, 5)) for r in results])
        store.close()
        with db.begin() as connection:  # the second store starts from an empty index
            import sqlalchemy as sa

            connection.execute(sa.text("TRUNCATE profile_points"))
    assert rankings[0] == rankings[1]


def test_ranked_and_near_miss_queries_in_one_batch_give_the_single_queries_results(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project_id = add_project(foreign_nationals_ok=False)
    for i in range(6):
        add_candidate(experience_years=float(i + 1), skills=["Java", "Spring Boot"][: 1 + i % 2])
        add_candidate(nationality="CN", experience_years=float(i + 2))
    matcher = _matcher(db, embedder, vector_store, config)
    project = matcher.indexer.profiles("project", [project_id])[0]
    ranked, near = matcher.rank_candidates(project, None, limit=4, near_miss_limit=3)
    assert len(ranked) == 4 and len(near) == 3
    assert ranked == matcher.search_candidates(project, limit=4)
    assert near == matcher.search_candidates(project, limit=3, only_excluded=True)
    assert {r.payload["nationality"] for r in near} == {"CN"}
    assert matcher.rank_candidates(project, None, limit=2, near_miss_limit=0)[1] == []


def test_free_text_query_with_explicit_filters(
    db, add_candidate, embedder, vector_store, config
) -> None:
    senior = add_candidate(experience_years=8.0)
    junior = add_candidate(experience_years=2.0)
    python = add_candidate(skills=["Python"])
    matcher = _matcher(db, embedder, vector_store, config)
    results = matcher.search_candidates(
        "Java Spring Boot 5年 東京", filters={"experience_years": "5+", "skills": ["java"]}
    )
    ids = [r.profile_id for r in results]
    assert ids.index(senior) < ids.index(junior)
    assert ids.index(senior) < ids.index(python)
    strict = matcher.search_candidates("Java", filters={"skills": ["Java"], "skills_mode": "all"})
    assert python not in [r.profile_id for r in strict]
    with pytest.raises(ConfigurationError, match="unknown search filter"):
        matcher.search_candidates("Java", filters={"experience": 5})
    with pytest.raises(ConfigurationError, match="experience_years"):
        matcher.search_candidates("Java", filters={"experience_years": "lots"})


def test_unweighted_search_ranks_by_cosine_alone(
    db, add_project, add_candidate, embedder, vector_store, config
) -> None:
    project_id = add_project()
    add_candidate()
    add_candidate(skills=["COBOL"], place="Osaka")
    results = _matcher(db, embedder, vector_store, config).search_candidates(
        project_id, use_weighted_search=False
    )
    assert all(r.filter_score is None for r in results)
    assert [r.total for r in results] == sorted((r.vector_score for r in results), reverse=True)
