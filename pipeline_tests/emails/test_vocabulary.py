"""The skill and place vocabularies are data: every synonym has one canonical name."""

from __future__ import annotations

import unicodedata
from collections import Counter
from importlib import resources

import pytest
import yaml

from pipeline.emails.extraction import (
    canonical_place,
    canonical_skill,
    extract_skills,
    place_country,
    skill_family,
)


def _data(name: str) -> dict:
    source = resources.files("pipeline.emails").joinpath(f"vocabulary/{name}")
    return yaml.safe_load(source.read_text(encoding="utf-8"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def test_the_skill_vocabulary_has_at_least_300_canonical_skills_in_families() -> None:
    families = _data("skills.yaml")["families"]
    names = [name for skills in families.values() for name in skills]
    assert len(names) >= 300
    assert len(names) == len(set(names))
    for wanted in ("Snowflake", "SwiftUI", "Hive", "Databricks", "SAP ABAP", "S/4HANA", "Apex",
                   "COBOL", "JCL", "Playwright", "Selenium", "Cisco", "Fortinet", "Zabbix",
                   "Thymeleaf", "MyBatis", "Blazor", "Azure DevOps", "Delta Lake", "PyTorch",
                   "LLM", "RAG", "Next.js", "FastAPI", "gRPC", "Flutter", "Kotlin", ".NET",
                   "JSTQB", "CCNA", "AWS SAA"):  # fmt: skip
        assert wanted in names, wanted


def test_every_synonym_maps_to_exactly_one_canonical_name() -> None:
    data = _data("skills.yaml")
    owners: dict[str, set[str]] = {}
    for skills in data["families"].values():
        for name, synonyms in skills.items():
            for form in [name, *(synonyms or [])]:
                owners.setdefault(_fold(form), set()).add(name)
    shared = {form: names for form, names in owners.items() if len(names) > 1}
    assert shared == {}
    for skills in data["families"].values():
        for name, synonyms in skills.items():
            for form in synonyms or []:
                assert canonical_skill(form) == name, form
            assert canonical_skill(name) == name


def test_context_only_forms_belong_to_known_skills() -> None:
    data = _data("skills.yaml")
    names = {name for skills in data["families"].values() for name in skills}
    forms = Counter(form for forms in data["context_only"].values() for form in forms)
    assert set(data["context_only"]) <= names
    assert [form for form, count in forms.items() if count > 1] == []


@pytest.mark.parametrize(
    ("written", "canonical", "family"),
    [
        ("ＪＡＶＡ", "Java", "language"),
        ("k8s", "Kubernetes", "devops"),
        ("ポスグレ", "PostgreSQL", "database"),
        ("golang", "Go", "language"),
        ("機械学習", "Machine Learning", "ml"),
        ("機器學習", None, None),  # traditional forms are folded by the text reader, not here
        ("springboot", "Spring Boot", "backend"),
        ("abap", "SAP ABAP", "language"),
        ("s4hana", "S/4HANA", "erp"),
        ("大语言模型", "LLM", "ml"),
        ("no such skill", None, None),
    ],
)
def test_canonical_skill_and_family(written: str, canonical, family) -> None:
    assert canonical_skill(written) == canonical
    assert skill_family(written) == family


@pytest.mark.parametrize(
    ("text", "skills"),
    [
        ("Skills: Go, C, R", ["Go", "C", "R"]),
        ("We will Go live in March", []),
        ("Let's go to the R&D meeting at C building", []),
        ("Please go ahead and call me", []),
        ("Go言語でのAPI開発", ["Go"]),
        ("C言語 / R言語", ["C", "R"]),
        ("PM経験あり", ["Project Management"]),
        ("See you at 3 PM", []),
    ],
)
def test_short_names_need_context(text: str, skills: list[str]) -> None:
    assert extract_skills(text) == skills


def test_every_place_alias_is_unique_and_has_a_country() -> None:
    data = _data("places.yaml")["places"]
    aliases = Counter(_fold(a) for name, e in data.items() for a in [name, *e["aliases"]])
    assert [a for a, n in aliases.items() if n > 1] == []
    assert all(len(entry["country"]) == 2 for entry in data.values())
    assert sum(len(entry["aliases"]) for entry in data.values()) >= 300


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("品川駅", "Tokyo", "JP"),
        ("東京都千代田区（大手町駅）", "Tokyo", "JP"),
        ("新宿", "Tokyo", "JP"),
        ("横浜市西区", "Kanagawa", "JP"),
        ("川崎", "Kanagawa", "JP"),
        ("JR京浜東北線 大宮駅", "Saitama", "JP"),
        ("梅田", "Osaka", "JP"),
        ("大阪市中央区", "Osaka", "JP"),
        ("北京朝阳", "Beijing", "CN"),
        ("大連", "Dalian", "CN"),
        ("臺北市", "Taipei", "TW"),
        ("香港", "Hong Kong", "HK"),
        ("Dallas, TX", "Dallas", "US"),
        ("New York, NY", "New York", "US"),
        ("Bengaluru", "Bangalore", "IN"),
        ("フルリモート", None, None),
    ],
)
def test_canonical_place_and_country(text: str, place, country) -> None:
    assert canonical_place(text) == place
    assert (place_country(place) if place else None) == country


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("リアクト", "React"),
        ("クバネティス", "Kubernetes"),
        ("スプリングブート", "Spring Boot"),
        ("亚马逊云", "AWS"),
        ("ＪＡＶＡ", "Java"),
        ("sap fico", "SAP FI/CO"),
        ("protobuf", "Protocol Buffers"),
        ("Type Script", "TypeScript"),
    ],
)
def test_katakana_chinese_full_width_and_spaced_forms_name_the_skill(form: str, name: str) -> None:
    assert canonical_skill(form) == name


def test_the_vocabulary_covers_real_stacks_beyond_the_first_300() -> None:
    names = [name for skills in _data("skills.yaml")["families"].values() for name in skills]
    assert len(names) >= 650
    for wanted in ("Spring Security", "EC-CUBE", "SSIS", "NiFi", "PeopleSoft", "OpenGL", "Adabas"):
        assert wanted in names, wanted
