"""The commercial chain (商流): a candidate's depth from the sender and a project's limit on it."""

from __future__ import annotations

import re

from pipeline.emails.extraction.text import (
    FORWARD_MARKER,
    Prepared,
    labelled,
    prepare,
)

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
    # "一社を挟んだ先の方まで": the company in between named
    r"(?:社(?:を?挟んだ)?[先下目]|次請け?|次受け|次请け?|次請負|次(?=まで|迄)|[层層](?!楼)|[级級](?=合作|外包|供应|供應|协力|協力|BP)|"
    # "one tier below you at most", "one hop from you is fine"
    r"(?:vendor|supplier|subcontract(?:ing|or)?|sub-?vendor)?\s*(?:layers?|tiers?|levels?|hops?)"
    r"(?:\s+(?:below|beneath|under|away from|from)\s+(?:you|your (?:company|firm)))?|"
    r"(?:compan(?:y|ies)|firms?|vendors?|partners?)\s+(?:beyond|away|below|from|in between|between|"
    r"removed|ahead))"
)
_HOP_ALLOWED = re.compile(
    r"下請け?\s*(?:は)?\s*([一二三123])\s*社\s*(?:まで|迄)|"  # "下請けは1社まで"
    r"(?:貴社|御社)\s*[+＋]\s*([一二三123])\s*(?:社|階層|層)|"  # "貴社＋1社まで", "貴社＋1階層まで"
    # "one subcontracting layer under you"
    r"\b(one|1|a single)\s+(?:subcontracting|vendor|supplier)\s+(?:layer|tier|level)\s+"
    r"(?:under|below|beneath)\s+you|"
    # "可接受到贵司下面两层的人员", "最远到贵司下游的第一家公司为止", "最多到贵司的下一家",
    # "貴司員工，或貴司下面再一家公司的人員為止"
    r"(?:贵司|贵公司)(?:的)?(?:下面|以下|之下|下游|下)(?:的)?\s*(?:再)?\s*(?:第)?\s*"
    r"(?<![\d十])([一二两兩三123])\s*(?:[层層]|家)|"
    # "限贵司员工或贵司一社先人员": the Japanese 社先 counted from the reader
    r"(?:贵司|贵公司)(?:的)?\s*([一二两兩三123])\s*社[先下]|"
    r"\b(one|1|single|a single)\s*(?:level|layer|tier)\s*of\s*(?:subcontract|sub-?vendor|vendor)|"
    rf"{_HOP_COUNT}\s*{_HOP_UNIT}[^\n、。,，;；不\d一二三]{{0,10}}?"
    r"(?:まで|迄|为止|為止|以内|以下|OK|(?<!不)可(?!能)|可能|max(?:imum)?\b|at most|allowed|"
    r"no (?:deeper|further)\b|"  # "one company beyond you - no deeper than that"
    r"permitted|ok\b|(?<!not )(?:fine|acceptable)\b)|"  # "one hop from you is fine"
    r"(?:最多|最大|至多|最高|仅限|只限|只接受|(?<![不無无])可接受|(?<![不無无可])接受|(?<![不無无])限|"
    r"up to|max(?:imum)?\.?|"
    r"at most|不超过|不得超过|不能超过|不可超过|"
    r"no more than|not more than|nothing beyond|no further than|not beyond|within|only)\s*[:：]?\s*"
    r"(?:接受|到|至)?\s*"
    rf"{_HOP_COUNT}\s*{_HOP_UNIT}|"
    # "商流最多到二级", "最多二级": a tier under a limit word needs no partner word after it
    rf"(?:最多|至多|不超过|不得超过)\s*(?:到|至)?\s*{_HOP_COUNT}\s*[级級]|"
    rf"{_HOP_COUNT}\s*[层層级級]\s*(?:合作|协力|協力|外包|供应|供應|BP)|"
    rf"(?:或|及|和|与|與|/)\s*{_HOP_COUNT}\s*[层層](?=\s*(?:$|[。，,、;；)）\n]))|"  # "直签或一层"
    rf"\b{_HOP_COUNT}\s+(?:compan(?:y|ies)|firms?|layers?)\s+(?:away|removed)",
    re.I | re.M,
)
_HOP_REFUSED = re.compile(
    rf"{_HOP_COUNT}\s*(?:{_HOP_UNIT}|次)\s*(?:以降|以上|から先|先)?\s*(?:的)?\s*(?:外包|合作|转包)?\s*"
    r"(?:の方)?\s*(?:は|も)?\s*"
    # "two hops is not", "two layers are not acceptable"
    r"(?:不可|NG|禁止|不接受|不行|×|お断り|ご遠慮|"
    r"(?:(?:is|are)\s+)?not\s+(?:allowed|accepted|permitted|acceptable|fine|ok(?:ay)?)|"
    r"(?:is|are)\s+not(?=\s*(?:$|[.;,)|\n])))|"
    # "不接受二层及以上外包", "禁止两层外包": the refusal before the count
    rf"(?:不接受|不可接受|不允许|禁止|不能接受)\s*{_HOP_COUNT}\s*[层層级級]",
    re.I,
)
# "商流：1", "Layers: max 2", "外包层级：最多1层": a count under a label of the chain.
_HOP_LABELS = (
    r"商流(?:制限|限制)?|外包[层層]级|外包層級|外包限制|[层層]级|層級|"
    r"(?:vendor |subcontract(?:ing)? )?(?:layers?|tiers?)(?: limit)?|"
    r"subcontract(?:ing)? (?:depth|limit)|layer (?:limit|restrictions?)"
)
_RE_RESUBCONTRACT = re.compile(r"再[々再]委託\s*(?:は|が)?\s*(?:不可|NG|禁止)|再再委託不可")
_NO_LIMIT = re.compile(r"商流\s*[:：]?\s*(?:制限)?\s*(?:なし|無し|不問|問わず|制限なし)|商流不問")
_OWN_ONLY = re.compile(
    # "再委託不可", "個人の再委託はお受けできません", "再委託は受け付けておりません"
    r"再委託\s*(?:は|が)?\s*"
    r"(?:不可|NG|禁止|できません|(?:お)?受け(?:付け)?[^\n、。]{0,6}?ません)|"
    # "ご提案元の企業に雇用されている社員の方のみ", "提案元会社に所属の正社員に限ります"
    r"(?:ご)?提案元(?:の)?(?:企業|会社)?(?:に|で)?\s*(?:直接)?(?:雇用|所属|在籍)"
    r"(?:されている|している|の)?(?:正社員|社員|方)(?:の方)?\s*(?:のみ|限定|に限)|"
    r"(?:贵司|贵公司)(?:的)?(?:正式|自有|直属)?(?:员工|員工)\s*(?:为限|為限|限定|即可|优先)?\s*(?=$|[。，,\n])|"
    r"(?:貴社|御社|贵司|贵公司)\s*(?:社員|所属|プロパー|正社員|直接雇用|员工|正式员工|直下)?\s*"
    r"(?:の方|の社員|様)?\s*(?:まで|迄|のみ|限定)(?!公開|の?ご案内|で(?:の)?ご案内)|自社社員のみ|再委託不可|BP(?:様)?不可|"
    # "弊社の次は御社で止まる形で", "商流は貴社止まりでお願いします"
    r"(?:貴社|御社)(?:様)?\s*(?:で|にて)\s*止ま(?:る|り|ります)|(?:貴社|御社)(?:様)?止まり|"
    r"個人事業主(?:様)?不可|(?:仅)?限(?:于)?(?:贵司|贵公司)|no\s*(?:sub-?vendors?|layers?)|"
    r"direct\s*(?:w-?2\s*)?only|no\s*(?:third|3rd)[- ]part(?:y|ies)|"
    # "只接受贵司自己的社员", "推荐的人必须是贵司本身的员工", "请勿转包", "不接受第三方转介",
    # "必须是贵司自己雇用的工程师", "只接受贵公司直接聘用的员工"
    # "人员必须是贵司自己发工资的员工", "须为贵司直接雇佣、签有劳动合同的员工"
    r"(?:贵司|贵公司)(?:(?:自己|本身|自有)(?:直接)?(?:雇用|雇佣|聘用|聘请|发工资|发薪|支付工资)?|"
    r"直接(?:雇用|雇佣|聘用|聘请))(?:[、,，和并且]\s*[^。;；,，\n]{1,10}?)?(?:的)?"
    r"(?:在职|正式|正职)?(?:员工|員工|社员|工程师|人员)|"  # "只接受贵司自己的在职员工"
    r"请勿(?:再)?(?:转包|外包|委托)|不接受第三方|"
    # "we sign only with the company that directly employs the engineer", "the client signs only
    # with the company that actually employs the engineer", "do not propose people employed by
    # your partners"
    r"(?:sign|contract)s? only with the (?:company|firm|employer) that (?:directly |actually )?"
    r"employs|"
    # "we sign only with the company that is the tester's own employer"
    r"(?:sign|contract)s? only with the (?:company|firm) that is the (?:[\w-]+'s )?"
    r"(?:own |direct )?employer|"
    r"(?:submitted|proposed) by the (?:company|firm|employer) that (?:directly )?employs|"
    # "a W-2 / full-time employee of the firm that submits them", "we cannot accept anyone
    # subcontracted to you", "must be directly employed by the company that submits them"
    # "directly employed by the company that signs the contract with us"
    r"(?:employees? of|(?:directly )?(?:employed|hired) by) the (?:company|firm|vendor|supplier) "
    r"(?:that|which|who) "
    r"(?:submits|proposes|presents|puts forward|signs (?:the|a|its) contract with us|"
    r"contracts with us)|"
    # "we do not accept engineers that your company brings in from another firm"
    r"(?:cannot|can ?not|can't|do not|don't|will not|won't) accept (?:anyone|anybody|people|"
    r"engineers|candidates|staff) (?:that|who|whom) your (?:company|firm) (?:brings?|sources?|"
    r"borrows?|gets?) (?:in )?from (?:another|other|a different|an outside) "
    r"(?:firm|company|vendor)|"
    r"(?:cannot|can ?not|can't|do not|don't|will not|won't) accept (?:anyone|anybody|people|"
    r"engineers|candidates|staff) (?:who (?:is|are) )?subcontracted to you|"
    r"do not propose (?:people|engineers|anyone) employed by your partners|"
    # "we can only take engineers employed by your company itself", "we only accept people
    # hired directly by your firm"
    r"\b(?:only (?:take|accept|consider|engage|place|work with|submit|propose|send)|"
    r"(?:submit|propose|send|present) only) (?:engineers|people|candidates|staff|"
    r"consultants|developers|those) (?:who are )?(?:directly )?(?:employed|hired) (?:directly )?"
    r"by your (?:own )?(?:company|firm)|"
    # "贵司必须是该工程师的直接雇主", "不接受从其他公司调来的人员"
    r"(?:贵司|贵公司)(?:必须)?是(?:该)?(?:工程师|人员)?的?直接雇主|不接受从其他公司(?:调来|派来|借来)|"
    # "合同只跟人员所在公司直接签，必须是贵司在职员工"
    r"(?:必须是|只能是|须为)(?:贵司|贵公司)(?:的)?(?:在职|正式|自有)?(?:员工|員工)|"
    # "须为在贵司缴纳社保的自有正式员工": what the reader does for them between 贵司 and 的
    r"(?:必须是|只能是|须为|须是)在(?:贵司|贵公司)[^。；;，,\n]{1,10}?的(?:在职|正式|自有){0,2}(?:员工|員工)|"
    r"合同只(?:跟|和|与)人员所在(?:的)?公司直接签|"
    r"(?:禁止|不接受|不可)(?:二次|再)?(?:外包|转包|委托)|贵司直属|"
    # "人员必须和推荐公司本身签有劳动合同", "贵司从别的外包公司借来的人请不要推荐"
    r"(?:必须|须|需)(?:和|与|跟)(?:推荐|提案)(?:公司|方)(?:本身|自己)?(?:直接)?签(?:有|订|訂)?劳动合同|"
    r"从(?:别的|其他|其它|别家)(?:外包|合作)?(?:公司|厂商)(?:借来|调来|派来|找来)的(?:人|人员|工程师)"
    r"[^。\n]{0,12}?(?:不要|请勿|不接受|恕不|不可|不能)|"
    r"(?:direct|prime)\s*(?:vendors?|partners?|suppliers?)\s*only|"
    r"商流\s*[:：]\s*(?:仅限|限于?|只限)?\s*(?:贵司|贵公司|貴社)(?:的)?(?:正式)?(?:员工|員工|社員)|"
    # "Your company's direct employees ONLY"
    r"(?:employees? of your (?:own )?(?:company|firm)|your (?:own |company'?s? |firm'?s? )?"
    r"(?:direct |own |full[- ]time )?(?:employees|staff|people|engineers|consultants))\s*only|"
    r"no re-?sub-?contract|"
    r"no\s*sub-?contract|subcontract(?:ing|ors?)?\s*[:：]?\s*(?:is\s+|are\s+)?"
    r"(?:not allowed|not permitted|not accepted|prohibited|no\b)",
    re.I,
)
_PARTNER_OK = re.compile(
    r"(?:貴社|御社)\s*BP\s*(?:様)?\s*(?:の(?:社員|方|所属))?\s*(?:まで|迄|可|OK)|BP(?:様)?\s*(?:可|OK)|"
    # "協力会社様の社員までOK", "一次协力公司员工为止", "your employees, plus freelancers who
    # contract directly with you"
    r"協力会社(?:様)?(?:の)?(?:社員|所属|方)?(?:様)?\s*(?:まで|迄)|"
    # "可接受贵司协力厂商所属的人员", "an employee of a company you contract with directly",
    # "employed by you or by a partner who contracts with you directly"
    # "贵司直接合作方的人可以", "贵司直接合作伙伴派出的人员" (not "贵司协力公司的人员不接受")
    r"(?:贵司|贵公司)(?:的)?(?:直接)?(?:协力|合作)(?:厂商|公司|方|伙伴)(?:所属|派出|派来)?的"
    r"(?:人员|员工|工程师|人)(?![^。；;,，\n]{0,10}?(?:不可|不行|不接受|不考虑|NG))|"
    # "与贵司直接签约的公司的员工都可以", "与贵司直接签约的合作公司的员工",
    # "a company you have a direct contract with", "staff of a sub you hold the contract with",
    # "engineers employed by you, or by your direct subcontractor"
    # "和贵司直接签约的合作公司派来的人", "與貴司直接簽約之下包廠商的員工"
    # "与贵司签约的伙伴公司的在职员工": 直接 left out
    r"(?:与|和|跟)(?:贵司|贵公司)(?:直接)?(?:签|簽)约(?:的|之)?(?:合作|下包|协力|伙伴)?(?:公司|方|伙伴|企业|厂商)|"
    # "贵司直接签约的下游公司派来的员工也可以", "貴公司直接配合的外包團隊成員都 OK"
    r"(?:贵司|贵公司)直接(?:签约|配合|合作|往来)的(?:合作|下包|协力|下游|外包)?"
    r"(?:公司|方|伙伴|企业|厂商|团队)(?![^。；;\n]{0,10}?(?:不可|不行|不接受|不考虑|NG))|"
    r"(?:a|an|the) (?:company|firm|partner|vendor|sub(?:contractor|-?vendor)?) (?:that )?you "
    r"(?:have|hold) (?:a|the) (?:direct )?contract with|"
    # "or by a firm that holds its own direct contract with you"
    r"(?:company|firm|partner|vendor)s? (?:that|which|who) (?:holds?|has|have) (?:its|their|a) "
    r"(?:own )?direct contract with you|"
    r"employed by you,? or by your direct (?:subcontractor|partner|vendor)|"
    # "staff of a company you subcontract to directly"
    # "a company\n    that contracts with you directly": a value wrapped over lines;
    # "a company you deal with directly", "a firm that works directly with you"
    r"(?:company|partner|firm|vendor)s?\s+(?:(?:that|who|which)\s+)?(?:you\s+)?"
    r"(?:(?:sub)?contracts?|deals?|works?)\s+"
    r"(?:directly\s+(?:with|to)(?:\s+you)?|(?:with|to)(?:\s+you)?\s+directly)|"
    r"you (?:(?:sub)?contract|deal|work) (?:with|to) directly|"
    r"(?:一|1)\s*次\s*(?:协力|協力|合作)(?:公司)?(?:的)?(?:员工)?\s*(?:为止|為止|まで|可)|"
    # "belong to you or to your direct partner", "a contractor placed through one partner of
    # yours", "employed by your company or by one partner beneath you"
    r"belong\s+to\s+you\s+or\s+(?:to\s+)?your\s+direct\s+partner|"
    # "staff of a firm directly under you"
    # "or by a company one step below you"
    r"\b(?:one|a single|a) (?:company|firm) (?:directly |one (?:step|level|tier|layer) )?"
    r"(?:below|beneath|under) you\b|"
    # "employees of your direct partner", "staff from your direct subcontractors"
    r"(?:through|of|from)\s+your\s+direct\s+(?:partner|subcontractor|vendor|supplier)|"
    r"by a direct partner of yours|"
    # "engineers from your company, or from one partner of yours, are fine"
    r"(?:(?:placed|supplied|provided|sourced) )?(?:through|via|from) (?:one|a) partner of yours|"
    r"(?:one|a) partner (?:beneath|below|under) you|"
    r"your (?:own )?employees,? (?:plus|and|or) (?:freelancers?|contractors?|individuals?) "
    r"(?:who )?(?:contract(?:ed)?|work(?:ing)?) directly (?:with|for) you|"
    r"(?:one|1|single)\s*layer|"
    # "控制在贵公司,或贵公司直接往来的合作厂商为止"
    r"(?:贵司|贵公司)(?:的)?(?:直接)?(?:往来|签约|交易)?(?:的)?(?:合作|协力)(?:公司|伙伴|方|厂商)"
    r"(?:的)?(?:员工)?(?:为限|为止|まで|可|$|[。，,\n])|"
    # "限贵司及直接合作伙伴", "贵司员工或其直接合作方员工": the reader and its partners
    # "贵司的员工，或者贵司直接合作伙伴公司的员工"
    r"(?:贵司|贵公司)(?:的)?(?:正式)?(?:员工)?\s*[，,]?\s*(?:及|和|与|或|或者|以及|、|/)\s*"
    # "贵司员工，或贵司下游协力公司的正职员工"
    r"(?:其|贵司|贵公司)?(?:的)?(?:直接|一级|直属|下游)?(?:的)?(?:合作|协力)(?:公司|伙伴|方|厂商|企业)|"
    r"直签或(?:一|1)\s*[层層]|(?:一|1)\s*[级級](?:合作|协力|協力|外包|供应|供應)|"
    r"(?:accept|allow|welcome|ok with)\s+your\s+(?:direct\s+)?"
    r"(?:subcontractors?|partners?|sub-?vendors?)|"
    r"(?:one|1|single)\s*(?:partner|vendor)\s*layer|"
    r"beyond your (?:direct )?(?:partners?|subcontractors?|vendors?)|"
    r"your partner(?:'s|s')? (?:own )?(?:staff|employees?)|"
    r"accept (?:our |your )?partner(?:'s)? (?:employees|staff|consultants)|"
    r"your (?:direct )?(?:subcontractors?|sub-?vendors?|partners?)(?:'s? employees?)?"
    r"\s*(?:only|ok|are fine|allowed)|"
    # "candidates from your direct partners are acceptable"
    r"(?:candidates|engineers|consultants|people|staff|resources)\s+(?:from|of)\s+your\s+"
    r"(?:direct\s+)?(?:partners?|subcontractors?|sub-?vendors?|vendors?)\s+(?:are\s+)?"
    r"(?:acceptable|accepted|ok|okay|fine|welcome|allowed|permitted)",
    re.I | re.M,
)


