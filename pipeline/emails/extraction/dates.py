"""Start and availability dates (開始, 期間, 稼働, 参画可能日, 到岗, 入场, available from).

Relative phrases (即日, 来月, ASAP, 随时, within two weeks) resolve against the mail's date; a
month without a year is the next month of that name.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from itertools import pairwise

from pipeline.emails.extraction.text import Prepared, labelled, prepare

START_LABELS = (
    r"開始可能(?:日|時期)?|開始時期|開始日|開始予定|開始|稼[働動](?:開始|可能日|可能時期|可能|日|時期)?|"
    r"参画可能日|参画可能時期|参画可能|参画時期|参画日|参画開始|参画|入場可能(?:日|時期)?|入場日|入場時期|入場|"
    r"着任(?:日|時期)?|(?:作業|勤務|就業)開始(?:日|時期)?|入社可能日|期間|作業期間|時期|"
    r"(?:稼[働動]|参画|入場)可|空き(?:状況|予定|時期)?|(?:稼[働動]|参画)?スタート(?:時期|日|可能日)?|"
    r"到岗(?:时间|日期|日)?|可到岗|到[职職](?:[时時][间間]|日期|日)?|入职(?:时间|日期)?|入场(?:时间|日期|日)?|"
    r"[进進][场場](?:[时時][间間]|日期|日)?|起始(?:日期|日|[时時][间間])?|"
    r"可?开始(?:时间|日期|日)?|项目开始|上岗(?:时间)?|可入场|赴日(?:时间|日期)?|"
    r"(?:project\s+)?start(?:s|ing)?(?:\s*(?:date|timing|time|month))?|availability(?:\s*date)?|"
    r"available(?:\s*from)?|joining(?:\s*(?:time|date|period))?|稼[働動]可能月|"
    r"アサイン(?:可能)?(?:日|時期)?|可用[时時][间間]|release date|onboarding(?:\s*date)?|"
    r"commencement(?:\s*date)?|duration|when|"
    r"工期|(?:就業|勤務)可能(?:日|時期)?|avail\.?|キックオフ(?:日|時期)?|"
    r"(?:[专專]案|[项項]目)?[启啟][动動](?:[时時][间間]|日期|日)?|"
    r"notice period|can start|can (?:join|begin)(?: from| on)?|earliest start(?:\s*date)?|"
    r"ready to start|available to start|"
    r"(?:window|engagement|contract|assignment|project|work) (?:opens|begins|starts|commences)|"
    r"date available|free from|period|notice|kick-?off|"
    r"开始工作(?:时间|日期)?|開始工作(?:時間|日期)?|"
    r"可?上工(?:日期|日|时间|時間)?|[報报]到(?:日期|日|时间|時間)?|可?[参參]加(?:时间|時間|日期)|"
    r"可?開始(?:日期|時間)|可?開工(?:日期|時間|日)?|可?开工(?:日期|时间|日)?|"
    r"可?(?:開始|开始)[參参][與与](?:日期|時間|时间)?|可?到任(?:日期|日|時間|时间)?|"
    r"(?:项目|項目|合同|契約|合约)?(?:周期|週期|期间)"
)
# "contract ends on June 30", "finishes June 30th": free from the day after.
_ENDS_ON = re.compile(
    r"\b(?:ends?|finish(?:es)?|wraps?(?: up)?|completes?|rolls? off)\s+(?:on\s+)?(?:the\s+)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
    r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|"
    # "ends on 30 September", "finishes on the 15th of July"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)",
    re.I,
)
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# "九月", "十一月": months written in kanji are read as digits ("9月") before any pattern.
_KANJI_MONTH = re.compile(
    r"(?<![一二三四五六七八九十个個〇])(十[一二]|[一二三四五六七八九十])\s*(?=月)"
)
_KANJI_DIGIT = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def _digit_months(text: str) -> str:
    text = re.sub(r"(?<=[\d一二三四五六七八九十])\s*月份", "月", text)  # "十月份" is 十月
    return _KANJI_MONTH.sub(
        lambda m: str(
            10 + _KANJI_DIGIT[m.group(1)[1]] if len(m.group(1)) == 2 else _KANJI_DIGIT[m.group(1)]
        ),
        text,
    )


_WEEKDAY_WORD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# The first day, after the end it follows: "..., so he can start on the 12th", "begin Monday".
_THEN_DAY_PATTERN = (
    rf"\b(?:start|begin|join)\w*\s+(?:work(?:ing)?\s+)?(?:on\s+)?(?:the\s+)?"
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)\b|(?:following\s+|next\s+)?({_WEEKDAY_WORD})\b)"
)
_THEN_DAY = re.compile(_THEN_DAY_PATTERN, re.I)
# "…ends Friday, July 2; Monday the 5th is the first day": the day, then that it is the first
_THEN_DAY_IS_PATTERN = (
    rf"(?:{_WEEKDAY_WORD}\s+)?the\s+(\d{{1,2}})(?:st|nd|rd|th)\s+(?:is|would be|will be)\b()"
)
_THEN_DAY_IS = re.compile(_THEN_DAY_IS_PATTERN, re.I)
_CJK_WEEKDAYS = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "月": 0,
    "火": 1,
    "水": 2,
    "木": 3,
    "金": 4,
    "土": 5,
}
# "下周一", "下週三", "来週月曜", "next Monday": that day of next week; "next week" its Monday.
_NEXT_WEEK = re.compile(
    rf"(?:下[个個]?[周週]|下[个個]?星期|下[个個]?[礼禮]拜|来週|翌週|next\s+week)\s*(?:の)?\s*"
    rf"(?:星期|礼拜|禮拜)?([一二三四五六日天]|[月火水木金土日](?=曜)|{_WEEKDAY_WORD})?|"
    rf"next\s+({_WEEKDAY_WORD})\b",
    re.I,
)
# "今月末", "本月中旬", "this month end": a part of the mail's own month, never before its date.
_THIS_MONTH = re.compile(
    r"(?:今月|本月|当月|this month)\s*(?:の)?(上旬|初旬|初|中旬|中|下旬|末|底|end)|"
    # "月底可以到岗", "到岗：月中": the mail's own month
    r"(?<![\d一二三四五六七八九十上下本今来个個ヶか当毎每翌再])月(底|末|中|初|头|頭)|"
    # "可于下旬到岗": a ten-day part with no month named is of the mail's month
    r"(?<![\d一二三四五六七八九十月个個ヶか])(上旬|初旬|中旬|下旬)",
    re.I,
)
# The new year: "年明け", "来年初", "明年初", "early next year", "in the new year" (1 January).
_NEW_YEAR_CJK = (
    r"年明け|来年\s*(?:初|頭|早々|明け)|明年\s*(?:初|年初)|"
    r"新年(?:过|過)?(?:后|後|以后|以後)|[过過]完年"
)
_NEW_YEAR_EN = (
    r"(?<!late )(?<!mid-)(?<!mid )(?:early |the start of |the beginning of )?next year|"
    r"(?:(?:in|after) )?the new year"
)
_NEW_YEAR = re.compile(rf"{_NEW_YEAR_CJK}|{_NEW_YEAR_EN}", re.I)
# A quarter ("Q3"), and after one ends: "wraps in Q3" frees 1 October.
_QUARTER = re.compile(
    r"(?:(after|once|ends?|finish(?:es)?|wraps?(?: up)?|completes?)\b[^\n]{0,40}?)?\bQ([1-4])\b",
    re.I,
)
# A handover or notice before leaving the current job: "离职需要一个月", "引き継ぎに1ヶ月".
_HANDOVER = r"(?:离职|離職|交接|辞职|辭職|引き?継ぎ|退職)"
# What a person is engaged on now, and the end of it, in a sentence about when they are free.
# (not a bare 案件 or 项目: "案件は12月末まで" is how long a project runs, not when one is free)
_ENGAGED_JA = (
    r"(?:現案件|現場|現在の(?:案件|現場|契約|参画先|プロジェクト)|現プロジェクト|現在参画中の案件|"
    r"他案件|別案件)"
)
_UNTIL_JA_DATE = r"(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日|末|いっぱい)?|\d{1,2}/\d{1,2}(?![\d/]))"
# ("现在参与的银行项目": a few words between; not after a bare 现, as in 现场工作)
_ENGAGED_ZH = (
    r"(?:(?:目前|当前|當前|现在|現在)[^\n，。,]{0,8}?|(?:现|現)(?:的|在|手上的|手头的)?)"
    r"(?:项目|項目|[专專]案|合同|合約|合约|工作|案子)"
)
_UNTIL_ZH_DATE = r"(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号號]|底|末)?|\d{1,2}/\d{1,2}(?![\d/]))"
# The first day said outright, wherever it stands: it beats a label's value or an earlier
# "until" ("on leave until the end of December; the first day he can work is January 4").
# A value that opens with a month and a year, then explains itself in brackets.
_OPENS_WITH_DATE = re.compile(rf"\s*({_MONTH_WORD}\s+20\d{{2}}|20\d{{2}}年\s*\d{{1,2}}月)\s*[(（]")


# A question on when the work starts, quoted in a reply that answers it on the next line.
_START_ASKED = re.compile(
    r"^\s*>?\s*(?:(?:what(?:'s| is) the |and the )?start(?:\s+date)?|when (?:does|would|will) "
    r"(?:it|the (?:role|project|work)) start|開始(?:時期|日)?|开始(?:时间|日期)?)"
    r"[^\n]{0,30}[?？]\s*$",
    re.I,
)
# An English day, as a sentence writes it: "Monday, January 4, 2027", "1 March 2027".
_EN_DAY = (
    rf"(?:{_WEEKDAY_WORD},?\s+)?{_MONTH_WORD}\s+\d{{1,2}}(?!\d)(?:,?\s*20\d{{2}})?|"
    rf"(?:{_WEEKDAY_WORD},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}(?:,?\s*20\d{{2}})?"
)
# Who joins whom: "start", "start with you", "join a new team", "join you".
_JOINS = (
    r"(?:start|move|join|begin|work)(?:\s+with\s+(?:you|us|a new \w+|your \w+)|"
    r"\s+(?:you|a new \w+|your \w+|(?:anything|something) new))?"  # "start anything new"
)
_STATED_FIRST_DAY = re.compile(
    # "The start date is Monday, January 4, 2027", "the earliest she could start with a new
    # team is Monday, 4 January", "the first day he could join a new team is", "my first free
    # day would be January 5", "his first day with you would be January 4"
    r"\b(?:start\s+date|earliest\s+(?:possible\s+)?start(?:\s+date)?|"
    rf"earliest\s+(?:she|he|they|I)\s+(?:could|can)\s+{_JOINS}|"
    rf"first\s+(?:working\s+)?day\s+(?:she|he|they|I)\s+(?:can|could)\s+{_JOINS}|"
    r"(?:my|his|her|their)\s+first\s+(?:free\s+|available\s+|working\s+)?day(?:\s+with\s+you)?)\s+"
    rf"(?:is|will be|would be)\s+(?:on\s+)?({_EN_DAY})|"
    # "Monday, January 18, 2027 would be his first day with you", "she could start with you
    # from December 15" (after "her contract ends on December 15")
    rf"({_EN_DAY})\s+(?:would|will)\s+be\s+(?:his|her|their|my)\s+first\s+day|"
    rf"\b(?:could|can)\s+(?:start|begin|join)(?:\s+with\s+you|\s+(?:you|your)(?:\s+(?:project|team))?)?"
    rf"\s+(?:from|on)\s+({_EN_DAY})|"
    # "August 2, 2027 is the first day she could start with you", "January 15, 2028 is the
    # earliest he can start"
    rf"({_EN_DAY})\s+(?:is|would be|will be)\s+the\s+(?:first\s+day|earliest(?:\s+date)?)\s+"
    r"(?:she|he|they|I)\s+(?:can|could)|"
    # "first day with you Nov 16" (in a table row that goes on from "runs until mid-")
    rf"\bfirst day with you\s*(?:is|would be|will be|[:：-])?\s*({_EN_DAY})|"
    # "can't start before Monday, November 16"
    rf"\b(?:can't|cannot|can not|won't be able to|is not able to)\s+start\s+"
    rf"(?:(?:anything|something) new\s+)?before\s+({_EN_DAY})|"
    # "Available from February 2027" (beats "she will not be free until next year" before it)
    rf"\b(?:available|free)\s+(?:from|starting)\s+({_EN_DAY}|{_MONTH_WORD}\s+20\d{{2}})|"
    # "貴社案件へ合流できるのは2027年4月1日以降", "参画可能になるのは12月から"
    # "動けるのは年明けの1月5日（火）から"
    r"(?:(?:参画|合流|稼[働動]|参加|開始|入場|ジョイン)(?:が|を)?(?:でき|可能に?な)(?:る|ります)|"
    r"動け(?:る|ます))(?:の|日)は\s*(?:年明けの|来年の|年が(?:変わって|明けて))?\s*"
    r"((?:20\d{2}\s*年\s*)?\d{1,2}\s*月\s*(?:\d{1,2}\s*日|上旬|初旬|中旬|下旬|末)?)|"
    # "参画は年明けの1月15日以降", "年明け1/4（月）以降の参画", "年明け1月からの参画": the new
    # year named, then its day
    r"(?:(?:参画|合流|稼[働動]|参加|開始|入場|ジョイン)(?:開始)?は\s*)?(?:年明け|来年)の?\s*"
    r"(\d{1,2}\s*(?:月\s*\d{1,2}\s*日|/\s*\d{1,2}|月))\s*(?:[(（][月火水木金土日][)）])?\s*"
    r"(?:以降|から|より)|"
    # "预计12月中旬起可以参加" (after "目前项目12月上旬结束"); "支援到明年2月上旬，明年2月中旬到岗"
    r"(?:预计|預計|估计|估計)\s*(\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号號]|上旬|中旬|下旬|初|底)?)\s*"
    r"(?:起|开始|開始|以后|以後)\s*(?:就)?\s*(?:可以|可|能)|"
    r"(?<![到至])(?:明年|今年)\s*(\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号號]|上旬|中旬|下旬|初)?)\s*"
    r"(?:起\s*)?(?:就)?\s*(?:可以|可|能)?\s*(?:到[岗崗]|入[场場]|进场|進場)|"
    # "ご参画は本日から2ヶ月ほど先、11月16日以降となる見込み", "ご参画は2027年2月1日からとなります"
    r"(?:参画|稼[働動]|合流|ジョイン)(?:開始)?は[^\n。]{0,20}?"
    r"((?:20\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:以降|から|より)|"
    # "延长到了11月中旬，所以11月16日起才能进场", "11/15 起即可上工"
    r"(\d{1,2}\s*月\s*\d{1,2}\s*[日号號]|\d{1,2}/\d{1,2}(?![\d/]))\s*(?:起|开始|以后|以後)\s*"
    r"(?:才|就|即)?\s*(?:能|可以|可)\s*(?:进场|進場|到[岗崗]|入[场場]|开始|開始|上工|参加|參加|加入)|"
    # "所以最早二月份才能过去", "最早明年1月1日才能进场"
    r"最[早快]\s*(?:只能|也要|要|才能)?\s*(?:明年|今年)?\s*(\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号號])?)\s*"
    r"(?:[(（][^)）\n]{1,4}[)）])?\s*(?:份)?\s*(?:以后|以後|之后|之後)?\s*(?:才)?\s*"
    r"(?:能|可以|可)?\s*(?:进场|進場|到[岗崗]|入[场場]|过去|過去|开始|開始)",
    re.I,
)
_IN_SENTENCE = re.compile(
    rf"({_ENDS_ON.pattern}(?:[^.\n]{{0,30}}?(?:{_THEN_DAY_PATTERN}|{_THEN_DAY_IS_PATTERN}))?)|"
    # "can join after the current project finishes at the end of November"
    r"\b(?:join|start|available|free)\w*\s+(after\b[^\n.]{0,50}?\b(?:ends?|finish(?:es)?|"
    r"wraps? up|completes?)\s+(?:in|by|at the end of)\s+[A-Za-z]{3,9})|"
    r"(?:available|free|start(?:s|ing)?|join(?:s|ing)?|begin(?:s|ning)?)\s+"
    r"(within\s+\d{1,3}\s*days|within\s+(?:a|one|two|three|\d)\s+weeks?|next month|next week|"
    rf"next\s+{_WEEKDAY_WORD}|immediately|right away|(?:right\s+)?now\b|today|tomorrow|"
    r"the moment\b)|"
    r"(notice(?: period)?(?:\s+with\s+[^.\n]{0,30}?)?\s*(?:is\s*|of\s*)?[:：-]?\s*"
    r"(?:\d{1,3}|one|two|three|four|a)\s*(?:days?|weeks?|months?))|"
    r"(?:available|free|open)\s+(after\s+[A-Za-z]{3,9})\b|"
    r"((?:roll(?:s|ing)?\s+off|released from)\b[^\n.]{0,40}?\b(?:in|at the end of|end of|by)\s+"
    r"[A-Za-z]{3,9})|"
    # "last working day is September 30": free the day after
    r"(last (?:working )?day (?:(?:with|at) [^.\n]{0,30}?)?(?:is |will be )?(?:on )?(?:the )?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}|{_MONTH_WORD}\s+\d{{1,2}}))|"
    # "現案件は10月末でリリース予定", "预计10月底释放": released at a month's end, free next day;
    # "预计11月可以释放": released in that month
    # (リリース only after the current engagement: "10月末にリリース予定" alone is a system's)
    rf"((?:{_ENGAGED_JA})\s*(?:は|が|も)?\s*\d{{1,2}}\s*月\s*(?:\d{{1,2}}\s*日|末)\s*(?:で|に)?\s*"
    r"リリース|"
    r"\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底)\s*(?:可以|可|就)?\s*[释釋]放)|"
    r"(\d{1,2}\s*月)\s*(?:可以|可|就|能)?\s*(?:[释釋]放)|"
    r"(?:open|ready|available|looking)\s+(?:to|for)\s+(?:a\s+|his\s+|her\s+|their\s+)?(?:new\s+|next\s+)?"
    r"(?:projects?|roles?|assignments?|opportunit(?:y|ies)|engagements?|positions?)\s+"
    r"(?:from|in|starting|after)\s+([^.\n]{2,30})|"
    r"\bonboarded\s+(?:in|from|on)\s+([^.\n]{2,30})|"
    r"\bavailable\s+starting\s+(next month)|"
    r"\bfrom\s+((?:(?:the\s+)?(?:start|beginning)\s+of\s+)?next month)\b|"
    r"((?:\d{1,2}|one|two|three|four|a)\s+(?:days?|weeks?|months?)\s+from (?:now|today))|"
    r"\bstart(?:s|ing)?(?:\s+date)?\s+(?:is\s+|on\s+)?(20\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|"
    # "Starting Wednesday 4 November"
    rf"(?:{_WEEKDAY_WORD},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{{2,8}}(?:\s+20\d{{2}})?|"
    r"(?:early|beginning of|mid|late|end of|the first of)[- ]?\s*next month)|"
    # "20日から参画可能", "20号可到岗": a day of this month, or of the next when it has passed
    r"(?<![\d月/.年])(\d{1,2}\s*日)\s*(?:から|より|以降)\s*(?:の)?(?:ご)?(?:参画|稼[働動]|入場)|"
    r"(?<![\d月/.年])(\d{1,2}\s*[号號])\s*(?:起|开始)?\s*(?:就)?(?:可以|可)?\s*(?:到[岗崗]|入[场場])|"
    r"\b(?:available|free|join(?:ing)?)\s+(?:at\s+|from\s+)?"
    r"((?:early|the beginning of|beginning of|the start of|start of|mid|late|the end of|"
    r"end of)[- ]?\s*next month)|"
    # (not "later than your November start": the project's, named by a candidate)
    r"(?<!your )\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?!\d))?(?:,?\s*20\d{2})?)\s+(?:start|kick-?off)\b|"
    r"\b(?:commenc(?:e|es|ing)|beginning|begins?|kick-?off)\s+"
    r"((?:early |mid-?|late )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?!\d))?)|"
    r"(?:available|start(?:s|ing)?|join(?:ing)?|begin(?:s|ning)?|commenc(?:e|es|ing)|"
    r"kick(?:s|ing)? off|onboard(?:ing)?|free|open|ready|returns? to work|back at work)"
    r"(?:\s+work(?:ing)?)?\s+"
    r"(?:from|on|in|by|after|within|as of|effective)\s+([^.\n]{2,30})|"
    r"\b(?:available|start|join|onboard|begin|commence)(?:s|ing)?\s+(\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{2,8})\b|"
    r"\bstart(?:s|ing)?\s+(\d{1,2}/\d{1,2}(?:/20\d{2})?)\b|"
    r"\bstart(?:s|ing)?\s+((?:early|mid|late|end of)[- ]?\s*"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)|"
    r"\bavail(?:able|\.)?\s+(?:starting\s+|beginning\s+)?((?:early |mid-?|late )?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
    r"\.?(?:\s+\d{1,2}(?!\d))?|\d{1,2}/\d{1,2}(?:/20\d{2})?)|"
    r"((?:\d+|one|two|three|four)\s*weeks?'?\s*notice)|"
    r"(\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]|初|中旬|下旬|底)?)\s*(?:起|以后|之后)?\s*(?:才能|才可以|才|可以|可)?\s*"
    r"(?:参加|参与|开始|入场|进场|進場|到岗|入职|出来|有空|进新项目|进入新项目|过来)|"
    r"(\d{1,2}\s*月(?:\s*\d{1,2}\s*日|上旬|初旬|中旬|下旬|末)?)\s*(?:の)?(?:開始|稼働開始|参画|入場)(?:予定|可能|可)|"
    r"((?:20\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)\s*[~-]?\s*(?:から|より)?\s*スタート|"
    r"\bstart(?:s|ing)?\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*[^.,\n]{0,12})|"
    r"([^\s、,。]{1,12})(?:から|より|~)\s*(?:の)?(?:稼働|参画|入場|開始|案件|プロジェクト|ご参画)|"
    r"可[于於]?\s*([^\s,，。]{1,10})\s*(?:到[岗崗职職]|入[场場职職]|[报報]到|上工)|([^\s,，。、]{2,12}?)(?:到[岗崗职職]|入[场場职職]|[报報]到|上工)|"
    r"(?<!以后)(?<!以後)(?<!之后)(?<!之後)"
    r"((?:即日|即時|即刻|立刻|[随隨][时時](?!\s*(?:补发|補發|联系|聯繫|联络|聯絡|提供|发送|發送|沟通|溝通|"
    r"安排|告知|回复|回覆))|立即|马上|馬上|ASAP|immediately)[^\n]{0,6})|"
    # "9/1～", "12/1〜" in a one-line offer: a day and a tilde for "from"
    r"(?<!\d)(?<!\d/)(\d{1,2}/\d{1,2})\s*[~〜～](?!\s*\d)|"
    # "on-site (no remote) from November": a month after a bare "from", not a range of the past
    # "we need someone from 1 September", "from the 1st of September"
    rf"\bfrom\s+(?:the\s+)?(\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}(?:,?\s*20\d{{2}})?)"
    r"(?![\s,]*(?:to\b|until\b|till\b|through\b|[-–~]))|"
    rf"\bfrom\s+((?:early |mid-?|late |the (?:beginning|start|end) of )?{_MONTH_WORD}"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s*20\d{2})?)\b(?![\s,]*(?:\d|to\b|until\b|till\b|through\b|[-–~]))|"
    r"(?:開始|稼働|参画|入場)(?:時期|日)?は\s*([^\s、,。]{1,12}?)\s*(?:から|より|~|予定|を予定|です)|"
    r"(\d{1,2}\s*月\s*(?:末|底)?\s*(?:で|に)?\s*(?:現場|案件|プロジェクト|项目)?\s*(?:終了|结束|完了))|"
    r"((?:project|contract|assignment|engagement)\s+(?:ends|finishes|wraps(?: up)?|completes)\s+"
    r"(?:in|by|at the end of)\s+(?:[A-Za-z]{3,9}|Q[1-4]))|"
    r"((?:20\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)\s*以降\s*(?:の)?(?:稼[働動]|参画|入場|開始|可)|"
    rf"({_HANDOVER}[^\d一两兩二三\n。，,]{{0,6}}?(?:\d|一|两|兩|二|三)\s*(?:ヶ|か|カ|ケ|个|個)\s*月|"
    rf"(?:需要?|要)\s*(?:\d|一|两|兩|二|三)\s*(?:个|個)\s*月\s*(?:的)?(?:时间|時間)?\s*{_HANDOVER})|"
    # "【9月初から／出社不可】", "Java/9月~/出社NG": a bare start between separators
    r"(?<![^\n【\[（(／/|｜・\s])((?:20\d{2}\s*年\s*)?\d{1,2}\s*月\s*(?:\d{1,2}\s*日|上旬|初旬|初|頭|中旬|"
    r"下旬|末)?)\s*"
    r"(?:から|より|[~〜～])\s*(?=$|[\n／/】\]）)|｜・、。,:：]|長期|长期)|"
    # "再来月から可能", "10月頭から可能です": a month, then から and can
    # "月明けから参画できます", "今月中旬以降であれば参画可能"
    r"((?:\d{1,2}\s*月|来月|再来月|翌月|(?<![正年\d])月明け)\s*"
    r"(?:\d{1,2}\s*日|上旬|初旬|初|頭|中旬|下旬|末)?|今月\s*(?:の)?\s*(?:上旬|初旬|中旬|下旬|末))\s*"
    r"(?:から|より|以降)\s*(?:であれば|なら|でしたら)?\s*(?:の|ご)?(?:参画|稼[働動]|入場)?\s*"
    r"(?:可能|可(?!否)|OK|でき(?:ます|る))|"
    # "現在の契約が満了（9月末）となるため": free the month after
    rf"((?:{_ENGAGED_JA})\s*(?:が|は|も)?\s*(?:満了|終了|完了)(?:予定)?\s*[(（]\s*\d{{1,2}}\s*月\s*"
    r"(?:末|いっぱい)?\s*[)）])|"
    # "年明けからの参画", "来年初から", "明年初可以到岗", "available early next year"
    rf"({_NEW_YEAR_CJK})[^\n。，,]{{0,8}}?(?:から|より|以降|起|开始|開始|参画|稼[働動]|入場|到[岗崗]|入[场場]|可以|可能)|"
    r"\b(?:available|free|start(?:s|ing)?|join(?:ing)?|begin(?:s|ning)?|onboard(?:ing)?)\b[^.\n]{0,20}?"
    rf"({_NEW_YEAR_EN})|"
    # "free after his current project wraps in Q3", "available from Q4"
    r"((?:after|once)\b[^\n.]{0,40}?\b(?:ends?|finish(?:es)?|wraps?(?: up)?|completes?)\s+"
    r"(?:in|by|at the end of)\s+(?:the\s+)?Q[1-4])|"
    r"\b(?:available|free|start(?:s|ing)?|join(?:ing)?)\s+(?:from|in|starting)\s+(?:the\s+)?(Q[1-4])\b|"
    # "Kick-off is mid-September", "the start date is 1 November"
    r"\b(?:kick-?off|start(?:\s+date)?|availability)\s+(?:is|will be|would be)\s+"
    r"(?:on\s+|in\s+|from\s+)?([^.\n,;]{2,30})|"
    # "Current project ends 10/31": free the day after
    r"((?:project|contract|assignment|engagement)\s+(?:ends|finishes|wraps up)\s+(?:on\s+)?"
    r"\d{1,2}/\d{1,2}(?:/20\d{2})?)|"
    # "a 60-day notice", "60 days notice"
    r"((?<![\d/])\d{1,3}[- ]days?'?\s+notice)|"
    # "年底可到岗": the year's last day
    r"(年底|年末)\s*(?:就|即)?\s*(?:可以|可|能)?\s*(?:到[岗崗]|入[场場]|开始|開始|参画|稼[働動])|"
    r"\b(?:available|free|start(?:s|ing)?|join(?:ing)?)\b[^.\n]{0,20}?((?:the\s+)?next quarter)|"
    # "not available until September": free from that date
    r"(?:\bnot|n't|\bun)(?:\s*be)?\s*available\s+(?:until|till|before)\s+([^.\n,;]{2,30})|"
    # "engaged on a project until the end of August", "current contract runs through August"
    rf"((?:engaged|booked|committed|busy|allocated|deployed|tied up|contracted|on (?:a|an|his|her|"
    r"their) (?:current |present )?(?:project|assignment|contract|engagement)|"
    r"(?:the |an? )?(?:current|present) (?:project|assignment|contract|engagement)|"
    r"(?:current|present|his|her|their) (?:project|assignment|contract|engagement) "
    r"(?:runs|lasts|continues|goes))"
    r"[^.\n]{0,30}?\b(?:until|till|through|thru)\s+(?:the\s+)?(?:end\s+of\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH_WORD}"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)|"
    # "現案件が7月末まで", "8月いっぱいは現場", "7月末で現在の案件を終了予定"
    rf"({_ENGAGED_JA}(?:が|は|も)?\s*{_UNTIL_JA_DATE}\s*(?:まで|いっぱい))|"
    rf"({_UNTIL_JA_DATE}\s*(?:まで|いっぱい)\s*(?:は)?\s*(?:{_ENGAGED_JA}|稼[働動]中|参画中|就業中))|"
    rf"({_UNTIL_JA_DATE}\s*で\s*(?:{_ENGAGED_JA})\s*(?:を|が)?\s*(?:終了|満了|完了))|"
    # "目前项目到8月底", "合同到8月31日", "现项目8月末到期"
    # (not "做到明年1月中旬": a part of the month is no month's end)
    rf"({_ENGAGED_ZH}[^\n，。,]{{0,6}}?(?:到|至|持续到|持續到|截止到?|截至)\s*(?:今年|明年|来年)?\s*"
    rf"{_UNTIL_ZH_DATE}(?!\s*(?:上旬|中旬|下旬|初)))|"
    rf"((?:{_ENGAGED_ZH})?\s*{_UNTIL_ZH_DATE}\s*(?:(?:合同|合约|合約)\s*到期|到期))",
    re.I,
)
# A Japanese date, as a sentence writes it: "2026年6月2日", "6/2", "6月上旬".
_JA_DATE = (
    r"(?:20\d{2}\s*[年/.-]\s*)?\d{1,2}\s*[月/]\s*(?:\d{1,2}\s*日?)?"
    r"(?:\s*[(（][月火水木金土日][)）])?(?:上旬|初旬|中旬|下旬|末|頭|初)?"
)
_JA_VERB = r"(?:稼[働動]|参画|入場|開始|着任|就業|作業開始|ジョイン|復帰)"
# Free to start, as a sentence says it: "入れます", "お入りいただけます", "動けます", "常駐可能"
_JA_FREE = (
    r"(?:入れ(?:ます|る)|入って|お入り|動け|参画|稼[働動]|入場|常駐|参加|ジョイン|着任|合流|"
    r"出社(?:可|でき)|開始(?:でき|可))"
)
_ZH_DAY = (
    r"\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号號]|上旬|中旬|下旬|初|底)?|下[个個]?月\s*\d{1,2}\s*[日号號]|"
    r"(?:现在|現在|目前)\s*(?:就|即)|今天|明天|下[个個]?(?:星期|[周週]|[礼禮]拜)[一二三四五六日天]"
)
_ZH_FREE = (
    r"(?:进场|進場|入场|入場|到岗|到崗|开工|開工|上班|上工|开始|開始|参加|參加|驻场|駐場|入职|入職|"
    r"报到|報到|加入|参与|參與)"
)
# "2026年6月2日以降であれば参画可能", "稼働開始可能日は6月2日です", "参画は最短で6月2日から".
_JA_SENTENCE = re.compile(
    rf"({_JA_DATE})\s*(?:頃|ごろ)?\s*(?:以降|から|より|~)?\s*(?:であれば|なら|には)?\s*(?:の|ご|お)?"
    rf"\s*{_JA_VERB}|"
    r"((?:\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|下下?[个個]?月)(?:初|中旬|下旬|底)?)\s*"
    r"(?:就|即|便)?(?:可以|可|能)?\s*(?:正式)?\s*(?:起|开始|開始|启动|啟動|"
    r"开工|进场|進場|kick-?off|キックオフ)|"
    # "キックオフ 8/3", "kick-off 8月10日"
    rf"(?:キックオフ|kick-?off)\s*(?:は|日|予定)?\s*[:：]?\s*({_JA_DATE})|"
    rf"{_JA_VERB}[^\n。、]{{0,8}}?(?:は|が)\s*(?:最短で?|早ければ)?\s*({_JA_DATE})|"
    rf"最短(?:で)?\s*({_JA_DATE})|({_JA_DATE})\s*以降\s*(?:で|であれば|なら)?\s*(?:調整|対応|相談)|"
    # "10月1日から入れます", "11月2日から常駐でご参画いただけます", "明日からでも入れます",
    # "10月20日以降ならいつでも入れます", "今すぐにでも動けます", "即参画可"
    rf"(?:({_JA_DATE}|本日|今日|明日|明後日)\s*(?:頃|ごろ)?\s*(?:以降|から|より)|(今?すぐ|直ちに))"
    r"\s*(?:に)?\s*(?:でも|は)?\s*(?:であれば|なら|でしたら|には)?\s*(?:いつ(?:から)?でも)?\s*"
    rf"[^\n。、,\d]{{0,6}}?{_JA_FREE}|(即(?:参画|入場))|"
    # "开工日期是10月5日（周一）", "入场时间定在11月2日"
    rf"(?:开工|開工|开始|開始|入[场場]|[进進][场場]|到[岗崗])(?:日期|[时時][间間]|日)\s*(?:是|为|為|定在)\s*"
    rf"({_JA_DATE})|"
    # "11月1日就可以入场", "10月5日可以直接进场", "10月20日以后随时可以进场", "今天起就可以开工",
    # "现在就能开始", "下个月1号就可以进场", "下个星期一就能开始上班"
    rf"({_ZH_DAY})\s*(?:起|开始|開始|以后|以後|之后|之後)?\s*(?:就|即|便|才)?\s*"
    r"(?:[随隨][时時]|马上|馬上)?\s*(?:就)?\s*(?:可以|可|能)?\s*"
    rf"(?:直接|马上|馬上|正式|全天|全职|全職)?\s*{_ZH_FREE}"
)
_IMMEDIATE = re.compile(
    r"即日|即時|即稼働|即可|[随隨][时時]|立即|马上|越快越好|尽快|儘快|盡快|asap|immediate|immediately|"
    r"right away|(?<!from )now\b|即刻|立刻|馬上|今?すぐ|直ちに|(?:现在|現在|目前)\s*(?:就|即)|"
    r"即参画|即入場|the moment\b",
    re.I,
)
# "本月底即可入场", "一个月后即可入场": 即可 after a date is "then", not "at once"
_THEN_CAN = re.compile(r"(?<=[底末初旬月日号號后後起])\s*即可")  # "11/15 起即可上工" too
# "本日から", "明日からでも入れます", "今天起", "start tomorrow": the mail's day or the next ones
_DAY_WORD = re.compile(
    r"(本日|今日|今天|当日|當日|\btoday\b)|(明日|明天|\btomorrow\b)|(明後日|あさって|后天|後天)",
    re.I,
)
_IDLE_NOW = re.compile(
    r"(?:現在|只今)?待機中|待機要員|空き要員|(?:目前|现在|現在)(?:处于)?(?:空闲|待岗|待機)|待岗中|"
    r"\bon (?:the |our )?bench\b|(?:just )?rolled off|between (?:projects|assignments)",
    re.I,
)
# (月明け is the next month's start; 正月明け / 年明け are January's)
_NEXT_MONTH = re.compile(r"来月|翌月|下[个個]?月|(?<![正年\d])月明け|next month", re.I)
_WEEKS = re.compile(r"(\d+|一|两|兩|二|三|one|two|three|four|\ba)\s*(?:周|週間?|weeks?)", re.I)
_WEEK_COUNT = {
    "a": 1,
    "一": 1,
    "两": 2,
    "兩": 2,
    "二": 2,
    "三": 3,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
}
# "1ヶ月後", "一个月后", "one month's notice": the same day that many months on.
_MONTHS_LATER = re.compile(
    r"(\d|一|两|兩|二|三|one|two|three|a)\s*(?:ヶ|か|カ|ケ|个|個|箇)\s*月\s*(?:以|之)?\s*(?:後|后)|"
    r"(?<![\w-])(\d|one|two|three|a)\s*months?'?(?:'s)?\s*(?:notice|later|from (?:now|today))|"
    # "2ヶ月前の通知が必要", "退職には1か月前の申告": notice given that many months ahead
    r"(\d|一|二|三)\s*(?:ヶ|か|カ|ケ|箇)\s*月前(?:まで)?\s*の?\s*(?:通知|予告|申告|申し出)|"
    r"notice(?: period)?\s*(?:is\s*|of\s*)?[:：-]?\s*(\d|one|two|three|a)\s*months?|"
    # "离职需要一个月", "需要一个月交接", "引き継ぎに1ヶ月", "到岗：需一个月": a handover first
    rf"{_HANDOVER}[^\d一两兩二三\n。，,]{{0,6}}?(\d|一|两|兩|二|三)\s*(?:ヶ|か|カ|ケ|个|個)\s*月|"
    rf"(?:需要?|要)\s*(\d|一|两|兩|二|三)\s*(?:个|個)\s*月\s*(?:的)?(?:时间|時間)?\s*{_HANDOVER}|"
    r"^\s*(?:需要?|要)\s*(\d|一|两|兩|二|三)\s*(?:个|個)\s*月\s*$",
    re.I,
)
# "after the current project ends in March", "3月末で終了": free from the month after.
_AFTER_END = re.compile(
    r"(?:after|once)\b[^\n]{0,40}?\b(?:ends?|finish(?:es)?|wraps? up|completes?)\s+"
    r"(?:in|by|at the end of)\s+([A-Za-z]{3,9})|"
    r"(\d{1,2})\s*月\s*(?:末|底)?\s*(?:で|に)?\s*(?:現場|案件|プロジェクト|项目)?\s*(?:終了|结束|完了)|"
    r"(?:満了|終了|完了)(?:予定)?\s*[(（]\s*(\d{1,2})\s*月\s*(?:末|いっぱい)?\s*[)）]",
    re.I,
)
_PART_AFTER = re.compile(r"\s*(?:の)?(上旬|初旬|初|頭|中旬|中|下旬|末|底)")
# 末 / 底 / the end of a month is its last day ("8月末から" is 31 August); _upcoming clamps 31.
_LAST_DAY = 31
_PART_DAY = {"中旬": 11, "中": 11, "下旬": 21, "末": _LAST_DAY, "底": _LAST_DAY}
_REIWA = re.compile(r"(?:令和|(?<![A-Za-z])R)\s*(\d{1,2})\s*[年.]")
# "contract ends in June", "rolls off at the end of June", "after June": free from July 1.
_ENDS_IN = re.compile(
    r"(?:(?:project|contract|assignment|engagement)\s+(?:ends|finishes|wraps up|completes)|"
    r"(?:roll(?:s|ing)?\s+off|released from)\b[^\n.]{0,40}?|^\s*after)\s+"
    r"(?:in|by|at the end of|end of)?\s*"
    r"((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\b()",
    re.I,
)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


_PERIOD_LABEL = re.compile(r"period|duration|term|期間|期间|周期|週期|工期", re.I)
_LENGTH_ONLY = re.compile(
    r"\s*(?:約|约|about|approx\.?|需要?|要)?\s*(?:\d{1,2}|one|two|three|four|five|six|twelve|a|半)\s*"
    r"(?:months?|ヶ月|か月|カ月|ケ月|个月|個月|years?|年)\s*(?:以上|程度|左右|\+|or more|~|〜|～|"
    r"[(（]?(?:延長|延长|長期|长期|extendable|renewable)[^\n]{0,12})?\s*",
    re.I,
)


# The last day on the current engagement, under its own label.
_LAST_DAY_LABELS = (
    r"roll[- ]?off(?:\s*date)?|last (?:working )?day|release date from (?:the )?current project|"
    r"最終(?:稼[働動]|出社|勤務)日|[释釋]放(?:[时時][间間]|日期)"
)


def start_date(text: str | Prepared, reference: date) -> date | None:
    """Start or availability date; relative phrases resolved against `reference`."""
    prepared = prepare(text)
    fields = _digit_months(prepared.prose_fields)
    for match in _STATED_FIRST_DAY.finditer(fields):
        found = parse_date(next(g for g in match.groups() if g), reference)
        if found:
            return found
    lines = _headings_joined(fields.splitlines())
    for question, answer in pairwise(lines):
        if _START_ASKED.match(question):  # "> Start date and rate?" / "Monday, November 16."
            found = parse_date(answer, reference)
            if found:
                return found
    for line in lines:
        last = labelled(line, _LAST_DAY_LABELS)
        last_day = parse_date(last, reference) if last else None
        if last_day:  # "Roll-off date: Sep 30", "リリース予定：10月末": free the day after
            return last_day + timedelta(days=1)
        value = labelled(line, START_LABELS)
        if value and _LENGTH_ONLY.fullmatch(value) and _PERIOD_LABEL.search(line):
            continue  # "Duration: 6 months", "期間：6ヶ月〜" is how long, not when
        if value:
            # "Available from February 2027 (committed to her client until the end of January)"
            opening = _OPENS_WITH_DATE.match(value)
            found = (
                _start_after_an_end(value, reference)
                or _start_after_an_extension(value, reference)
                or parse_date(opening.group(1) if opening else value, reference)
            )
            if found:
                return found
    for line in lines:  # "10月いっぱいで終わりますので、11/2（月）から稼働できます"
        found = _start_after_an_end(line, reference, sentences_only=True)
        if found:
            return found
    # A date written in a sentence wins over "need someone asap" earlier in the mail.
    immediate = None
    for match in _IN_SENTENCE.finditer(fields):
        value = next(g for g in match.groups() if g)
        found = parse_date(value, reference)
        if found and found == reference and _IMMEDIATE.search(value):
            immediate = immediate or found
        elif found:
            return found
    for match in _JA_SENTENCE.finditer(fields):
        found = parse_date(next(g for g in match.groups() if g), reference)
        if found:
            return immediate if immediate and immediate < found else found
    if immediate is None and _IDLE_NOW.search(fields):
        return reference  # "現在待機中", "on the bench", "目前空闲": free now
    return immediate


# A start label on a line of its own, the value on the next: "▼時期" over "2028年3月1日〜（長期）".
_START_HEADING = re.compile(rf"[^\w\s]{{0,3}}\s*(?:{START_LABELS})\s*[^\w\s:：]{{0,3}}", re.I)


def _headings_joined(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _START_HEADING.fullmatch(out[-1].strip()) and line.strip():
            out[-1] = f"{out[-1].strip()}: {line.strip()}"
        else:
            out.append(line)
    return out


# A part of a month, then its exact day in brackets: "10月中旬（10/19〜）", "mid-October (Oct 19)".
_EXACT_IN_BRACKETS = re.compile(
    rf"(?:上旬|初旬|中旬|下旬|\b(?:early|mid|late)\b)[^(（\n]{{0,12}}[(（]\s*"
    rf"(\d{{1,2}}/\d{{1,2}}|\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|{_MONTH_WORD}\s+\d{{1,2}})\s*[~〜～-]?\s*[)）]",
    re.I,
)
_SLASH_DAY = re.compile(r"(?<![\d/])(1[0-2]|0?[1-9])/([0-3]?\d)(?![\d/])")
# A range from a day of this year to a month of a named one: "10月19日開始〜2027年3月" starts first.
_RANGE_TO_A_YEAR = re.compile(
    r"\s*(\d{1,2}\s*月\s*(?:\d{1,2}\s*日|上旬|中旬|下旬|初旬|末)?)\s*(?:開始|スタート|から|より)?\s*"
    r"[~〜～\-–]\s*20\d{2}\s*年"
)
# A value that opens with a day: "15 October, running to the end of March" starts on the 15th.
_LEADING_DAY = re.compile(
    rf"\s*(?:from\s+)?(\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}(?:,?\s*20\d{{2}})?|"
    rf"{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*20\d{{2}})?)(?=\s*[,;(]\s*[a-z])",
    re.I,
)


# "12/14（月）〜 3月末まで": a day, then a tilde to the end: it starts on the day.
_LEADING_CJK_DAY = re.compile(
    r"\s*(\d{1,2}/\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(?:[(（][^)）\n]{1,3}[)）])?\s*[~〜～]\s*\S"
)


# The current engagement's end, in a value that goes on to the first day ("现项目9月30日结束，
# 10月1日起可以参加", "現在の現場が9月末で終わりますので、10月1日からお入りいただけます").
_END_WORD = re.compile(r"结束|結束|終わ|終了|満了|完了|到期|区切り|抜け|卒業|離れ|[收収]尾|まで続")


_THEREAFTER = re.compile(r"[^\n，,、。]{0,3}[，,、\s]*(?:之后|之後|以后|以後|その後|after that)")
_BARE_DAY = re.compile(r"(?<![\d/月])(\d{1,2})\s*[日号號](?!\s*[間间])()")


def _start_after_an_extension(value: str, reference: date) -> date | None:
    """The day a sentence names after the end an engagement was extended to ("現案件が8月中旬まで
    延長となったため、8月20日以降で参画可" is the 20th), not the end itself."""
    sentence = _JA_SENTENCE.search(value)
    if sentence is None or not re.search(r"まで|迄", value[: sentence.start()]):
        return None
    return parse_date(next(g for g in sentence.groups() if g), reference)


def _start_after_an_end(value: str, reference: date, sentences_only: bool = False) -> date | None:
    """The first day after the current engagement's end in `value`; with `sentences_only`,
    only a day a sentence says is the start (a line of prose), else any day named after it
    (a start label's value)."""
    end = _END_WORD.search(value)
    if end is None:
        return None
    rest = _digit_months(value[end.end() :])
    match = _JA_SENTENCE.search(rest)
    if match:
        return parse_date(next(g for g in match.groups() if g), reference)
    if sentences_only:
        return None
    # "…で終わりますので、翌週16日（月）から": a bare day is of the end's month, or the next
    ended, day = parse_date(value[: end.start()], reference), _BARE_DAY.search(rest)
    if ended and day and not re.search(r"\d\s*月|/", rest[: day.start()]):
        return _day_after(ended, day)
    if ended and _THEREAFTER.match(rest):  # "下个月底结束，之后即可入场": the day after the end
        return ended + timedelta(days=1)
    return parse_date(rest, reference) if re.search(r"\d|来月|翌月|下[个個]?月", rest) else None


def parse_date(value: str, reference: date) -> date | None:
    """A date from a short value: 即日, 来月, 2026年2月1日, 1月中旬, 12/15/2025, December 1."""
    if re.match(r"\s*later than\b", value, re.I):  # "his start date is later than November"
        return None
    leading = _LEADING_DAY.match(value) or _LEADING_CJK_DAY.match(value)
    if leading and leading.group(1) != value:
        return parse_date(leading.group(1), reference)
    exact = _EXACT_IN_BRACKETS.search(value) or _RANGE_TO_A_YEAR.match(value)
    if exact:
        return parse_date(exact.group(1), reference)
    value = _REIWA.sub(lambda m: f"{2018 + int(m.group(1))}年", _digit_months(value))  # 令和8年
    ends_on = _ENDS_ON.search(value)
    last_day = _english(value[ends_on.start() :], reference) if ends_on else None
    if last_day:
        then = _THEN_DAY.search(value, ends_on.end()) or _THEN_DAY_IS.search(value, ends_on.end())
        return _day_after(last_day, then) if then else last_day + timedelta(days=1)
    until = _until(value, reference)
    if until:
        return until
    # a value opening with now or next month: "即日～9月末まで", "来月～12月末", "ASAP through Dec"
    if re.match(
        r"\s*(?:即日|即時|[随隨][时時]|立即|asap\b|immediately\b|immediate\b)", value, re.I
    ):
        return reference
    if re.match(r"\s*(?:来月|翌月|下[个個]?月|next month)(?!\s*(?:の)?\s*\d)", value, re.I):
        start = _first_of_next_month(reference)
        after = value[re.match(r"\s*\S+?月|\s*next month", value, re.I).end() :]
        return _in_month(start.year, start.month, _day_of_next_month("", after))
    last = re.search(r"\blast (?:working )?day\b", value, re.I)  # "last working day is Sep 30"
    last_day = _english(value[last.start() :], reference) if last else None
    if last_day:
        return last_day + timedelta(days=1)
    if last and re.match(r"\s*last", value, re.I):
        return None
    new_year = _NEW_YEAR.search(value)
    if (  # "年明けから"; not "即日～年明けまで", a period that starts now
        new_year
        and not re.search(r"\d\s*月|20\d{2}", value)
        and not _IMMEDIATE.search(value[: new_year.start()])
    ):
        return date(reference.year + 1, 1, 1)
    if re.search(r"next quarter", value, re.I):
        return _quarter_start((reference.month - 1) // 3 + 2, reference)
    # "年底可到岗": the year's last day; not "即日～年末" or "年末まで" (a period's end)
    if re.match(
        r"\s*(?:年底|年末)(?!\s*(?:まで|迄|结束|結束|終了|完了|为止|為止))", value
    ) and not re.search(r"\d\s*月|20\d{2}", value):
        return date(reference.year, 12, 31)
    ends_slash = re.search(r"\b(?:ends|finishes|wraps up)\s+(?:on\s+)?(\d{1,2})/(\d{1,2})\b", value)
    if ends_slash:
        last = _upcoming(int(ends_slash.group(1)), int(ends_slash.group(2)), reference)
        return last + timedelta(days=1) if last else None
    quarter = _QUARTER.search(value)
    if quarter and not _names_a_month(value):
        return _quarter_start(int(quarter.group(2)) + bool(quarter.group(1)), reference)
    after_end = _AFTER_END.search(value) or _ENDS_IN.search(value)
    if after_end and not _names_a_month(value[: after_end.start()]):  # not "4月~6月末で終了"
        word, number, *paren = after_end.groups()
        number = number or next((p for p in paren if p), None)
        month = int(number) if number else _MONTHS.get(word.lower())
        if month and 1 <= month <= 12:
            ended = _upcoming(month, 1, reference)
            return _first_of_next_month(ended) if ended else None
    # (not "Feb 21, 2028 / 6 months": a length after the year)
    full = re.search(
        r"(20\d{2})\s*[年/.-]\s*(\d{1,2})(?!\d|\s*(?:months?|mos?\b|ヶ月|か月|カ月|个月|個月))"
        r"(?:\s*[月/.-]\s*(\d{1,2}))?",
        value,
        re.I,
    )
    exact = re.search(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]", value[full.end() :]) if full else None
    if full and not full.group(3) and exact and int(exact.group(1)) == int(full.group(2)):
        return _safe_date(int(full.group(1)), int(full.group(2)), int(exact.group(2)))
    if full:
        return _safe_date(int(full.group(1)), int(full.group(2)), int(full.group(3) or 1))
    us = re.search(r"\b(\d{1,2})/(\d{1,2})/((?:20)?\d{2})\b", value)
    if us:
        return _safe_date(2000 + int(us.group(3)) % 100, int(us.group(1)), int(us.group(2)))
    month_day = re.search(
        r"(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|(上旬|初旬|初|頭|中旬|中|下旬|末|底)|"
        r"第\s*([1-5])\s*[週周])?",
        value,
    )
    slash_first = _SLASH_DAY.search(value)
    if month_day and slash_first and slash_first.start() < month_day.start():
        return _upcoming(int(slash_first.group(1)), int(slash_first.group(2)), reference)
    if month_day:
        part = _PART_DAY.get(month_day.group(3) or "", 1)
        week = int(month_day.group(4) or 1)  # "8月第2週" starts on the 8th
        day = int(month_day.group(2) or part) + 7 * (week - 1)
        return _upcoming(int(month_day.group(1)), day, reference)
    english = _english(value, reference)
    if english:
        return english
    if _IMMEDIATE.search(_THEN_CAN.sub("", value)):
        return reference
    week = _NEXT_WEEK.search(value)
    if week:
        return _next_week(reference, week.group(1) or week.group(2))
    day_only = _THIS_MONTH_DAY.search(value)
    if day_only:  # "今月20日", "本月20号", a bare "20日" of a sentence: this month, or the next
        day = int(next(g for g in day_only.groups() if g))
        this = _safe_date(reference.year, reference.month, day)
        if this and this >= reference:
            return this
        start = _first_of_next_month(reference)
        return _safe_date(start.year, start.month, day)
    this_month = _THIS_MONTH.search(value)
    if this_month:
        part = next(g for g in this_month.groups() if g)
        day = _PART_DAY.get(part, _LAST_DAY if part.lower() == "end" else 1)
        return max(reference, _in_month(reference.year, reference.month, day))
    after_next = re.search(r"再来月|下下个?月|month after next", value, re.I)
    if after_next:
        return _first_of_next_month(_first_of_next_month(reference))
    next_month = _NEXT_MONTH.search(value)
    if next_month:  # "来月中旬" is the 11th, like "5月中旬"; "来月15日", "mid next month"
        start = _first_of_next_month(reference)
        day = _day_of_next_month(value[: next_month.start()], value[next_month.end() :])
        return _in_month(start.year, start.month, day)
    months = _MONTHS_LATER.search(value) or re.fullmatch(
        r"\s*(\d|one|two|three|a)\s*months?\s*", value, re.I
    )
    if months:
        word = next(g for g in months.groups() if g).lower()
        count = _WEEK_COUNT.get(word) or int(word)
        return _months_after(reference, count)
    weeks = _WEEKS.search(value)
    if weeks:
        count = _WEEK_COUNT.get(weeks.group(1).lower()) or int(weeks.group(1))
        return reference + timedelta(days=7 * count)
    days = re.search(r"(\d{1,3})[\s-]*(?:days?|天|日)\s*(?:notice|内|以内|后|後)?", value, re.I)
    bare = re.fullmatch(r"\s*(?:within\s*)?\d{1,3}\s*days?\s*", value, re.I)  # "Joining: 15 days"
    if days and (bare or re.search(r"notice|内|以内|后|後|within", value, re.I)):
        return reference + timedelta(days=int(days.group(1)))
    day_word = _DAY_WORD.search(value)
    if day_word:
        return reference + timedelta(days=day_word.lastindex - 1)
    slash = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})\s*~?.*", value)
    if slash and 1 <= int(slash.group(1)) <= 12:
        return _upcoming(int(slash.group(1)), int(slash.group(2)), reference)
    return None


