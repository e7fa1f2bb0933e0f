"""The classifier's naive Bayes layer: trained on dev mail only, shipped as counts that match
a fresh training, and better than the rules alone on a dev set it never saw."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest

from pipeline.emails.classification import (
    MODEL_PATH,
    EmailForClassification,
    NaiveBayes,
    classify_by_rules,
    classify_with,
)
from pipeline_tests.emails.train_classifier import examples, train, training_mails
from pipeline_tests.fixtures.heldout import (
    load_dev7,
    load_dev9,
    load_heldout,
    load_test2,
    load_test3,
    load_test4,
    load_world,
)

LANGUAGES = ("ja", "zh", "en")


def _accuracy(pairs, classify) -> dict[str, float]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for (item, label), lang in pairs:
        right[lang] += classify(item).category == label
        total[lang] += 1
    return {lang: right[lang] / total[lang] for lang in total}


def test_the_shipped_counts_are_what_training_on_the_dev_fixtures_writes() -> None:
    """A fixture edited without `python -m pipeline_tests.emails.train_classifier` fails here."""
    shipped = MODEL_PATH.read_text(encoding="utf-8")
    fresh = train().dumps()
    assert shipped == fresh, (
        "a dev fixture changed since the counts were written: "
        "run `.venv/bin/python -m pipeline_tests.emails.train_classifier` and commit the file"
    )


def _digest(mail: dict) -> str:
    """A mail's content as a hash: ids repeat across files, and a failure must not print text."""
    return hashlib.sha256(f"{mail['subject']}\n{mail['body']}".encode()).hexdigest()


def test_training_reads_no_held_out_mail() -> None:
    held_out = [m for m in load_heldout() if m["split"] == "test"]
    held_out += [*load_test2(), *load_test3(), *load_test4(), *load_world()]
    trained = {_digest(m) for m in training_mails()}
    assert len(trained) >= 400
    assert not trained & {_digest(m) for m in held_out}


def test_the_layer_reads_a_dev_set_it_never_saw_better_than_the_rules_alone() -> None:
    """Trained without dev7, rules + layer read dev7 at 0.97 / 1.00 / 0.97 (ja / zh / en; 1.00 /
    1.00 / 0.95 before dev5, dev6, dev8 and dev9 joined the training: dev5, dev6 and dev8 hold
    no 'other' mail and pulled notices toward the other kinds until dev9's notices joined) where
    the rules alone read 0.72 / 0.69 / 0.66 (0.56 / 0.44 / 0.54 before rules were added for it):
    the layer generalises, it is not a lookup of the mails it was trained on."""
    unseen = {m["id"] for m in load_dev7()}
    model = NaiveBayes.train(examples([m for m in training_mails() if m["id"] not in unseen]))
    pairs = list(zip(examples(load_dev7()), [m["lang"] for m in load_dev7()], strict=True))
    combined = _accuracy(pairs, lambda item: classify_with(item, model))
    rules = _accuracy(pairs, lambda item: classify_with(item, None))
    print(f"dev7 unseen: rules + layer {combined}, rules alone {rules}")
    for lang in LANGUAGES:
        assert combined[lang] >= 0.9, (lang, combined)
        assert combined[lang] >= rules[lang], (lang, combined, rules)


def test_the_layer_reads_the_ninth_dev_set_it_never_saw_at_the_floor() -> None:
    """Trained without dev9 (Chinese and Japanese one-liners, bench lists, forwards and
    staffing-word 'other' mail), rules + layer read dev9 at 0.96 / 0.98 / 1.00 (ja / zh / en)
    where the rules alone read 0.84 / 0.80 / 0.81. Each batch was scored before it was trained
    on: the first 60 mails at 1.00 / 1.00 / 1.00, 16 more zh at 1.00, 15 'other' notices and
    replies at 0.80 / 0.80 / 1.00."""
    unseen = {m["id"] for m in load_dev9()}
    model = NaiveBayes.train(examples([m for m in training_mails() if m["id"] not in unseen]))
    pairs = list(zip(examples(load_dev9()), [m["lang"] for m in load_dev9()], strict=True))
    combined = _accuracy(pairs, lambda item: classify_with(item, model))
    rules = _accuracy(pairs, lambda item: classify_with(item, None))
    print(f"dev9 unseen: rules + layer {combined}, rules alone {rules}")
    for lang in LANGUAGES:
        assert combined[lang] >= 0.95, (lang, combined)
        assert combined[lang] >= rules[lang], (lang, combined, rules)


def test_the_ninth_dev_set_has_every_kind_in_every_language() -> None:
    mails = load_dev9()
    assert len({m["id"] for m in mails}) == len(mails) >= 90
    assert {m["split"] for m in mails} == {"dev"}
    assert not {m["id"] for m in mails} & {m["id"] for m in training_mails() if m not in mails}
    counts = Counter((m["lang"], m["label"]) for m in mails)
    assert sum(n for (lang, _), n in counts.items() if lang == "zh") >= 40
    assert sum(n for (lang, _), n in counts.items() if lang == "ja") >= 20
    assert min(counts[(lang, kind)] for lang in LANGUAGES
               for kind in ("candidate", "project", "other")) >= 4  # fmt: skip
    assert sum(1 for m in mails if m.get("html")) >= 6
    assert sum(1 for m in mails if m.get("script") == "Hant") >= 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_seventh_dev_set_reads_above_the_floor(language: str) -> None:
    """dev7 is in the training set, so this figure (1.00 when written) is optimistic."""
    mails = [m for m in load_dev7() if m["lang"] == language]
    pairs = list(zip(examples(mails), [language] * len(mails), strict=True))
    assert _accuracy(pairs, classify_by_rules)[language] >= 0.95


def test_the_seventh_dev_set_has_every_kind_in_every_language() -> None:
    mails = load_dev7()
    assert len({m["id"] for m in mails}) == len(mails) >= 80
    assert {m["split"] for m in mails} == {"dev"}
    counts = Counter((m["lang"], m["label"]) for m in mails)
    assert min(counts[(lang, kind)] for lang in LANGUAGES
               for kind in ("candidate", "project", "other")) >= 4  # fmt: skip
    assert sum(1 for m in mails if m.get("html")) >= 5
    assert sum(1 for m in mails if m.get("script") == "Hant") >= 4


def test_counts_survive_a_round_trip_and_favour_the_kind_that_held_the_words() -> None:
    def item(text: str) -> EmailForClassification:
        return EmailForClassification("", text, "en")

    model = NaiveBayes.train(
        [
            (item("invoice for May hours attached"), "other"),
            (item("our consultant is free next week"), "candidate"),
            (item("the client needs two testers"), "project"),
        ]
    )
    again = NaiveBayes.loads(model.dumps())
    assert again == model
    probs = again.log_probs({"w:invoice", "w:hours"})
    assert max(probs, key=probs.get) == "other"
    probs = again.log_probs({"w:consultant", "w:free"})
    assert max(probs, key=probs.get) == "candidate"


def test_confidence_is_high_for_a_clear_offer_and_low_without_signal() -> None:
    clear = EmailForClassification(
        "Java developer available",
        "Our consultant Ravi: Java 10 years, available now, rate $70/hr. Resume attached.",
        "en",
    )
    vague = EmailForClassification("Re: update", "ok, see you tomorrow", "en")
    assert classify_by_rules(clear).confidence > 0.9
    assert 0.33 < classify_by_rules(vague).confidence < 0.6