# (under the chain's label a 级 is a tier: "商流：二级以内", "商流：限一级")
_LABELLED_COUNT = re.compile(
    rf"\s*(?:max(?:imum)?\.?|up to|最多|最大|至多|限|仅限|只限)?\s*(?:到|至)?\s*{_HOP_COUNT}"
    r"\s*(?:[层層级級]|layers?|tiers?|社先)?\s*(?:以内|以下|为止|為止|まで)?\s*$",
    re.I,
)


def _hops(fields: str) -> tuple[int | None, int | None]:
    """(the most hops a limit allows, "貴社社員または1社先まで" is 1; the cap a refused hop
    sets, "2社先不可" is 1, "一社先不可" 0), each None when not stated."""
    # "二层外包不可": an allowance's words ("二层外包") inside a refusal are the refusal's
    refusals = list(_HOP_REFUSED.finditer(fields))
    matches = list(_HOP_ALLOWED.finditer(fields))
    within = [m for m in matches if any(r.start() <= m.start() < r.end() for r in refusals)]
    allowed = [_hop_value(m) for m in matches if m not in within]
    labelled_count = labelled(fields, _HOP_LABELS)
    count = _LABELLED_COUNT.match(labelled_count or "")
    if count:
        allowed.append(_KANJI_COUNT[count.group(1).lower()])
    refused = [_hop_value(m) - 1 for m in _HOP_REFUSED.finditer(_HOP_ALLOWED.sub(" ", fields))]
    refused += [
        _hop_value(r) - 1 for r in refusals if any(r.start() <= m.start() < r.end() for m in within)
    ]
    if _RE_RESUBCONTRACT.search(fields):  # 再々委託不可: the reader's partner, no further
        refused.append(1)
    return (max(allowed) if allowed else None), (max(min(refused), 0) if refused else None)


