"""Candidate and project profiles assembled from the field readers, by rules, in ja / zh / en.

Each block is normalised once (`Prepared`) and every field reads that. Fields that are not
stated stay None: a guess would mislead the matcher more than a gap does.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from pipeline.emails.extraction.dates import start_date
from pipeline.emails.extraction.money import is_negotiable, money_fields, parse_money
from pipeline.emails.extraction.places import (
    HOME_LABELS,
    WORK_LABELS,
    find_place,
    location_value,
    nearest_station,
)
from pipeline.emails.extraction.skills import (
    extract_skills,
    split_skills,
    trie_pattern,
    years_of_experience,
)
from pipeline.emails.extraction.text import (
    Prepared,
    block_heading,
    labelled,
    prepare,
    split_project_blocks,
)

# --- remote ----------------------------------------------------------------------------

_REMOTE_FULL = re.compile(
    r"フルリモート|完全リモート|フル在宅|完全在宅|リモート\s*(?:100%|のみ|勤務のみ)|在宅のみ|"
    r"(?:100%|fully|full|completely)[\s-]*remote|remote[\s-]*only|all\s*remote|remote[- ]first|"
    r"work from anywhere|home[- ]based|"
    r"work(?:ing)?\s*from\s*home|\bWFH\b|telecommut|完全テレワーク|フルテレワーク|"
    r"居家办公|在家(?:办公|工作)|线上办公|全[职職][远遠][程端]|"
    r"全[远遠][程端]|完全[远遠][程端]|[远遠][程端](?:办公|辦公|工作)|纯[远遠]程|仅[远遠]程|100%[远遠][程端]|全程[远遠]程",
    re.I,
)
_REMOTE_PARTIAL = re.compile(
    r"リモート併用|一部リモート|リモート可|"
    r"週\s*\d(?:\s*[~-]\s*\d)?\s*日?\s*(?:程度)?\s*(?:の)?\s*(?:リモート|出社|在宅)|"
    r"ハイブリッド|在宅併用|出社併用|hybrid|remote\s*\d\s*days|"
    r"\d\s*days?\s*(?:a |per )?(?:week\s*)?(?:onsite|on-site|remote|in(?: the)? office)|"
    r"(?:onsite|on-site|in[- ]office)\s*[1-4]\s*days?\s*(?:/|a|per)\s*(?:week|wk)|"
    r"(?:mostly|partially|partly)\s*remote|remote\s*(?:with|\+)\s*(?:occasional|some)|"
    r"基本(?:リモート|在宅)|テレワーク(?:可|併用)|在宅(?:勤務)?可|"
    r"弹性办公|远程为主|混合辦公|每[周週]\s*[一两二三四五1-5]\s*天\s*(?:到岗|到公司|进公司|進公司|办公室)|"
    r"部分(?:时间|時間|天数)?\s*(?:可)?\s*[远遠][程端]|半[远遠][程端]|"
    r"每[周週]\s*[一两二三四五1-5](?:\s*[、~-]\s*[一两二三四五1-5])?\s*天\s*(?:去|到|进|進|在)?\s*"
    r"(?:客户|客戶)?(?:公司|办公室|辦公室|现场|現場)|"
    r"每[周週]\s*[一两二三四1-4]\s*天\s*(?:居家|在家)|"
    r"(?:[远遠][程端]|居家|在家)(?:办公|辦公|工作)?\s*(?:和|或|与|/|、|及)\s*(?:现场|現場|驻场|駐場|到岗|到公司|坐班)"
    r"(?:办公|辦公|工作)?\s*(?:均可|都可|皆可|都行|结合|結合)|"
    r"(?:现场|現場|驻场|駐場)(?:办公|辦公|工作)?\s*(?:和|或|与|/|、|及)\s*[远遠][程端](?:办公|辦公|工作)?\s*"
    r"(?:均可|都可|皆可|都行|结合|結合)|"
    r"(?:office|on-?site)[^.\n]{0,20}?\b(?:one|two|three|four|[1-4])\s*days?\s*(?:a|per|/)\s*week|"
    r"\b(?:one|two|three|four)\s*days?\s*(?:a |per |/)?week[^.\n]{0,20}?(?:office|on-?site|remote)|"
    r"(?:每[周週]|每月|一[周週])\s*(?:需)?\s*(?:[一两二三四五1-5]\s*(?:天|次|日))?\s*(?:去|到|进|進|回)"
    r"(?:公司|办公室|辦公室|现场|現場|客户|客戶|岗)|偶[尔爾](?:需要)?出差|不定期(?:到|去)(?:公司|现场)|"
    r"大部分(?:时间|時間)?\s*[远遠][程端]|(?<![全纯純仅僅])[远遠][程端](?:办公|辦公|工作)?\s*(?:也|亦)?\s*"
    r"(?:可以|可|OK)(?![能])|"
    r"(?:离岸|離岸|在线|在線)[^\n。]{0,10}?(?:赴日|来日|來日|驻场|駐場|现场|現場|到岗|到崗)|"
    r"(?:赴日|来日|來日|驻场|駐場|现场|現場)[^\n。]{0,10}?(?:离岸|離岸|在线|在線)|"
    r"每[周週](?![^\n，。,;；]{0,10}?(?:五|5)\s*天)[^\n，。,;；]{0,10}?"
    r"(?:到岗|到崗|到公司|进公司|進公司|到办公室|到辦公室|去公司|到现场|到現場|去现场|进场|進場|到场|到場)|"
    r"灵活办公|靈活辦公|弹性工作|彈性工作|线上线下结合|線上線下結合|部分(?:居家|在家)|"
    r"混合(?:模式|工作制?|型|式|方式)|(?:办公|辦公|工作)(?:方式|模式|形式)\s*[:：]\s*混合|(?:接受|希望|可)混合|"
    r"(?:居家|在家|[远遠][程端]|线上|線上)[^\n，。,]{0,8}?(?:现场|現場|驻场|駐場|到岗|公司|办公室|线下|線下)"
    r"[^\n，。,]{0,4}?(?:均可|都可|皆可|都行|结合|結合)|"
    r"(?:现场|現場|驻场|駐場|到岗|公司|办公室)[^\n，。,]{0,8}?(?:居家|在家)[^\n，。,]{0,4}?"
    r"(?:均可|都可|皆可|都行|结合|結合)|兼顾(?:居家|在家|[远遠][程端])|"
    r"每[周週]\s*(?:需)?\s*(?:[一两二三四五1-5]\s*天\s*)?(?:到场|到場|进场|進場)|"
    r"混合办公|(?<!不)可[远遠][程端]|[远遠]程\s*\+\s*驻场|"
    r"每[周週]\s*(?:需)?\s*(?:[一两二三四1-4]\s*天\s*)?(?:[远遠][程端]|到(?:办公室|辦公室|公司|岗))|"
    r"remote\s*\d\s*[-~]\s*\d\s*days|"
    r"(?:出社|常駐|オンサイト)\s*[・/、,]\s*(?:在宅|リモート)\s*(?:の)?\s*(?:いずれも|どちらも|両方)|"
    r"(?:在宅|リモート)\s*[・/、,]\s*(?:出社|常駐)\s*(?:の)?\s*(?:いずれも|どちらも|両方)|"
    r"(?:居家|[远遠][程端]|在宅|リモート)(?:办公|辦公|工作|勤務)?\s*(?:为主|為主)|"
    r"每月\s*(?:需)?\s*(?:到|进|去)\s*(?:公司|办公室|现场|客户)|月\s*\d\s*(?:[~-]\s*\d\s*)?回(?:程度)?(?:の)?出社|"
    r"月数回(?:の)?出社|(?:驻场|驻点|到现场|现场)[^\n]{0,6}?(?:也|亦)?(?<![不无])(?:可|接受)[^\n]{0,4}?[远遠][程端]|"
    r"onsite is fine, remote|remote also ok|"
    r"偶尔(?:需要)?(?:到|去|进|進)(?:公司|办公室|辦公室|现场)|"
    r"[周週][一二三四五](?:\s*[、,和及与]\s*[周週]?[一二三四五])*\s*(?:到|去|进|進)(?:公司|办公室|现场)|"
    r"[远遠][程端]\s*[+＋]\s*(?:现场|現場|驻场|駐場|到岗)|(?:现场|現場|驻场|駐場)\s*[+＋]\s*[远遠][程端]|"
    r"一[周週]\s*[一两二三四1-4]\s*天\s*(?:驻场|到岗|到公司|现场|进公司)|"
    r"occasional (?:office|on-?site) (?:visits?|days?)|原則(?:リモート|在宅)|"
    # "主要远程，每月去一次公司", "支持远程", "接受远程": remote as one of the ways
    r"主要[远遠][程端]|每月[^\n，。,]{0,6}?(?:去|到|进|進|回)[^\n，。,]{0,4}?"
    r"(?:公司|办公室|辦公室|[现現][场場]|客户|客戶)|(?<![不法])(?:支持|接受|允许|允許)\s*[远遠][程端]|"
    # "出社も月1回程度なら可", "可以远程，也可以去现场": the office on terms, or either way
    r"出社(?:も|は)?[^\n。]{0,12}?(?:なら|であれば)\s*(?:可|OK|対応可)|"
    r"[远遠][程端][^\n。]{0,10}?(?:也|亦|或者?)[^\n。]{0,6}?(?:现场|現場|驻场|駐場|公司|办公室|辦公室|客户|客戶)|"
    r"(?:现场|現場|驻场|駐場)[^\n。]{0,10}?(?:也|亦|或者?)[^\n。]{0,6}?[远遠][程端]|"
    r"(?<!fully )(?<!full )(?<!100% )\bremote\s*(?:is\s*|work\s*)?"
    r"(?:possible|ok|friendly|allowed)\b|"
    r"(?:in[- ]office|on-?site)\s+(?:Mon|Tue|Wed|Thu)[a-z]*\s*[-–~/&]\s*(?:Tue|Wed|Thu|Fri)[a-z]*",
    re.I,
)
_REMOTE_NONE = re.compile(
    r"リモート\s*(?:不可|なし|無し|NG|×)|フル出社|完全出社|常駐|出社のみ|基本出社|在宅不可|"
    r"on-?site(?:\s*only)?|in[- ]office|work\s*from\s*office|\bWFO\b|no\s*remote|not\s*remote|"
    r"[驻駐][场場]|常驻|坐班|[现現][场場](?:办公|辦公)|"
    r"[:：]\s*现场|不可远程|不支持远程|"
    r"现场工作|到现场|客户现场|驻点|駐點|到公司上班|進公司|客先常駐|オンサイト|出社必須|"
    r"in[- ]person|must be local|local (?:candidates|consultants) only|"
    r"(?:不可|不能|无法|不支持|不接受|不考虑|不做)\s*[远遠][程端]|"
    # "全部现场", "现场作业", "需到公司办公", "在大连公司内办公": the work is at the office
    r"(?:全部|全程|全天)\s*[现現][场場]|[现現][场場](?:作业|作業|上班)|"
    r"(?<![不无無])(?:需|需要|必须|必須)\s*(?:到|去|在)?\s*(?:公司|[现現][场場]|客户|客戶)(?:办公|辦公|上班|工作|作业|作業)|"
    r"在[^\n，。,]{0,8}?公司内(?:办公|辦公|上班)|"
    r"report(?:ing)? to (?:the )?office|office[- ]based|"
    # "at the customer's office", "daily commute", "出社前提", "毎日出社", "需每天到公司", "無遠端"
    r"(?:client|customer)(?:'s)? (?:site|office|premises)|daily commute|"
    r"基本的に出社|出社前提|常駐前提|毎日出社|出社(?:が)?(?:必要|必須)|(?:在宅|テレワーク)(?:勤務)?\s*(?:なし|無し)|"
    r"每天\s*(?:到|去|进|進)\s*(?:公司|办公室|辦公室|现场|現場)|(?<![需必])[无無]\s*[远遠][程端]|"
    r"不提供\s*[远遠][程端]|[进進][驻駐](?:客户|客戶)|(?:去|到)(?:日本|客户|客戶)(?:公司|[现現][场場])|"
    r"全日出社|フル常駐|出社(?:メイン|中心)|原則(?:出社|常駐)|"
    r"no\s*(?:WFH|work(?:ing)? from home|remote work)|"
    r"work (?:from|at|in) the (?:client'?s? |customer'?s? )?(?:office|site)",
    re.I,
)
_REMOTE_ONLY = re.compile(
    r"フルリモートのみ|フルリモート限定|リモートのみ|在宅のみ|出社不可|常駐不可|"
    r"remote[\s-]*only|only\s*(?:fully\s*)?remote|fully\s*remote\s*only|no\s*onsite|"
    r"only\s+(?:work(?:s|ing)?\s+)?remotely|remotely only|remote work only|"
    r"(?:only|exclusively)\s*(?:open to|interested in|available for)\s*(?:fully\s*)?remote|"
    r"在宅勤務のみ|リモート案件のみ|完全リモートのみ|只(?:做|找|考虑)[远遠][程端]|"
    r"remote (?:roles|positions|projects|work|opportunities|jobs) only|"
    r"not open to (?:onsite|hybrid)|"
    r"(?:will not|won't|cannot|can't|unable to) (?:go|work|come|be) on-?site|"
    r"出社(?:は|が)?(?:難しい|できない|不可能|NG)|(?:无法|不能|不可)(?:驻场|到现场|去现场)|"
    r"仅远程|(?:只|仅)接受(?:全)?[远遠][程端]|只能远程|仅限远程|不接受驻场|不能驻场|"
    r"只(?:做|找|考虑|接)全?[远遠][程端]|only open to (?:fully )?remote|"
    r"will not (?:travel|go) onsite|"
    r"(?:will|would) only (?:consider|accept|take|do) (?:fully |100% )?remote|"
    r"only (?:considering|consider|interested in|looking for|doing|open to) "
    r"(?:fully |100% )?remote|"
    r"strictly remote|exclusively remote|remote exclusively|(?:fully|100%) remote only|"
    r"(?:must|needs? to|has to|wants? to) (?:be|stay|work) (?:fully |100% )?remote|"
    r"not (?:willing|able|open) to (?:commute|work on-?site|go on-?site|come on-?site)|"
    r"不(?:考虑|接受|能|去)(?:驻场|现场|到现场|出差驻场)|リモート(?:案件)?限定|在宅(?:勤務)?限定|"
    # "只接受完全远程", "僅接受遠端": only, then any word for remote
    r"(?:只|仅|僅)(?:能|接受|考虑|考慮|做|找|接)?\s*(?:完全|全|纯|純|100%)?\s*[远遠](?:程|端|距)|"
    # "完全リモート必須", "フルリモートが条件", "fully remote required", "remote is a must"
    r"(?:フル|完全|100%)\s*(?:リモート|在宅|テレワーク)\s*(?:が|は|[(（])?\s*(?:必須|絶対|条件|前提|マスト)|"
    r"(?:fully |full |100% )?remote(?: work)?\s*(?:is\s*)?"
    r"(?:a must|mandatory|required|non-negotiable|"
    r"\(?hard requirement)|"
    r"(?:无法|無法|不能|不去|不会去|不會去|不愿|不願)\s*(?:去|到|进|進)?\s*(?:驻场|駐場|客户现场|客戶現場|"
    r"现场|現場|公司|办公室|辦公室)|(?:无法|無法|不能)到[岗崗](?:办公|辦公|上班)|"
    r"通勤\s*(?:は)?\s*(?:不可|NG|できない|難しい)|"
    r"needs? (?:a )?(?:fully |100% )?remote (?:role|position|job|project)|"
    r"remote(?: work)? is a (?:requirement|must)|(?:can|could) only work (?:from home|remotely)|"
    r"not willing to (?:relocate or )?commute|no office visits|(?:cannot|can't|won't) commute|"
    # "フルリモートでなければ参画できません", "必须远程": remote as the only way
    r"(?:リモート|在宅)(?:でなければ|でないと|以外(?:の案件)?(?:は)?\s*(?:不可|NG|難しい))|"
    r"(?:必须|必須)\s*(?:完全|全)?[远遠](?:程|端|距)(?!\s*(?:面试|面試|协助|協助|支持))",
    re.I,
)
# "出社：不可", "Onsite: not possible", "驻场：不可": the office refused under its own label.
_ONSITE_LABELS = (
    r"(?<![^\s■◆◇●・【】\[\]])(?:出社|常駐|オンサイト|通勤|on-?site(?: work)?|office(?: work)?|"
    r"驻场|駐場|现场(?:办公)?|現場(?:辦公)?)"  # not 到岗: "到岗：不能马上" is about when
)
_REFUSED_VALUE = re.compile(
    r"(?:不可|NG|×|不行|不能|不接受|できません|難しい|not (?:possible|available|ok)|no\b|"
    r"impossible)",
    re.I,
)


def _onsite_refused(fields: str) -> bool:
    value = labelled(fields, _ONSITE_LABELS)
    return bool(value and _REFUSED_VALUE.match(value))


# "リモート面談", "远程面试", "remote interview": how the interview runs, not the work.
_REMOTE_INTERVIEW = re.compile(
    r"(?:リモート|web|オンライン|zoom|teams)\s*(?:での)?\s*面[談接]|面[談接][^\n]{0,8}?(?:リモート|web|オンライン)|"
    r"(?:远程|線上|线上|视频|視頻)\s*面[试試]|面[试試][^\n]{0,8}?(?:远程|线上|視頻|视频)|"
    r"(?:remote|virtual|video|zoom|teams|online)\s*interviews?|interviews?[^\n]{0,12}?(?:remote|virtual|video)",
    re.I,
)
_ONSITE_OK = re.compile(
    r"出社可|常駐可|出社\s*OK|出社も可|onsite\s*(?:ok|fine|possible)|"
    r"出社(?:は|も)?\s*(?:対応|相談)?\s*(?:可能|OK|問題ありません|大丈夫)|"
    r"(?<!not )open to (?:onsite|relocat)|"
    r"(?<!不)可驻场|(?<!不)接受驻场|(?<!not )(?<!un)willing to relocate|relocation\s*(?:ok|yes)",
    re.I,
)


_REMOTE_LABELS = (
    r"remote(?:\s*work)?|wfh|リモート(?:ワーク)?|在宅(?:勤務)?|テレワーク|远程(?:办公)?|遠端|远端|"
    r"居家(?:办公|辦公)?|在家(?:办公|辦公)"
)
_REMOTE_STATED = {
    **dict.fromkeys(
        ["no", "none", "不可", "なし", "無し", "ng", "×", "不支持", "不可以", "not", "n/a", "不行"],
        "none",
    ),
    **dict.fromkeys(["否", "不是"], "none"),
    **dict.fromkeys(["partial", "partly", "hybrid", "一部", "一部可", "部分", "部分可"], "partial"),
    # "リモート：可", "远程：可以", "Remote possible": remote is one of the ways, as リモート可 is
    **dict.fromkeys(["可", "可以", "可能", "相談可", "ok", "possible", "friendly"], "partial"),
    **dict.fromkeys(["フル", "完全", "full", "fully", "100%", "全远程", "全程"], "full"),
}
# "テレワーク：週3日", "出社：月1回程度": a number of days a week or month is part-time.
_SOME_DAYS = re.compile(
    r"(?:週|月|每[周週月]|一[周週])\s*(?:[1-4一二两三四]|数)|[1-4]\s*(?:days?|日|回)", re.I
)
_ALL_DAYS = re.compile(r"(?:週|每[周週])\s*[5五]|毎日|每天|常駐|full[- ]?time|5\s*days", re.I)
_NO_DAYS = re.compile(r"(?:なし|無し|不要|无|無|none|no\b|0\s*(?:日|回|days?))", re.I)
_ONSITE_FREQUENCY_LABELS = (
    r"(?<![^\s■◆◇●・【】\[\]])(?:出社|出勤|到岗|到崗|驻场|駐場|on-?site|office)"
    r"(?:頻度|日数|回数|频率|頻率|频次|days)?"
)


def _stated_remote(fields: str) -> str | None:
    """The remote label's value when it is one word of refusal, of part-time or of full remote,
    or a number of days; an onsite label's number of days ("出社：週2回", "出社：なし")."""
    value = labelled(fields, _REMOTE_LABELS)
    word = re.match(r"n/a|100%|[^\s(（,、。:：/]+", value, re.I) if value else None
    stated = _REMOTE_STATED.get(word.group(0).lower()) if word else None
    rest = value[word.end() :] if value and word else ""
    if stated == "partial" and _REMOTE_FULL.search(rest):  # "可（フルリモート）"
        return "full"
    if stated == "full" and _SOME_DAYS.search(rest):
        return "partial"  # "フル（月1出社）"
    if stated:
        return stated
    if value and _SOME_DAYS.match(value):
        return "partial"
    onsite = labelled(fields, _ONSITE_FREQUENCY_LABELS)
    if onsite is None:
        return None
    if _ALL_DAYS.match(onsite):
        return "none"
    if _NO_DAYS.match(onsite):
        return "full"
    return "partial" if _SOME_DAYS.match(onsite) else None