# The last day of an engagement: "until the end of August", "through August", "until August 31",
# "7月末まで", "8月いっぱい", "到8月底", "8月31日合同到期". A bare "until August" says nothing.
_UNTIL_EN = re.compile(
    rf"\b(?:(until|till)|through|thru)\s+(?:the\s+)?(end\s+of\s+)?({_MONTH_WORD})"
    r"(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?",
    re.I,
)
_UNTIL_DAY_FIRST = re.compile(
    rf"\b(until|till|through|thru)\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"({_MONTH_WORD})",
    re.I,
)
_UNTIL_CJK = re.compile(
    # ("做到今年12月底": the year named between)
    r"(?:(?:到|至|持续到|持續到|截止到?|截至)\s*(?:今年|明年|来年|來年)?\s*)?"
    r"(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号號]|末|底|いっぱい)?"
    r"\s*(?:まで|いっぱい|で\s*[^\n。、]{0,10}?(?:終了|満了|完了)|(?:合同|项目|項目|合约|合約)?\s*到期|"
    # "現案件は10月末でリリース", "10月底可释放": released from the current project then
    r"(?:で|に|可以|可|就)?\s*(?:リリース|[释釋]放)|(?=$)|"
    # "合同到8月31日，之后随时可以": an end after 到 / 至, then a clause or "after"
    r"(?<=[日号號末底])(?=\s*(?:[，,。;；、]|之后|之後|以后|以後)))"
)
# "合约到8/31", "現案件は8/31まで": a month / day end, read as 8月31日
_SLASH_END = re.compile(
    r"(?<=[到至止])\s*(\d{1,2})/(\d{1,2})(?![\d/])|"
    r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])(?=\s*(?:まで|迄|いっぱい|で\s*(?:終了|満了|完了)|到期))"
)
_UNTIL_CJK_WORD = re.compile(r"まで|いっぱい|終了|満了|完了|到期|到|至|截止|截至|リリース|[释釋]放")
_RELEASED = re.compile(r"リリース|[释釋]放")