def _hop_value(match: re.Match[str]) -> int:
    return _KANJI_COUNT[next(g for g in match.groups() if g).lower()]


# "貴社所属（個人事業主含む）まで", "貴社の協力会社まで", "貴社社員もしくは貴社BP様所属まで": what
# comes between 貴社 and まで says whether the reader's partners are let in.
# Not "貴社にのみご案内" / "貴社へ限定公開": an offer made to the reader alone.
_READER_LIMIT = re.compile(
    # "御社と直接ご契約されているパートナー様に\n所属されている方まで": a value broken over lines
    # "御社の先にもう一社までの会社": the に of a place further on
    r"(?:貴社|御社)((?:[^\n、。にへ]|(?<=先)に|に\s*(?=(?:ご)?(?:所属|在籍|籍|直接雇用|雇用)))*?)"
    r"(?:まで|迄|のみ|限定|に限(?:ら|り|る))"
    r"(?!公開|の?ご案内|で(?:の)?ご案内)"
)
# A freelancer under contract to the reader is a company of their own: 貴社直の個人事業主まで is 1.
_PARTNER_WORD = re.compile(
    r"BP|協力|パートナー|partner|[一1]\s*社|個人|フリーランス|freelanc|の先|一つ先|ひとつ先|[一1]\s*段[先下]|"
    # "貴社が直接お取引されている会社にご所属の方まで", "貴社お取引先まで",
    # "御社と直接ご契約の会社に所属の方まで"
    r"(?:取引|契約)(?:先|[^\n、。]{0,10}?(?:会社|企業))",
    re.I,
)


_PARTNERS_PARTNER = re.compile(
    # "貴社お取引先の協力会社まで", "貴社のパートナーのそのまたパートナーまで"
    r"(?:BP|協力会社|パートナー|(?:お)?取引先)(?:様|企業|会社)?\s*の\s*(?:その)?(?:また|さらに|更に)?\s*"
    r"(?:BP|協力会社|パートナー|(?:お)?取引先|先)",
    re.I,
)


def _reader_limit(fields: str) -> int | None:
    """0 for the reader's own people, 1 with a partner word, 2 for a partner's partner
    ("貴社の協力会社の協力会社まで")."""
    limits = [
        2 if _PARTNERS_PARTNER.search(m.group(1)) else 1 if _PARTNER_WORD.search(m.group(1)) else 0
        for m in _READER_LIMIT.finditer(fields)
    ]
    return max(limits) if limits else None


# "| Supply chain | Your own staff, or staff of a company you subcontract to |
#  |              | directly. |": a row with an empty first cell goes on with the row above.
_TABLE_CONTINUATION = re.compile(r"[ \t]*\|[ \t]*\n[ \t]*\|[ \t]*\|[ \t]*")


# "敝司承接日本车厂一级供应商的仪表板项目": a car maker's tier-1 supplier is the client, no limit.
_CLIENT_TIER = re.compile(
    r"(?:车厂|车企|整车厂|主机厂|汽车厂商?|车商|OEM)(?:的)?\s*(?:一|二|1|2)\s*[级級]\s*(?:供应|供應)商"
)


def max_commercial_depth(text: str | Prepared) -> int | None:
    """商流制限: companies allowed between the reader and the engineer (貴社社員まで = 0)."""
    fields = _TABLE_CONTINUATION.sub(" ", prepare(text).prose_fields)
    fields = _CLIENT_TIER.sub(" ", fields)
    allowed, cap = _hops(fields)
    if allowed is None:
        allowed = _chain_limit(fields)
    if allowed is None and not _NO_LIMIT.search(fields):
        allowed = _reader_or_partner_limit(fields)
    if allowed is None:  # "一社先不可" alone: the refusal is the limit
        return cap
    # "エンド直→弊社（1社先まで）": the limit, not the chain above the sender;
    # "貴社BPまで（3次請け不可）": the allowance, within the refusal
    return allowed if cap is None else min(allowed, cap)


# "贵司的合作伙伴的合作伙伴": the reader's partner's partner (prepare() has simplified the
# traditional forms, 貴司的合作夥伴).
_ZH_PARTNERS_PARTNER = re.compile(
    r"(?:贵司|贵公司)(?:的)?(?:合作|协力)(?:伙伴|公司|方|厂商)的(?:合作|协力|下游)(?:伙伴|公司|方|厂商)|"
    # "your partners' partners are fine", "staff of a company under your partner are fine",
    # "engineers employed by your partner's subcontractor are welcome"
    r"(?:your partner(?:s'|'s)? partners?(?:'s? (?:staff|employees))?|"
    r"(?:staff|employees|engineers|people) (?:of|at|from|employed by) (?:a |the )?"
    r"(?:company|companies|firms?|vendors?|subcontractors?) (?:under|below|beneath) your partners?|"
    r"(?:staff|employees|engineers|people) (?:of|at|from|employed by) your partner(?:s'|'s) "
    r"(?:subcontractors?|vendors?|partners?)) (?:are|is) "
    r"(?:fine|ok|okay|acceptable|allowed|welcome)",
    re.I,
)


def _reader_or_partner_limit(fields: str) -> int | None:
    reader = _reader_limit(fields)
    if reader == 2 or _ZH_PARTNERS_PARTNER.search(fields):
        return 2
    if _PARTNER_OK.search(fields) or reader == 1:  # "贵司员工或贵司合作公司员工": the wider
        return 1
    if _OWN_ONLY.search(fields) or reader == 0:
        return 0
    return None