_NO_ONSITE = re.compile(
    r"(?:无需|不需要|不用|无须|無需|不必)(?:驻场|駐場|到场|到现场|到公司|坐班|去现场|去公司|到現場)|出社(?:不要|なし|無し)|"
    r"no (?:need to be|need to go) on-?site|no on-?site (?:required|needed)|on-?site not required",
    re.I,
)


# Phrases that name remote work or office days only to say the work is all onsite: read as
# "onsite only" so that "5 days" is not taken for part-time and "work from home" not for remote.
_ONSITE_ALL_WEEK = re.compile(
    r"\b(?:five|5|full)\s*days?\s*(?:a|per|/)\s*week\s*(?:in the office|at the office|on-?site|"
    r"at the client(?:'s)?(?: site| office)?)|(?:in the office|on-?site)\s*(?:five|5)\s*days?\s*"
    r"(?:a|per|/)\s*week|(?:does not|doesn't|do not|don't|won't|will not|cannot|can't)\s+"
    r"(?:want|wish|like|intend)?\s*(?:to\s+)?(?:work\s+(?:from\s+home|remotely)|WFH)|"
    r"每[周週]\s*(?:五|5)\s*天\s*(?:到岗|到崗|到公司|进公司|進公司|到办公室|到辦公室|到现场|到現場|驻场|駐場)|"
    r"週\s*5\s*日?\s*(?:出社|常駐)|"
    # remote named to be refused: "在宅NG", "在宅での作業を希望しておりません", "リモートの案件は
    # 希望されていません", "不接受居家办公", "will not take remote work", "not looking for remote"
    r"(?:在宅|リモート|テレワーク)(?:(?!出社|常駐|オンサイト|通勤|国籍)[^\n。、・/／|｜【】\s]){0,12}?"
    r"(?:NG|不可|希望(?:されて|して|され)?(?:おりません|いません|ない)|希望(?:致し|いたし|し)ません|"
    r"希望せず|しない|できない|不要)|"
    r"(?:不|无法|無法|不能)(?:接受|考虑|考慮|想|希望|要|做)\s*(?:居家|在家|[远遠][程端])"
    r"(?:办公|辦公|工作)?|"
    r"(?:居家|在家)(?:办公|辦公|工作)?\s*(?:不可|不行|NG)|"
    r"(?:will not|won't|wouldn't|does not want to|doesn't want to|not looking for|"
    r"not interested in|not open to|no interest in)\s+(?:take\s+|do\s+|work\s+|any\s+|a\s+)*"
    r"(?:fully\s+)?remote(?:ly)?"
    r"(?:\s+(?:work|roles?|jobs?|positions?|projects?|options?))?|"
    r"(?:a\s+)?fully\s+on-?site\s+(?:role|position|project|work)",
    re.I,
)