# A start written before an end: "9月~12月まで", "即日～9月末まで", "来月～12月末".
_EARLIER_START = re.compile(
    r"即日|即時|[随隨][时時]|来月|翌月|下[个個]?月|asap|immediate|\bnow\b|next (?:month|week)", re.I
)


def _starts_before(text: str) -> bool:
    return _names_a_month(text) or bool(_EARLIER_START.search(text))


def _until(value: str, reference: date) -> date | None:
    """The day after an engagement ends, when `value` says when it ends (not "9月~12月まで")."""
    # "until 31 August", "through the 15th of July": read as "until August 31"
    value = _UNTIL_DAY_FIRST.sub(r"\1 \3 \2", value)
    english = _UNTIL_EN.search(value)
    if english and not _starts_before(value[: english.start()]):
        bare_until, end_of, word, day = english.groups()
        month = _MONTHS.get(word.rstrip(".").lower())
        if month is None or (bare_until and not end_of and not day):
            return None
        return _day_after_end(month, day, reference)
    value = _SLASH_END.sub(
        lambda m: f"{m.group(1) or m.group(3)}月{m.group(2) or m.group(4)}日", value
    )
    cjk = _UNTIL_CJK.search(value)
    if cjk is None or not _UNTIL_CJK_WORD.search(cjk.group(0)):
        return None
    before = value[: cjk.start()]
    if _starts_before(before) or re.search(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])", before):
        return None  # "8/1到12/31": a period, not an engagement's end
    month, day = int(cjk.group(1)), cjk.group(2)
    if not 1 <= month <= 12:
        return None
    if _RELEASED.search(cjk.group(0)) and not day and not re.search(r"[末底]", cjk.group(0)):
        return None  # "11月可以释放": released in November, free that month
    return _day_after_end(month, day, reference)