_DEPTH_ZERO = re.compile(
    # (not "弊社所属のフリーランスエンジニア": a freelancer is a company of their own)
    r"弊社\s*(?:W-?2\s*)?(?:社員|正社員|プロパー|契約社員|所属(?!の?\s*(?:フリーランス|個人事業主))|直接雇用|個人事業主|専属|"
    r"エンジニア|技術者|駐在員)|自社社員|"
    # "うちの社員の宮内", "うちのプロパー": the casual うち is the sender
    r"うちの\s*(?:正社員|社員|プロパー)|"
    # "当社所属のアーティスト" (not "当社エンジニアをご紹介": an introduction, no chain stated)
    r"当社\s*(?:社員|正社員|プロパー|契約社員|所属|直接雇用|専属)|"
    # "弊社と有期雇用契約を結んでいる社員", "自社エンジニア",
    # "弊社大連開発センターに正社員として勤務"
    # "弊社と契約社員として雇用契約を結んでいる"
    r"(?:弊社|当社)と(?:の)?\s*(?:(?:正社員|契約社員|社員)として)?\s*(?:有期|無期)?雇用契約|"
    r"自社(?:の)?(?:エンジニア|技術者|要員)|"
    # "弊社の正規雇用の社員", "弊社との関係：弊社の直接雇用", "弊社直雇用のエンジニア", "(自社雇用)"
    r"(?:弊社|当社|自社)\s*(?:の)?\s*(?:正規雇用|直接雇用|直雇用|雇用)(?=\s*(?:の|[)）\n]|$))|"
    # "弊社大連拠点の社員", "弊社大連オフィス所属の社員"
    r"(?:弊社|当社)(?:(?!BP|協力|パートナー|取引|協業)[^\n、。]){0,10}?"
    r"(?:拠点|オフィス|支社|支店|事業所|営業所|センター)(?:所属|在籍)?の\s*(?:正)?社員|"
    # "弊社に籍を置く社員", "当社に籍がある者"
    r"(?:弊社|当社|自社)に\s*(?:籍を置|籍があ|籍のあ)|"
    # "弊社メンバーに条件の合う者がおります" (not "弊社メンバー(BP含む)")
    r"(?:弊社|当社)(?:の)?メンバー(?!\s*[(（]?\s*(?:BP|協力|パートナー))|"
    # "(弊社の登録技術者ではなく、社員です)": not a registered freelancer but an employee
    r"ではなく[、,]\s*(?:弊社|当社)?の?(?:正)?社員(?:です|でございます|となります|になります)|"
    # "ちょうど合いそうな社員がおりました": a person of the writer's, by 社員 alone
    # (not "BP先の社員がおります")
    r"(?<!の)社員がおり(?:ます|ました)|"
    r"(?:弊社|当社)[^\n、。]{0,12}?に\s*(?:正社員|社員|契約社員)として\s*(?:在籍|勤務|所属)|"
    r"所属\s*[:：]\s*(?:弊社|自社|当社)|(?:我司|本司|我公司|本公司|敝司|弊司)(?:的)?(?:正式|正职)?员工|"
    r"自有员工|"
    r"our\s*(?:own\s*)?(?:full[- ]time\s*|contract\s*)?(?:w-?2\s*)?(?:employee|consultant|bench)|"
    # "a consultant from our Shanghai bench", "on our books, not a contractor"
    r"\bfrom our [A-Z][\w-]+ bench\b|"
    r"on\s*our\s*(?:own\s*)?(?:payroll|w-?2|books)|in-house|directly employed by us|"
    # "我司(杭州智汇通软件日本株式会社)有一位员工", "我司(上海云帆信息技术)在日员工一名"
    r"(?:我司|本司|我公司|本公司|敝司|弊司|敝公司|我们公司)(?:[(（][^)）\n]{1,30}[)）])?(?:的|有)?"
    r"(?:正式|正职|在职|在籍|签约|自有|契约|契約|合同|在日)?"
    r"(?:员|員)工|"
    r"自社(?:正)?社員|当社(?:正)?社員|w-?2 with us|employed (?:with|by) us|我方(?:的)?(?:员|員)工|"
    r"(?:贵司|我司)直属|(?:弊社|当社|自社)\s*(?:に)?在籍|"
    r"弊社(?:と)?(?:直接)?(?:の)?(?:業務委託|専属|準委任)(?:契約)?(?:の)?(?:フリーランス|個人事業主|エンジニア)|"
    # "他是我司的 W2 全职员工": a US W-2 employee said in Chinese
    r"(?:敝司|我司|本司|我们|我們)(?:的)?\s*(?:W-?2\s*(?:正式|全职)?|正式|全职|正职|签约|自有)\s*(?:员|員)工|"
    r"\bworks? (?:for|with) us\b|\b(?:is|are) (?:with|on) our (?:team|bench|payroll)|"
    # "a permanent member of our own engineering staff", "a salaried engineer on our own team"
    r"member of our (?:own )?(?:(?!partner|vendor)[\w-]+ )?(?:team|staff)\b|\bon our own team\b|"
    r"\bdirect(?:ly employed)? employee|"
    # "a full-time consultant of ours", "a direct hire of ours", "a permanent staff member of ours"
    r"(?<!partner )(?<!vendor )\b(?:employee|consultant|engineer|developer|hire|staff member|"
    r"analyst|architect|tester|designer)s? of ours\b|"
    # "who has been with us as a salaried employee", "has worked for us as a permanent employee",
    # "has been with our company as a full-time employee", "a salaried engineer with us"
    r"\b(?:been|worked|working) (?:with|for) (?:us|our (?:company|firm)) as (?:an? )?"
    r"(?:full[- ]time |salaried |permanent |regular )?(?:employee|staff|engineer|consultant|"
    r"developer|member of staff)|"
    r"\b(?:salaried|permanent|full[- ]time) "
    r"(?:engineer|employee|consultant|developer|staff member) with us\b|"
    # "a full-time employee here at Tidewater Systems"
    r"\b(?:employee|staff member|engineer|consultant|developer)s? here at\b|"
    # "one of the consultants we employ directly", "Jae-hoon P., whom we employ full-time"
    r"\b(?:who|whom|that) we (?:directly )?employ\b|\bwe employ directly\b|"
    # "Engagement: through our company directly", "directly from our company"
    r"\b(?:through|via) our (?:company|firm) directly\b|"
    r"\bdirectly (?:through|via|from) our (?:company|firm)\b|"
    r"our (?:direct |own )?(?:employee|staff|resource)s?\b|"
    r"our own (?:engineer|developer|consultant)s?\b|"  # "full-time staff of X (our own engineer)"
    # "本公司在编正式员工": two qualifiers
    # "敝公司的一位正职工程师" (not "我司一名工程师": a qualifier says the employment)
    r"(?:敝|本|我)(?:公司|司|社)(?:的)?(?:(?:一|1)\s*(?:位|名)(?=正式|正职|在职|在编|全职))?"
    r"(?:正式|正职|在职|在编|签约|自有|全职){0,2}"
    r"(?:员工|員工|工程师|工程師|技术人员|开发人员)|"
    r"\bone of our (?:own )?(?:in-house |full[- ]time |permanent )?"
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
    # "由我司直接雇佣并发薪的工程师"
    # "我们公司直接雇用的一位工程师", "本公司正式雇用的", "| 所属 | 本公司直接聘用 |"
    r"(?:由)?(?:我司|敝司|本司|本公司|我公司|敝公司|我们公司)\s*(?:直接|正式)\s*(?:雇佣|雇用|聘用)"
    r"(?:并发薪|並發薪)?(?:的|\s*(?=$|[|,，。]))|"
    # "hired by us directly"
    r"W-?2 with our (?:company|firm)|(?:employed|hired) directly by us|"
    r"(?:employed|hired) by us directly|"
    r"(?:H-?1B|W-?2|full[- ]time|employed|salaried)\s+with us\b|works? directly (?:for|with) us|"
    r"(?:we are|we're) (?:his|her|their) (?:direct )?employer|直签(?:的)?(?:员工|員工|人员|人員)|"
    r"(?:我司|敝司|本司|我公司|本公司)(?:的)?(?:正式|正职|在职)?正?社[员員]|"  # "所属：我司正社员"
    # "敝司正职", "本公司正式职员": the job title of an employee
    r"(?:我司|敝司|本司|我公司|本公司|敝公司)(?:的)?(?:正式|在编|在职)?(?:职员|職員|正职(?!工作))|"
    r"employed (?:directly )?(?:by|with|at) our (?:own )?(?:company|firm)|"
    r"(?:W-?2 )?employee of our(?:\s+(?:own\s+)?(?:company|firm))?\b"
    r"(?!\s*(?:partner|vendor|client))|employer\s*[:：]\s*(?:our (?:company|firm)|us)\b|"
    r"(?:independent contractor|freelancer)s?\s+(?:working\s+|contracted\s+|engaged\s+)?"
    r"directly with us|"
    # "弊社で直接雇用している社員", "当社で無期雇用しているエンジニア"
    r"(?:弊社|当社|自社)(?:で|にて|が)\s*(?:直接|無期|有期|正規|正社員として)?\s*雇用(?:している|しております|中)|"
    # "新卒で当社に入社した社員"
    r"(?:弊社|当社|自社)に[^\n、。]{0,6}?入社|"
    # "他是我们公司自己雇用的员工", "我们公司自己的同仁", "我司东京分公司直接雇用的正式员工"
    # "我们自己公司的一位员工", "自己公司的员工", "我们公司自己的社员", "我司自有的前端工程师",
    # "我们有一位自家员工", "一位我们自己的顾问", "本公司自己聘用的正职员工"
    r"(?:(?:我们|我們|我司|敝司|本公司|敝公司|我公司)(?:公司)?(?:自己|自家|自有)(?:公司)?|自己公司|自家)"
    r"(?:直接)?(?:雇用|雇佣|聘用|聘请)?(?:的)?(?:一位|一名)?[^,，。\n的]{0,8}?(?:正式|正职|在职|全职)?"
    r"(?:员工|員工|社员|社員|职员|同仁|同事|顾问|工程师|工程師)|"
    # "我们想推荐一位同事", "我们有一位同仁很合适", "这位在福冈的同事": a colleague of the writer's
    r"(?:我们|我們)(?:这边|公司)?[^,，。\n]{0,4}?(?:有|推荐)(?:一位|一名)同(?:事|仁)|"
    r"这位(?:(?!合作|协力|外包|伙伴)[^,，。\n]){0,8}?的同事|"
    # "我司派遣在外的一位正式员工", "敝司派驻日本的同仁"
    r"(?:我司|敝司|本公司|我公司)(?:派驻|派遣|外派)[^,，。\n]{0,8}?的(?:一位|一名)?(?:正式|正职|在职)?"
    r"(?:员工|員工|同仁|同事|职员|工程师)|"
    # "推荐我们工作室的一位同事", "是我们自己的员工", "本公司正式签约的员工"
    # (Cantonese "我哋公司嘅全职同事")
    r"(?:我们|我們|我哋)(?:公司|工作室|团队|團隊|这边)?(?:自己)?(?:的|嘅)(?:一位|一名)?(?:全职|全職|正式|在职|老)?"
    r"(?:同仁|同事|员工|員工)|(?:我司|敝司|本公司|我公司)(?:正式)?签约的(?:正式|合同制|全职|在职)?(?:员|員)工|"
    # "本公司东京分公司的正式员工", "劳动合同和社保都在我们这里", "与我司签订无固定期限劳动合同"
    # "我司大连开发中心有一位员工": a branch or centre of the sender's, not a partner's
    r"(?:我司|敝司|本公司|我公司)(?:(?!合作|协力|協力|外包|伙伴)[^，。,\n]){0,8}?"
    r"(?:分公司|子公司|办事处|分社|支社|(?:开发|研发|交付|离岸)?中心|事业部)(?:签约|直接雇用)?"
    r"(?:的|有)(?:一|1)?(?:位|名)?(?:正式|在职|在籍)?(?:员|員)工|"
    r"(?:劳动合同|社保)[^。\n]{0,8}?在(?:我们这里|我们这边|我司|敝司|本公司)(?!的?(?:合作|协力|外包))|"
    r"(?:与|和|跟)(?:我司|敝司|本公司|我公司|我们(?:公司)?)签(?:订|訂|了|有)?[^，。,\n]{0,8}?劳动合同|"
    r"(?:我司|敝司|本公司)[^，。,\n]{0,6}?直接(?:雇用|雇佣|聘用)的|"
    # "我司有一位员工", "推荐我司一名正式员工"
    r"(?:我司|敝司|本公司|我公司)(?:[(（][^)）\n]{1,30}[)）])?(?:的|有)?(?:一|1)\s*(?:位|名)"
    r"(?:正式|正职|在职|全职)?(?:(?:员|員)工|同仁|同事)|"  # "本公司有一位同仁"
    # "billed by us with no other company in between", "(no intermediary)",
    # "他社は介在しておりません"
    # "We employ him directly", "employed by our Japan entity", "an employee of X, our subsidiary",
    # "employed by Lattice Row itself", "a W-2 employee of X, the vendor submitting him"
    r"\bwe (?:directly )?employ (?:him|her|them)(?: directly)?\b|"
    # "permanent staff of our Tokyo branch", "salaried employee of X (our company)"
    r"\b(?:employed (?:directly )?by|employee of|staff of) "
    r"(?:our (?:[\w-]+ )?(?:entity|subsidiary|branch)|"
    r"[^,\n]{1,40}?,? our (?:[\w-]+ )?(?:entity|subsidiary|branch)\b)|"
    r"\bemployed by [A-Z][\w&.' -]{1,40}? itself\b|"
    r"\bemployee of [^,\n()]{1,40}? [(]our (?:own )?(?:company|firm)[)]|"
    r"\bemployee of [^,\n]{1,40}?, the (?:vendor|company|firm) (?:submitting|proposing|presenting) "
    r"(?:him|her|them)\b",
    re.I,
)
_DEPTH_ONE = re.compile(
    # a person of a partner, not the greeting "協力会社各位" / "各位合作伙伴" / "Dear partners"
    r"弊社\s*BP|協力会社(?:様)?(?:の)?(?:社員|所属|要員|エンジニア|技術者|プロパー)|"
    # "パートナー企業に正社員として在籍", "協力会社（バンガロールのVistara Data社）所属"
    # "中间只隔一家", "也就是隔一层"
    r"(?:中间)?(?:只)?隔(?:了)?(?:这)?\s*(?:一|1)\s*(?:家|[层層])|"
    # "協業会社（株式会社ホクトリンク）の社員"
    r"協業(?:会社|先)(?:「[^」\n]{1,30}」|[（(][^)）\n]{1,30}[)）])?の社員|"
    # "協業先である株式会社ナニワシステムズの社員",
    # "弊社の取引先である株式会社湘南ネットワークの正社員",
    # "弊社のパートナーである株式会社ナガレ情報に在籍", "弊社と取引のある株式会社ユウキ電算の社員",
    # "弊社が直接お取引している協力会社にご在籍の方", "弊社と長年取引のある会社の社員"
    # "弊社が日頃からお取引している(株)ホクト情報に正社員として勤務"
    r"(?:(?:協業(?:会社|先)|(?:お)?取引先(?:企業|会社)?|パートナー(?:企業|会社)?|協力会社|BP)(?:様)?"
    r"である|(?:弊社|当社)(?:と|が)[^\n、。]{0,6}?(?:お)?取引(?:のある|がある|して(?:い|おり)|させて))"
    # "当社と直接取引のある協力企業所属のエンジニア"
    r"[^\n、。]{1,30}?(?:の(?:正|契約)?社員|に(?:て)?\s*(?:(?:正社員|社員|契約社員)として)?(?:ご)?(?:在籍|所属|勤務)|"
    r"(?:会社|企業)所属の)|"
    r"\ba partner (?:company|firm) of ours\b|"
    r"(?:employee|consultant|engineer) of [A-Z][\w&. ]{1,30}, our (?:[\w-]+ ){0,2}partner|"
    r"(?:パートナー|協力会社|BP|取引先)(?:企業|会社)?(?:様)?(?:[（(「][^)）」\n]{1,30}[)）」])?(?:に|の)\s*"
    r"(?:正社員|社員|契約社員)?\s*(?:として)?"
    # "弊社の取引先に籍を置いている方", "パートナー企業（市内のシステム会社）にお勤めの方"
    r"\s*(?:在籍|所属|勤務|(?:お)?勤め|籍を置|籍があ|籍のあ)|"
    r"協力会社\s*[（(][^)）\n]{1,30}[)）]\s*(?:の)?\s*(?:所属|在籍|社員)|"
    # "パートナー企業の正社員", "パートナー企業（有限会社ツクイソフト）の正社員"
    r"パートナー(?:企業|会社)?(?:様)?(?:[（(「][^)）」\n]{1,30}[)）」])?(?:の)?(?:正|契約)?社員|"
    r"(?:一|1)\s*社[先下]|BP(?:社員|要員|様(?!各位))|"
    # "所属：BP", "所属は弊社のパートナー企業"
    # "所属は弊社と直接取引のある協力会社で、その会社の社員です"
    r"所属(?:会社|先|企業)?\s*(?:[:：]|は)\s*(?:弊社(?:の|と[^\n、。]{0,10}?ある)?\s*)?"
    r"(?:BP|協力会社|パートナー|合作)|"
    # "所属：与我司直接签约的一家软件公司的在职员工": a company under contract with the writer
    r"(?:与|和|跟)(?:我司|敝司|本公司|我们)(?:直接)?(?:签|簽)约的[^,，。\n的]{0,10}?(?:公司|企业|厂商)的"
    r"(?:在职|正式|正职)?(?:员工|員工|人员|工程师)|"
    # "Our partner asked us to share their employee", "from our partner Hoang Recruiting, who
    # employs him"
    r"\bour partner\b[^.\n]{0,40}?\btheir (?:own )?(?:employee|consultant|engineer|staff)|"
    r"\bpartner (?:[A-Z][\w&-]*\s?){1,4},? (?:who|which) employs (?:him|her|them)\b|"
    # "合作公司的员工", "和我们长期合作的一家公司的员工"
    # "我司合作伙伴“株式会社アオバ”的正式员工": the partner's name quoted
    r"合作(?:伙伴)?(?:公司|伙伴|方|企业|的(?:(?:一|某)家)?(?:公司|企业))"
    r"(?:[“「\"][^”」\"\n]{1,30}[”」\"])?(?:的)?[^，。,:：\n]{0,12}?"
    r"(?:员工|員工|社员|社員|人员|工程师|技术人员|顾问|成员|开发|正职)|"  # "合作伙伴公司的正职"
    # "我司长期协作的关西软件株式会社的在籍员工": the partner named after 协作的
    r"(?:我司|敝司|本公司|我们)[^，。,\n的]{0,4}?协作的[^，。,\n]{1,30}?的(?:在籍|在职|正式)?(?:员工|社员)|"
    r"partner'?s?\s*(?:employee|consultant|resource|staff)|"
    r"works? (?:for|with|at) (?:our|a) partner|"
    r"(?:through|via) (?:a|our) (?:vendor|supplier)|vendor'?s? (?:employee|consultant)|"
    r"through\s*(?:our\s*)?partner|sub-?vendor|employee of (?:our|a) partner|"
    r"partner(?:'s)?\s*(?:firm|company)'?s?\s*(?:employee|engineer|consultant|developer|staff)|"
    r"one layer|"
    # "a developer from one of our partners", "affiliated with our partner"
    r"(?:through|via|from) one of our (?:trusted |long-?time |direct )?"
    r"(?:partners|vendors|subcontractors|suppliers)\b|"
    r"(?:belongs to|affiliated with) (?:our|a) (?:\w+ )?partner\b|"
    r"(?:vendor|implementation|delivery)\s*partner'?s?\s*(?:employee|consultant|resource)|"
    # "一家协力公司（苏州）的正式员工"
    r"(?:协力|協力|合作|伙伴|外包)(?:公司|企业|企業)(?:[（(][^)）\n]{1,20}[)）])?(?:的)?"
    r"(?:正式|在编|全职)?(?:员|員)工|パートナー(?:企業|会社)?(?:様)?所属|"
    r"(?:供应|供應|合作|外包)商的(?:在编|正式|全职)?(?:员工|員工)|"
    r"sub-?contractor|through (?:his|her|their) employer|"
    r"(?:合作|外包|供应|供應|分包|协力)商(?:的)?(?:员工|員工|人员|人員|工程师|工程師)|"
    r"BP(?:人员|员工|工程师)|"
    r"(?:from|of|with|at) (?:our|a|one of our) partner (?:company|companies|firms?)|"
    r"employed (?:by|with) (?:our|a) partner|partner company'?s? (?:employee|engineer|consultant)|"
    r"employer\s*[:：]\s*(?:our |a )?partner|on (?:our |a )?partner'?s? payroll|"
    # "on the payroll of our Tokyo partner company", "Employer: X, our implementation partner"
    r"payroll of (?:our|a|one of our) (?:[\w-]+ ){0,2}partner|"
    # "Employer: Hakata Codeworks (our direct partner; he is their employee)"
    r"employer\s*[:：]\s*[^,(（\n]{1,40}?(?:,|\s*[(（])\s*(?:our|a) (?:[\w-]+ ){0,2}partner\b|"
    r"employee of (?:our|a) (?:direct |trusted |long-?time )partner|"
    r"(?:contractor|consultant|engineer|developer|employee|resource)s?\s+(?:with|at|of|from)\s+"
    r"(?:our|a)\s+(?:[\w-]+\s+)?(?:partner|vendor)s?\b|(?:our|a) (?:partner|vendor) network|"
    r"[(（]\s*(?:our|a) partner\s*[)）]|employed by (?:our|a) [\w-]+ partner|"
    r"tier[- ]?(?:1|one) (?:vendor|partner|supplier)|"
    r"\b(?:first|1st)[- ]tier\s+(?:vendor|partner|supplier|subcontractor)|"
    r"\b(?:one|1|a single)\s+(?:tier|level|layer|step)\s+(?:below|beneath|under|down from|"
    r"away from|removed from)\s+(?:us|our)\b|"
    r"\b(?:one|1|a single)\s+compan(?:y|ies)\s+(?:away|removed)|"
    r"(?:合作|协力)(?:廠商|厂商)(?:的)?(?:正职|正式|在职)?(?:员工|員工|人员|人員|工程师|工程師)|[(（]\s*(?:一|1)\s*[层層]\s*[)）]|"
    r"弊社\s*(?:ビジネス)?(?:パートナー|BP|協力会社)|所属\s*[:：]\s*(?:协力|協力|外包|一层|一層)|"
    r"外包合作(?:方|公司)|works? (?:for|with|at) (?:our|a) (?:\w+ )?partner\b|"
    # "弊社の一次パートナー様（協力会社様）所属": a first-tier partner's person
    r"(?:一|1)\s*次\s*(?:パートナー|BP|協力会社|請け)|"
    r"(?:sourced |hired |engaged )?(?:via|through) (?:a|our) partner|"
    # "on the payroll of Halvorsen Tech KK, a firm that supplies engineers to us"
    r"\b(?:a|an|our) (?:firm|company|vendor|supplier|partner) (?:that|which|who) "
    r"(?:supplies|provides|sends|places) (?:engineers|developers|consultants|staff|people|"
    r"contractors|resources) (?:to|for) us\b|"
    # "弊社と業務委託契約を結んでいる株式会社ミライテックの社員", "弊社と直接契約しているパートナー
    # 企業「株式会社ミズホリ」の正社員": a company under contract to the sender (not its 雇用契約)
    r"(?:弊社|当社)と(?:の)?\s*(?:直接)?\s*(?:業務委託|請負|準委任|取引|パートナー|基本)?\s*契約"
    r"(?:を(?:結んで|締結して|交わして)|して)(?:いる|おります|おる)"
    r"[^\n、。]{1,30}?(?:の(?:正|契約)?社員|に\s*(?:(?:正社員|社員|契約社員)として)?(?:ご)?(?:在籍|所属|勤務))|"
    # "株式会社オオゾラテック（弊社のお取引先）に在籍": the partner word in the brackets
    r"[（(]\s*(?:弊社|当社)の?\s*(?:お)?(?:取引先|パートナー|協力会社|BP)(?:様|企業|会社)?\s*[)）]\s*"
    r"(?:に|の)\s*(?:正社員|社員|契約社員)?\s*(?:として)?\s*(?:(?:ご)?在籍|所属|(?:お)?勤め|勤務|社員)|"
    # "韩工的劳动合同和社保都在我们的合作单位", "他的雇主是和我司长期合作的上海一家协力公司"
    r"(?:劳动合同|社保|雇佣关系)[^。\n]{0,8}?在(?:我们|我司|敝司|本公司)的?(?:合作|协力|外包)"
    r"(?:单位|公司|伙伴|方|厂商)|"
    r"(?:雇主|所属公司|所属的|就职的公司)是[^。，,;；\n]{0,16}?(?:协力|合作|外包|供应)"
    r"(?:公司|厂商|伙伴|单位|商|企业)|"
    # "Ethan is their employee, not ours": the forwarding partner's
    r"\b(?:is|are) (?:their|its) (?:own )?(?:employees?|staff(?: members?)?|consultants?),? "
    r"not ours\b|"
    # "employed by Kitaboshi Tech, a partner company that contracts with us directly"
    r",\s*(?:a|our) partner (?:company|firm)\b|"
    r"\b(?:company|firm) (?:that|which) contracts with us directly\b",
    re.I,
)
_DEPTH_TWO = re.compile(
    # "我司BP的协力公司员工", "二次协力", "中间隔了两家", "合作方再往下一家公司的人"
    r"BP的(?:协力|合作|外包)(?:公司|方)|(?:二|两|2)次\s*(?:协力|協力)|"
    # "敝司合作伙伴再转包的那家公司", "我们合作方的外包商", "隔了两级", "a vendor to our vendor",
    # "two companies between him and us"
    # "我们的合作厂商（海拓资讯）再往下发包的那家公司"
    r"(?:合作伙伴|合作方|合作公司|合作厂商|供应商)(?:[（(][^)）\n]{1,20}[)）])?(?:再)?(?:往下|向下)?"
    r"(?:转包|外包|发包)(?:的|商|给)|隔了?\s*(?:两|兩|2)\s*级|"
    r"a vendor (?:to|of) our vendor|\b(?:two|2) compan(?:y|ies) between (?:him|her|them) and us|"
    # "合作公司再下面一家公司的员工", "合作方再下游的一家"
    # "也就是隔了两家公司"
    r"(?:中间)?隔[了着著]?\s*(?:两|兩|2)\s*(?:家|层|層)|(?:合作伙伴|合作方|合作公司|协力方)的下包|再(?:往下|下面|下边|下游|往下面)(?:的)?\s*(?:一|1)\s*家|"
    # "弊社から見ますと二つ先", "さらにお取引先にあたる", "A社がさらに外注しているB社"
    r"(?:二|2|ふた)つ(?:先|下)|さらに(?:その)?(?:お)?取引先|さらに(?:業務を)?(?:外注|契約|委託|お願い|依頼|発注)|"
    # "二つ下の階層", "2階層先", "もう一社挟む", "he sits two companies down",
    # "on the payroll of their subcontractor"
    # "弊社と本人の所属会社の間にもう1社入っております"
    r"(?:二|2)\s*階層|もう\s*[一1]\s*社(?:挟|入)|\b(?:two|2) compan(?:y|ies) down\b|"
    r"payroll of (?:their|its|his|her) (?:subcontractor|vendor|partner)|"
    r"(?:取引先|協力会社|パートナー)[^\n。]{0,24}?(?:が)?業務を委託している会社|"
    r"(?:二|2)\s*社[先下]|(?:二|2)\s*次(?:受け|请)|BP\s*[(（]\s*(?:二|2)\s*次|(?:二|2)次合作|"
    r"(?:two|2) layers|second layer|"
    # a possessive: "our partner vendor" is one company, "our partner's vendor" two
    r"(?:partner|vendor|sub-?vendor|subcontractor|supplier)(?:'s|s') "
    r"(?:partner|vendor|sub-?vendor|subcontractor|supplier)s?\b|"
    # "he sits two tiers below us", "a second-tier vendor's engineer"
    r"\b(?:two|2)\s+(?:tiers?|levels?|layers?|steps?)\s+(?:below|beneath|under|down from|"
    r"away from|removed from)\s+(?:us|our)\b|"
    r"\b(?:second|2nd)[- ]tier\s+(?:vendor|partner|supplier|subcontractor)|"
    # "Kite Systems, which is a supplier to our partner Yamabe Tech"
    r"(?:partner|vendor|subcontractor|supplier) (?:of|to) (?:one of )?(?:our|a|the) (?:[\w-]+ )?"
    r"(?:partner|vendor|subcontractor|supplier)|"
    # "her employer supplies engineers to Lotus Tech, and Lotus Tech is the partner that
    # supplies us"
    r"\bsupplies (?:engineers|staff|people|consultants|developers) to\b[^.;\n]{1,60}?"
    r"\b(?:(?:partner|vendor|supplier|company|firm) )?(?:that|which|who) (?:in turn )?"
    r"supplies us\b|"
    # "リンクノード社は、当社の協力会社であるアオバシステムの下請けにあたります"
    r"(?:協力会社|取引先|パートナー|BP)(?:様|企業|会社)?(?:である|の)[^。\n]{0,30}?の\s*(?:下請け?|再委託先)|"
    # "サンライズ情報は弊社と直接の取引がなく": the employer, not the engineer, has no deal with us
    r"(?<!本人)(?<![者方])(?:は|が)(?:弊社|当社)と(?:は)?直接(?:の)?(?:お)?(?:取引|契約)(?:が|は)?"
    r"(?:なく|ない|ございません|ありません)|"
    # "a small firm that works under one of our vendors", "a company working for our partner"
    r"(?:firm|company|vendor|subcontractor) (?:(?:that|which) works?|working) (?:under|for|beneath|"
    r"below) (?:one of )?our (?:[\w-]+ )?(?:partner|vendor|subcontractor)s?\b|"
    r"(?:二|2)\s*[级級](?:合作|外包|协力|協力|BP)|"
    r"二次\s*BP|(?:two|2) (?:tiers?|levels?) (?:away|removed|down)|"
    r"tier[- ]?(?:2|two) (?:vendor|partner|supplier)|"
    r"弊社BP(?:様)?の(?:BP|さらに先|先)|二次外包|再外包|"
    # "弊社の取引先のさらに先の会社の社員"
    # "弊社BP(株式会社アルテ)の、さらに協力会社の社員": the partner named in brackets
    r"(?:BP|パートナー|協力会社|(?:お)?取引先)(?:様)?(?:[(（][^)）\n]{1,30}[)）])?の[、,]?\s*"
    r"(?:(?:さらに|更に|その)?\s*(?:先の)?\s*"
    r"(?:BP|パートナー|協力会社|(?:お)?取引先)|(?:さらに|更に)\s*先)|"
    # "我们合作方的协力公司派出的人员"
    r"合作(?:公司|伙伴|方)的(?:合作|协力|協力)(?:公司|伙伴|方)|(?<![\d十])(?:二|两|2)\s*层(?!以内)|第二层|"
    r"(?:two|2) (?:companies|firms) (?:away|removed|from us)|"
    # "我司合作伙伴的下游协力厂商"
    r"合作(?:公司|伙伴|方|廠商|厂商)的(?:下游|下级|下級)(?:合作|协力|協力)(?:公司|伙伴|方|廠商|厂商)|"
    r"[(（]\s*(?:二|两|兩|2)\s*[层層]\s*[)）]|外包(?:公司|方|商)?的外包|"
    r"(?:合作|外包|供应|分包|协力)商的(?:合作|外包|供应|分包|协力)(?:商|公司|伙伴|方)|"
    # "我司和他的雇主之间还隔着一家公司": one company between the sender and the employer
    r"(?:我司|敝司|本公司|我们|我們)(?:和|与|跟)(?:他|她|其|本人|该工程师)的?(?:雇主|所属公司|所在公司)"
    r"(?:之间|中间)?(?:还)?隔[着了著]?\s*(?:一|1)\s*家",
    re.I,
)