# Taiwan's 遠距 and the online 在线办公 are 远程 ("remote") in other words.
_REMOTE_SYNONYM = re.compile(r"[远遠]距|在[线線](?=办公|辦公|工作)")


# How the work is done, under its own label: an onsite word with no remote one is onsite only.
_WORK_STYLE_LABELS = (
    r"(?<![^\s■◆◇●・【】\[\]])(?:勤務(?:形態|形式|スタイル)?|働き方|作業形態|"
    r"work(?:ing)? (?:style|arrangement|mode|model)|工作(?:方式|形式|模式)|"
    r"[办辦]公(?:方式|形式|模式))"
)
_ONSITE_STYLE = re.compile(
    r"(?:フル|完全)?(?:出社|客先常駐|常駐|オンサイト|on-?site|in[- ]office|"
    r"现场|現場|驻场|駐場|坐班)"
    r"(?![^\n]*(?:リモート|在宅|テレワーク|remote|hybrid|[远遠][程端距]|居家|混合|可|併用))",
    re.I,
)


def remote(text: str | Prepared) -> str | None:
    """full / partial / none, or None when the mail does not say.

    Onsite and remote both offered ("常駐・リモートどちらも可", "可赴日常驻，也可离岸远程") is
    partial; "remote only (no onsite or hybrid)" is full.
    """
    prepared = prepare(text)
    if _onsite_refused(prepared.prose_fields):  # "出社：不可"
        return "full"
    stated = _stated_remote(_REMOTE_SYNONYM.sub("远程", prepared.prose_fields))
    if stated:  # "Remote: No", "リモート：なし", "远程：部分"
        return stated
    style = labelled(prepared.prose_fields, _WORK_STYLE_LABELS)
    if style and _ONSITE_STYLE.match(style):  # "勤務：出社", "Work style: onsite 5 days"
        return "none"
    body = _REMOTE_INTERVIEW.sub(" ", _REMOTE_SYNONYM.sub("远程", prepared.prose))
    body = _ONSITE_ALL_WEEK.sub(" onsite only ", body)  # "5 days a week in the office"
    if _REMOTE_ONLY.search(body):  # "フルリモート希望ですが、月1回の出社は対応可能" is partial
        return "partial" if _ONSITE_OK.search(body) else "full"
    if _REMOTE_PARTIAL.search(body):
        return "partial"
    if _NO_ONSITE.search(body):  # "无需驻场", "no onsite required": it names onsite to waive it
        return "full"
    onsite = _REMOTE_NONE.search(body)
    rest = _REMOTE_NONE.sub(" ", body)  # "リモート不可" names remote only to refuse it
    if _REMOTE_FULL.search(rest):
        return "partial" if onsite else "full"
    if re.search(r"\bremote\b|[远遠][程端]|リモート|在宅", rest, re.I):
        return "partial" if onsite or "リモート" in rest else "full"
    return "none" if onsite else None


def remote_only(text: str | Prepared) -> bool | None:
    """True when the person only works fully remote (フルリモートのみ, 出社不可, 仅远程), else
    None: accepting onsite is the usual case and is not stated as a constraint."""
    prepared = prepare(text)
    if _onsite_refused(prepared.prose_fields):
        return True
    body = _REMOTE_INTERVIEW.sub(" ", _REMOTE_SYNONYM.sub("远程", prepared.prose))
    return True if _REMOTE_ONLY.search(body) and not _ONSITE_OK.search(body) else None


# --- languages and nationality -------------------------------------------------------

_LANGUAGES = {
    "ja": r"日本語|japanese|日语|日文|JLPT",
    "en": r"英語|english|英语|英文|TOEIC|TOEFL|IELTS",
    "zh": r"中国語|chinese|mandarin|中文|普通话|汉语",
    "ko": r"韓国語|korean|韩语",
}


def languages(text: str | Prepared) -> list[str]:
    body = prepare(text).text
    return [code for code, pattern in _LANGUAGES.items() if re.search(pattern, body, re.I)]


_JAPANESE_LINE = re.compile(
    r"日本語|日语|日語|日文|japanese|JLPT|語学|语言|language|能力試験|能力考试", re.I
)
_JLPT = re.compile(
    r"(?<![A-Za-z0-9])N\s?([1-5])(?![0-9])|(?:JLPT|能力試験|能力考试)\s*(?:level\s*)?([1-5])\s*級?"
)
_OLD_LEVEL = re.compile(r"(?:日本語|日语|日語|JLPT|能力考试)[^\n]{0,8}?([1-4一二三四])\s*[級级]")
_DESCRIPTIVE = (
    ("native", r"ネイティブ|母国語|母語|native|母语|first language"),
    (
        "business",
        r"ビジネス|business|商务|商務|流暢|流利|fluent|上級|高级|熟练|无障碍|精通|proficient|堪能|"
        r"(?:問題|支障|不自由)(?:なし|ありません)",
    ),
    (
        "conversational",
        r"日常会話|日常会话|conversational|会話可|簡単な会話|日常交流|basic|初級|初级|中級|"
        r"daily conversation|日常对话|日常對話",
    ),
)
_LEVEL_RANK = {"native": 0, "N1": 1, "business": 2, "N2": 3, "conversational": 4, "N3": 5,
               "N4": 6, "N5": 7}  # fmt: skip


_CLAUSE_BREAK = re.compile(r"[,，、;；。]|\.\s")


def japanese_level(text: str | Prepared, minimum: bool = False) -> str | None:
    """N1..N5 / native / business / conversational: the best stated, or the minimum asked."""
    prepared = prepare(text)
    lines = [line for line in prepared.prose_lines if _JAPANESE_LINE.search(line)]
    levels: list[str] = []
    for line in lines or prepared.prose_lines:
        levels += [f"N{a or b}" for a, b in _JLPT.findall(line)]
        levels += [
            f"N{'一二三四'.find(d) + 1 if d in '一二三四' else d}" for d in _OLD_LEVEL.findall(line)
        ]
    if not levels:  # "Japanese business level, Chinese native": the clause about Japanese
        for line in lines:
            clauses = [c for c in _CLAUSE_BREAK.split(line) if _JAPANESE_LINE.search(c)]
            for clause in clauses or [line]:
                levels += [lvl for lvl, pat in _DESCRIPTIVE if re.search(pat, clause, re.I)]
    if not levels:  # "Japanese citizen, native speaker": the level in the clause after
        levels = [lvl for line in lines for lvl in _level_after_japanese(line)]
    if not levels:
        return None
    ranked = sorted(set(levels), key=_LEVEL_RANK.__getitem__)
    return ranked[-1] if minimum else ranked[0]