def _day_after(last_day: date, then: re.Match[str]) -> date:
    """The day named after an end: "the 12th" (of that month, or the next), "Monday" (the next)."""
    if then.group(1):
        day = int(then.group(1))
        month = last_day if day > last_day.day else _first_of_next_month(last_day)
        return _safe_date(month.year, month.month, day) or last_day + timedelta(days=1)
    weekday = _WEEKDAYS[then.group(2)[:3].lower()]
    return last_day + timedelta(days=(weekday - last_day.weekday() - 1) % 7 + 1)


def _day_after_end(month: int, day: str | None, reference: date) -> date | None:
    """The day after an end on `day` of `month`; without a day, the 1st after that month."""
    if day:
        last = _upcoming(month, int(day), reference)
        return last + timedelta(days=1) if last else None
    ended = _upcoming(month, 1, reference)
    return _first_of_next_month(ended) if ended else None


_THIS_MONTH_DAY = re.compile(
    r"(?:今月|本月|当月|this month)\s*(?:の)?(\d{1,2})\s*[日号號]|"
    r"\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+of\s+this\s+month\b|"
    r"^\s*(?<![\d月])(\d{1,2})\s*[日号號]\s*$"
)
_PART_BEFORE = re.compile(
    r"(?:\b(early|beginning of|mid|middle of|late|end of)|\b(\d{1,2})(?:st|nd|rd|th)?\s+of)"
    r"[- ]?\s*(?:the\s+)?$",
    re.I,
)
_DAY_AFTER = re.compile(r"\s*(?:の)?(\d{1,2})\s*[日号號]")


