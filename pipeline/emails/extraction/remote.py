"""Remote and onsite: how a candidate wants to work and what a project allows, in ja / zh / en."""

from __future__ import annotations

import re

from pipeline.emails.extraction.text import (
    Prepared,
    labelled,
    prepare,
)

_REMOTE_FULL = re.compile(
    r"フルリモート|完全リモート|フル在宅|完全在宅|リモート\s*(?:100%|のみ|勤務のみ)|在宅のみ|"
    r"(?:100%|fully|full|completely)[\s-]*remote|remote[\s-]*only|all\s*remote|remote[- ]first|"
    r"work from anywhere|home[- ]based|\bworks remotely\b|自宅から(?:の)?リモート|"
    r"\bremotely from [A-Z]|"
    r"work(?:ing)?\s*from\s*home|\bWFH\b|telecommut|完全テレワーク|フルテレワーク|"
    r"居家办公|在家(?:办公|工作)|线上办公|全[职職][远遠][程端]|"
    r"全[远遠][程端]|完全[远遠][程端]|[远遠][程端](?:办公|辦公|工作)|纯[远遠]程|仅[远遠]程|100%[远遠][程端]|全程[远遠]程",
    re.I,
)
# An English weekday, whole: "Mondays", "Thurs" (not "month")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri)(?:day)?s?\b"
_FEW_DAYS = r"(?:one|two|three|four|[1-4](?:\s*[-–~]\s*[1-4])?|a couple of|a few)"
_REMOTE_PARTIAL = re.compile(
    r"リモート併用|一部リモート|リモート可|"
    # "週3日出社", "週2リモ可"
    r"週\s*\d(?:\s*[~-]\s*\d)?\s*日?\s*(?:程度)?\s*(?:の|は)?\s*(?:リモート|リモ|出社|在宅)|"
    r"ハイブリッド|在宅併用|出社併用|hybrid|remote\s*\d\s*days|"
    r"\d\s*days?\s*(?:a |per )?(?:week\s*)?(?:onsite|on-site|remote|in(?: the)? office)|"
    # "2 days office / 3 days WFH", "出社週2・在宅週3", "office 3 days + home 2 days"
    r"\b(?:office|on-?site)\s*[1-4]\s*days?\s*(?:\+|and|/|,)\s*(?:home|remote|WFH)\b|"
    r"\b[1-4]\s*days?\s*(?:a |per )?(?:week\s*)?(?:office|WFH)\b|"
    r"(?:出社|在宅|リモート)\s*週\s*[1-4](?!\d)|"
    r"(?:onsite|on-site|in[- ]office)\s*[1-4]\s*days?\s*(?:/|a|per)\s*(?:week|wk)|"
    r"(?:mostly|partially|partly)\s*remote|remote\s*(?:with|\+)\s*(?:occasional|some)|"
    # "出社は火・水・木、月・金は在宅", "月水金はオフィス、火木は自宅で作業", "出社は毎週金曜のみ"
    r"出社は\s*(?:毎週)?\s*(?:[月火水木金](?:曜日?)?\s*[・、/]?\s*){1,4}(?:のみ|だけ|[、,])|"
    r"(?<![\d年今来先毎翌])(?:[月火水木金](?:曜日?)?\s*[・、/]?\s*){1,4}は\s*(?:自宅|在宅|リモート)|"
    # "出社は週1〜2日、その他は自宅から", "Two days on site each week, the remainder from home"
    r"出社は?\s*週\s*\d(?:\s*[~〜-]\s*\d)?\s*(?:日|回)|(?:その他|残り|ほか|他)(?:の)?\s*(?:\d\s*日)?(?:の日)?は\s*"
    r"(?:自宅|在宅|リモート)|"
    # "週3日はお客様先", "週は2日まで在宅OK": a number of days at the client's, or at home
    r"週\s*[1-4]\s*日\s*(?:は|が)?\s*(?:お客様先|客先|現地|現場|オフィス|事務所|常駐)|"
    r"[1-4]\s*日\s*(?:まで|程度|ほど)?\s*(?:は)?\s*(?:在宅|リモート|テレワーク)\s*(?:OK|可|でも可|も可)|"
    # "Three office days per week", "一周五天里三天在家做", "两天居家"
    r"\b(?:one|two|three|four|[1-4])\s+(?:office|on-?site|in-office)\s+days?\b|"
    r"[一两二三四1-4]\s*天\s*(?:在家|居家|[远遠][程端])|"
    r"(?:the )?(?:remainder|rest)(?: of the week)?\s+(?:from|at)\s+home|home the rest\b|"
    r"half (?:of )?the week (?:at the desk|in the office|on-?site)|"
    # "mostly at their Umeda office, with two remote days each week"
    r"\b(?:one|two|three|four|[1-4]) remote days?\b|"
    # "月に数回出社（基本は在宅）"
    r"基本(?:は|的に)?(?:リモート|在宅)|月に?\s*(?:数|\d|一|二|三)\s*回(?:程度)?(?:の)?\s*出社|"
    r"テレワーク(?:可|併用)|在宅(?:勤務)?可|"
    r"弹性办公|远程为主|混合辦公|每[周週]\s*[一两二三四五1-5]\s*天\s*(?:到岗|到公司|进公司|進公司|办公室)|"
    r"部分(?:时间|時間|天数)?\s*(?:可)?\s*[远遠][程端]|半[远遠][程端]|"
    # "每周至少三天在公司办公，其余时间可在家"
    r"每[周週]\s*(?:至少|最少|最多)?\s*[一两二三四五1-5](?:\s*[、~-]\s*[一两二三四五1-5])?\s*天\s*"
    r"(?:去|到|进|進|在)?\s*"
    r"(?:客户|客戶)?(?:公司|办公室|辦公室|现场|現場)|"
    # "每周来两三天即可"
    r"每[周週]\s*(?:来|到|去)\s*[一两二三四1-4]{1,2}\s*天|"
    # "每周可以有一天在家", "一周在公司三天，两天居家"
    r"每[周週]\s*(?:可以|可)?\s*(?:有)?\s*[一两二三四1-4]\s*天\s*(?:居家|在家)|"
    r"(?:每|一)[周週]\s*(?:在|去|到)(?:公司|现场|現場|办公室|辦公室)\s*[一两二三四1-4]\s*天|"
    r"(?:[远遠][程端]|居家|在家)(?:办公|辦公|工作)?\s*(?:和|或|与|/|、|及)\s*(?:现场|現場|驻场|駐場|到岗|到公司|坐班|到场|到場)"
    r"(?:办公|辦公|工作)?\s*(?:均可|都可|皆可|都行|结合|結合)|"
    r"(?:现场|現場|驻场|駐場|[进進]?(?:办公室|辦公室|公司))(?:办公|辦公|工作)?\s*(?:和|或|与|/|、|及)\s*"
    r"[远遠][程端](?:办公|辦公|工作)?\s*"
    r"(?:均可|都可|皆可|都行|结合|結合)|"
    r"(?:office|on-?site)[^.\n]{0,20}?\b(?:one|two|three|four|[1-4])\s*days?\s*(?:a|per|/)\s*week|"
    # "two fixed weekdays; the remaining three are worked remotely"
    r"(?:the )?(?:remaining|other)\s+(?:(?:one|two|three|four|[1-4])\s+)?(?:days?\s+)?"
    r"(?:are|is|can be|may be)\s+"
    r"(?:worked\s+)?(?:remotely|from home|remote)|"
    # "一周出勤两到三天", "一周去两次现场，其余时间居家", "其余时间可在家"
    r"(?:每|一)[周週]\s*(?:出勤|到岗|到崗|去公司|到公司|进公司|去现场|到现场)\s*"
    r"[一两二三四1-4](?:\s*(?:到|至|~|-)\s*[一两二三四1-4])?\s*天|"
    r"(?:每|一)[周週]\s*(?:去|到|进|回)\s*[一两二三四五1-5]\s*次\s*(?:公司|现场|現場|办公室|辦公室)|"
    r"其[余餘](?:时间|時間|的?天数|几天|日子)?\s*(?:可以?|都)?\s*(?:在家|居家|[远遠]程)|"
    # "品川DCへの出勤、…在宅、どちらも対応可"; "at the Tenjin office every Wednesday; home on
    # other days"
    r"(?:出社|出勤|常駐|オンサイト)[^\n。]{0,16}?(?:在宅|リモート)[^\n。]{0,8}?"
    r"(?:いずれも|どちらも|両方|どちらでも)|\bhome on (?:the )?other days\b|"
    rf"\boffice every {_WEEKDAY}|"
    # "每星期返品川寫字樓兩日": back at the office two days a week (Hong Kong)
    r"(?:返|回)[^\n，,。]{0,8}?(?:寫字樓|写字楼|写字樓|公司|辦公室|办公室|office)\s*[一两兩二三四1-4]\s*[日天]|"
    # "three days a week at the desk, two at home", "Two days a week from home are allowed"
    r"\b(?:one|two|three|four)\s*days?\s*(?:a |per |/)?week[^.\n]{0,20}?"
    r"(?:office|on-?site|remote|at the desk|(?:at|from) home)|"
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
    r"(?:出社|常駐|オンサイト)\s*[・/、,]\s*(?:在宅|リモート)\s*(?:の)?\s*"
    r"(?:いずれも|どちらも|両方|どちらでも|いずれでも)|"
    r"(?:在宅|リモート)\s*[・/、,]\s*(?:出社|常駐)\s*(?:の)?\s*"
    r"(?:いずれも|どちらも|両方|どちらでも|いずれでも)|"
    # "每周出勤3天、其余远程": some office days, the rest remote
    r"每[周週]\s*出勤\s*[一两二三四1-4]\s*天|其余(?:时间|時間|天数|几天|日子)?\s*(?:为|為|则|可)?\s*[远遠][程端]|"
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
    r"(?:in[- ]office|on[- ]?site)\s+(?:Mon|Tue|Wed|Thu)[a-z]*\s*[-–~/&]\s*"
    r"(?:Tue|Wed|Thu|Fri)[a-z]*|"
    # "remote on Fridays", "Shibuya office on Wednesdays only - everything else WFH"
    rf"\bremote on {_WEEKDAY}|\boffice\s*(?:on\s+|[:：]\s*)?{_WEEKDAY}|"
    r"\beverything else (?:is )?(?:WFH|remote|from home)\b|"
    # "在宅は週1で問題なし", "可以每周去豊洲2天", "水曜日の渋谷出社も問題ございません",
    # "周一到周四驻场OK"
    r"(?:在宅|リモート)は\s*週\s*[1-4]\s*(?:日)?\s*(?:で|程度|なら)|"
    r"每[周週]\s*(?:去|到)[^\n，。,]{1,6}?[一两兩二三四1-4]\s*天|"
    r"[月火水木金]曜(?:日)?の[^\n、。]{0,6}?出社(?:も|は)?\s*(?:問題|可|OK|大丈夫)|"
    r"周[一二三]\s*(?:到|至|~|-)\s*周[二三四]\s*(?:驻场|到岗|到公司|现场|出社|进场|去公司)|"
    # "Tuesdays and Thursdays in the office, the rest from home";
    # "每周可以居家办公一天，其余时间在现场"
    r"\b(?:Mon|Tue|Wed|Thu|Fri)[a-z]*s?\s+(?:and|&|/)\s+(?:Mon|Tue|Wed|Thu|Fri)[a-z]*s?\s+"
    r"(?:in the office|on-?site|at the office)|the rest (?:from home|remote(?:ly)?)|"
    r"每[周週][^\n，。,]{0,6}?(?:居家|在家|[远遠][程端])(?:办公|辦公|工作)?\s*[一两二三四1-4]\s*天|"
    # "出社は火・木の週2日、他は在宅", "每周出社2天左右", "Office in Tenjin 2 days/week, remote
    # otherwise"
    r"(?:出社|オフィス|客先)(?:は|が)?[^\n。]{0,12}?週\s*[1-4]\s*日|"
    r"(?:他|残り|それ以外)(?:の日)?は\s*(?:在宅|リモート|テレワーク|自宅)|"
    # "3 days a week in the NOC, 2 days telework"
    r"\b[1-4]\s*days?\s*(?:of\s+)?(?:telework|teleworking|remote work|working from home)\b|"
    r"每[周週]\s*(?:出社|到岗|到公司|进公司|去公司|到现场|进办公室)\s*[一两二三四1-4]\s*天|"
    r"\b[1-4]\s*days?\s*/\s*(?:week|wk)\b|remote (?:otherwise|the rest(?: of the week)?)|"
    # "office twice a week, remote on other days", "Three office days a week, two remote"
    r"office (?:once|twice|three times) a week|\b(?:one|two|three|four) office days? a week|"
    # "one week a month in the office, the other weeks from home", "Fridays at home"
    r"one week a month in the office|the other (?:days|weeks) from home|"
    # "on Mondays and Thursdays and works from home", "the team comes in on Tuesdays",
    # "每周至少来现场三天"
    r"(?:Mon|Tues|Wednes|Thurs|Fri)days? and (?:Mon|Tues|Wednes|Thurs|Fri)days?|"
    r"comes? in (?:on|every) (?:Mon|Tues|Wednes|Thurs|Fri)days?|"
    # "週の半分程度の出社は問題ございません"
    r"週の半分(?:程度|くらい|ぐらい|ほど)?(?:の)?(?:出社|出勤|常駐)|"
    r"每[周週]\s*(?:至少)?\s*(?:来|去|到)(?:现场|公司|办公室)\s*[一两二三四1-4]\s*天|"
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri)days? (?:at|from) home|"
    r"其余(?:[一两二三四五1-5]\s*天|时间|時間|天数|几天|日子)?\s*(?:在|到|去)?\s*(?:客户)?"
    r"(?:现场|現場|公司|办公室|辦公室)|其他时间\s*(?:到|在|去)\s*(?:公司|现场|办公室)|"
    r"[周週][一二三四五](?:\s*[、,和及与]\s*[周週]?[一二三四五])*\s*(?:可以|可)?\s*(?:居家|在家|远程)|"
    # "月〜水は出社、木金は在宅", "一周三天在我们办公室，另外两天可以远程", "每周到办公室两次",
    # "three days on site, two remote"
    r"[月火水木金]\s*[〜~・]\s*[月火水木金]?\s*(?:曜日?)?\s*(?:は|の)?\s*出社|"
    r"另外(?:[一两二三四1-4]\s*天)?\s*(?:可以)?\s*(?:远程|居家|在家)|"
    r"每[周週]\s*(?:到|去|进)\s*(?:办公室|公司|现场)\s*[一两二三四1-4]\s*次|"
    r"\b(?:one|two|three|four|[1-4])\s+days?\s+on[- ]?site,?\s+(?:one|two|three|four|[1-4])\s+"
    r"(?:remote|from home)|"
    # Some office days a week, accepted by a candidate: "three days a week in Otemachi is fine",
    # "Office days: two a week is fine", "on site four days a week", "a couple of days a week
    # in the office", "a weekly office day", "two studio days a week", "a mixed office/home week"
    rf"\b{_FEW_DAYS}\s+(?:(?:office|studio|site|on[- ]?site|in-office)\s+)?days?\s+"
    r"(?:(?:on[- ]?site|in the office|at the office)\s+)?(?:(?:a|per|each|every)\s+week|weekly)\b"
    r"(?=[^.\n]{0,40}?\b(?:office|on[- ]?site|site|studio|client|fine|ok|okay|no problem|works|"
    r"happy|suits|in [A-Z]))|"
    rf"\b(?:happy|fine|ok|willing|able) to be (?:in|at) [^.\n]{{0,30}}?{_FEW_DAYS}\s+days?\s+"
    r"(?:a|per)\s+week|"
    rf"\b(?:office|on[- ]?site|studio) days?\s*(?:[:：.]+|are|is)?\s*{_FEW_DAYS}\b|"
    rf"\b(?:on[- ]?site|in the office|at the client)\s+{_FEW_DAYS}\s+days?\b|"
    r"\ba weekly (?:office|on-?site|studio) day\b|\bmixed office/home\b|"
    r"\boffice/home split\b|\bsite and home\b|\ba mix of office and home\b|"
    rf"\b{_WEEKDAY}/{_WEEKDAY}\s+(?:in the office|on-?site)|"
    # "一週三天進場沒有問題", "每週三天進駐", "按每周3天出勤", "每周两天到 NOC", "週3日の現場勤務可"
    r"[周週]\s*[一两兩二三四1-4]\s*天\s*(?:[进進]场|[进進]場|[进進]駐|进驻|驻场|駐場|出勤|出社|[进進]\s*(?:办公室|辦公室)|"
    r"到\s*\S)|"
    r"每[周週][^\n，。,]{0,6}?(?:现场|現場)\s*[一两兩二三四1-4]\s*天|"
    # "一周三天去大手町没问题"
    r"一[周週]\s*[一两兩二三四1-4]\s*天\s*(?:去|到|进|進)[^\n，。,]{0,8}?(?:没问题|沒問題|可以|OK)|"
    r"週\s*(?:[1-4]|何|数)\s*(?:日|回)(?:以上|程度|ほど|か)?\s*(?:の)?\s*(?:出社|現場勤務|常駐)"
    r"[^\n。]{0,8}?(?:可|問題|対応|OK|大丈夫)|"
    r"(?:[月火水木金](?:曜日?)?\s*[・、/]\s*)+[月火水木金](?:曜日?)?\s*の\s*出社|"
    # "在宅は週1日まで、残り4日は出社", "出社・在宅の組み合わせ", "…出社、その他在宅",
    # "Mon-Thu in the office; Fridays remote"
    r"(?:在宅|リモート)は\s*週\s*[1-4]\s*日\s*まで|(?:出社|在宅|リモート)\s*[・と/、]\s*(?:在宅|出社|リモート)"
    r"\s*の\s*組み合わせ|出社[、,]\s*(?:その他|残り)(?:の日)?\s*(?:は)?\s*(?:在宅|リモート)|"
    rf"\b{_WEEKDAY}\s+(?:remote|from home|at home)\b|"
    # "in the office Mon/Wed/Fri", "the 2-days-onsite pattern", "work from home otherwise",
    # "水曜出社・他日在宅"
    rf"\bin the office {_WEEKDAY}(?:\s*[/,&]\s*{_WEEKDAY})+|"
    r"\b[1-4]-days?-on-?site\b|"
    r"\b(?:work(?:ing)? from )?home otherwise\b|"
    r"(?:他日|他の日|その他の日)\s*(?:は)?\s*(?:在宅|リモート)|"
    # "月〜木の出社、金曜在宅", "月水金の工場出社、火木の在宅"
    r"[月火水木金]\s*[〜~・]?\s*[月火水木金]{0,4}\s*(?:曜日?)?\s*の[^、。\n]{0,4}出社[、,]\s*"
    r"[月火水木金]{1,4}\s*(?:曜日?)?\s*の?\s*(?:在宅|リモート)",
    re.I,
)
_REMOTE_NONE = re.compile(
    r"リモート\s*(?:不可|なし|無し|NG|×)|フル出社|完全出社|常駐|出社のみ|基本出社|在宅不可|"
    # "在宅勤務はありません（フル出社）", "※客先常駐、在宅勤務はありません"
    r"(?:在宅|リモート|テレワーク)(?:勤務|作業|ワーク)?(?:は|の予定は)?\s*(?:ありません|ございません|なし|無し)|"
    r"on-?site(?:\s*only)?|in[- ]office|work\s*from\s*office|\bWFO\b|no\s*remote|not\s*remote|"
    r"[驻駐][场場]|常驻|坐班|[现現][场場](?:办公|辦公)|"
    r"[:：]\s*现场|不可远程|不支持远程|"
    r"现场工作|到现场|客户现场|驻点|駐點|到公司上班|進公司|客先常駐|オンサイト|出社必須|"
    r"in[- ]person|must be local|local (?:candidates|consultants) only|"
    r"(?:不可|不能|无法|不支持|不接受|不考虑|不做)\s*[远遠][程端]|"
    r"(?:不接受|不允许|不允許|不提供)任何(?:形式|方式)?的?\s*[远遠][程端]|"  # 不接受任何形式的远程
    # "全部现场", "现场作业", "需到公司办公", "在大连公司内办公": the work is at the office
    r"(?:全部|全程|全天)\s*[现現][场場]|[现現][场場](?:作业|作業|上班)|全程(?:驻场|駐場)|"
    r"不能(?:在家|居家|远程)(?:办公|辦公|工作)?|"
    r"(?<![不无無])(?:需|需要|必须|必須)\s*(?:到|去|在)?\s*(?:公司|[现現][场場]|客户|客戶)(?:办公|辦公|上班|工作|作业|作業)|"
    r"在[^\n，。,]{0,8}?公司内(?:办公|辦公|上班)|"
    r"report(?:ing)? to (?:the )?office|office[- ]based|"
    # "at the customer's office", "daily commute", "出社前提", "毎日出社", "需每天到公司", "無遠端"
    r"(?:client|customer)(?:'s)? (?:site|office|premises)|daily commute|"
    r"基本的に出社|出社前提|常駐前提|毎日出社|出社(?:が)?(?:必要|必須)|(?:在宅|テレワーク)(?:勤務)?\s*(?:なし|無し)|"
    r"每天\s*(?:到|去|进|進)\s*(?:公司|办公室|辦公室|现场|現場)|(?<![需必])[无無]\s*[远遠][程端]|"
    r"不提供\s*[远遠][程端]|[进進][驻駐](?:客户|客戶)|(?:去|到)(?:日本|客户|客戶)(?:公司|[现現][场場])|"
    r"全日出社|フル常駐|出社(?:メイン|中心)|原則(?:出社|常駐)|"
    r"no\s*(?:WFH|work(?:ing)? from home|remote work|tele-?work(?:ing)?)|"
    # "基本的に客先での作業", "当面は出社", "原則として出社", "現地作業", "現場での作業がメイン"
    r"客先(?:で|での|にて)\s*(?:の)?(?:作業|勤務|就業)|(?:当面|原則として|原則|基本的に|基本)\s*(?:は)?\s*出社|"
    r"現地(?:での)?作業|現場(?:で|での|にて)(?:の)?(?:作業|勤務)|"
    # "remote is not possible", "remote work is not allowed", "not remote-friendly"
    r"remote(?: work(?:ing)?)?\s+(?:is\s+)?(?:not|never)\s+"
    r"(?:possible|allowed|permitted|available|offered|an option|supported)|not remote[- ]friendly|"
    # "must work from the Osaka office", "in the office every day", "office attendance required"
    r"must (?:work|be) (?:from|at|in) (?:the |our )?(?:[A-Z][a-z]+ )?office|"
    r"(?:in the office|on[- ]?site) (?:every ?day|daily)|"
    r"office attendance (?:is )?(?:required|mandatory)|"
    # "每天到岗", "必须到岗办公", "需到岗上班": at the desk, not the start date
    r"每[天日]\s*(?:到[岗崗]|坐班)|(?:必须|必須|需要?|須|须)\s*到[岗崗场場]\s*(?:办公|辦公|上班|工作)|"
    # "attendance at the Tokyo office is required", "requires being in the office"
    r"attendance (?:at|in) (?:the |our |an? )?(?:[A-Z][a-z]+ )?office "
    r"(?:is )?(?:required|mandatory)|"
    r"requires? (?:being|working|you to be|to be|to work) (?:in|at|from) (?:the|our|an?) "
    r"(?:[A-Z][a-z]+ )?office|"
    # "作業場所：客先（新宿）", "出社率：100%"
    r"(?:作業|勤務|就業)?場所\s*[:：]\s*客先|勤務地\s*[:：]\s*客先|出社率\s*[:：]?\s*100\s*[%％]|"
    r"work (?:from|at|in) the (?:client'?s? |customer'?s? )?(?:office|site)",
    re.I,
)
_REMOTE_ONLY = re.compile(
    r"フルリモートのみ|フルリモート限定|リモートのみ|在宅のみ|出社不可|常駐不可|"
    # "リモートの案件に限らせていただいております"
    r"(?:フル)?(?:リモート|在宅)(?:勤務)?(?:の|で(?:の)?)?(?:案件|お仕事|仕事|業務|稼働|作業|対応)?"
    r"に限(?:らせ|り|定|ら|る|っ)|"
    r"remote[\s-]*only|only\s*(?:fully\s*)?remote|fully\s*remote\s*only|no\s*onsite|"
    r"only\s+(?:work(?:s|ing)?\s+)?remotely|remotely only|remote work only|"
    # "he can only take fully remote work"
    r"can only (?:take|accept|do)\s+(?:fully\s+|100\s*%\s*)?remote|"
    r"(?:only|exclusively)\s*(?:open to|interested in|available for)\s*(?:fully\s*)?remote|"
    r"在宅勤務のみ|リモート案件のみ|完全リモートのみ|只(?:做|找|考虑)[远遠][程端]|"
    # "フルリモートの案件のみお受けしております", "only takes fully remote engagements"
    # "出社のない完全リモートのお仕事だけ", "月1回の出社でも難しい"
    r"(?:フル|完全)?(?:リモート|在宅)(?:勤務)?の(?:案件|お仕事|仕事|業務)(?:のみ|だけ)|"
    r"月\s*(?:\d|一)\s*回の出社でも\s*(?:難しい|不可|NG|お受けできません)|"
    # "在宅勤務100%が条件", "通勤や出張はお受けできません", "只考虑百分之百居家的项目",
    # "去横浜现场这一点做不到"
    r"(?:在宅|リモート)(?:勤務)?\s*100\s*%\s*(?:が)?\s*(?:条件|必須|のみ)|"
    # "品川への出社や東京への出張はお受けできません"
    r"(?:出社|通勤)(?:[^\n。]{0,16}?出張)?(?:は|も)?\s*(?:お受けできません|お受けできかねます|"
    r"いたしかねます|できません|不可)|"
    # "週に何日かの現場出社が含まれる場合はお受けできかねます", "オフィスへ出向く日が月に1日でも
    # 発生する案件はお断り", "在宅案件限定"
    r"(?:出社|出勤|出向く|現場|オフィス)[^\n。]{0,20}?(?:含まれる|伴う|発生する|ある)(?:場合|案件)"
    r"[^\n。]{0,6}?(?:お受けできかねます|お受けできません|お断り|辞退)|"
    r"(?:リモート|在宅)(?:勤務)?(?:の)?(?:案件|お仕事)限定|"
    r"只考虑(?:百分之百|100%|完全|全程?)?(?:的)?(?:居家|远程|在家)|"
    r"(?:去|到)[^\n，。]{0,8}?现场[^\n，。]{0,8}?做不到|"
    # "只能做100%居家的项目", "只能接从头到尾都在家做的项目", "不考虑任何需要出勤的项目",
    # "出社なしの案件に限ります", "すべて在宅で完結する形であれば", "home-based only",
    # "will only accept engagements that are 100% remote", "anything that isn't 100% from home"
    # "只接受百分之百线上的合作方式"
    r"(?:只能|只|仅)(?:做|接|考虑|接受)?[^，,。.、\n]{0,10}?(?:居家|在家|远程|家里|线上|線上)(?!面试)|"
    r"(?:去|到)[^\n，,。]{0,8}?(?:上班|出社|办公室)[^\n，,。]{0,8}?做不到|"
    # "完全在宅の案件に絞って", "出社の必要がない案件のみ", "will not accept a role with any
    # office days", "works entirely from home", "does no on-site work of any kind"
    r"(?:完全在宅|フルリモート|在宅|リモート)の案件に絞|出社の必要(?:が|の)?ない案件のみ|"
    r"(?:will not|won't) accept (?:a|any) role with (?:any )?office days|"
    r"works? entirely from home|(?:does|do) no on-?site work|home office only|"
    r"works? from home only|home working only|"
    # "she works on fully remote contracts only"
    r"works? on (?:fully |100\s*% )?remote (?:contracts|engagements|roles|projects|jobs) only|"
    # "Fully remote engagements are the only ones she will accept", "only accepts work that is
    # done entirely from her home office", "自宅での作業が前提です", "在家办公" in a subject
    r"fully remote (?:engagements|roles|jobs|work) (?:are|is) the only|"
    r"only accepts? work that is done entirely from|自宅での作業が前提|"
    # "出社を伴う案件は、週1日であっても辞退", "全日在宅", "在宅だけで完結", "出社が発生する案件は
    # お受けしておりません", "work-from-home engagements only", "commuting ... is not something
    # she will consider"
    r"出社を伴う案件[^\n。]{0,20}?(?:辞退|お受けしておりません|お受けできません)|全日在宅|"
    r"(?:在宅|(?:ご)?自宅)(?:だけ|のみ)?で(?:作業|業務|仕事)?(?:が)?完結|在宅完結|出社が発生する案件[^\n。]{0,6}?お受けしておりません|"
    r"work-from-home (?:engagements|roles|jobs|projects) only|"
    r"not open to (?:roles|jobs|engagements|positions) with (?:any )?office days|"
    r"commuting [^.\n]{0,40}?is not something (?:she|he|they) (?:will|would) consider|"
    r"turns? down anything that (?:needs|requires) (?:him|her|them) (?:in|at) (?:an|the|a) "
    r"(?:office|desk)|"
    # "works from home exclusively", "is done 100% from her home office", "does not commute"
    r"works? from home exclusively|exclusively from home|\bworks only from home\b|"
    r"\baccepts? 100\s*% remote work\b|works exclusively from (?:his|her|their|my) home\b|"
    # "does not take roles that involve going into a client site", "assignments delivered from
    # Bangalore only", "no travel to Japan and no office days"
    r"(?:does not|doesn't|won't|will not) take (?:roles|jobs|assignments|projects|work) that "
    r"(?:involve|require)s? (?:going|coming|travel)|"
    r"(?:assignments|work|roles|projects) delivered from [A-Z][a-z]+ only|\bno office days\b|"
    # "只在福冈家中办公", "哪怕每周一天都无法接受", "自宅で作業することが条件",
    # "通勤や出張を伴う案件は…辞退", "ご自宅からの作業で完結する案件に限って"
    r"只在[^\n，。,]{0,6}?家(?:中|里|裡)?(?:办公|辦公|工作)|哪怕每[周週]一天[^\n。]{0,6}?(?:都|也)?"
    r"(?:无法|無法|不能|不)接受|自宅で(?:の)?作業(?:すること)?が条件|"
    r"(?:通勤|出社)[^\n。]{0,8}?(?:伴う|必要な)(?:案件|お仕事)[^\n。]{0,12}?辞退|"
    r"(?:ご)?自宅(?:から|で)の?(?:作業|勤務)で\s*完結する(?:案件|お仕事)に限|"
    # no office day at all: "オンサイトの日が1日でも入る案件は辞退", "出社は週1日でも難しい",
    # "週に何日かでも…出向く形ですと、お引き受けが難しい", "出社は月1回であっても難しい"
    r"(?:出社|オンサイト|出向く|通勤|現地)[^。\n]{0,15}?(?:1日|一日|週\s*1\s*日|月\s*1\s*回|何日か)"
    r"(?:でも|であっても)[^。\n]{0,12}?(?:難し|辞退|できません|できかね|お受けでき|お引き受け)|"
    r"(?:1日|一日|週\s*1\s*日|月\s*1\s*回|週に何日か)(?:でも|であっても)[^。\n]{0,16}?"
    r"(?:出社|オンサイト|出向く|通勤)[^。\n]{0,16}?(?:難し|辞退|できません|できかね|お受けでき|お引き受け)|"
    # "全日リモートでの参画を前提", "すべて自宅での作業…が参画の前提", "リモート作業となる案件に
    # 絞って", "自宅を離れずに作業できる案件に限らせて"
    r"(?:全日|すべて|全て|完全に)\s*(?:自宅|リモート|在宅)[^。\n]{0,24}?前提|"
    r"(?:リモート|在宅)(?:作業|勤務)となる案件に(?:絞|限)|自宅を離れずに[^。\n]{0,12}?(?:案件|お仕事)に限|"
    # "所有工作都必须在大连远程完成", "不能赴日"
    r"所有(?:的)?工作都(?:必须|必須|要)[^。\n]{0,8}?[远遠][程端]|(?:不能|无法|無法|不可以)赴日|"
    r"100\s*%\s*from (?:home|(?:his|her|their) home)|"
    # "will deliver only from her home in Bangalore", "works from his home in Chengdu and nowhere
    # else", "takes on remote engagements exclusively", "a 100% offshore arrangement", "only if
    # the client lets him do the whole engagement remotely"
    r"(?:deliver|work)s?\s+only\s+from\s+(?:his|her|their|my)\s+home|"
    r"from (?:his|her|their|my) home\b[^.\n]{0,30}?\band nowhere else|"
    r"remote (?:engagements|roles|contracts|work|jobs|projects) exclusively|"
    r"100\s*%\s*offshore|only if the client (?:lets|allows|can)[^.\n]{0,40}?\bremote(?:ly)?\b|"
    # "札幌の自宅からの作業に限ります", "名古屋へ通う形…はお受けできかねます"
    r"自宅(?:から|で)の?(?:作業|勤務|稼働|業務)(?:に限|のみ|だけ)|出社が必要な(?:案件|お仕事)[^\n。]{0,10}?お断り|"
    r"(?:通う|通勤する|出社する)(?:形|案件|お仕事|働き方)[^\n。]{0,12}?"
    r"(?:お受けできかね|お受けでき(?:ません|ない)|お断り|対応できかね|対応でき(?:ません|ない))|"
    r"(?:does not|doesn't|do not|don't|will not|won't) (?:relocate or )?commute|"
    # "every engagement I take is done entirely from my home office", "only signs on to
    # engagements that are remote from the first day to the last", "I only accept roles that
    # are fully remote"
    r"(?:done|worked|carried out) (?:entirely|fully|completely) from (?:my|his|her|their) home|"
    # "only takes contracts he can do start to finish from his home in Austin"
    r"only (?:takes?|accepts?) (?:contracts|engagements|roles|work|jobs|projects) "
    r"(?:he|she|they|I) can do [^.\n]{0,30}?from (?:his|her|their|my) home|"
    r"only (?:signs? on to|accepts?|takes?|considers?) (?:engagements|roles|jobs|work|projects|"
    r"positions) (?:that are|which are) (?:fully |100\s*% |completely )?remote|"
    r"不考虑(?:任何)?需要(?:出勤|到岗|到公司|驻场)|出社なし(?:の案件)?に限|"
    r"(?:すべて|全て|完全に)在宅で完結|"
    r"通勤(?:[・や]出張)?(?:は|に|には)?\s*(?:は)?\s*対応(?:でき(?:ません|かねます|ない)|いたしかねます)|"
    r"home[- ]based only|\bonly\b[^.\n]{0,40}?\b(?:100%\s*remote|(?:entirely|100%|only) from home)|"
    r"(?:isn't|is not|aren't) 100%\s*(?:remote|from home)|no commuting\b|"
    r"only (?:takes|accepts?|considers?|wants|does|looks? for) (?:fully |100% )?remote|"
    r"(?:will not|won't|cannot|can't) (?:relocate or )?commute\b|"
    r"remote (?:roles|positions|projects|work|opportunities|jobs) only|"
    r"not open to (?:onsite|hybrid)|"
    r"(?:will not|won't|cannot|can't|unable to) (?:go|work|come|be) on-?site|"
    r"(?:无法|不能|不可)(?:驻场|到现场|去现场)|"
    # "出社はできかねます", "出社には対応できません", "常駐は不可", "通勤は困難"; not the full week
    # ("毎日の出社は難しい", "フル出社は難しい" leave part-time open)
    r"(?<!毎日)(?<!毎日の)(?<!フル)(?<![5５]日)(?<![5５]日の)(?:出社|常駐|通勤)\s*(?:は|が|には|も)?\s*"
    r"(?:一切|全く|まったく)?\s*(?:対応|参画)?\s*(?:でき(?:ません|かねます|ない|ず)|致しかねます|いたしかねます|不可能?|困難|難しい|NG)|"
    # "only accepts remote work", "requires a fully remote arrangement", "Remote (mandatory)"
    r"only accepts? (?:fully |100% )?remote|requires? (?:a )?(?:fully|full|100%)[\s-]*remote|"
    r"remote\s*[(（]\s*(?:mandatory|required|must)|"
    r"(?:will not|won't|cannot|can't|unable to|not able to) (?:come|go|commute|travel|report) "
    r"(?:in)?to (?:the |an |any )?(?:office|client)(?! (?:every ?day|daily|full[- ]time|five|5))|"
    r"(?:unable|not able) to (?:attend|work (?:in|at)) (?:the |an )?office|"
    r"not available for (?:onsite|on-site|office)|no on-?site (?:work )?(?:is )?possible|"
    r"(?<!fully )(?<!full )(?<!100% )(?:on-?site(?: work)?|office(?: work)?|commuting) "
    r"is not an option|"
    # "onsite work is not possible", "no office work", "doesn't do onsite"
    r"(?:on-?site|office)(?: work)?\s+(?:is\s+)?(?:not|never)\s+(?:possible|feasible)|"
    r"\bno (?:office|on-?site) work\b|(?:does not|doesn't|won't|will not|cannot|can't) do on-?site|"
    # "不方便到现场", "不便驻场", "僅限遠端", "無法進駐"
    r"不(?:方便|便)\s*(?:去|到|进|進)?\s*(?:驻场|駐場|现场|現場|公司|办公室|辦公室|客户现场|客戶現場)|"
    r"(?:仅|僅)限\s*[远遠][程端]|(?:无法|無法|不能|不可)\s*(?:进驻|進駐)|"
    # offshore as the only way: "offshore only", "オフショアのみ", "只做离岸项目"
    r"\boffshore only|(?:only|exclusively) offshore|オフショア(?:のみ|限定)|"
    r"(?<![每周週天日])不(?:进|進|去)(?:办公室|辦公室)|"  # "不進辦公室": never in the office
    r"(?:只|仅|僅)(?:能|可)?(?:做|接|接受|考虑|考慮)?\s*[离離]岸|"
    r"[(（]\s*no (?:office|on-?site)\b[^)）\n]{0,16}[)）]|"
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
    # "只接受完全远程", "只接受全程远程", "僅接受遠端": only, then any word for remote
    r"(?:只|仅|僅)(?:能|可)?(?:接受|考虑|考慮|做|找|接)?\s*(?:完全|全程|全|纯|純|100%)?\s*[远遠](?:程|端|距)|"
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
    # not 到岗: "到岗：不能马上" is about when
    r"驻场|駐場|现场(?:办公)?|現場(?:辦公)?|(?:到|去)(?:现场|現場))(?:可否|の可否|可能|頻度|有無)?"
)
_REFUSED_VALUE = re.compile(
    r"(?:不可|NG|×|不行|不能|不接受|否|できません|難しい|not (?:possible|available|ok)|no\b|"
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
    r"(?:remote|virtual|video|zoom|teams|online)\s*interviews?|interviews?[^\n]{0,12}?(?:remote|virtual|video)|"
    # where an interview is held is not where the work is: "无法到现场面试", "no onsite interview",
    # "cannot come to the office for the interview"
    r"(?:on-?site|in-person|face-to-face|现场|現場|客户现场|対面|来社|出社での)\s*(?:interviews?|面试|面試|面談|面接)|"
    r"(?:to|at|in) the (?:client'?s? |customer'?s? )?office for (?:the |an |a )?interviews?",
    re.I,
)
_ONSITE_OK = re.compile(
    r"出社可|常駐可|出社\s*OK|出社も可|(?<!no )onsite\s*(?:ok|fine|possible)|"
    r"出社(?:は|も)?\s*(?:対応|相談)?\s*(?:可能|OK|問題ありません|大丈夫)|"
    r"(?<!not )open to (?:onsite|relocat)|"
    r"(?<!不)可驻场|(?<!不)接受驻场|(?<!not )(?<!un)willing to relocate|relocation\s*(?:ok|yes)",
    re.I,
)