# "商流：弊社→BP→本人": the companies written between the sender and the engineer.
_CHAIN_LABELS = r"商流|契約形態|契約経路|合作链|合作鏈|chain|contract chain|supply chain"
# (a box-drawing rule "エンド様 ─ 貴社 ─ 弊社" is an arrow too)
_CHAIN_ARROW = re.compile(r"\s*(?:→|->|⇒|⇔|↔|=>|＞|>|―|—|–|─|━|\s-\s)\s*")
# "契約関係：弊社⇔貴社⇔技術者の所属会社、まで": a limit written as the chain it allows; the links
# after the reader are the companies let in (the engineer himself is none).
_CHAIN_LIMIT = re.compile(
    r"(?:弊社|当社)\s*(?:→|⇒|⇔|↔)\s*(?:貴社|御社)((?:\s*(?:→|⇒|⇔|↔)\s*[^→⇒⇔↔\n、。]+?)+)"
    r"\s*[、,]?\s*(?:まで|迄)"
)
# "■商流（念のため明記いたします）\n　エンド様 ─ 貴社 ─ 弊社 ─ …": the chain on the line under
# its heading
_CHAIN_HEADING = re.compile(
    rf"^[^\S\n]*[■◆●□◇【\[]?[^\S\n]*(?:{_CHAIN_LABELS})[^\n:：]{{0,24}}\n([^\n]+)", re.I | re.M
)
_CHAIN_SENDER = re.compile(
    r"^(?:弊社|当社|自社|我司|敝司|本司|我公司|本公司|us|our (?:company|firm))$", re.I
)
# (not "本人所属のリンクス社": the company the engineer belongs to is one more link)
_CHAIN_PERSON = re.compile(
    r"^(?:本人|個人|个人|技術者|エンジニア|要員|人员|人員|工程师|工程師|engineer|consultant|candidate|"
    r"(?:个人|個人)?(?:事業主|フリーランス|freelancer))(?!\s*(?:の|が)?\s*(?:所属|所屬|在籍))",
    re.I,
)


