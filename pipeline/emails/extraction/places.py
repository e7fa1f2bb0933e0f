"""Where a person lives or a project runs, as one canonical place (places.yaml).

Japan is kept by prefecture (品川駅 / 千代田区 / 新宿 -> Tokyo, 横浜 -> Kanagawa), elsewhere by
city (Beijing, Dallas, Bangalore), each with its country code. A labelled value (勤務地, 住所,
最寄駅, 现住址, 地點, location) is read first, then sentences ("based in Dallas", "大宮在住"),
and only then the body above the signature, so a sender's office address is not taken for
the engineer's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from pipeline.emails.extraction.skills import trie_pattern
from pipeline.emails.extraction.text import Prepared, labelled, normalise, prepare, to_simplified


@dataclass(frozen=True)
class Places:
    country: dict[str, str]  # canonical place -> ISO 3166 alpha-2
    pattern: re.Pattern[str]
    by_alias: dict[str, str]  # casefolded alias -> canonical place


@cache
def places() -> Places:
    source = resources.files("pipeline.emails").joinpath("vocabulary/places.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))["places"]
    country: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    written: set[str] = set()
    for name, entry in data.items():
        country[name] = entry["country"]
        for alias in [name, *entry["aliases"]]:
            alias = unicodedata.normalize("NFKC", alias)
            for form in {alias, to_simplified(alias, "zh")}:  # 大連 and 大连 alike
                by_alias.setdefault(form.casefold(), name)
                written.add(form)
    short = [a for a in written if a.isascii() and len(a) <= 3]  # HK, LA, SF: exact case
    ascii_long = [a.casefold() for a in written if a.isascii() and len(a) > 3]
    other = [a.casefold() for a in written if not a.isascii()]
    alternatives = [
        trie_pattern(other),
        rf"(?<![A-Za-z0-9])(?i:{trie_pattern(ascii_long)})(?![A-Za-z0-9])",
        rf"(?<![A-Za-z0-9]){trie_pattern(short)}(?![A-Za-z0-9])",
    ]
    return Places(country, re.compile("|".join(alternatives)), by_alias)


def canonical_place(text: str) -> str | None:
    """The first place named in `text` as its canonical English name, or None."""
    return _place_in(normalise(text)) if text else None


def _place_in(normalised: str) -> str | None:
    vocab = places()
    match = vocab.pattern.search(normalised)
    return vocab.by_alias.get(match.group(0).casefold()) if match else None


def place_country(place: str) -> str | None:
    """ISO country code of a canonical place (or of any alias of one)."""
    vocab = places()
    if place in vocab.country:
        return vocab.country[place]
    canonical = canonical_place(place)
    return vocab.country.get(canonical) if canonical else None


WORK_LABELS = (
    r"勤務地|作業場所|就業場所|勤務場所|稼働場所|作業地|就業先|勤務先所在地|場所|工作地点|工作地|驻场地点|"
    r"办公地点|上班地点|地点|场所|work location|job location|location|onsite location|city|"
    r"office(?: location)?|work ?site|where"
)
HOME_LABELS = (
    r"居住(?:地|先)?|現住所|住所|住まい|在住|最寄(?:り)?駅|最寄|现住址|住址|现居住地|居住城市|现居|现住|現住|"
    r"所在地|所在城市|"
    r"current location|based in|located in|lives? in|residence|location|city|"
    r"(?<![\w%] )(?<![\w%])home(?: base| town| city)?"  # "Home: Ikoma", not "from home: no"
)
# Where a person lives, said outright: for a candidate it beats "your role is based in Hakata".
_LIVES = re.compile(
    r"(?:living|residing|lives|resides|has lived|lived|\bI live|settled)\s+(?:in|at)\s+"
    r"([^.\n;()]{2,40})|"
    # "王工一家定居在福冈", "居住于大连"
    r"(?:他|她|本人)?(?:一家)?(?:人在|家在|住在|常住(?:在|于)?|定居(?:在|于)|居住(?:在|于))\s*"
    r"([^\s,，。()]{2,8})|"
    # "福岡市早良区にお住まいです", "横浜市に住んでいます"
    r"([^\s、,。()]{2,12}?)に(?:お住まい|お住い|住んで|居住)|"
    # "名古屋の自宅から全日リモート", "熊本の自宅を離れずに"
    r"([^\s、,。()はがも]{2,8}?)の(?:ご)?自宅(?:から|を|で|に)|"
    # "… / 经验10年 / 住千叶县船桥市 / 全远程": 住 opening one item of a one-line profile
    r"(?:^|[/／|｜])\s*住\s*([^\s/／|｜、,，。()]{2,10})",
    re.I,
)
_SENTENCE = re.compile(
    r"(?:based|located|living|residing|lives|currently)\s+(?:in|at|out of)\s+([^.\n;()]{2,40})|"
    r"(?:onsite|on-site|hybrid|office)\s+(?:is\s+)?(?:in|at)\s+([^.\n;()]{2,40})|"
    # "2 days a week at our Ebisu office, Tokyo", "The team sits in the Nakanoshima office"
    r"\b(?:at|in) (?:our|the|their) [^.\n;(),]{0,20}?office,\s*([^.\n;()]{2,30})|"
    r"\bsits? in (?:the )?([^.\n;()]{2,40})|"
    r"([^\s、,。()]{1,10})\s*在住|现居(?:住)?(?:于|在)?\s*([^\s,，。()]{2,10})|"
    r"([^\s、,。()]{2,12}?)に(?:住んで|居住して)|"  # "沖縄県那覇市に住んでおり"
    r"(?:位于|在)\s*([^\s,，。()]{2,8})(?:工作|办公|驻场)|"
    # "場所は渋谷区ですが", "工作地点为上海": a work-place label in a sentence
    # ("工作地點係福岡市博多區": 係 is Cantonese for "is")
    r"(?:勤務地|作業場所|就業場所|勤務場所|場所|工作地点|办公地点|地点)\s*(?:は|为|為|在|係|是)\s*"
    r"([^\s、,，。()]{2,12})",
    re.I,
)
# A company's name ("大连星海软件有限公司", "上海某某科技", "Lion City Tech Pte Ltd") names where
# a firm sits, not where the engineer lives (a project's client firm may be where it runs).
_COMPANY = re.compile(
    r"[一-龥ァ-ヴー]{2,14}?(?:股份有限公司|有限公司|有限会社|株式会社|公司|科技|软件|軟體|信息|"
    r"网络|集团|集團|システム|ソフト)|"
    r"(?:[A-Z][\w&.-]*\s+){1,4}(?:Co\.?,?\s*Ltd\.?|Pte\.?\s*Ltd\.?|Ltd\.?|Inc\.?|LLC|Corp(?:oration)?\.?|"
    r"Technologies|Solutions|Software|Consulting|Systems)\b"
)
# "我是大连某某软件的刘洋", "This is Ravi from Pune Tech": the sender's firm, in a greeting.
_SELF_INTRODUCTION = re.compile(
    r"[^\s、,。]{1,10}と申します|"  # "宮城と申します": the writer's name, not 宮城県
    # "株式会社ミナミの大河内でございます": the writer's name (大河内 is not 河内, Hanoi)
    r"[^\s、,。]{0,20}(?:株式会社|有限会社)[^\s、,。]{0,20}の[^\s、,。]{1,8}(?:でございます|です)|"
    r"(?:我是|我们是|我們是|这里是|這裡是|敝司(?:为|為|是)|我司(?:为|為|是|位于|位於))[^\n,，。]{0,24}|"
    r"\b(?:this is|I am|I'm)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s+(?:from|at|with)\s+[^\n,.]{0,40}"
)
_SIGNATURE_RULE = re.compile(r"^\s*(?:[-=_*＊━─—]{3,}|--)\s*$")
_SIGNATURE_FACT = re.compile(r"〒\s*\d|\bTEL\s*[:：]|\bTel\s*[:：]|電話\s*[:：]|\bFAX\b|https?://")


@lru_cache(maxsize=256)  # location, station and place all read it
def body_above_signature(prepared: Prepared) -> str:
    """The block without its signature (from a rule or a 〒 / TEL line in the lower half)."""
    lines = prepared.field_lines
    half = len(lines) // 2
    for i in range(half, len(lines)):
        if _SIGNATURE_RULE.match(lines[i]):
            return "\n".join(lines[:i])
        if _SIGNATURE_FACT.search(lines[i]):
            return "\n".join(lines[: max(half, i - 2)])
    return prepared.fields


def location_value(text: str | Prepared, labels: str) -> str | None:
    """The raw labelled location (勤務地：東京都千代田区（大手町駅） -> 東京都千代田区)."""
    value = labelled(body_above_signature(prepare(text)), labels)
    if value is None:
        return None
    return re.split(r"\s*[（(]|\s{2,}", value)[0] or value


def nearest_station(text: str | Prepared) -> str | None:
    return labelled(body_above_signature(prepare(text)), r"最寄(?:り)?駅|最寄")


def find_place(text: str | Prepared, labels: str, anywhere: bool = True) -> str | None:
    """Canonical place: labelled values, then sentences, then (when `anywhere`) the body above
    the signature."""
    prepared = prepare(text)
    body = body_above_signature(prepared)
    for match in re.finditer(rf"(?:{labels})[ \t]*[:：][ \t]*([^\n]+)", body, re.I):
        place = _place_in(match.group(1))
        if place:
            return place
    sentences = [_LIVES, _SENTENCE] if labels == HOME_LABELS else [_SENTENCE]
    for match in (m for pattern in sentences for m in pattern.finditer(body)):
        place = _place_in(next(g for g in match.groups() if g))
        if place:
            return place
    if not anywhere:
        return None
    body = _SELF_INTRODUCTION.sub(" ", body)
    return _place_in(_COMPANY.sub(" ", body) if labels == HOME_LABELS else body)