_REMOTE_LABELS = (
    r"(?:remote(?:\s*work)?|wfh|リモート(?:ワーク)?|在宅(?:勤務)?|テレワーク|远程(?:办公)?|遠端|远端|"
    r"居家(?:办公|辦公)?|在家(?:办公|辦公))(?:可否|の可否|有無|の有無)?"
)
_REMOTE_STATED = {
    **dict.fromkeys(
        [
            "no",
            "none",
            "不可",
            "なし",
            "無し",
            "無",
            "无",
            "ng",
            "×",
            "不支持",
            "不可以",
            "not",
            "n/a",
            "不行",
        ],
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
    r"(?:週|月|每[周週月]|一[周週])\s*(?:[1-4一二两三四]|数)|[1-4]\s*(?:days?|日|回)|"
    rf"\b{_WEEKDAY}(?:\s*[/,&]\s*{_WEEKDAY})+",  # "Mon/Wed/Fri"
    re.I,
)
_ALL_DAYS = re.compile(r"(?:週|每[周週])\s*[5五]|毎日|每天|常駐|full[- ]?time|5\s*days", re.I)
_NO_DAYS = re.compile(r"(?:なし|無し|不要|无|無|none|no\b|0\s*(?:日|回|days?))", re.I)
_ONSITE_FREQUENCY_LABELS = (
    r"(?<![^\s■◆◇●・【】\[\]])(?:出社|出勤|到岗|到崗|驻场|駐場|现场|現場|on-?site|office)"
    r"(?:頻度|日数|回数|频率|頻率|频次|days)?"
)


# "远程：必须", "出社：必須": remote or the office under its own label as a condition.
_REQUIRED_VALUE = re.compile(r"(?:必须|必須|必要|マスト|must|mandatory|required)", re.I)


def _stated_remote(fields: str) -> str | None:
    """The remote label's value when it is one word of refusal, of part-time or of full remote,
    or a number of days; an onsite label's number of days ("出社：週2回", "出社：なし")."""
    # (at a line's or an item's start: not "only takes fully remote work: no office days")
    value = labelled(
        fields, rf"(?:^|(?<=[、,，/／|｜]))[ \t・\-*•■◆●◎【\[]*(?:是否|可否)?(?:{_REMOTE_LABELS})"
    )
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
    if _REQUIRED_VALUE.match(onsite):  # "出社：必須" is every day unless it counts days
        return "partial" if _SOME_DAYS.search(onsite) else "none"
    if _NO_DAYS.match(onsite):
        return "full"
    return "partial" if _SOME_DAYS.match(onsite) else None


_NO_ONSITE = re.compile(
    r"(?:无需|不需要|不用|无须|無需|不必)(?:驻场|駐場|到场|到现场|到公司|坐班|去现场|去公司|到現場)|出社(?:不要|なし|無し)|"
    r"(?:不用|无需|不需要)(?:去|到)(?:客户|客戶|我们的|我們的)?[^\n，。,]{0,4}?(?:那里|那裡|办公室|辦公室|公司|现场)|"
    r"(?:出社|常駐)(?:は|の必要は)\s*(?:不要|ありません|ございません|なし)|"
    # "出社していただく日はありません", "出社する日はございません"
    r"出社(?:していただく|いただく|する|の)?日は\s*(?:ありません|ございません|なし)|"
    r"no (?:need to be|need to go) on-?site|no on-?site (?:required|needed)|on-?site not required",
    re.I,
)


# Phrases that name remote work or office days only to say the work is all onsite: read as
# "onsite only" so that "5 days" is not taken for part-time and "work from home" not for remote.
_ONSITE_ALL_WEEK = re.compile(
    r"\b(?:five|5|full)\s*days?\s*(?:a|per|/)\s*week\s*(?:in the office|at the office|on-?site|"
    r"at the client(?:'s)?(?: site| office)?)|(?:in the office|on-?site)\s*(?:five|5)\s*days?\s*"
    r"(?:a|per|/)\s*week|(?:on-?site|in the office)\s*(?:five|5)\s*days\b|"
    # "no remote or hybrid option": hybrid named to be refused
    r"\bno\s+(?:remote|WFH)\s*(?:or|/|,|and)\s*hybrid(?:\s+options?)?|\bno\s+hybrid\b|"
    r"(?:does not|doesn't|do not|don't|won't|will not|cannot|can't)\s+"
    r"(?:want|wish|like|intend)?\s*(?:to\s+)?(?:work\s+(?:from\s+home|remotely)|WFH)|"
    r"每[周週]\s*(?:五|5)\s*天\s*(?:到岗|到崗|到公司|进公司|進公司|到办公室|到辦公室|到现场|到現場|驻场|駐場|"
    r"(?:在|去|到|进|進)?\s*(?:客户|客戶)?(?:现场|現場|公司|办公室|辦公室))|"
    r"週\s*5\s*日?\s*(?:出社|常駐)|"
    # remote named to be refused: "在宅NG", "在宅での作業を希望しておりません", "リモートの案件は
    # 希望されていません", "不接受居家办公", "will not take remote work", "not looking for remote"
    r"(?:在宅|リモート|テレワーク)(?:(?!出社|常駐|オンサイト|通勤|国籍|以外|でなければ|でないと|のみ|だけ|限定)"
    r"[^\n。、・/／|｜【】\s]){0,12}?"
    r"(?:NG|不可|希望(?:されて|して|され)?(?:おりません|いません|ない)|希望(?:致し|いたし|し)ません|"
    r"希望せず|しない|できない|できません|不要)|"
    # "在宅はできません", "在宅日はありません": no remote day at all
    r"(?:在宅|リモート|テレワーク)(?:日|作業|勤務)?\s*(?:は|の日は)\s*(?:ありません|ございません)|"
    r"(?:不|无法|無法|不能)(?:接受|考虑|考慮|想|希望|要|做|提供|支持|允许|允許)\s*(?:居家|在家|[远遠][程端])"
    r"(?:办公|辦公|工作)?|"
    r"(?:居家|在家)(?:办公|辦公|工作)?\s*(?:不可|不行|NG)|"
    # "在宅勤務の制度はございません", "没有远程", "does not ask for any remote days"
    r"(?:在宅|リモート|テレワーク)(?:勤務)?の制度は\s*(?:ございません|ありません)|没有[远遠][程端]|"
    r"(?:does not|doesn't) ask for any remote days?|"
    # "在宅希望なし", "在宅勤務の希望はございません", "在宅はなくても構いません"
    r"在宅(?:勤務)?(?:の)?希望(?:は)?\s*(?:なし|ございません|ありません)|在宅は\s*なくても(?:構いません|大丈夫)|"
    r"在宅(?:で|での)?(?:の)?(?:作業|勤務)は\s*(?:ございません|ありません)|"
    r"(?:will not|won't|wouldn't|does not want to|doesn't want to|not looking for|"
    r"not interested in|not open to|no interest in)\s+(?:take\s+|do\s+|work\s+|any\s+|a\s+)*"
    r"(?:fully\s+)?remote(?:ly)?"
    r"(?:\s+(?:work|roles?|jobs?|positions?|projects?|options?))?|"
    r"(?:a\s+)?fully\s+on-?site\s+(?:role|position|project|work)|"
    # "fully on site (the bank does not allow remote access)"
    r"\bfully on[- ]site\b|(?:does not|doesn't|do not|don't|will not|won't)\s+(?:allow|permit)\s+"
    r"(?:any\s+)?remote(?:\s+(?:work|access|days?))?",
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
    r"现场|現場|驻场|駐場|坐班|到[岗崗](?:办公|辦公|上班))"
    # (not "onsite 4 days a week is OK": some days, not all)
    r"(?![^\n]*(?:リモート|在宅|自宅|テレワーク|remote|hybrid|[远遠][程端距]|居家|混合|可|併用|"
    r"\b[1-4]\s*days?\b))",
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
    if _REMOTE_PARTIAL.search(_NO_ONSITE.sub(" ", body)):  # (not the office it waives)
        return "partial"
    if _NO_ONSITE.search(body):  # "无需驻场", "no onsite required": it names onsite to waive it
        return "full"
    onsite = _REMOTE_NONE.search(body)
    rest = _REMOTE_NONE.sub(" ", body)  # "リモート不可" names remote only to refuse it
    if _REMOTE_FULL.search(rest):  # "フルリモート希望ですが、必要時は出社も可能です" is partial
        return "partial" if onsite or _ONSITE_OK.search(body) else "full"
    if re.search(r"\bremote\b|[远遠][程端]|リモート|在宅", rest, re.I):
        return "partial" if onsite or "リモート" in rest else "full"
    return "none" if onsite else None


def _remote_required(fields: str) -> bool:
    value = labelled(_REMOTE_SYNONYM.sub("远程", fields), _REMOTE_LABELS)
    return bool(value and _REQUIRED_VALUE.match(value))


def remote_only(text: str | Prepared) -> bool | None:
    """True when the person only works fully remote (フルリモートのみ, 出社不可, 仅远程), else
    None: accepting onsite is the usual case and is not stated as a constraint."""
    prepared = prepare(text)
    if _onsite_refused(prepared.prose_fields) or _remote_required(prepared.prose_fields):
        return True
    body = _REMOTE_INTERVIEW.sub(" ", _REMOTE_SYNONYM.sub("远程", prepared.prose))
    return True if _REMOTE_ONLY.search(body) and not _ONSITE_OK.search(body) else None