def _chain_limit(fields: str) -> int | None:
    found = _CHAIN_LIMIT.search(fields)
    if not found:
        return None
    parts = [p.strip(" ()（）") for p in _CHAIN_ARROW.split(found.group(1)) if p.strip()]
    return len(parts) - 1 if _CHAIN_PERSON.match(parts[-1]) else len(parts)


def _chain_depth(fields: str) -> int | None:
    heading = _CHAIN_HEADING.search(fields)
    value = labelled(fields, _CHAIN_LABELS) or (heading.group(1) if heading else None)
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
    # "离我司隔着两家公司"
    r"(?:距|离|離)(?:離|离)?\s*(?:敝司|我司|本司|本公司|我们|我們|弊社)\s*(?:隔[了着著]?|有)?\s*"
    r"(?<![\d十])([一二两兩三123])\s*(?:[层層]|家)|"
    # "与我司之间隔了两层", "和我们中间隔了一家"
    r"(?:与|和|跟)\s*(?:敝司|我司|本司|本公司|我们|我們)\s*(?:之间|中间)?\s*隔[了着著]?\s*"
    r"(?<![\d十])([一二两兩三123])\s*(?:[层層]|家)|"
    # "弊社から見て1階層下", "当社から2社先"
    r"(?:弊社|当社)から(?:見て|見ると|見ますと|数えて)?\s*([一二三123])\s*(?:階層|社)\s*(?:下|先|目)|"
    # "从我司算起，本人属于第二家公司": the employer's place counted from the sender
    r"(?:从|由)(?:我司|敝司|本公司|我们)(?:算起|数起|开始算|开始数)[，,]?[^。\n]{0,12}?第\s*"
    r"([一二两兩三123])\s*家"
)