_OTHER_LANGUAGE = re.compile(
    r"english|chinese|korean|hindi|vietnamese|英語|英语|中国語|中文|韓国語|韩语|母国|mother", re.I
)


def _level_after_japanese(line: str) -> list[str]:
    """A level in the short clause right after one that names Japanese and no level."""
    clauses = _CLAUSE_BREAK.split(line)
    found: list[str] = []
    for clause, after in pairwise(clauses):
        if _JAPANESE_LINE.search(clause) and len(after) <= 24 and not _OTHER_LANGUAGE.search(after):
            found += [lvl for lvl, pat in _DESCRIPTIVE if re.search(pat, after, re.I)]
    return found


_COUNTRIES = {
    "JP": r"日本|japan|japanese|日籍",
    "CN": r"中国|中國|china|chinese|中华(?!民国)|华人|prc",
    "KR": r"韓國|大韓民国|大韩民国|韓国|韩国|south korean|south korea|korean|korea",
    "TW": r"台灣|臺灣|台湾|taiwan|taiwanese|中华民国|中華民國|\br\.?o\.?c\b",
    "VN": r"ベトナム|越南|vietnam|vietnamese|viet nam",
    "IN": r"インド(?!ネシア)|印度(?!尼)|india|indian",
    "PH": r"菲律賓|フィリピン|菲律宾|philippines|filipino|philippine",
    "MM": r"緬甸|ミャンマー|缅甸|myanmar|burmese",
    "NP": r"尼泊爾|ネパール|尼泊尔|nepal|nepali|nepalese",
    "US": r"美國|アメリカ|米国|美国|usa|u\.s\.|united states|american|us citizen|\bus\b",
    "TH": r"泰國|タイ(?!プ|ム|トル|ミング)|泰国|thailand|thai",
    "ID": r"インドネシア|印尼|indonesia|indonesian",
    "BD": r"孟加拉國|バングラデシュ|孟加拉|bangladesh|bangladeshi",
    "LK": r"斯里蘭卡|スリランカ|斯里兰卡|sri lanka|sri lankan",
    "MY": r"マレーシア|马来西亚|馬來西亞|malaysia|malaysian",
    "MN": r"モンゴル|蒙古|mongolia|mongolian",
    "RU": r"俄羅斯|ロシア|俄罗斯|russia|russian",
    "UA": r"烏克蘭|ウクライナ|乌克兰|ukraine|ukrainian",
    "BR": r"ブラジル|巴西|brazil|brazilian",
    "GB": r"英國|イギリス|英国|united kingdom|british|\buk\b",
    "CA": r"カナダ|加拿大|canada|canadian",
    "FR": r"法國|フランス|法国|france|french",
    "DE": r"德國|ドイツ|德国|germany|german",
    "SG": r"シンガポール|新加坡|singapore|singaporean",
    "PK": r"パキスタン|巴基斯坦|pakistan|pakistani",
    "HK": r"香港|hong kong",
    "PL": r"波蘭|ポーランド|波兰|poland|polish",
    "IT": r"義大利|イタリア|意大利|italy|italian",
    "ES": r"スペイン|西班牙|spain|spanish",
    "MX": r"メキシコ|墨西哥|mexico|mexican",
    "AU": r"澳大利亞|オーストラリア|澳大利亚|澳洲|australia|australian",
    "NZ": r"紐西蘭|新西蘭|ニュージーランド|新西兰|new zealand",
    "TR": r"トルコ|土耳其|turkey|turkish",
    "EG": r"エジプト|埃及|egypt|egyptian",
    "NG": r"奈及利亞|尼日利亞|ナイジェリア|尼日利亚|nigeria|nigerian",
    "KH": r"カンボジア|柬埔寨|cambodia|cambodian",
    "UZ": r"烏茲別克|ウズベキスタン|乌兹别克|uzbekistan|uzbek",
    "PE": r"秘魯|ペルー|秘鲁|peru|peruvian",
}
_ANY_COUNTRY = re.compile(
    "|".join(f"(?P<{code}>{pattern})" for code, pattern in _COUNTRIES.items()), re.I
)
# The countries' words as one trie, to skip the readers below when none is written: a wide
# alternation scans slowly, a trie only tries the branch of each first character.
_COUNTRY_WORD = re.compile(
    trie_pattern(
        form
        for pattern in _COUNTRIES.values()
        for word in re.sub(r"\(\?!.*?\)", "", pattern).replace("\\b", "").split("|")
        for literal in [word.replace("\\.", ".").replace("?", "").lower()]
        for form in (literal, literal.replace(".", ""))
    ),
    re.I,
)
# "not naturalised", "未帰化", "没有归化", "帰化申請中": still the nationality of origin.
_NOT_NATURALISED = (
    r"(?<!not )(?<!not yet )(?<!never )(?<!未)(?<!没有)(?<!尚未)(?<!未曾)"
    r"(?!帰化(?:申請|予定|手続|していない|しておりません|はしていない))(?!归化(?:申请|中))"
)
_NATURALISED = re.compile(
    rf"{_NOT_NATURALISED}(?:帰化|归化|入籍|已入籍|日本国籍取得|naturali[sz]ed|日本籍)", re.I
)


def country_code(value: str) -> str | None:
    """ISO alpha-2 for a nationality as written (中国, Chinese, ベトナム); naturalised -> JP."""
    if _NATURALISED.search(value):
        return "JP"
    found = _ANY_COUNTRY.search(value)  # the leftmost country named, as written
    return found.lastgroup if found else None


# "国籍は日本です", "国籍 日本", "。国籍日本", "出身は中国で": the label without a colon.
_NATIONALITY_SAID = re.compile(
    r"(?:^|\n|[。、,，])\s*[・\-]?\s*(?:国籍|出身(?:国|地)?)\s*(?:は|が|[ \t]+)?\s*"
    r"([^\n、,。]{1,16})"
)
_FOREIGN_OF = re.compile(r"外国籍\s*[(（]\s*([^)）\n]{1,12})\s*[)）]")
# "帰化済", "已归化日本", "naturalized": Japanese now, whatever the origin ("帰化申請中" is not).
_NATURALISED_NOW = re.compile(
    rf"{_NOT_NATURALISED}(?:帰化(?:済|済み|しております|しています|した|取得)|(?:已|已经)?归化|"
    r"入籍済|naturali[sz]ed)",
    re.I,
)
# "中国人、30代", "日本人・男性", "ベトナム出身": the person's country, not "日本人と同等の日本語".
_PEOPLE = re.compile(
    r"(?<![一-龥ァ-ヴー])([一-龥ァ-ヴー]{2,6}?)(?:人(?![材員员数月日才士力と並同程遜相])|出身|の方(?!と))"
)
# "K.S／35歳／ベトナム／N2", "Kenji T. (Japanese, 35)": a bare country or demonym between
# separators, the way one-line profiles and hotlists write it.
_BARE_COUNTRY = re.compile(
    r"(?:^|[／/|｜・、,(（]|\s[-–]\s)[ \t]*((?:South |North )?[^\s／/|｜・、,()（）\d]{2,12})[ \t]*"
    r"(?=[／/|｜・、,)）]|$|\s[-–]\s|\s*[(（])",
    re.M,
)


def nationality(text: str | Prepared) -> str | None:
    fields = prepare(text).prose_fields
    value = labelled(fields, r"国籍|nationality(?:\s*/\s*visa)?|citizenship|国家")
    if value:
        iso = re.match(r"\s*([A-Z]{2})\b", value)  # "Nationality: JP"
        return iso.group(1) if iso and iso.group(1) in _COUNTRIES else country_code(value)
    if not _COUNTRY_WORD.search(fields):  # every reader below needs a country named
        return "JP" if _NATURALISED_NOW.search(fields) else None
    origin = labelled(
        fields, r"出身(?:国|地)?|country of (?:citizenship|origin)|origin|passport|护照|護照"
    )
    if origin and country_code(origin):
        return country_code(origin)
    said = _NATIONALITY_SAID.search(fields)
    if said and country_code(said.group(1)):
        return country_code(said.group(1))
    if _NATURALISED_NOW.search(fields):
        return "JP"
    foreign = _FOREIGN_OF.search(fields)
    if foreign and country_code(foreign.group(1)):
        return country_code(foreign.group(1))
    return _nationality_in_prose(fields)


def _nationality_in_prose(fields: str) -> str | None:
    match = re.search(
        r"([^\s:：、,/()（）]{1,8})\s*(?:国籍|籍)(?!\s*[:：])|"
        r"\b([A-Z][A-Za-z]+)\s+(?:national|citizen)s?\b|([^\s、,]{1,6})人(?:エンジニア|技術者|工程师)",
        fields,
    )
    if match is not None and country_code(next(g for g in match.groups() if g)):
        return country_code(next(g for g in match.groups() if g))
    for pattern in (_ENGLISH_NATIONAL, _ENGLISH_DEMONYM, _PEOPLE):
        for found in pattern.finditer(fields):
            code = country_code(next(g for g in found.groups() if g))
            if code:
                return code
    for line in fields.splitlines():
        for found in _BARE_COUNTRY.finditer(line):
            # "based in Tokyo, Japan" is where, not who; "English / Japanese" is what they speak
            before = line[max(0, found.start(1) - 30) : found.start(1)]
            if _PLACE_WORDS.search(before) or _LANGUAGE_WORDS.search(before):
                continue
            code = _exact_country(found.group(1))
            if code:
                return code
    return None


_PLACE_WORDS = re.compile(
    r"location|based|live|living|resid|address|office|site|city|勤務地|場所|住所|所在|居住|在住|最寄|"
    r"地点|地址|现住|工作地|常驻|驻场|\b(?:in|at|near)\b",
    re.I,
)


# Words before a country that make it a language or a residence, not a nationality.
_LANGUAGE_WORDS = re.compile(
    r"languages?|speaks?|spoken|fluent|言語|语言|語言|会話|JLPT|permanent resident|永住",
    re.I,
)


def _exact_country(token: str) -> str | None:
    """The country a token names by itself ("ベトナム", "Japanese"), not one it contains."""
    found = _ANY_COUNTRY.fullmatch(token.strip())
    return found.lastgroup if found else None


