"""LLM extraction over real HTTP: merged onto the rules, checked against the mail, cached."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Engine

from pipeline.emails.extraction import extract_candidate, extract_projects
from pipeline.emails.llm_extraction import EmailForExtraction, LLMExtractor
from pipeline.llm.cache import LLMCache
from pipeline.llm.client import build_openai_client
from pipeline.llm.structured import StructuredLLM
from pipeline_tests.emails.fake_chat import StructuredChatServer

MODEL = "extract-model"
SENT = date(2026, 3, 10)

JA_CANDIDATE = """お世話になっております。弊社社員のご紹介です。
氏名：T.K（32歳）
スキル：Java 8年、Spring Boot 5年、AWS
希望単価：65万円
最寄駅：品川
稼働：即日可能
日本語：N1
"""
ZH_CANDIDATE = """您好，推荐一位候选人。
姓名：王先生
技能：Python 6年，Django，PostgreSQL
期望薪资：91万日元/月
可到岗：4月1日
"""
JA_PROJECTS = """各位
【案件名】物流システム開発
必須スキル：Java、Spring Boot
尚可：AWS
単価：70万円～80万円
開始：4月～
場所：東京都港区

【案件名】保険基幹刷新
必須スキル：COBOL、JCL
単価：60万円
開始：5月～
場所：大阪
"""

CANDIDATE_NULLS = dict.fromkeys(
    ["name", "experience_years", "rate", "location", "remote", "remote_only", "available_from",
     "japanese_level", "nationality", "commercial_depth", "age"]
) | {"skills": [], "skill_years": []}  # fmt: skip
PROJECT_NULLS = dict.fromkeys(
    ["title", "min_experience_years", "budget", "location", "remote", "start_date",
     "japanese_level", "foreign_nationals_ok", "max_commercial_depth", "interview_count"]
) | {"required_skills": [], "preferred_skills": [], "skill_years": []}  # fmt: skip


def _money(minimum: float, maximum: float | None, currency: str, period: str = "month") -> dict:
    return {"minimum": minimum, "maximum": maximum, "currency": currency, "period": period}


# What the fake model "reads" from each mail, by subject: some true, some invented.
CANDIDATE_ANSWERS: dict[str, dict[str, Any]] = {
    "ja-candidate": CANDIDATE_NULLS
    | {
        "name": "T.K",
        "skills": ["Java", "Spring Boot", "AWS", "Kubernetes"],  # Kubernetes: never mentioned
        "skill_years": [{"skill": "Java", "years": 8}, {"skill": "AWS", "years": 4}],
        "experience_years": 8,
        "rate": _money(800000, 800000, "JPY"),  # 80万: not in the mail
        "location": "品川",
        "available_from": "2026-03-10",  # 即日, resolved against the mail's date
        "japanese_level": "N1",
        "nationality": "CN",  # the mail says nothing about nationality
        "age": 32,
    },
    "zh-candidate": CANDIDATE_NULLS
    | {
        "name": "王先生",
        "skills": ["Python", "Django", "PostgreSQL"],
        "rate": _money(910000, 910000, "CNY"),  # the unit written is 日元: JPY
        "available_from": "2026-06-15",  # no phrase of the mail says so
        "japanese_level": "N2",  # not written
    },
}
PROJECT_ANSWERS: dict[str, list[dict[str, Any]]] = {
    "ja-projects": [
        PROJECT_NULLS
        | {
            "title": "物流システム開発",
            "required_skills": ["Java", "Spring Boot"],
            "preferred_skills": ["AWS"],
            "budget": _money(700000, 800000, "JPY"),
            "start_date": "2026-04-01",
            "location": "東京都港区",
            "remote": "full",  # the mail says nothing of remote work
        },
        PROJECT_NULLS
        | {
            "title": "保険基幹刷新",
            "required_skills": ["COBOL", "JCL", "PL/I"],  # PL/I never mentioned
            "budget": _money(600000, None, "JPY"),
            "start_date": "2026-05-01",
            "location": "大阪",
        },
    ]
}


def _answer(items: list[dict], body: dict) -> dict:
    name = body["response_format"]["json_schema"]["name"]
    if name == "candidate_profiles":
        return {
            "emails": [
                {
                    "index": it["index"],
                    "candidate": CANDIDATE_ANSWERS.get(it["subject"], CANDIDATE_NULLS),
                }
                for it in items
            ]
        }
    return {
        "emails": [
            {"index": it["index"], "projects": PROJECT_ANSWERS.get(it["subject"], [PROJECT_NULLS])}
            for it in items
        ]
    }


def _item(subject: str, text: str, language: str, kind: str = "candidate") -> EmailForExtraction:
    return EmailForExtraction(kind, subject, text, language, SENT)  # type: ignore[arg-type]


def _rules(item: EmailForExtraction) -> list:
    args = (item.subject, item.text, item.language, item.reference)
    return [extract_candidate(*args)] if item.kind == "candidate" else extract_projects(*args)


def _extractor(server: StructuredChatServer, db: Engine | None, **kwargs: Any) -> LLMExtractor:
    client = build_openai_client("test", server.base_url, max_retries=kwargs.pop("retries", 2))
    cache = LLMCache(db) if db is not None else None
    return LLMExtractor(StructuredLLM(client, MODEL), cache, **kwargs)


def _extract(server: StructuredChatServer, db: Engine | None, items: list, **kwargs: Any) -> list:
    return _extractor(server, db, **kwargs).extract(items, [_rules(item) for item in items])


def _dropped(profile: Any) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for note in profile.extracted.get("llm_dropped", []):
        notes.setdefault(note["field"], []).append(note["value"])
    return notes


def test_supported_values_are_taken_and_contradicting_ones_dropped_and_noted(db: Engine) -> None:
    item = _item("ja-candidate", JA_CANDIDATE, "ja")
    rules = _rules(item)[0]
    with StructuredChatServer(_answer) as server:
        [[profile]] = _extract(server, db, [item])

    assert profile.skills == ["Java", "Spring Boot", "AWS"]
    assert profile.experience_years == 8  # the rules had no total; "8" is in the mail
    assert profile.skill_years == {"Java": 8.0}
    assert (profile.rate_min, profile.rate_currency) == (rules.rate_min, "JPY") == (650000, "JPY")
    assert profile.available_from == date(2026, 3, 10)
    assert profile.nationality is None
    dropped = _dropped(profile)
    assert dropped["skills"] == ["Kubernetes"]
    assert dropped["skill_years"] == ["AWS: 4"]
    assert "800000" in dropped["rate"][0]
    assert dropped["nationality"] == ["CN"]
    assert profile.extracted["extracted_by"] == f"llm:{MODEL}"
    assert "experience_years" in profile.extracted["llm_fields"]
    assert "rate_min" not in profile.extracted["llm_fields"]


def test_a_yen_rate_in_a_chinese_mail_is_not_believed_as_yuan(db: Engine) -> None:
    item = _item("zh-candidate", ZH_CANDIDATE, "zh")
    with StructuredChatServer(_answer) as server:
        [[profile]] = _extract(server, db, [item])
    assert (profile.rate_min, profile.rate_currency, profile.rate_period) == (
        910000,
        "JPY",
        "month",
    )
    reasons = {n["field"]: n["why"] for n in profile.extracted["llm_dropped"]}
    assert reasons["rate"] == "no CNY unit in the mail"
    assert reasons["available_from"] == "no phrase of the mail resolves to it"
    assert reasons["japanese_level"] == "no N2 in the mail"
    assert profile.available_from == date(2026, 4, 1)  # the rules' value stays
    assert profile.japanese_level is None


def test_projects_merge_block_by_block(db: Engine) -> None:
    item = _item("ja-projects", JA_PROJECTS, "ja", kind="project")
    with StructuredChatServer(_answer) as server:
        [profiles] = _extract(server, db, [item])
    assert [p.title for p in profiles] == ["物流システム開発", "保険基幹刷新"]
    first, second = profiles
    assert first.remote is None and _dropped(first)["remote"] == ["full"]
    assert (first.budget_min, first.budget_max) == (700000, 800000)
    assert second.required_skills == ["COBOL", "JCL"]
    assert _dropped(second)["required_skills"] == ["PL/I"]
    assert (second.budget_min, second.budget_max, second.monthly_budget_min) == (
        600000,
        None,
        600000,
    )
    assert second.start_date == date(2026, 5, 1)


def test_batches_of_the_configured_size_and_a_rerun_sends_nothing(db: Engine) -> None:
    items = [
        _item(f"mail {i}", f"スキル：Java {i}年\n希望単価：{50 + i}万円", "ja") for i in range(23)
    ]
    with StructuredChatServer(_answer) as server:
        first = _extract(server, db, items, batch_size=10)
    assert server.calls == 3
    sent = [json.loads(r["messages"][-1]["content"]) for r in server.requests]
    assert [len(batch) for batch in sent] == [10, 10, 3]
    assert sent[0][0]["sent_on"] == "2026-03-10"

    with StructuredChatServer(_answer) as server:
        again = _extract(server, db, items, batch_size=10)
    assert server.calls == 0
    assert [p[0].as_row() for p in again] == [p[0].as_row() for p in first]

    edited = [*items[:-1], _item("mail 22", "スキル：Go 3年", "ja")]
    with StructuredChatServer(_answer) as server:
        _extract(server, db, edited, batch_size=10)
    assert server.calls == 1  # only the changed mail


def test_candidates_and_projects_go_in_separate_requests_with_their_own_schema(
    db: Engine,
) -> None:
    items = [
        _item("ja-candidate", JA_CANDIDATE, "ja"),
        _item("ja-projects", JA_PROJECTS, "ja", kind="project"),
        _item("zh-candidate", ZH_CANDIDATE, "zh"),
    ]
    with StructuredChatServer(_answer) as server:
        results = _extract(server, db, items)
    names = [r["response_format"]["json_schema"]["name"] for r in server.requests]
    assert sorted(names) == ["candidate_profiles", "project_profiles"]
    assert [len(r) for r in results] == [1, 2, 1]
    assert results[2][0].rate_currency == "JPY"


def test_malformed_batch_goes_one_by_one_and_an_unreadable_mail_keeps_its_rules(
    db: Engine,
) -> None:
    items = [_item(f"mail {i}", f"スキル：Java {i}年", "ja") for i in range(3)]

    def answer(batch: list[dict], body: dict) -> dict | str:
        if len(batch) > 1 or batch[0]["subject"] == "mail 1":
            return '{"emails": [{"index": 0, "candidate": {"name": "x", "ski'
        return _answer(batch, body)

    with StructuredChatServer(answer) as server:
        results = _extract(server, db, items)
    assert server.calls == 1 + 3
    middle = results[1][0]
    assert "llm_error" in middle.extracted
    assert middle.as_row() | {"extracted": {}} == _rules(items[1])[0].as_row() | {"extracted": {}}
    assert results[0][0].extracted["extracted_by"] == f"llm:{MODEL}"

    with StructuredChatServer(_answer) as server:  # the failed mail was not cached
        _extract(server, db, items)
    assert server.calls == 1


def test_429_with_retry_after_is_retried_by_the_sdk(db: Engine) -> None:
    def script(call: int, batch: list) -> tuple | None:
        if call == 1:
            return 429, {"Retry-After": "0"}, {"error": {"message": "slow down", "type": "rate"}}
        return None

    item = _item("ja-candidate", JA_CANDIDATE, "ja")
    with StructuredChatServer(_answer, script) as server:
        [[profile]] = _extract(server, db, [item])
    assert server.calls == 2
    assert profile.experience_years == 8


def test_empty_answers_keep_every_rules_value(db: Engine) -> None:
    item = _item("unknown", JA_CANDIDATE, "ja")  # the fake answers all-null fields
    rules = _rules(item)[0]
    with StructuredChatServer(_answer) as server:
        [[profile]] = _extract(server, None, [item])
    assert profile.as_row() | {"extracted": {}} == rules.as_row() | {"extracted": {}}
    assert profile.extracted["llm_fields"] == []


# --- the checks on the held-out mails: true values kept, invented ones dropped -------------


def _truth_money(value: dict | None) -> dict | None:
    if not value or "min" not in value:
        return None
    return _money(value["min"], value.get("max"), value["currency"], value["period"])


def _truth_answer(kind: str, truth: dict[str, Any]) -> dict[str, Any]:
    """The held-out truth written as the model's answer (location as its canonical name)."""
    nulls = CANDIDATE_NULLS if kind == "candidate" else PROJECT_NULLS
    answer = dict(nulls) | {k: v for k, v in truth.items() if k in nulls}
    answer["skill_years"] = [
        {"skill": k, "years": v} for k, v in truth.get("skill_years", {}).items()
    ]
    money = "rate" if kind == "candidate" else "budget"
    answer[money] = _truth_money(truth.get(money))
    return answer