# "he would sit two companies below us", "one tier away from us": the same count in English.
_STEPS_FROM_US = re.compile(
    # "that puts two companies between her and Pacific Loadworks", "two companies between us
    # and him"
    r"\b(one|two|three|a single|[123])\s+compan(?:y|ies)\s+(?:(?:stands?|sits?|are|is)\s+)?"
    r"between\s+"
    r"(?:(?:him|her|them)\s+and\s+(?:us\b|[A-Z][\w&.-]*)|us\s+and\s+(?:him|her|them)\b)|"
    r"\b(one|two|three|a single|[123])\s+(?:compan(?:y|ies)|firms?|tiers?|levels?|layers?|steps?)"
    r"\s+(?:below|beneath|under|down from|away from|removed from|away|removed|from)\s+(?:us|our)\b",
    re.I,
)


def commercial_depth(text: str | Prepared) -> int | None:
    """Companies between the sender and the engineer: 弊社社員 0, 弊社BP / 一社先 1, 二社先 2.

    A forwarded introduction speaks for the company that wrote it, one further away: its
    弊社社員 is the forwarder's partner's (1), its 弊社の協力会社 a partner's partner (2), unless
    the forwarder's own lines say where the engineer stands, or it names the chain without
    itself in it (所属：合作公司的合作伙伴, already counted from the reader's side)."""
    body = prepare(text).text
    marker = FORWARD_MARKER.search(body)
    if marker:
        forwarded = body[marker.end() :]
        end = _FORWARD_END.search(forwarded)
        tail = forwarded[end.end() :] if end else ""  # the forwarder's lines under the block
        forwarded = forwarded[: end.start()] if end else forwarded
        own_part = prepare(body[: marker.start()] + "\n" + tail).prose_fields
        own, _ = _depth(own_part)
        if own is not None:
            return own
        forwarded_fields = prepare(forwarded).prose_fields
        if tail and _employer_is_writer(forwarded_fields, tail):
            return 0  # "employee of Saigon Pixel Works" above the forwarder's own signature
        theirs, anchored = _depth(forwarded_fields)
        # "Forwarding my colleague's note": the same company wrote both, nothing to add
        anchored = anchored and not _COLLEAGUE.search(own_part)
        return None if theirs is None else theirs + anchored
    return _depth(prepare(text).prose_fields)[0]