# "US Citizen", "holds Japanese citizenship", "Chinese passport holder".
_ENGLISH_NATIONAL = re.compile(
    r"\b([A-Za-z]{2,12})\s+(?:national|citizen|citizenship|nationality|passport)s?\b|"
    r"\b(?:citizen|national) of (?:the )?(?:(?:People's )?Republic of )?"
    r"([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)|"
    r"\b([A-Z][a-z]{3,12}) by (?:nationality|citizenship)",
    re.I,
)
# "He is Japanese.", "a Vietnamese developer", "Korean engineer, ...": a demonym after is / a /
# an or opening a sentence, before a role or a clause break.
_ENGLISH_DEMONYM = re.compile(
    r"(?:\b(?:[Ii]s|[Aa]re|[Aa]n?|(?:[Ss]he|[Hh]e)'s)\s+|^|(?<=\n)|[.;]\s+)"
    r"((?:South |North )?[A-Z][a-z]{3,12})"
    r"(?=[,.;]|\s+(?:and|with|but|who|living|based)\b|\s*[(（]|"
    # "a British full-stack engineer": up to two words before the trade
    r"(?:\s+[\w-]+){0,2}?\s+(?:engineer|developer|consultant|programmer|architect|tester|designer|"
    r"analyst|manager|lead|specialist|man|woman|male|female)s?\b)|"
    r"\b(?:is|was|comes?|originally|hails|'s) from ((?:South |North )?[A-Z][a-z]+)|"
    r"\b((?:South |North )?[A-Z][a-z]{3,12})-born\b"
)


def visa(text: str | Prepared) -> str | None:
    body = prepare(text).text
    match = re.search(r"\b(US ?Citizen|USC|Green Card|GC(?:-EAD)?|H-?1B|OPT|CPT|EAD|TN)\b", body)
    return match.group(1) if match else None


def foreign_nationals_ok(text: str | Prepared) -> bool | None:
    """False for 外国籍不可 / citizens only, True for 外国籍可, None when not stated."""
    fields = prepare(text).prose_fields
    if re.search(
        r"外国籍\s*[:：]?\s*(?:不可|NG|×|お断り|なし)|外国籍(?:の方)?は?(?:不可|NG|ご遠慮|お断り)|"
        r"日本(?:国)?籍(?:保有者|の方)?(?:のみ|限定)|外国人(?:は)?不可|(?:限|需|仅限)日本国籍|"
        r"must be (?:a )?(?:us |u\.s\. )?citizen|citizenship (?:is )?required|"
        r"(?:usc|us citizens?)\s*(?:or|/)\s*(?:gc|green card)(?:\s*holders?)?\s*only|"
        r"日本人(?:のみ|限定)|国籍\s*[:：]\s*日本(?:のみ|限定)|不接受外籍|外籍不可|仅限中国籍|仅限日本籍|"
        r"外(?:国)?籍(?:人员|人士)?\s*[:：]\s*(?:不可|不行|不接受|NG|×)|"
        r"citizens?\s*only|USC\s*(?:/\s*GC\s*)?only|no\s*(?:visa\s*)?sponsorship|no\s*H-?1B|"
        r"(?:USC|GC(?:-EAD)?|green cards?|citizens?)(?:\s*(?:[,/&]|or|and)\s*"
        r"(?:USC|GC(?:-EAD)?|green cards?|EAD|citizens?)(?:\s*holders?)?)+\s*only|"
        r"only\s+(?:us\s+|u\.s\.\s+)?citizens?|(?:japanese|us|u\.s\.)\s+(?:nationals?|citizens?)\s+only|"
        r"(?:仅限|只限|限)\s*(?:日本|中国)?(?:国籍|籍)(?:人员|人士)?|国籍要求\s*[:：]\s*(?:仅限|只限)|"
        # "日本国籍者のみ", "外国籍の方のご提案はご遠慮ください", "不接受外国籍"
        r"日本(?:国)?籍(?:保有)?者(?:のみ|限定)|"
        r"外国籍(?:の方)?(?:の(?:ご)?(?:提案|紹介|参画))?(?:は|も)?\s*(?:ご遠慮|お断り|不可|NG)|"
        r"不(?:接受|考虑|考慮|可)外(?:国|國)?籍|"
        r"(?:must|need to|needs to|required to)\s+(?:hold|have|be)\s+(?:a\s+)?"
        r"(?:japanese|us|u\.s\.)\s+"
        r"(?:citizenship|nationality|passport|citizen|national)|"
        r"only\s+(?:japanese|us|u\.s\.)\s+(?:citizens?|nationals?)|"
        r"citizens?\s+of\s+(?:japan|the us|the u\.s\.|the united states)\s+only|"
        r"no\s+foreign(?:ers|\s+nationals?|\s+engineers?|\s+candidates?)|"
        r"foreign(?:ers|\s+nationals?|\s+engineers?|\s+candidates?)\s+(?:are\s+)?not\s+"
        r"(?:accepted|allowed|eligible|considered)",
        fields,
        re.I,
    ):
        return False
    if re.search(
        r"外国籍\s*[:：]?\s*(?:可|OK|相談可|歓迎|○)|外国籍(?:の方)?も?(?:可|歓迎|OK)|接受外籍|外籍可|"
        r"国籍不問|国籍不限|all\s*visas?|any\s*visa|visa\s*(?:sponsorship|support)\s*(?:is\s*)?available|"
        r"foreign\s*nationals?\s*(?:are\s*)?(?:welcome|ok|accepted)|外国籍\s*[:：][^\n]*?(?<!不)可(?!能)|"
        r"外国籍[^\n]{0,16}?(?:可能|OK|歓迎|大歓迎)|外国籍(?:[^\n不]{0,16}?)可(?!能)|外国人(?:も)?可|"
        r"h-?1b\s*(?:transfers?\s*)?(?:ok|fine|welcome|accepted)|"
        r"open to (?:all\s+)?(?:visas?|h-?1b)|"
        r"visa\s*[:：]\s*any|国籍\s*[:：]\s*(?:不問|問わず|不限|any)|nationality\s*[:：]\s*any|"
        r"外国籍(?:の方)?も\s*(?:ご)?(?:提案|紹介|参画)\s*(?:可能|可|OK|いただけ)|接受外(?:国)?籍|"
        r"外(?:国)?籍(?:人员|人士)?\s*[:：]?\s*(?:也|亦|均)?\s*(?:可以|可|OK|欢迎|接受)(?!能)|"
        r"(?:any|all)\s+(?:work\s+)?(?:nationalit(?:y|ies)|authorizations?)|"
        r"nationality\s+(?:is\s+)?(?:not\s+(?:an?\s+)?(?:issue|requirement|constraint)|no\s+(?:bar|issue))|"
        r"外国籍\s*[:：][^\n]{0,24}?(?:であれば|なら)\s*(?:可|OK)|"
        # "国籍制限なし", "无国籍限制", "nationality: no restriction", "外国人也可以"
        r"国籍(?:制限|要求|限制)?\s*[:：]?\s*(?:なし|無し|問わない|不問|不限)|"
        r"[无無](?:国籍|國籍)(?:限制|要求)|"
        r"[国國]籍[无無](?:限制|要求)|国籍\s*[:：]?\s*(?:問いません|問わず)|"
        # "外国籍の方も、日本語が日常会話レベル以上であればご提案いただけます": accepted on terms
        r"外国籍(?:の方)?(?:も|は)?[^\n。]{0,30}?(?:であれば|なら|の場合)[^\n。]{0,6}?"
        r"(?:可|OK|ご提案(?:いただけます|可能|ください)|歓迎|受け入れ)|"
        r"open to (?:non-japanese|foreign(?:ers| nationals?| candidates)?)|"
        r"[国國]籍[无無](?:限制|要求)|(?:nationality|citizenship)\s*[:：]?\s*(?:no restrictions?|"
        r"not restricted|unrestricted)|no nationality restrictions?|"
        r"外[国國]人(?:也|も)?(?:可以|可|OK|歓迎)|"
        r"(?:non-japanese|foreign(?:ers|\s+(?:engineers?|candidates?|nationals?|talent)))\s*"
        r"(?:candidates?|engineers?|nationals?)?\s*(?:are\s+)?(?:ok|welcome|accepted|fine|considered)",
        fields,
        re.I,
    ):
        return True
    return None


# --- commercial chain (商流) ----------------------------------------------------------

