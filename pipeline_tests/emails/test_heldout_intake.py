"""Classification and field extraction on held-out mail the rules were not written from.

The rules were tuned on the `dev` split of pipeline_tests/fixtures/intake_heldout.yaml and on
the dev sets intake_dev2.yaml and intake_dev3.yaml only; `test` was scored, never read. The
matching world's mails carry the same truth and were not tuned on either. Floors sit a little
under the figures measured when this was written (see bench/ingest.py, which prints them all),
so a regression fails and a small wobble does not.
"""

from __future__ import annotations

import collections
from functools import cache
from typing import Any

import pytest

from pipeline.emails.extraction import canonical_skill
from pipeline_tests.emails.heldout_predictions import predict
from pipeline_tests.fixtures.heldout import (
    field_scores,
    load_dev2,
    load_dev3,
    load_dev4,
    load_heldout,
    load_test2,
    load_test3,
    load_test4,
    load_world,
    to_eml,
)
from pipeline_tests.fixtures.test_heldout import _check_truth

LANGUAGES = ("ja", "zh", "en")

# Measured on the test split (F1) after tuning on dev + dev2: skills 0.96, skill_years 0.89,
# experience_years 0.88, rate 1.00, location 1.00, remote 0.83, remote_only 0.67,
# available_from 0.96, nationality 1.00, japanese_level 1.00, commercial_depth 0.84,
# required_skills 0.90, preferred_skills 0.89, min_experience_years 0.89, budget 1.00,
# start_date 1.00, foreign_nationals_ok 1.00, max_commercial_depth 0.80, interview_count 0.95.
TEST_FLOORS = {
    "skills": 0.90, "skill_years": 0.85, "experience_years": 0.85, "rate": 0.95,
    "location": 0.95, "remote": 0.75, "remote_only": 0.5, "available_from": 0.90,
    "nationality": 0.95, "japanese_level": 0.95, "commercial_depth": 0.75,
    "required_skills": 0.85, "preferred_skills": 0.80, "min_experience_years": 0.80,
    "budget": 0.95, "start_date": 0.95, "foreign_nationals_ok": 0.95,
    "max_commercial_depth": 0.65, "interview_count": 0.90,
}  # fmt: skip
# Measured: ja 1.00, zh 1.00, en 0.90 (10 mails each: one miss is 0.1; en was 0.70 before dev3,
# ja and zh 0.90 before dev4).
TEST_ACCURACY_FLOORS = {"ja": 0.8, "zh": 0.8, "en": 0.8}
DEV_FLOOR = 0.9  # every field and language measured 0.92-1.00 on dev, dev2 and dev3
WORLD_FLOOR = 0.82  # every field 0.84-1.00 on the matching world (136 mails)
WORLD_ACCURACY_FLOOR = 0.9  # measured ja 1.00, zh 1.00, en 0.95 (0.90 before dev4)
# The blind test sets (written by people who never read the rules; nobody tunes on them), as
# measured on 2026-12-03: every field's F1 over all languages, lowest test2 0.91 (remote_only,
# n = 6), test3 0.88 (commercial_depth); classification test2 1.00 / 0.96 / 0.96 and test3
# 0.97 / 0.93 / 1.00 (ja / zh / en: 25 and 30 mails a language, one miss is 0.04 or 0.03);
# test4, the first time it was scored (2026-12-04): lowest field 0.87 (commercial_depth),
# classification 0.90 / 1.00 / 0.93. After the rules dev13 and worlds 6-7 prompted (never
# tuned on these): test3 lowest 0.94 (start_date), test4 lowest 0.90 (location).
BLIND_FIELD_FLOOR = {"test2": 0.85, "test3": 0.90, "test4": 0.87}
BLIND_ACCURACY_FLOOR = 0.93  # measured 0.96-1.00 in every language of the three, 2026-12-04


def _canonical(name: str) -> str:
    return canonical_skill(name) or name


@cache
def _run(source: str, split: str | None) -> tuple[dict[str, Any], dict[str, float]]:
    loaders = {
        "world": load_world,
        "dev2": load_dev2,
        "dev3": load_dev3,
        "dev4": load_dev4,
        "test2": load_test2,
        "test3": load_test3,
        "test4": load_test4,
    }
    mails = loaders.get(source, load_heldout)()
    mails = [m for m in mails if split is None or m["split"] == split]
    predictions, truths, right = [], [], {}
    for mail in mails:
        mail.setdefault("label", mail.get("kind"))
        category, fields, _ = predict(mail, to_eml(mail))
        counts = right.setdefault(mail["lang"], [0, 0])
        counts[0] += category == mail["label"]
        counts[1] += 1
        if mail["label"] in ("candidate", "project"):
            predictions.append(fields)
            truths.append(mail)
    scores = field_scores(predictions, truths, canonical=_canonical)
    return scores, {lang: r / n for lang, (r, n) in right.items()}