# "-------- Forwarded summary -------- … -----------------------------------", "--- 转发结束 ---":
# a bare rule (or an end word) closes the forwarded block; the forwarder signs under it.
_FORWARD_END = re.compile(
    r"^[^\S\n]*(?:-{5,}|[-—–―=]{2,}[^\n]{0,16}?(?:[转轉][发發寄]结束|転送ここまで|"
    r"end (?:of )?forwarded (?:message|summary))[^\n]{0,16}?[-—–―=]{2,})[^\S\n]*$",
    re.I | re.M,
)


# A forward from inside the sender's own company: "my colleague's note", "同僚からの連絡".
_COLLEAGUE = re.compile(r"\bcolleague|同僚|社内の|同事", re.I)


# The writer named in a depth: "弊社の協力会社" counts from whoever wrote it.
_FIRST_PERSON = re.compile(
    r"弊社|当社|自社|我司|敝司|本司|我公司|本公司|我们|我們|我方|\b(?:our|us|we|ours)\b", re.I
)


# What the engineer is not: "W2 employee of ours (not a subcontractor)", "他不是我们自己的员工".
_NOT_THIS = re.compile(
    r"\bnot (?:a |an |from (?:a |our )?|through (?:a |our )?)?"
    r"(?:subcontractor|sub-?vendor|partner|vendor|third[- ]party|contractor)\w*|"
    # "不是外包或合作公司的人员": both refused at once
    r"(?:不是|并非|並非)(?:外包|合作|协力|協力)(?:公司|伙伴|方|厂商)?\s*(?:或者|或|和|、|/)\s*"
    r"(?:外包|合作|协力|協力)(?:公司|伙伴|方|厂商)的?(?:人员|人|员工|工程师)?|"
    r"(?:不是|并非|並非)(?:我们|我們|我司|敝司|本公司|本司|我公司)?(?:自己)?(?:的)?(?:员工|員工|外包)|"
    # "我司正式员工，不是合作公司的人员"
    # "也不是我们直接合作厂商的员工", "不是外部合作方的人"
    r"(?:不是|并非|並非)(?:从)?(?:我们|我們|我司|敝司)?(?:的)?(?:直接|外部)?(?:合作|协力|協力|外包|下游)"
    r"(?:公司|伙伴|方|厂商)的?(?:人员|人|员工|工程师)?|"
    # "本人の雇用元は弊社ではございません", "she is not one of our people"
    r"(?:雇用元|雇用主|所属(?:会社)?)(?:は|が)(?:弊社|当社)(?:ではございません|ではありません|ではない|ではなく)|"
    r"\bnot one of our (?:own )?(?:people|employees|staff|engineers|consultants)\b|"
    # "弊社の社員ではなく", "(弊社の社員ではございません)"
    r"(?:弊社|当社)の?(?:社員|正社員|所属)(?:ではなく|ではございません|ではありません|ではない)|"
    r"弊社との直接の雇用関係は(?:ございません|ありません|ない)|"
    r"\bnot on our (?:own )?(?:payroll|books)|并不隶属于我们",
    re.I,
)


# "there is no other company between him and us", "(no sub-vendor is involved)",
# "中间没有其他公司", "他社は介在しておりません": nobody between the writer and the engineer, said
# outright; it outweighs a partner word it carries ("no sub-vendor").
_NONE_BETWEEN = re.compile(
    # "(our own contractor, no intermediaries)"
    # "directly from our company with no partner in between"
    r"\bno (?:other )?(?:compan(?:y|ies)|firms?|partners?|vendors?) (?:in )?between\b|"
    r"\bno intermediar(?:y|ies)\b|"
    # "full-time employee of Cebu Lantern Tech (no subvendor)"
    r"\bno (?:sub-?vendors?|subcontractors?|middlem[ae]n)(?=\s*(?:$|[).,;）\n]))|"
    r"\bno (?:other company|sub-?vendors?|subcontractors?|intermediar(?:y|ies)|"
    r"third[- ]part(?:y|ies)) (?:is |are |was )?involved\b|"
    r"他社(?:は|が)?(?:一切)?介在して(?:おりません|いません)|中间不经过任何其他公司|"
    r"中间没有(?:任何)?(?:其他|别的|其它)?(?:公司|第三方)|不经过(?:任何)?(?:第三方|其他公司|其它公司)|"
    # "没有经过其他公司", "(没有中间公司)"
    r"没有经过(?:任何)?(?:其他|别的|其它)(?:的)?公司|没有中间公司",
    re.I,
)
# "图言是我司的直接合作方，中间没有别的公司": nobody between the writer and a partner named
# just before, whose employee the engineer is (1).
_PARTNER_BEFORE = re.compile(
    r"(?:合作|协力|協力|パートナー|取引先|BP|partner|vendor|supplier)[^。.;；\n]{0,24}$", re.I
)
# "a full-time employee of Vistaar Infosolutions" signed "Vistaar Infosolutions Pvt. Ltd.": the
# employer named is the writer's own company when the closing lines carry its name.
# "Salaried staff at Kestrel Bridge", "a full-time hire on Kestrel's own books", "directly employed
# by the Japan branch of Song Hong Tech": the same.
_NAMED_EMPLOYER = re.compile(
    r"\b(?:employee|member of staff|staff member|[Ss]taff) (?:of|at) "
    r"([A-Z][\w&-]+(?: [A-Z][\w&-]+)?)|"
    r"\bemployed\s+(?:directly\s+)?by\s+"
    r"(?:the (?:[\w-]+ ){0,3}?(?:branch|office|entity|subsidiary) of )?"
    r"([A-Z][\w&-]+(?: [A-Z][\w&-]+)?)|"
    r"\bon ([A-Z][\w&-]+(?: [A-Z][\w&-]+)?)'s (?:own )?(?:books|payroll)\b"
)


def _employer_is_writer(fields: str, closing_text: str | None = None) -> bool:
    """Whether an employer named is in the writer's closing lines (the fields' own last lines, or
    the closing_text a forwarder signs under a forwarded block)."""
    fields = fields.strip()
    closing = len(fields) - len("\n".join(fields.splitlines()[-6:]))
    return any(
        re.search(
            rf"\b{re.escape(next(g for g in m.groups() if g))}\b",
            # the closing lines, not the words themselves
            fields[max(closing, m.end()) :] if closing_text is None else closing_text,
        )
        for m in _NAMED_EMPLOYER.finditer(fields)
    )


# "I saw your Adabas project through a partner": how the project reached the writer, not the
# engineer's chain.
_PROJECT_ROUTE = re.compile(
    r"\byour (?:[\w-]+ ){0,3}?(?:project|opening|posting|role|requirement|position|vacancy) "
    r"(?:through|via|from) "
    r"(?:a |an |our |one of our )?(?:partner|vendor)s?(?: network)?\b",
    re.I,
)


def _depth(fields: str) -> tuple[int | None, bool]:
    """(companies between the writer and the engineer, whether the words counted from the
    writer), (None, False) when not stated."""
    fields = _PROJECT_ROUTE.sub(" ", _NOT_THIS.sub(" ", fields))
    chain = _chain_depth(fields)
    if chain is not None:
        return chain, True
    layers = _LAYERS_FROM_US.search(fields) or _STEPS_FROM_US.search(fields)
    if layers:
        return _KANJI_COUNT[next(g for g in layers.groups() if g).lower()], True
    none_between = _NONE_BETWEEN.search(fields)
    if none_between:
        before = fields[max(0, none_between.start() - 30) : none_between.start()]
        return (1 if _PARTNER_BEFORE.search(before) else 0), True
    for depth, pattern in ((2, _DEPTH_TWO), (1, _DEPTH_ONE), (0, _DEPTH_ZERO)):
        found = pattern.search(fields)
        if found:  # "弊社の協力会社に在籍": the writer may stand just before the words
            words = fields[max(0, found.start() - 6) : found.end()]
            return depth, depth == 0 or bool(_FIRST_PERSON.search(words))
    return (0, True) if _employer_is_writer(fields) else (None, False)