_KANJI_COUNT = {
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "1": 1,
    "2": 2,
    "3": 3,
    "one": 1,
    "two": 2,
    "three": 3,
    "single": 1,
    "a single": 1,
}
# A count of companies between the reader and the engineer, in every way a limit writes it:
# "1社先まで", "一社先为止", "二次請けまで", "限1社先", "最多接受二层", "外包层级：最多1层",
# "up to one company away", "max 1 layer", "no more than two vendors in between".
_HOP_COUNT = r"([一二两兩三123]|one|two|three|a single|single)"
_HOP_UNIT = (
    r"(?:社[先下]|次請け?|次受け|次请け?|次請負|次(?=まで|迄)|[层層](?!楼)|[级級](?=合作|外包|供应|供應|协力|協力|BP)|"
    r"(?:vendor|supplier|subcontract(?:ing|or)?|sub-?vendor)?\s*(?:layers?|tiers?|levels?)|"
    r"(?:compan(?:y|ies)|firms?|vendors?|partners?)\s+(?:beyond|away|below|from|in between|between|"
    r"removed))"
)
_HOP_ALLOWED = re.compile(
    r"下請け?\s*(?:は)?\s*([一二三123])\s*社\s*(?:まで|迄)|"  # "下請けは1社まで"
    r"(?:貴社|御社)\s*[+＋]\s*([一二三123])\s*社|"  # "貴社＋1社まで"
    r"\b(one|1|single|a single)\s*(?:level|layer|tier)\s*of\s*(?:subcontract|sub-?vendor|vendor)|"
    rf"{_HOP_COUNT}\s*{_HOP_UNIT}[^\n、。,，;；不\d一二三]{{0,10}}?"
    r"(?:まで|迄|为止|為止|以内|以下|OK|(?<!不)可(?!能)|可能|max(?:imum)?\b|at most|allowed|"
    r"permitted|ok\b)|"
    r"(?:最多|最大|至多|最高|仅限|只限|只接受|可接受|接受|(?<![不無无])限|up to|max(?:imum)?\.?|"
    r"at most|"
    rf"no more than|not more than|within|only)\s*[:：]?\s*(?:接受)?\s*{_HOP_COUNT}\s*{_HOP_UNIT}|"
    rf"{_HOP_COUNT}\s*[层層级級]\s*(?:合作|协力|協力|外包|供应|供應|BP)|"
    rf"(?:或|及|和|与|與|/)\s*{_HOP_COUNT}\s*[层層](?=\s*(?:$|[。，,、;；)）\n]))|"  # "直签或一层"
    rf"\b{_HOP_COUNT}\s+(?:compan(?:y|ies)|firms?|layers?)\s+(?:away|removed)",
    re.I | re.M,
)
_HOP_REFUSED = re.compile(
    rf"{_HOP_COUNT}\s*(?:{_HOP_UNIT}|次)\s*(?:以降|以上|から先|先)?\s*(?:の方)?\s*(?:は|も)?\s*"
    r"(?:不可|NG|禁止|不接受|不行|×|お断り|ご遠慮|not (?:allowed|accepted|permitted))",
    re.I,
)
# "商流：1", "Layers: max 2", "外包层级：最多1层": a count under a label of the chain.
_HOP_LABELS = (
    r"商流(?:制限)?|外包[层層]级|外包層級|[层層]级|層級|"
    r"(?:vendor |subcontract(?:ing)? )?(?:layers?|tiers?)(?: limit)?|"
    r"subcontract(?:ing)? (?:depth|limit)|layer (?:limit|restrictions?)"
)
_RE_RESUBCONTRACT = re.compile(r"再[々再]委託\s*(?:は|が)?\s*(?:不可|NG|禁止)|再再委託不可")
_NO_LIMIT = re.compile(r"商流\s*[:：]?\s*(?:制限)?\s*(?:なし|無し|不問|問わず|制限なし)|商流不問")
_OWN_ONLY = re.compile(
    r"再委託\s*(?:は|が)?\s*(?:不可|NG|禁止|できません)|"
    r"(?:贵司|贵公司)(?:的)?(?:正式|自有|直属)?(?:员工|員工)\s*(?:为限|為限|限定|即可|优先)?\s*(?=$|[。，,\n])|"
    r"(?:貴社|御社|贵司|贵公司)\s*(?:社員|所属|プロパー|正社員|直接雇用|员工|正式员工|直下)?\s*"
    r"(?:の方|の社員|様)?\s*(?:まで|迄|のみ|限定)(?!公開|の?ご案内|で(?:の)?ご案内)|自社社員のみ|再委託不可|BP(?:様)?不可|"
    r"個人事業主(?:様)?不可|(?:仅)?限(?:于)?(?:贵司|贵公司)|no\s*(?:sub-?vendors?|layers?)|"
    r"direct\s*(?:w-?2\s*)?only|no\s*(?:third|3rd)[- ]part(?:y|ies)|"
    r"(?:禁止|不接受|不可)(?:二次|再)?(?:外包|转包|委托)|贵司直属|"
    r"(?:direct|prime)\s*(?:vendors?|partners?|suppliers?)\s*only|"
    r"商流\s*[:：]\s*(?:仅限|限于?|只限)?\s*(?:贵司|贵公司|貴社)(?:的)?(?:正式)?(?:员工|員工|社員)|"
    r"(?:employees? of your (?:own )?(?:company|firm)|your (?:own |company'?s? |firm'?s? )?"
    r"(?:employees|staff|people|engineers|consultants))\s*only|no re-?sub-?contract|"
    r"no\s*sub-?contract|subcontract(?:ing|ors?)?\s*[:：]?\s*(?:is\s+|are\s+)?"
    r"(?:not allowed|not permitted|not accepted|prohibited|no\b)",
    re.I,
)
_PARTNER_OK = re.compile(
    r"(?:貴社|御社)\s*BP\s*(?:様)?\s*(?:の(?:社員|方|所属))?\s*(?:まで|迄|可|OK)|BP(?:様)?\s*(?:可|OK)|"
    r"(?:one|1|single)\s*layer|"
    r"(?:贵司|贵公司)(?:的)?(?:直接)?(?:合作|协力)(?:公司|伙伴|方)(?:的)?(?:员工)?"
    r"(?:为限|まで|可|$|[。，,\n])|"
    r"直签或(?:一|1)\s*[层層]|(?:一|1)\s*[级級](?:合作|协力|協力|外包|供应|供應)|"
    r"(?:accept|allow|welcome|ok with)\s+your\s+(?:direct\s+)?"
    r"(?:subcontractors?|partners?|sub-?vendors?)|"
    r"(?:one|1|single)\s*(?:partner|vendor)\s*layer|"
    r"beyond your (?:direct )?(?:partners?|subcontractors?|vendors?)|"
    r"your partner(?:'s|s')? (?:own )?(?:staff|employees?)|"
    r"accept (?:our |your )?partner(?:'s)? (?:employees|staff|consultants)|"
    r"your (?:direct )?(?:subcontractors?|sub-?vendors?|partners?)(?:'s? employees?)?"
    r"\s*(?:only|ok|are fine|allowed)",
    re.I | re.M,
)


_LABELLED_COUNT = re.compile(
    rf"\s*(?:max(?:imum)?\.?|up to|最多|最大|至多)?\s*{_HOP_COUNT}"
    r"\s*(?:[层層]|layers?|tiers?|社先)?\s*$",
    re.I,
)


def _hops(fields: str) -> tuple[int | None, int | None]:
    """(the most hops a limit allows, "貴社社員または1社先まで" is 1; the cap a refused hop
    sets, "2社先不可" is 1, "一社先不可" 0), each None when not stated."""
    allowed = [_hop_value(m) for m in _HOP_ALLOWED.finditer(fields)]
    labelled_count = labelled(fields, _HOP_LABELS)
    count = _LABELLED_COUNT.match(labelled_count or "")
    if count:
        allowed.append(_KANJI_COUNT[count.group(1).lower()])
    refused = [_hop_value(m) - 1 for m in _HOP_REFUSED.finditer(_HOP_ALLOWED.sub(" ", fields))]
    if _RE_RESUBCONTRACT.search(fields):  # 再々委託不可: the reader's partner, no further
        refused.append(1)
    return (max(allowed) if allowed else None), (max(min(refused), 0) if refused else None)


def _hop_value(match: re.Match[str]) -> int:
    return _KANJI_COUNT[next(g for g in match.groups() if g).lower()]


# "貴社所属（個人事業主含む）まで", "貴社の協力会社まで", "貴社社員もしくは貴社BP様所属まで": what
# comes between 貴社 and まで says whether the reader's partners are let in.
# Not "貴社にのみご案内" / "貴社へ限定公開": an offer made to the reader alone.
_READER_LIMIT = re.compile(
    r"(?:貴社|御社)([^\n、。にへ]{0,16}?)(?:まで|迄|のみ|限定)(?!公開|の?ご案内|で(?:の)?ご案内)"
)
# A freelancer under contract to the reader is a company of their own: 貴社直の個人事業主まで is 1.
_PARTNER_WORD = re.compile(
    r"BP|協力|パートナー|partner|[一1]\s*社|個人|フリーランス|freelanc|の先", re.I
)


def _reader_limit(fields: str) -> int | None:
    limits = [1 if _PARTNER_WORD.search(m.group(1)) else 0 for m in _READER_LIMIT.finditer(fields)]
    return max(limits) if limits else None


def max_commercial_depth(text: str | Prepared) -> int | None:
    """商流制限: companies allowed between the reader and the engineer (貴社社員まで = 0)."""
    fields = prepare(text).prose_fields
    allowed, cap = _hops(fields)
    if allowed is None and not _NO_LIMIT.search(fields):
        allowed = _reader_or_partner_limit(fields)
    if allowed is None:  # "一社先不可" alone: the refusal is the limit
        return cap
    # "エンド直→弊社（1社先まで）": the limit, not the chain above the sender;
    # "貴社BPまで（3次請け不可）": the allowance, within the refusal
    return allowed if cap is None else min(allowed, cap)


def _reader_or_partner_limit(fields: str) -> int | None:
    reader = _reader_limit(fields)
    if _PARTNER_OK.search(fields) or reader == 1:  # "贵司员工或贵司合作公司员工": the wider
        return 1
    if _OWN_ONLY.search(fields) or reader == 0:
        return 0
    return None