@pytest.mark.parametrize("field", sorted(TEST_FLOORS))
def test_field_f1_on_the_test_split_stays_above_its_floor(field: str) -> None:
    scores, _ = _run("heldout", "test")
    assert scores[field]["f1"] >= TEST_FLOORS[field], scores[field]


@pytest.mark.parametrize("language", LANGUAGES)
def test_classification_on_the_test_split_stays_above_its_floor(language: str) -> None:
    _, accuracy = _run("heldout", "test")
    assert accuracy[language] >= TEST_ACCURACY_FLOORS[language]


@pytest.mark.parametrize("source", ["heldout", "dev2", "dev3"])
def test_every_field_and_language_on_the_dev_split_stays_above_the_floor(source: str) -> None:
    scores, accuracy = _run(source, "dev")
    low = {
        (lang, field): round(s["f1"], 2)
        for lang, fields in scores["by_language"].items()
        for field, s in fields.items()
        if s["tp"] + s["fn"] and s["f1"] < DEV_FLOOR
    }
    assert low == {}
    assert min(accuracy.values()) >= 0.95


@pytest.mark.parametrize("source", sorted(BLIND_FIELD_FLOOR))
def test_every_field_on_the_blind_test_sets_stays_above_the_floor(source: str) -> None:
    scores, accuracy = _run(source, None)
    scores.pop("by_language", None)
    floor = BLIND_FIELD_FLOOR[source]
    low = {field: round(s["f1"], 2) for field, s in scores.items() if s["f1"] < floor}
    assert low == {}
    assert min(accuracy.values()) >= BLIND_ACCURACY_FLOOR, accuracy


def test_the_matching_world_reads_as_well_as_the_held_out_mail() -> None:
    scores, accuracy = _run("world", None)
    scores.pop("by_language", None)
    low = {field: round(s["f1"], 2) for field, s in scores.items() if s["f1"] < WORLD_FLOOR}
    assert low == {}
    assert min(accuracy.values()) >= WORLD_ACCURACY_FLOOR, accuracy


def test_the_second_dev_set_is_dev_only_with_every_language_and_well_formed_truth() -> None:
    mails = load_dev2()
    assert len({m["id"] for m in mails}) == len(mails) >= 45
    assert {m["split"] for m in mails} == {"dev"}
    for language in LANGUAGES:
        assert sum(1 for m in mails if m["lang"] == language) >= 15, language
    assert sum(1 for m in mails if m.get("script") == "Hant") >= 5
    assert not {m["id"] for m in mails} & {m["id"] for m in load_heldout()}
    for mail in mails:
        _check_truth(mail)


def test_the_third_dev_set_covers_the_weak_fields_in_every_language() -> None:
    mails = load_dev3()
    assert len({m["id"] for m in mails}) == len(mails) >= 60
    assert {m["split"] for m in mails} == {"dev"}
    for language in LANGUAGES:
        of_language = [m for m in mails if m["lang"] == language]
        assert len(of_language) >= 20, language
        labels = [m["label"] for m in of_language]
        assert labels.count("candidate") >= 8 and labels.count("project") >= 8, language
        assert labels.count("other") >= 4, language
    assert sum(1 for m in mails if m.get("script") == "Hant") >= 5
    assert sum(1 for m in mails if m.get("html")) >= 8
    stated = collections.Counter(key for m in mails for key in m["truth"])
    for field in ("nationality", "available_from", "japanese_level", "commercial_depth",
                  "max_commercial_depth", "remote", "remote_only"):  # fmt: skip
        assert stated[field] >= 5, field
    others = {m["id"] for m in load_heldout()} | {m["id"] for m in load_dev2()}
    assert not {m["id"] for m in mails} & others
    for mail in mails:
        _check_truth(mail)


def test_the_fourth_dev_set_is_classified_in_every_language() -> None:
    """dev4 was written for classification (its truth holds only some fields), so only the
    accuracy has a floor here; bench/ingest.py prints its fields too."""
    _, accuracy = _run("dev4", "dev")
    assert set(accuracy) == set(LANGUAGES)
    assert min(accuracy.values()) >= 0.95, accuracy


def test_the_fourth_dev_set_is_dev_only_with_every_kind_in_every_language() -> None:
    mails = load_dev4()
    assert len({m["id"] for m in mails}) == len(mails) >= 45
    assert {m["split"] for m in mails} == {"dev"}
    for language in LANGUAGES:
        labels = [m["label"] for m in mails if m["lang"] == language]
        assert len(labels) >= 15, language
        assert min(labels.count(kind) for kind in ("candidate", "project", "other")) >= 5, language
    english = sum(1 for m in mails if m["lang"] == "en")
    assert english > max(sum(1 for m in mails if m["lang"] == lang) for lang in ("ja", "zh"))
    assert sum(1 for m in mails if m.get("script") == "Hant") >= 5
    others = {m["id"] for loader in (load_heldout, load_dev2, load_dev3) for m in loader()}
    assert not {m["id"] for m in mails} & others
    for mail in mails:
        _check_truth(mail)