def _day_of_next_month(before: str, after: str) -> int:
    """The day a part of next month names: 来月15日 15, 来月中旬 11, mid next month 15."""
    day = _DAY_AFTER.match(after)
    if day:
        return int(day.group(1))
    part = _PART_AFTER.match(after)
    if part:
        return _PART_DAY.get(part.group(1), 1)
    english = _PART_BEFORE.search(before)
    if english and english.group(2):
        return int(english.group(2))
    if english:
        word = english.group(1).lower().split()[0]
        return _PART_OF_MONTH.get(word, 1)
    return 1


def _quarter_start(quarter: int, reference: date) -> date:
    """The first day of that quarter (a fifth is the next year's first), never before the mail."""
    if quarter == 5:
        return date(reference.year + 1, 1, 1)
    year = reference.year if reference.month <= 3 * quarter else reference.year + 1
    return max(reference, date(year, 3 * quarter - 2, 1))


def _next_week(reference: date, day: str | None) -> date:
    monday = reference + timedelta(days=7 - reference.weekday())
    if not day:
        return monday
    offset = _CJK_WEEKDAYS.get(day)
    if offset is None:
        offset = _WEEKDAYS[day[:3].lower()]
    return monday + timedelta(days=offset)


def _names_a_month(text: str) -> bool:
    words = re.findall(r"[A-Za-z]{3,9}", text)
    return bool(re.search(r"\d\s*月", text)) or any(w.lower() in _MONTHS for w in words)