_DEPTH_ZERO = re.compile(
    r"弊社\s*(?:社員|正社員|プロパー|契約社員|所属|直接雇用|個人事業主|専属)|自社社員|当社社員|"
    r"所属\s*[:：]\s*(?:弊社|自社|当社)|(?:我司|本司|我公司|本公司|敝司|弊司)(?:的)?(?:正式|正职)?员工|"
    r"自有员工|"
    r"our\s*(?:own\s*)?(?:full[- ]time\s*)?(?:w-?2\s*)?(?:employee|consultant|bench)|"
    r"on\s*our\s*(?:own\s*)?(?:payroll|w-?2)|in-house|directly employed by us|"
    r"(?:我司|本司|我公司|本公司|敝司|弊司|我们公司)(?:的)?(?:正式|正职|在职|签约|自有)?(?:员|員)工|"
    r"自社(?:正)?社員|当社(?:正)?社員|w-?2 with us|employed (?:with|by) us|我方(?:的)?(?:员|員)工|"
    r"(?:贵司|我司)直属|"
    r"弊社(?:と)?(?:直接)?(?:の)?(?:業務委託|専属|準委任)(?:契約)?(?:の)?(?:フリーランス|個人事業主|エンジニア)|"
    r"(?:敝司|我司|本司|我们|我們)(?:的)?(?:正式|全职|正职|签约|自有)(?:员|員)工|"
    r"\bworks? (?:for|with) us\b|\b(?:is|are) (?:with|on) our (?:team|bench|payroll)|"
    r"member of our (?:own )?team|\bdirect(?:ly employed)? employee|employee of ours|"
    r"our (?:direct |own )?(?:employee|staff|resource)s?\b|"
    r"(?:敝|本|我)(?:公司|司|社)(?:的)?(?:正式|正职|在职|签约|自有|全职)?"
    r"(?:员工|員工|工程师|工程師|技术人员|开发人员)|"
    r"\bone of our (?:own )?(?:in-house |full[- ]time )?"
    r"(?:engineers|developers|consultants|employees|staff)|"
    r"our (?:own )?(?:in-house |full[- ]time |salaried )"
    r"(?:engineers?|developers?|consultants?|staff)|"
    # "当社の正社員", "弊社のプロパー社員", "正社員（弊社）", "弊社と直接契約の個人事業主"
    r"(?:弊社|当社|自社)\s*の\s*(?:正社員|社員|プロパー(?:社員)?|契約社員|個人事業主|フリーランス)|"
    r"(?:正社員|社員|プロパー)\s*[（(]\s*(?:弊社|当社|自社)|弊社直(?:個人|契約)|"
    r"(?:弊社|当社)と(?:の)?\s*直接\s*(?:契約|業務委託)|"
    # "個人事業主（弊社直）", "フリーランス（弊社と契約）", "所属会社：弊社", "弊社の業務委託"
    r"(?:個人事業主|フリーランス|個人)\s*[(（]\s*(?:弊社|当社)(?:直|と(?:直接)?契約|専属)|"
    r"所属(?:会社|先)\s*[:：]\s*(?:弊社|当社|自社)\s*(?=$|[(（\n])|(?:弊社|当社)の(?:業務委託|準委任)|"
    r"(?:所属|隶属|隸屬|所屬)\s*[:：]\s*(?:我司|敝司|本司|我公司|本公司)\s*(?=$|[(（,，。\n])|"
    r"(?:与|和|與)?(?:我司|敝司|本公司|我们|我們)直签|"
    r"W-?2 with our (?:company|firm)|employed directly by us|"
    r"(?:H-?1B|W-?2|full[- ]time|employed|salaried)\s+with us\b|works? directly (?:for|with) us|"
    r"(?:we are|we're) (?:his|her|their) (?:direct )?employer|直签(?:的)?(?:员工|員工|人员|人員)|"
    r"(?:我司|敝司|本司|我公司|本公司)(?:的)?(?:正式|正职|在职)?社[员員]|"
    r"(?:W-?2 )?employee of our(?:\s+(?:own\s+)?(?:company|firm))?\b"
    r"(?!\s*(?:partner|vendor|client))|employer\s*[:：]\s*(?:our (?:company|firm)|us)\b|"
    r"(?:independent contractor|freelancer)s?\s+(?:working\s+|contracted\s+|engaged\s+)?"
    r"directly with us",
    re.I,
)
_DEPTH_ONE = re.compile(
    # a person of a partner, not the greeting "協力会社各位" / "各位合作伙伴" / "Dear partners"
    r"弊社\s*BP|協力会社(?:様)?(?:の)?(?:社員|所属|要員|エンジニア|技術者)|"
    r"パートナー(?:企業|会社)?(?:様)?(?:の)?社員|"
    r"(?:一|1)\s*社[先下]|BP(?:社員|要員|様(?!各位))|所属(?:会社|先|企業)?\s*[:：]\s*(?:BP|協力会社|パートナー|合作)|"
    r"合作(?:伙伴)?(?:公司|伙伴|方|企业)(?:的)?[^，。,:：\n]{0,12}?"
    r"(?:员工|員工|人员|工程师|技术人员|顾问|成员|开发)|"
    r"partner'?s?\s*(?:employee|consultant|resource|staff)|"
    r"works? (?:for|with|at) (?:our|a) partner|"
    r"(?:through|via) (?:a|our) (?:vendor|supplier)|vendor'?s? (?:employee|consultant)|"
    r"through\s*(?:our\s*)?partner|sub-?vendor|employee of (?:our|a) partner|"
    r"partner(?:'s)?\s*(?:firm|company)'?s?\s*employee|one layer|"
    r"(?:vendor|implementation|delivery)\s*partner'?s?\s*(?:employee|consultant|resource)|"
    r"(?:协力|協力|合作|伙伴|外包)(?:公司|企业|企業)(?:的)?(?:员|員)工|パートナー(?:企業|会社)?(?:様)?所属|"
    r"sub-?contractor|through (?:his|her|their) employer|合作商(?:的)?(?:员工|人员)|"
    r"BP(?:人员|员工|工程师)|"
    r"(?:from|of|with|at) (?:our|a|one of our) partner (?:company|companies|firms?)|"
    r"employed (?:by|with) (?:our|a) partner|partner company'?s? (?:employee|engineer|consultant)|"
    r"employer\s*[:：]\s*(?:our |a )?partner|on (?:our |a )?partner'?s? payroll|"
    r"employee of (?:our|a) (?:direct |trusted |long-?time )partner|"
    r"(?:contractor|consultant|engineer|developer|employee|resource)s?\s+(?:with|at|of|from)\s+"
    r"(?:our|a)\s+(?:[\w-]+\s+)?(?:partner|vendor)s?\b|(?:our|a) (?:partner|vendor) network|"
    r"[(（]\s*(?:our|a) partner\s*[)）]|employed by (?:our|a) [\w-]+ partner|"
    r"tier[- ]?(?:1|one) (?:vendor|partner|supplier)|"
    r"\b(?:one|1|a single)\s+compan(?:y|ies)\s+(?:away|removed)|"
    r"合作(?:廠商|厂商)(?:的)?(?:员工|員工|人员|人員|工程师|工程師)|[(（]\s*(?:一|1)\s*[层層]\s*[)）]|"
    r"弊社\s*(?:ビジネス)?(?:パートナー|BP|協力会社)|所属\s*[:：]\s*(?:协力|協力|外包|一层|一層)|"
    r"外包合作(?:方|公司)|works? (?:for|with|at) (?:our|a) (?:\w+ )?partner\b|"
    r"(?:sourced |hired |engaged )?(?:via|through) (?:a|our) partner",
    re.I,
)
_DEPTH_TWO = re.compile(
    r"(?:二|2)\s*社[先下]|(?:二|2)\s*次(?:受け|请)|BP\s*[(（]\s*(?:二|2)\s*次|(?:二|2)次合作|"
    r"(?:two|2) layers|second layer|"
    # a possessive: "our partner vendor" is one company, "our partner's vendor" two
    r"partner(?:'s|s') (?:partner|vendor|sub-?vendor|subcontractor)|"
    r"vendor(?:'s|s') (?:partner|vendor)|"
    r"(?:partner|vendor|subcontractor) of (?:our|a|the) (?:partner|vendor|subcontractor)|"
    r"(?:二|2)\s*[级級](?:合作|外包|协力|協力|BP)|"
    r"二次\s*BP|(?:two|2) (?:tiers?|levels?) (?:away|removed|down)|"
    r"tier[- ]?(?:2|two) (?:vendor|partner|supplier)|"
    r"弊社BP(?:様)?の(?:BP|さらに先|先)|二次外包|再外包|"
    r"(?:BP|パートナー|協力会社)(?:様)?の(?:BP|パートナー|協力会社)|"
    r"合作(?:公司|伙伴|方)的合作(?:公司|伙伴|方)|(?:二|两|2)\s*层(?!以内)|第二层|"
    r"(?:two|2) (?:companies|firms) (?:away|removed|from us)|"
    r"合作(?:公司|伙伴|方|廠商|厂商)的(?:下游|下级|下級)合作(?:公司|伙伴|方|廠商|厂商)|"
    r"[(（]\s*(?:二|两|兩|2)\s*[层層]\s*[)）]",
    re.I,
)


# "商流：弊社→BP→本人": the companies written between the sender and the engineer.
_CHAIN_LABELS = r"商流|契約形態|契約経路|合作链|合作鏈|chain|contract chain|supply chain"
_CHAIN_ARROW = re.compile(r"\s*(?:→|->|⇒|=>|＞|>|―|—|–|\s-\s)\s*")
_CHAIN_SENDER = re.compile(
    r"^(?:弊社|当社|自社|我司|敝司|本司|我公司|本公司|us|our (?:company|firm))$", re.I
)
_CHAIN_PERSON = re.compile(
    r"^(?:本人|個人|个人|技術者|エンジニア|要員|人员|人員|工程师|工程師|engineer|consultant|candidate|"
    r"(?:个人|個人)?(?:事業主|フリーランス|freelancer))",
    re.I,
)


def _chain_depth(fields: str) -> int | None:
    value = labelled(fields, _CHAIN_LABELS)
    parts = [p.strip(" ()（）") for p in _CHAIN_ARROW.split(value or "")]
    if len(parts) < 2:
        return None
    sender = next((i for i, p in enumerate(parts) if _CHAIN_SENDER.match(p)), None)
    if sender is None:
        return None
    after = parts[sender + 1 :]
    if not after:  # "エンド→元請→弊社": the chain above the sender, not the engineer's
        return None
    if _CHAIN_PERSON.match(after[-1]):
        after = after[:-1]
    return len(after) if len(after) <= 3 else None


# "距敝司兩層": the count of layers from the sender, said outright.
_LAYERS_FROM_US = re.compile(
    r"距(?:離)?\s*(?:敝司|我司|本司|本公司|我们|我們|弊社)\s*([一二两兩三123])\s*[层層]"
)


def commercial_depth(text: str | Prepared) -> int | None:
    """Companies between the sender and the engineer: 弊社社員 0, 弊社BP / 一社先 1, 二社先 2."""
    fields = prepare(text).prose_fields
    chain = _chain_depth(fields)
    if chain is not None:
        return chain
    layers = _LAYERS_FROM_US.search(fields)
    if layers:
        return _KANJI_COUNT[layers.group(1)]
    for depth, pattern in ((2, _DEPTH_TWO), (1, _DEPTH_ONE), (0, _DEPTH_ZERO)):
        if pattern.search(fields):
            return depth
    return None


# --- small fields --------------------------------------------------------------------


_COUNT = r"(\d|[一二两兩三四五]|one|two|three|four|single)"
_COUNT_VALUE = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
                "one": 1, "two": 2, "three": 3, "four": 4, "single": 1, "once": 1,
                "twice": 2}  # fmt: skip