def _invented(kind: str, truth: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """The truth with every checkable value changed the way a hallucinating model would."""
    wrong = dict(truth)
    for money in ("rate", "budget"):
        if "min" in truth.get(money, {}):
            wrong[money] = {**truth[money], "min": round(truth[money]["min"] * 1.37)}
            wrong[money].pop("max", None)
    for skills in ("skills", "required_skills"):
        if skills in truth:
            wrong[skills] = [*truth[skills], "Haskell"]
    for when in ("available_from", "start_date"):
        if when in truth:
            wrong[when] = (date.fromisoformat(truth[when]) + timedelta(days=47)).isoformat()
    if "location" in truth:
        wrong["location"] = "Fukuoka" if truth["location"] != "Fukuoka" else "Sapporo"
    changed = {k for k in wrong if wrong[k] != truth.get(k)}
    return _truth_answer(kind, wrong), changed


def _fixture_run(invent: bool) -> tuple[int, int]:
    """(values offered, values dropped) over every held-out and matching-world mail."""
    from pipeline_tests.fixtures.heldout import load_heldout, load_world

    mails = [m for m in load_heldout() + load_world() if (m.get("label") or m.get("kind")) in
             ("candidate", "project")]  # fmt: skip
    items, answers, offered = [], {}, 0
    for i, mail in enumerate(mails):
        kind = mail.get("label") or mail.get("kind")
        sent = date.fromisoformat(str(mail["date"])[:10])
        subject = f"{i}|{mail['subject']}"
        items.append(EmailForExtraction(kind, subject, mail["body"], mail["lang"], sent))
        if invent:
            answer, changed = _invented(kind, mail["truth"])
            offered += len(changed)
        else:
            answer = _truth_answer(kind, mail["truth"])
            offered += sum(1 for k, v in answer.items() if v not in (None, []))
        answers[subject] = answer

    def answer(batch: list[dict], body: dict) -> dict:
        key = (
            "candidate"
            if "candidate" in body["response_format"]["json_schema"]["name"]
            else "projects"
        )
        return {
            "emails": [
                {
                    "index": it["index"],
                    key: answers[it["subject"]] if key == "candidate" else [answers[it["subject"]]],
                }
                for it in batch
            ]
        }

    with StructuredChatServer(answer) as server:
        results = _extract(server, None, items, batch_size=20)
    dropped = 0
    for profiles in results:
        fields = {note["field"] for note in profiles[0].extracted.get("llm_dropped", [])}
        dropped += len(fields) if invent else len(profiles[0].extracted.get("llm_dropped", []))
    return offered, dropped


def test_true_values_from_the_held_out_mails_are_almost_never_dropped() -> None:
    # Measured when written: 2 of 1,731 true field values dropped (a weekday, 下周一, and a
    # city the place vocabulary lacks, 奥斯汀). A list counts as one value here.
    offered, dropped = _fixture_run(invent=False)
    assert offered > 1500
    assert dropped / offered <= 0.01, (dropped, offered)


def test_invented_values_on_the_held_out_mails_are_almost_always_dropped() -> None:
    # Measured when written: 812 of 813 invented field values dropped (a +37% budget that
    # happens to be another figure of the same mail is kept).
    offered, dropped = _fixture_run(invent=True)
    assert offered > 700
    assert dropped / offered >= 0.97, (dropped, offered)


def test_settings_build_an_extractor_only_with_a_model(db: Engine) -> None:
    from pipeline.emails.llm_extraction import llm_extractor_from_settings
    from pipeline.settings import Settings

    assert llm_extractor_from_settings(Settings(llm_model=None), db) is None
    settings = Settings(llm_model="m", email_batch_size=7, llm_concurrency=3, max_retries=1)
    extractor = llm_extractor_from_settings(settings, db)
    assert (extractor.batch_size, extractor.concurrency, extractor.llm.model) == (7, 3, "m")
    assert extractor.llm.client.max_retries == 1


def test_the_intake_stores_the_llms_checked_values(db: Engine, tables) -> None:
    import sqlalchemy as sa

    from pipeline.emails.intake import EmailIntake
    from pipeline.emails.sources import RawMessage

    raw = (
        "Subject: ja-candidate\r\nMessage-ID: <llm-intake@test>\r\n"
        "Date: Tue, 10 Mar 2026 09:00:00 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + JA_CANDIDATE
    ).encode()
    with StructuredChatServer(_answer) as server:
        intake = EmailIntake(db, tables, extractor=_extractor(server, db))
        report = intake.ingest([RawMessage("llm.eml", raw)])
        assert len(server.requests) == 1
    assert report.candidates == 1
    with db.connect() as connection:
        row = connection.execute(
            sa.text("SELECT experience_years, extracted FROM candidates")
        ).one()
    assert row.experience_years == 8  # the rules had no total; the model's "8" is in the mail
    assert row.extracted["extracted_by"] == f"llm:{MODEL}"
    assert row.extracted["llm_dropped"]  # Kubernetes, an 80万 rate and CN were not in the mail