_PART_OF_MONTH = {
    "early": 1,
    "beginning": 1,
    "mid": 15,
    "middle": 15,
    "late": 21,
    "end": _LAST_DAY,
}


# An English date, month first ("May 18th, 2026", "Jun") or day first ("18 May", "the 18th of May").
_MONTH_FIRST = re.compile(
    r"\b([A-Za-z]{3,9})\.?(?:\s+(\d{1,2}(?!\d))(?:st|nd|rd|th)?)?(?:,?\s*(20\d{2}))?\b"
)
_DAY_FIRST = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\b\.?(?:,?\s*(20\d{2}))?"
)


def _first_with_month(pattern: re.Pattern[str], value: str, month_group: int) -> re.Match | None:
    """The first match of `pattern` whose `month_group` names a month (not any word)."""
    return next(
        (m for m in pattern.finditer(value) if m.group(month_group).lower() in _MONTHS), None
    )


def _english(value: str, reference: date) -> date | None:
    part = re.search(
        r"\b(early|beginning|mid|middle|late|end)[- ](?:of\s+)?([A-Za-z]{3,9})\b", value, re.I
    )
    if part and part.group(2).lower() in _MONTHS:
        return _upcoming(
            _MONTHS[part.group(2).lower()], _PART_OF_MONTH[part.group(1).lower()], reference
        )
    week = re.search(
        r"\b(1st|first|2nd|second|3rd|third|4th|fourth|last)\s+week\s+of\s+([A-Za-z]{3,9})",
        value,
        re.I,
    )
    if week and week.group(2).lower() in _MONTHS:
        day = {"1": 1, "f": 1, "2": 8, "s": 8, "3": 15, "t": 15, "4": 22, "l": 22}[
            week.group(1)[0].lower()
        ]
        return _upcoming(_MONTHS[week.group(2).lower()], day, reference)
    month_first = _first_with_month(_MONTH_FIRST, value, month_group=1)
    day_first = _first_with_month(_DAY_FIRST, value, month_group=2)
    if day_first and (month_first is None or not month_first.group(2)):
        # "the 18th of May", "24 October 2026": the day is written before the month.
        month, day = _MONTHS[day_first.group(2).lower()], int(day_first.group(1))
        if day_first.group(3):
            return _safe_date(int(day_first.group(3)), month, day)
        return _upcoming(month, day, reference)
    if month_first:
        month = _MONTHS[month_first.group(1).lower()]
        day = int(month_first.group(2) or 1)
        if month_first.group(3):
            return _safe_date(int(month_first.group(3)), month, day)
        return _upcoming(month, day, reference)
    return None


def _upcoming(month: int, day: int, reference: date) -> date | None:
    # A month without a year is the next one of that name (mail talks about the near future).
    year = reference.year if month >= reference.month else reference.year + 1
    return _in_month(year, month, day) if day == _LAST_DAY else _safe_date(year, month, day)


def _in_month(year: int, month: int, day: int) -> date:
    """`day` of that month, or its last day when the month is shorter (末 is 30 June)."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _months_after(reference: date, count: int) -> date:
    month = reference.month - 1 + count
    year, month = reference.year + month // 12, month % 12 + 1
    return date(year, month, min(reference.day, calendar.monthrange(year, month)[1]))


def _first_of_next_month(reference: date) -> date:
    return date(reference.year + reference.month // 12, reference.month % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