_INTERVIEWS = re.compile(
    rf"面[談接]\s*(?:回数)?\s*(?:[:：]|は)?\s*(?:[^\s\d]{{0,6}}?)\s*{_COUNT}\s*回|{_COUNT}\s*回(?:の)?面[談接]|"
    rf"面[试試]\s*(?:[:：]|共)?\s*(?:[^\s\d]{{0,4}}?)\s*{_COUNT}\s*[轮次关輪關]|{_COUNT}\s*[轮次关輪關](?:的)?面[试試]|"
    rf"\b{_COUNT}\s*(?:rounds?|stages?)\s*(?:of\s*)?interviews?|interviews?\s*[:：]\s*{_COUNT}\b|"
    rf"\b{_COUNT}[- ](?:round|step|stage) interview|"
    rf"\b{_COUNT}\s+(?:technical\s+|video\s+|onsite\s+|virtual\s+)?interviews?\b|"
    rf"interview rounds?\s*[:：]\s*{_COUNT}\b|interviews?\s*\(\s*{_COUNT}\s*\)|"
    rf"interviews?\b[^\n]{{0,40}}?\b{_COUNT}\s*(?:technical\s*)?(?:rounds?|stages?)|"
    r"interviews?\s*[:：]?\s*(once|twice)\b",
    re.I,
)


def interview_count(text: str | Prepared) -> int | None:
    match = _INTERVIEWS.search(prepare(text).prose_fields)
    if match is None:
        return None
    value = next(g for g in match.groups() if g).lower()
    return _COUNT_VALUE.get(value) or int(value)


def age(text: str | Prepared) -> int | None:
    fields = prepare(text).fields
    match = re.search(
        r"年齢\s*[:：]\s*(\d{2})|(\d{2})\s*歳|年龄\s*[:：]?\s*(\d{2})|(\d{2})\s*岁|"
        r"\bage\s*[:：]?\s*(\d{2})\b|(\d{2})\s*(?:years?\s*old|y/?o\b)",
        fields,
        re.I,
    )
    if match is None:
        return None
    value = int(next(g for g in match.groups() if g))
    return value if 15 <= value <= 100 else None


def person_name(text: str | Prepared) -> str | None:
    value = labelled(
        prepare(text).fields,
        r"氏名|名前|イニシャル|姓名|候选人|name|consultant(?: name)?|candidate(?: name)?",
    )
    return re.split(r"\s*[（(/、,]", value)[0] if value else None


_EMPLOYMENT = {
    "正社員": r"正社員|弊社社員|プロパー",
    "契約社員": r"契約社員",
    "個人事業主": r"個人事業主|フリーランス|freelance",
    "派遣": r"派遣",
    "C2C": r"\bC2C\b|corp[- ]to[- ]corp",
    "W2": r"\bW-?2\b",
    "1099": r"\b1099\b",
    "全职": r"全职",
}


def employment_type(text: str | Prepared) -> str | None:
    body = prepare(text).text
    for name, pattern in _EMPLOYMENT.items():
        if re.search(pattern, body, re.I):
            return name
    return None


def settlement_range(text: str | Prepared) -> str | None:
    match = re.search(
        r"精算(?:幅)?\s*[:：]?\s*(\d{2,3})\s*(?:h|H|時間)?\s*[~-]\s*(\d{2,3})\s*(?:h|H|時間)?",
        prepare(text).fields,
    )
    return f"{match.group(1)}-{match.group(2)}h" if match else None


_TITLE_LABELS = r"案件名|件名|案件|项目名称|岗位名称|岗位|职位|position|role|title|job title"


def title(text: str | Prepared, fallback: str) -> str:
    prepared = prepare(text)
    heading = re.search(r"^\s*【\s*案件名?\s*[\d\s・]*】\s*(.+)$", prepared.text, re.M)
    if heading and heading.group(1).strip():
        return heading.group(1).strip()[:200]
    value = labelled(prepared.fields, _TITLE_LABELS)
    return (value or fallback.strip() or "untitled")[:200]


# --- profiles ------------------------------------------------------------------------


@dataclass
class ProjectProfile:
    block_index: int
    title: str
    required_skills: list[str]
    preferred_skills: list[str]
    skill_years: dict[str, float]
    min_experience_years: float | None
    budget_min: float | None
    budget_max: float | None
    budget_currency: str | None
    budget_period: str | None
    monthly_budget_min: float | None
    monthly_budget_max: float | None
    settlement_range: str | None
    location: str | None
    place: str | None
    remote: str | None
    start_date: date | None
    languages: list[str]
    japanese_level: str | None
    foreign_nationals_ok: bool | None
    max_commercial_depth: int | None
    interview_count: int | None
    summary: str
    extracted: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CandidateProfile:
    block_index: int
    name: str | None
    skills: list[str]
    skill_years: dict[str, float]
    experience_years: float | None
    rate_min: float | None
    rate_max: float | None
    rate_currency: str | None
    rate_period: str | None
    monthly_rate_min: float | None
    monthly_rate_max: float | None
    location: str | None
    nearest_station: str | None
    place: str | None
    remote: str | None
    remote_only: bool | None
    available_from: date | None
    languages: list[str]
    japanese_level: str | None
    nationality: str | None
    commercial_depth: int | None
    employment_type: str | None
    age: int | None
    summary: str
    extracted: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def _first_stated(reader: Any, *texts: Prepared) -> Any:
    """The first value `reader` finds among the prepared texts (the body, then the subject)."""
    for text in texts:
        value = reader(text)
        if value is not None:
            return value
    return None


_QUOTED_LINE = re.compile(r"^\s*[>＞]")


# A signature: a rule line near the end, then the sender's company and contacts ("事業内容：SES、
# Java/AWS開発" there is what the vendor sells, not what this mail offers).
_RULE_LINE = re.compile(r"^\s*(?:-- |[-=_*~━─＝■◆※]{4,})\s*$")
_CONTACT = re.compile(r"TEL|電話|电话|〒|E-?mail|Mail|邮箱|URL|https?://|www\.", re.I)
_OFFER = re.compile(
    r"単価|单价|予算|预算|スキル|必須|要件|技能|要求|\b(?:rate|budget|skills?|requirements?)\b",
    re.I,
)


def _without_signature(lines: list[str]) -> list[str]:
    for index in range(len(lines) - 1, max(len(lines) - 14, 0), -1):
        if _RULE_LINE.match(lines[index]):
            tail = "\n".join(lines[index + 1 :])
            if _CONTACT.search(tail) and not _OFFER.search(tail):
                return lines[:index]
    return lines


def _own(block: Prepared) -> Prepared:
    """The block without its '>' quoted lines (when it says enough of its own) and without a
    signature: skills, years and money are the sender's offer, not those of the mail it
    answers nor the vendor's line of business."""
    lines = block.text.splitlines()
    own = [line for line in lines if not _QUOTED_LINE.match(line)]
    if sum(1 for line in own if line.strip()) < 3:
        own = lines
    own = _without_signature(own)
    return block if own == lines else Prepared("\n".join(own))


def _summary(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(lines)[:400]


def extract_projects(
    subject: str, text: str, language: str | None, reference: date
) -> list[ProjectProfile]:
    """One profile per project block of the mail."""
    blocks = split_project_blocks(text, language)
    # One project: its subject ("【フルリモート・1社先まで】") states constraints the body may not.
    heads = (prepare(subject, language),) if len(blocks) == 1 else ()
    profiles = [
        _project(Prepared(block), i, subject, language, reference, heads)
        for i, block in enumerate(blocks)
    ]
    if len(blocks) > 1:  # each block's own heading line names it better than the subject
        for profile, block in zip(profiles, blocks, strict=True):
            if profile.title == subject.strip():
                profile.title = block_heading(block)[:200]
    return profiles


def _project(
    block: Prepared,
    index: int,
    subject: str,
    language: str | None,
    reference: date,
    heads: tuple[Prepared, ...] = (),
) -> ProjectProfile:
    own = _own(block)
    required, preferred = split_skills(own)
    years = years_of_experience(own, minimums=True)
    remote_value = _first_stated(remote, block, *heads)
    return ProjectProfile(
        block_index=index,
        title=title(block, subject),
        required_skills=required,
        preferred_skills=preferred,
        skill_years=years.per_skill,
        min_experience_years=years.total,
        **money_fields(parse_money(own, language), "budget"),
        settlement_range=settlement_range(block),
        location=location_value(block, WORK_LABELS),
        # A fully remote role runs nowhere in particular: only a labelled place or a sentence
        # ("onsite in Osaka") names one, not the sender's firm in a greeting or a signature.
        place=find_place(block, WORK_LABELS, anywhere=remote_value != "full"),
        remote=remote_value,
        start_date=_first_stated(lambda t: start_date(t, reference), block, *heads),
        languages=languages(block),
        japanese_level=_first_stated(lambda t: japanese_level(t, minimum=True), block, *heads),
        foreign_nationals_ok=_first_stated(foreign_nationals_ok, block, *heads),
        max_commercial_depth=_first_stated(max_commercial_depth, block, *heads),
        interview_count=interview_count(block),
        summary=_summary(block.text),
        extracted={
            "visa": visa(block),
            "employment_type": employment_type(block),
            "negotiable": is_negotiable(block),
        },
    )


def extract_candidate(
    subject: str, text: str, language: str | None, reference: date
) -> CandidateProfile:
    block = prepare(text, language)
    heading = prepare(subject, language)  # "【要員】中国籍 N1 即日可": vendors state them up front
    own = _own(block)
    years = years_of_experience(own)
    return CandidateProfile(
        block_index=0,
        name=person_name(block),
        skills=extract_skills(own),
        skill_years=years.per_skill,
        experience_years=years.total,
        **money_fields(parse_money(own, language), "rate"),
        location=location_value(block, HOME_LABELS),
        nearest_station=nearest_station(block),
        place=find_place(block, HOME_LABELS),
        remote=_first_stated(remote, block, heading),
        remote_only=_first_stated(remote_only, block, heading),
        available_from=_first_stated(lambda t: start_date(t, reference), block, heading),
        languages=languages(block),
        japanese_level=_first_stated(japanese_level, block, heading),
        nationality=_first_stated(nationality, block, heading),
        commercial_depth=_first_stated(commercial_depth, block, heading),
        employment_type=employment_type(block),
        age=age(block),
        summary=_summary(f"{subject}\n{block.text}"),
        extracted={"visa": visa(block), "negotiable": is_negotiable(block)},
    )
