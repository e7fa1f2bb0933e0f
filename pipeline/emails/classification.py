"""Candidate / project / other: offline rules per language, or an LLM with structured outputs.

The rules weigh phrases that staffing mail uses for each class (DESIGN's domain notes) and
handle the known traps: 要員募集 ("recruiting personnel") announces a *project* although
要員 alone means a candidate, and 【案件名】 headings are projects whatever else the mail says.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.emails.extraction.text import (
    QUOTED_LINE,
    block_heading_count,
    prepare,
    unquoted_lines,
)
from pipeline.errors import PipelineError
from pipeline.llm.client import LLMConfig

log = logging.getLogger(__name__)

Category = Literal["candidate", "project", "other"]
CATEGORIES: tuple[Category, ...] = ("candidate", "project", "other")

# Prior given to "other": a mail needs at least this much staffing signal to leave it.
_OTHER_PRIOR = 1.5
_SUBJECT_WEIGHT = 2.0
# A reply's subject is the answered mail's ("RE: Hotlist" answered with an opening, "回复: Java
# 需求" answered with a résumé): it counts like one more body line, not twice over.
_REPLY_SUBJECT_WEIGHT = 0.5
# Below this much signal a reply's own lines say nothing, and the answered mail is read.
_REPLY_SIGNAL = 2.0
_REPLY = re.compile(r"^\s*(?:(?:re|aw|sv|答复|回复|回覆|返信)\s*(?:\[\d+\])?\s*[:：]\s*)+", re.I)
_CJK_PARTNER = {"ja": "zh", "zh": "ja"}
_PARTNER_WEIGHT = 0.5


@dataclass(frozen=True)
class Classification:
    category: Category
    confidence: float
    classified_by: str


@dataclass(frozen=True)
class EmailForClassification:
    subject: str
    text: str
    language: str | None


Rule = tuple[re.Pattern[str], float]


def _rules(*pairs: tuple[str, float]) -> list[Rule]:
    return [(re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in pairs]


RULES: dict[str, dict[Category, list[Rule]]] = {
    "ja": {
        "project": _rules(
            (  # a reply that declines a person, then restates what the client wants
                r"(?:お客様|先方|クライアント)の(?:ご)?(?:希望|要望)を(?:整理|まとめ)|"
                r"(?:ほかに|他に)?お心当たりの方",
                9.0,
            ),
            (r"【\s*案件(?:名|概要|情報)?\s*】|■\s*案件(?:名|概要)?", 4.0),
            (r"要員募集|人員募集|募集人数|募集要項|募集ポジション", 4.0),
            (r"案件", 1.5),
            (r"必須(?:スキル|要件|経験)|尚可(?:スキル)?|歓迎(?:スキル|要件)", 2.0),
            (r"精算(?:幅)?|面談回数|面談\s*[：:]\s*\d", 1.5),
            (r"作業内容|業務内容|作業場所|就業場所", 1.5),
            (r"商流|外国籍\s*[：:]?\s*(?:可|不可|NG)", 1.0),
            (r"急募|増員|参画者|募集", 1.5),
            (  # asks the reader for someone: "該当する方がいらっしゃいましたら"
                r"(?:お)?探し(?:し)?て(?:おり|い)ます|該当する方|お心当たりの方|"
                r"(?:方|人|エンジニア|技術者)が(?:いらっしゃいましたら|おりましたら|いれば)",
                2.5,
            ),
            (
                r"【\s*(?:案件|求人|募集)[^】]{0,6}】|案件(?:情報|のご案内|のご紹介|のご相談)|"
                r"(?:ご提案|ご紹介)(?:を)?(?:お待ち|いただけ|ください|お願い)|探しております|"
                r"(?:必須|尚可|歓迎)\s*[：:]",
                2.5,
            ),
        ),
        "candidate": _rules(
            (  # a person offered in passing: "弊社の野口が11月から手が空く見込みです"
                r"手が空(?:く|きます|いて|いた)|空く見込み|(?:単価|金額)[^\n。]{0,8}?(?:で)?お受けできます",
                6.0,
            ),
            (r"要員(?!募集)|人材(?:情報|紹介|のご紹介|のご提案)?", 2.5),
            (r"技術者(?:情報|紹介|のご紹介)", 2.5),
            (r"(?:エンジニア|技術者|要員|人材)(?:の|を)?(?:ご)?(?:紹介|案内)", 2.5),
            (
                r"お住まい|在住|参画可能|稼働可能|面談を設定|【\s*(?:氏名|イニシャル|国籍|所属)\s*】",
                1.5,
            ),
            (r"弊社(?:社員|所属|プロパー|正社員)|BP(?:社員|要員)|個人事業主", 2.0),
            (r"スキルシート|経歴書|職務経歴", 1.5),
            (r"希望単価|稼働(?:可能)?(?:日|時期)|即日稼働|最寄(?:り)?駅|稼働可", 2.0),
            (r"年齢\s*[：:]|\d{2}\s*歳|性別|氏名|イニシャル", 1.5),
            (r"ご提案(?:可能|させて)|エンジニア(?:のご紹介|情報)", 1.5),
            (  # a reply to a project that proposes someone for it
                r"(?:要員|人材|技術者|エンジニア)(?:を|の)?(?:ご)?提案(?!依頼|募集|のお願い)",
                4.0,
            ),
            (
                r"(?:見合う|マッチする|合う|適した)案件|案件(?:が|を)?(?:ございましたら|あれば|ありましたら)|"
                r"マッチ(?:しそう|すると|いたします)|(?:ジョイン|入場)可能",
                3.0,
            ),
            (
                r"(?:技術者|要員|人材|エンジニア|メンバー)(?:の)?(?:ご案内|ご紹介|情報)|並行営業|"
                r"稼働可能(?:な)?(?:要員|技術者|エンジニア)|待機(?:中|要員)",
                2.5,
            ),
            (
                r"希望(?:単価|条件|勤務地)|稼働開始可能|参画可能(?:日|時期)?|所属\s*[：:]|"
                r"国籍\s*[：:]|性別\s*[：:]|自己PR|PR\s*[：:]|得意",
                1.5,
            ),
        ),
        "other": _rules(
            (r"請求書|見積|お支払|入金|勤怠|経費", 2.0),
            (
                r"メルマガ|ニュースレター|配信停止|配信解除|レポート|市場動向|動向調査|アンケート|"
                r"ランキング|開催(?:します|いたします|のお知らせ)|参加(?:申込|申し込み|無料)|お申し込み",
                3.0,
            ),
            (r"会議|打ち合わせ|打合せ|日程調整|セミナー|勉強会|懇親会|忘年会|新年会", 2.0),
            (r"配信停止|メルマガ|ニュースレター|お知らせ|ご挨拶|休業|年末年始|移転", 1.5),
            (r"パスワード|アカウント|システムメンテナンス", 1.5),
            (r"価格改定|契約更新|入館証|健康診断|社内報|退職手続|入社手続|送付状|ご挨拶", 2.0),
            (
                r"自動(?:返信|応答)|不在(?:の|に)?(?:ため|中|します)|休暇(?:中|を取得)|"
                r"(?:面接|面談)(?:の)?(?:お礼|ありがとう)",
                5.0,
            ),
            (  # a closed position: it names the project but asks for nobody
                r"充足(?:いたしました|しました|となりました|のご連絡|のお知らせ)|"
                r"募集(?:を)?(?:終了|締め切り|締切|停止)(?:いたしました|しました|ました|のお知らせ)|【募集終了】|"
                r"クローズ(?:いたしました|しました|となりました)|"
                r"(?:決定|成約)(?:と|に)?(?:なりました|いたしました)",
                10.0,  # outweighs the 【案件名】 block a closing notice repeats
            ),
            # a proposed engineer withdrawn: "他決となりました", "ご提案を取り下げ"
            (
                r"他決(?:と|に)?(?:なりました|いたしました|しました|のため)|"
                r"(?:ご)?提案(?:を)?(?:取り下げ|取下げ)|(?:ご)?本人(?:より|から)?(?:の)?辞退",
                10.0,  # outweighs the profile the notice repeats, as a closing notice does
            ),
            (  # an acknowledgement: "拝見いたします", "受領いたしました"
                r"拝見(?:いたします|します|しました|いたしました)|拝受|受領(?:いたしました|しました)|"
                r"社内で(?:確認|検討)(?:いたします|します|し[、,]|いたし[、,]|の上|のうえ)",
                5.0,
            ),
            (  # a reply declining a proposal: it names the candidate but offers nobody
                r"見送り(?:と|に)(?:なりました|させて|いたします)|お見送り|不採用(?:と|に)?|"
                r"今回は(?:ご縁|見送)|ご期待に(?:添え|沿え)",
                14.0,  # outweighs the 要員提案 its subject repeats
            ),
        ),
    },
    "zh": {
        "project": _rules(
            (  # the person wanted, laid out like a profile: "人选画像", "各位对着找"
                r"理想(?:的)?人选|人选画像|人选要求|(?:各位|大家)(?:帮忙)?(?:对着|按照|照着)找",
                14.0,
            ),
            (
                r"项目(?:名称|需求|介绍|概要)|岗位(?:职责|要求|名称|需求)|职位(?:描述|要求)|职缺",
                3.0,
            ),
            (
                r"招聘|急招|招人|需求|任职要求|岗位|募集|寻找(?:合适的)?(?:人员|工程师|人选)|"
                r"(?:请|欢迎)(?:推荐|提供)(?:合适的)?(?:人选|人员|简历|候选人)|人数\s*[：:]",
                2.0,
            ),
            (r"必须(?:技能|条件|经验)|优先(?:考虑)?|加分项|工作内容|项目周期|预算|商流", 1.5),
            (
                r"(?:请|欢迎|麻烦)(?:各位)?(?:推荐|介绍|提供)|招募|诚聘|招(?:聘)?[^，。\n]{0,8}(?:工程师|开发|人员)|"
                r"任职(?:要求|资格)|岗位(?:要求|职责)|职位(?:要求|描述)|需求(?:如下|详情)",
                2.5,
            ),
            (r"驻场|预算|人月|到岗时间|工作地点|外包|HC\s*[：:]?\s*\d", 1.0),
            (  # "有合适的人请发简历过来": asks for résumés, so it offers work
                r"(?:有)?合适的?(?:人|人选|候选人)[^\n。]{0,6}?(?:请|欢迎|麻烦)?(?:发|推荐|提供|联系)|"
                r"(?:请|麻烦)?发(?:送)?简历(?:过来|给我)|(?:有|一)个[^，。\n]{0,12}?(?:需求|项目|岗位)",
                3.0,
            ),
            (r"项目|专案", 1.0),
            (  # a head count asked for: "需要 2 名", "Java 后端 3 人"
                r"(?:需要|急需|还缺|缺)[^，。\n]{0,12}?(?:\d+|一|两|兩|二|三|几|幾)\s*(?:名|位|个|人)(?!选)",
                3.0,
            ),
            (  # asks for résumés or people: "欢迎推荐合适人选", "请将候选人履历寄给我"
                r"(?:欢迎|请|烦请|煩请|麻烦|麻煩)(?:各位)?(?:推荐|提供|介绍)(?:合适的?)?"
                r"(?:人选|人员|候选人|简历|履历)|(?:将|把)(?:候选人的?)?(?:简历|履历)(?:寄|发)|"
                r"(?:如|若)?(?:贵司|贵公司|您那边)有(?:合适的?)?(?:人力|人员|资源|人选)",
                4.0,
            ),
        ),
        "candidate": _rules(
            (  # not the 人选 / 候选人 a request asks for ("推荐合适人选", "候选人简历寄给我")
                r"(?<!将)简历|人才推荐|推荐(?:一位|一名|人选|候选人)|(?<!将)候选人|(?<!合适)(?<!合适的)人选",
                3.0,
            ),
            (
                r"(?:推荐|介绍)[^，。\n]{0,8}(?:一名|一位)|(?:一名|一位)[^，。\n]{0,8}"
                r"(?:顾问|工程师|人员|开发|员工)",
                3.0,
            ),
            (r"年资|可开始|工作方式", 1.0),
            (  # a reply proposing someone: "有一位同事比较匹配，简历已附上"
                r"简历已(?:附|发)|(?<![并並请])附(?:上|件)[^。\n]{0,12}(?:简历|履历)|(?<![将附上])履历|"
                r"(?:比较|非常|很)匹配|符合(?:您|贵司|贵公司)?的?(?:需求|要求)|安排(?:一下)?面试",
                3.0,
            ),
            (
                r"(?:介绍|推荐)(?:一下)?(?:我们|我司|本公司|我们公司|敝司)(?:公司)?的[^，。\n]{0,10}?"
                r"(?:工程师|人员|顾问|开发|员工)|可以?(?:随时)?到岗|目前空闲",
                3.0,
            ),
            (
                r"(?:人才|人员|工程师|技术人员|开发人员|技术者|要员)(?:的)?(?:介绍|推荐|信息|资料)|"
                r"(?<!请)(?<!麻烦)(?<!麻煩)(?<!欢迎)(?:推荐|介绍)(?:以下|如下|一下)?(?:的)?"
                r"(?:人员|工程师|技术人员|人才)|"
                r"待(?:机|岗)人员|空闲人员|可(?:参加|参与|投入)(?:的)?项目|寻找项目|找项目|求职",
                3.0,
            ),
            (
                r"期望(?:薪资|薪酬|单价|工作地|月薪|待遇)|可(?:立即)?到岗|到岗日期|目前状态|离职",
                2.0,
            ),
            (
                r"本科|硕士|毕业|年龄|性别|个人(?:简介|优势)|自我评价|工作经历|项目经[历验]|"
                r"学历|国籍|日语(?:水平|能力)|所属|我司(?:员工|正式员工)",
                1.5,
            ),
        ),
        "other": _rules(
            (  # onboarding paperwork, a courtesy visit, a question about feedback
                r"门禁卡|保密协议|入场准备|进场准备|电脑领用|报到须知|(?:年底|年终)?拜访|当面感谢|"
                r"(?:有没有|是否有)(?:什么)?反馈|反馈(?:如何|怎么样)",
                5.0,
            ),
            (r"发票|报销|账单|付款|工资条|对账", 2.0),
            (
                r"订阅|退订|取消订阅|周报|月报|行业(?:报告|动态|资讯)|市场(?:报告|动态|趋势)|调查问卷|"
                r"研讨会|讲座|报名|直播|活动通知|放假通知|节假日",
                3.0,
            ),
            (r"会议|放假|团建|年会|培训|活动|通知|邀请", 1.5),
            (r"密码|邮箱|系统|订阅|退订", 1.5),
            (r"会议纪要|入职手续|体检|合同(?:续签|盖章|寄送)|年终|春节|中秋|国庆", 2.0),
            (r"自动回复|休假中|不在办公室|外出中|感谢(?:您)?(?:今天|昨天)?(?:的)?面试", 5.0),
            (  # an interview arranged for a proposed engineer: it names them, offers nobody
                r"面试(?:时间|日程|安排)(?:确认|通知)|(?:安排|确认)(?:线上|线下)?面试|面试(?:形式|链接)",
                6.0,
            ),
            (
                r"已(?:经)?招满|已(?:经)?关闭|暂停(?:接收|招聘)|停止(?:招聘|接收|收件)|(?:岗位|职位|需求)已(?:满|取消)|"
                # "本职缺已于10月23日确定人选", "职缺关闭通知", "【已截止】"
                r"(?:已|已经)[^，。\n]{0,10}?确定(?:了)?人选|(?:职缺|岗位|职位)关闭|【已截止】|"
                r"(?:需求|岗位|职位|项目|招聘)[^。\n]{0,30}?(?:暂停|暂缓|取消|关闭)|暂不安排面试",
                10.0,  # outweighs the requirement a closing notice repeats
            ),
            (  # an acknowledgement, and a market report's figures
                r"(?:好的[，,]?\s*)?收到[，,。！!]|已收到|(?:内部|我们)(?:先)?(?:看一下|确认一下|讨论一下)|"
                r"(?:稍后|再)回复(?:您|你)|(?:有的话|有合适的)再联系|先看看有没有|薪资(?:与|和)?(?:职缺|趋势|报告|调查)|"
                r"平均(?:月薪|年薪|薪资|单价)|(?:成长|增长|上升)\s*\d+(?:\.\d+)?\s*%",
                5.0,
            ),
            (  # a reply declining a proposed candidate
                r"不(?:予)?录用|未(?:能)?通过(?:面试)?|没有通过|很遗憾|婉拒|暂不考虑|不考虑该(?:候选人|人选)",
                6.0,
            ),
            # a candidate withdrawn ("现撤回推荐", "已确定其他项目"): names them, offers nobody
            (
                r"(?:撤回|撤销|取消)(?:对)?[^,，。\n]{0,10}?(?:推荐|人选|候选人)|"
                r"(?:候选人|人选)[^,，。\n]{0,12}?(?:已|已经)?(?:撤回|撤销)|"
                r"(?:已|已经)(?:确定|决定|选择)(?:了)?(?:其他|其它)的?(?:项目|专案|案件|工作|公司|offer)|"
                r"(?:已|已经)入职其他",
                10.0,  # outweighs the profile the notice repeats, as a closing notice does
            ),
        ),
    },
    "en": {
        "project": _rules(
            (  # "we would like to bring on one bridge engineer", "give us an estimate for two
                # Android engineers", "suggest members"
                r"(?:we would like|we'd like|we want|we plan) to "
                r"(?:bring on|hire|engage|add|onboard) (?:one|a|an|two|three|\d+)\b|"
                r"(?:give|send|provide) us (?:an? )?(?:estimate|quote|quotation) for|"
                r"suggest members",
                6.0,
            ),
            (r"\brequirements?\b|\bJD\b|job description|\bjob order\b", 3.0),
            (r"\bpositions?\b|\bopenings?\b|\broles?\b|\bhiring\b|\bvacanc", 1.5),
            (r"must[- ]haves?|nice[- ]to[- ]haves?|required skills|\bduration\b", 2.0),
            (r"\bend client\b|(?<!your )\bclient\b|bill rate", 1.5),  # "your client": an offer
            (r"submit (?:your )?(?:best )?(?:candidates|profiles|resumes|consultants)", 1.5),
            (r"looking for|need (?:a|an|one|two|three|\d+)\b|seeking", 1.0),
            (
                r"(?<!looking for a )(?<!looking for )"
                r"new (?:req|requirement|position|role|opening)\b|"
                r"reply with (?:your )?(?:resume|cv|profile)|"
                r"send (?:me )?(?:your )?(?:resumes|profiles)|"
                # a vendor's questions on a role, answered: "> Is the TeamCity role still open?
                # Yes.", "the engineer has to be a US citizen", "Local Seattle-area candidates only"
                r"\bis the [^?\n]{0,40}\b(?:role|position|opening|req)\b[^?\n]{0,20}\bstill open\?|"
                r"\bthe (?:engineer|candidate|consultant|person) (?:has|needs|must) to be\b|"
                r"\blocal\b[^.\n]{0,30}\bcandidates only\b|"
                # "Resumes by Friday please"
                r"(?:resumes|cvs|profiles|submissions) (?:are )?(?:by|before|due)\b",
                3.0,
            ),
            (
                r"\bmust be\b|\b(?:is )?a (?:bonus|plus)\b|\bbudget\b|"
                r"\b(?:up to|max\.?|maximum|capped at) (?:\$|usd |eur |jpy )\s?\d|"
                r"\d\s*interviews?\b|\binterview rounds?\b",
                1.5,
            ),
            (  # a request told as a story: "need a senior SRE ... send them my way"
                r"(?:if you|do you) (?:know|have) (?:of )?"
                r"(?:someone|anyone|somebody|a (?:good )?fit)|"
                r"send (?:them|him|her|anyone|people) (?:my|our) way|"
                r"\b(?:need|needs|needing) (?:a|an|two|three) (?:\w+ ){0,3}for (?:a|an|our|the)\b|"
                r"(?:\d+|six|three|twelve|nine)[- ]month "
                r"(?:engagement|contract|project|assignment)|"
                r"(?:on|from) your bench|(?:if|do) you have any(?:one|body)\b|"
                r"is there (?:any(?:one|body)|someone|somebody) (?:on|in|at|from) your\b|"
                r"(?:any ideas|know (?:any(?:one|body)|someone|somebody)) "
                r"who (?:could|can|might)\b|"
                r"send (?:me |over )?(?:a |the |their )?(?:profile|resume|cv)s?(?: over)?\b|"
                r"interested vendors|"
                r"(?:rates?|availability) of your (?:people|consultants|resources)|"
                r"\bquote for\b|proposed team|"
                r"reply with your (?:proposal|proposed|team|quote|pricing)|"
                r"\ba team of (?:\w+ ){0,3}(?:engineers|developers|testers|consultants)\b|"
                r"\b(?:i|we) (?:do |also |now )?have (?:an? |one |another )?(?:new |open )?"
                r"(?:opening|position|role|requirement|req)\b|"
                r"we can pay|(?:growing|building|expanding) (?:our|the|their) [\w ]{0,20}team|"
                r"(?:would|we'd) like (?:them|someone|the person) to start",
                2.5,
            ),
            (
                r"\bneed(?:s|ed)? (?:a|an) [\w ./+#-]{0,30}?(?:engineer|developer|architect|"
                r"analyst|admin(?:istrator)?|consultant|lead|manager|tester|designer|scientist)\b|"
                r"local (?:candidates|consultants|profiles) only|\brate (?:is )?open\b|"
                r"do you have (?:a|an|any) [\w ./+#-]{0,40}?(?:developer|engineer|architect|"
                r"analyst|consultant|tester|admin(?:istrator)?)s?\b",
                2.5,
            ),
            (  # the candidate a project asks for, not one offered
                r"ideal candidates?|successful candidates?|the candidate (?:must|should|will)|"
                r"candidates? (?:must|should|need to|will need to) (?:have|be)|"
                r"\b(?:developer|engineer|architect|analyst|consultant|tester|lead|admin)s? "
                r"(?:needed|wanted|required)\b|\bneeded\s*[.:]",
                3.0,
            ),
            (
                r"\bRF[QP]\b|request(?:ing)? (?:for )?(?:quotes|proposals)|reply with candidates|"
                r"(?:reply|respond|get back to (?:me|us))(?: by \w+)? with (?:your )?"
                r"(?:available |suitable |matching )?(?:consultants|candidates|profiles|names)\b|"
                r"(?:engineers?|developers?|consultants?) to join (?:a|an|our|the|their)\b",
                3.0,
            ),
            (
                r"job title\s*:|position\s*:|duration\s*:|client\s*:|"
                r"contract[- ]to[- ]hire|\bC2H\b|"
                r"interview (?:mode|process)|mandatory skills|primary skills|"
                r"send (?:me )?(?:your )?(?:consultants?'?s?|candidates?'?) "
                r"(?:profiles?|resumes?)|"
                r"(?:submit|send|share) (?:me )?(?:your )?(?:best )?"
                r"(?:candidate|consultant)(?:'s|s'|s)? "
                r"(?:resumes?|cvs?|profiles?|details)|"
                r"\b(?:profiles?|candidates?|resources?) (?:wanted|needed|required)\b",
                2.0,
            ),
            (
                r"(?:urgent|immediate|direct client) (?:need|requirement|req)|we are looking for|"
                r"(?:must|should) have|required skills?|requirements?\s*:|job (?:title|id|code)|"
                r"please (?:share|send|submit)|"
                r"(?:share|send) (?:matching|suitable|relevant) profiles",
                2.0,
            ),
            (
                r"(?:client|customer|team) (?:is )?(?:looking|hiring|seeking)|"
                r"we (?:have(?! (?:an?|one|someone) (?:[\w.#+/-]+ ){0,3}?(?:engineer|developer|"
                r"consultant|architect|analyst|tester|resource)s? (?:who|that|with|available))|"
                r"are hiring)|"
                r"(?:share|send) (?:your )?(?:best )?(?:profiles|resumes|candidates)|job title|"
                r"responsibilities|qualifications|start date|contract length",
                2.0,
            ),
        ),
        "candidate": _rules(
            (  # "We have just the person.": an answer to an opening with someone
                r"\bwe have (?:just |exactly )?the (?:right |perfect |ideal )?"
                r"(?:person|candidate|engineer|consultant|profile)\b",
                4.0,
            ),
            (  # "Please consider the following consultant for the health app role"
                r"(?:please )?(?:consider|review|see) the following "
                r"(?:consultant|engineer|candidate|developer|resource|profile)s?\b",
                3.0,
            ),
            (r"hot ?list|(?<!your )(?<!your own )\bbench\b|available consultants?", 3.5),
            (
                r"(?:candidate|consultant)\s*:|here is (?:the |my |our )?(?:\w+ )?profile|"
                r"available (?:on|with|in) \d+\s*weeks?|\bnotice\b|"
                r"available\s*:\s*(?:immediately|now)",
                3.0,
            ),
            (r"willing to (?:work onsite|relocate)|onsite is fine|work auth|\bcertified\b", 1.5),
            (
                r"(?:any|suitable|relevant|matching) "
                r"(?:requirements?|positions?|openings?|roles?|projects?)"
                r" (?:for (?:him|her|them)|(?:that )?you (?:have|are working on|may have))|"
                r"for your (?:current |open |active )?"
                r"(?:requirements?|openings?|positions?|roles?)|"
                r"(?:consultant|candidate) name|open to c2c|relocation\s*:|current location|"
                r"for your [\w.#+/ -]{1,20} (?:requirements?|openings?|positions?|roles?)|"
                r"(?:sharing|introduce|submit(?:ting)?) (?:the |a |\w+'s )?(?:profile|resume)|"
                r"(?:partner'?s?|our) (?:consultant|engineer)'?s? (?:profile|resume)|"
                r"profile of (?:our|my|a|an) (?:partner'?s? )?(?:consultant|engineer|developer)",
                3.0,
            ),
            (
                r"(?:he|she|they) (?:has|have|is|are|holds?|lives?|prefers?|speaks?|works?|can|"
                r"finish(?:es)?|would|requires?|needs?|wants?|will)\b|\bfor (?:him|her)\b|"
                r"\b(?:analyst|developer|engineer|architect|tester|admin|manager|lead|master|"
                r"specialist|scientist|designer|administrator|dba)s? "
                r"(?:is |are )?(?:now )?available\b|(?:speak|talk|chat) (?:to|with) (?:him|her)\b|"
                r"^\s*name\s*:|(?:day|hourly|expected|desired) rate\s*:|"
                r"\b(?:his|her) (?:skills|experience|background|rate|availability)\b|"
                r"(?:just )?rolled off|(?:is|are) (?:currently )?on (?:the )?bench|"
                r"submit (?:the )?profile of",
                2.0,
            ),
            (r"consultants? (?:is |are )?available", 3.5),
            (  # "we have an engineer who meets your client's requirements"
                r"\b(?:we|i) (?:have|got) (?:an?|one|two|three|someone|somebody) "
                r"(?:[\w.#+/-]+ ){0,3}?"
                r"(?:engineers?|developers?|consultants?|architects?|analysts?|testers?|resources?)"
                r" (?:who|that|with|available|for you)\b|"
                r"\b(?:meets|matches|fits) (?:all )?(?:of )?(?:your|the) (?:client'?s? )?"
                r"(?:requirements?|needs?|jd|role|position)\b|"
                r"\bavailable (?:from )?(?:\d{1,2}/\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)\b)|"
                r"references (?:available|on request|upon request)",
                3.5,
            ),
            (  # whose employee the person is (commercial depth): only an offer says it
                r"employed by (?:our |a |the )?partner|\bemployee of (?:our|a|the|my)\b|"
                r"\b(?:our|a) (?:own|direct) employee|\bdirect employee\b|"
                r"\bpartner'?s? (?:vendor|employee|company's employee)|"
                r"(?:like to|would|we) (?:propose|recommend|introduce)\b|"
                r"\b(?:asking|expected|desired) (?:rate )?(?:of )?(?:\$|usd|eur|jpy|cad)",
                3.0,
            ),
            (  # an offer in other words: "now free for a new project", "our W2 employee"
                r"(?:open|free|ready|available) for (?:a |his |her |their )?(?:next |new )"
                r"(?:assignment|project|role|opportunit|contract)|"
                r"\b(?:his|her|their) (?:full |updated |detailed )?(?:resume|cv|profile)s?\b|"
                r"\bour (?:w-?2|c2c|1099) (?:employee|consultant|resource)s?\b|"
                r"\bavailable (?:candidates|consultants|engineers|developers|resources|profiles)\b|"
                r"(?:introduce|present) (?:\w+ ){0,3}"
                r"(?:developers|engineers|consultants|testers)\b|"
                r"\bcvs? (?:are )?(?:available|attached) (?:on|upon)? ?request|"
                r"pre-?screened|can interview (?:this|next|tomorrow)",
                3.0,
            ),
            (
                r"resume (?:for|of) [A-Z][a-z]+|attached is (?:the |his |her )?(?:updated )?resume|"
                r"available to interview|rate (?:is )?confirmed|"
                r"authori[sz]e\b[^\n]{0,60}\bto represent me|not been submitted by|"
                r"(?:is|are|am) (?:currently )?looking for (?:[\w/-]+ ){0,3}"
                r"(?:roles?|positions?|projects?|opportunit(?:y|ies)|assignments?|contracts?)\b|"
                r"\bmy consultant [A-Z][a-z]+ is\b",
                3.0,
            ),
            (  # the engineer writing for themself
                r"\bI am an? [\w ./+#-]{0,30}?(?:engineer|developer|consultant|architect|analyst|"
                r"tester|administrator)\b|looking for my (?:next|new)|\bmy (?:resume|cv)\b",
                3.0,
            ),
            (
                r"(?:strong|good|great|perfect|close) (?:match|fit) for (?:this|your|the)\b|"
                r"(?:candidate|consultant)'?s? details|"
                r"details of (?:my|our) (?:consultant|candidate)",
                3.0,
            ),
            (r"\bresumes? attached|attached (?:is )?(?:the |my )?resume|\bprofile of\b", 2.0),
            (r"available (?:from|immediately|now|to start)", 2.0),
            (r"currently available|immediate joiner", 2.0),
            (r"\bcandidate\b|\bmy consultant\b|our consultant|years? of experience", 1.0),
            (r"\brelocat|\bvisa\b|H-?1B|\bGC\b|\bOPT\b", 0.5),
            (
                r"(?:is|are) (?:now )?"
                r"(?:available|looking for (?:a |his |her |their )?(?:next|new))|"
                r"looking for (?:a |his |her )?(?:new|next) (?:role|project|assignment|opportunit)|"
                r"open to (?:new )?(?:roles|projects|opportunities)|"
                r"available for (?:new )?(?:roles|projects)",
                3.0,
            ),
            (
                r"please find (?:the |my )?(?:attached )?(?:resume|cv|profile)|"
                r"candidate (?:summary|profile)|"
                r"profile summary|\bhis (?:resume|experience)\b|\bher (?:resume|experience)\b|"
                r"(?:our|my) (?:w2 |c2c )?(?:consultant|engineer|developer|candidate)s?\b",
                2.5,
            ),
            (
                r"expected rate|current location|notice period|visa status|work authori[sz]ation",
                1.5,
            ),
        ),
        "other": _rules(
            (  # a withdrawn person, a status question about people already sent
                r"take (?:him|her|them) out\b|(?:pull|take) (?:him|her|them) off\b|"
                r"remove (?:him|her|them) from (?:the|your|all)|any word from (?:the )?client|"
                r"has the client had a chance|just checking in|(?:any )?(?:update|news) on "
                r"(?:the )?(?:candidates|profiles|submissions?)",
                8.0,
            ),
            (r"invoice|payment|timesheet|expense|receipt", 2.0),
            (
                r"newsletter|unsubscribe|webinar|register (?:now|here|today)|"
                r"market (?:report|trends|update)|salary (?:guide|survey)|"
                r"(?:median|average) (?:contract |hourly |bill |day )?rates?\b|"
                r"\bscorecard\b|\bfill rates?\b|time[- ]to[- ](?:fill|submit|hire)|"
                r"industry (?:news|insights)|"
                r"our (?:latest|monthly|weekly) (?:issue|report|update)|survey|conference|"
                r"office (?:closure|closed)|holiday (?:schedule|notice)",
                3.0,
            ),
            (r"meeting|webinar|newsletter|unsubscribe|happy hour|holiday|party|lunch", 2.0),
            (r"password|out of office|reminder|maintenance|account", 1.5),
            (
                r"\bNDA\b|docusign|please sign|sign the attached|e-?signature|countersign|"
                r"\bwork order\b|subcontract(?:or)? agreement|\bI-9\b",
                2.5,
            ),
            (
                r"congratulations|welcome aboard|onboarding|background check|"
                r"referral (?:bonus|program)|"
                r"job fair|career fair|happy (?:holidays|new year|thanksgiving)|"
                r"(?:moving|new) office|"
                r"policy update",
                2.5,
            ),
            (
                r"out of (?:the )?office|automatic reply|auto-?reply|on (?:annual )?leave|"
                r"thank you for (?:taking the time|the interview|today's interview|interviewing)|"
                r"interview(?:ing)? me\b",
                5.0,
            ),
            (
                r"(?:will|i'll|we'll) (?:go through|review|look at|check) (?:it|this|them)\b"
                r"[^\n.]{0,30}(?:get back|revert|reply)|\breceived,? (?:with )?thanks\b|"
                r"(?:shared|forwarded|circulated) (?:it|this) (?:with|to) (?:our|the) "
                r"[\w ]{0,20}team|"
                r"will let you know (?:by|within|next|tomorrow|shortly|soon)\b|"
                r"job alerts?\b|new jobs? (?:matching|for you)|saved search|\bapply now\b|"
                r"hiring freeze|no (?:new|further) submissions|"
                r"accepted another offer|withdraws? from|(?:has|have) withdrawn|"
                r"please withdraw (?:him|her|them|the candidate)|^withdrawal\b|"
                r"\bno longer available\b|"
                r"(?:interview|panel|client)(?:'s)? feedback|"
                r"feedback (?:from|of) the (?:panel|client)|"
                r"reference check|as (?:a|one of (?:his|her|their)) references?\b|"
                r"\b(?:be|been|is|was) withdrawn\b|"
                r"(?:will not|won't|not|decided not to) (?:be )?(?:move|moving) forward|"
                r"decided to pass|not (?:been )?selected|went with another (?:candidate|vendor)|"
                r"meetup|\brsvp\b|networking (?:event|evening|night)|join us for|"
                r"\bw-?9\b|certificate of insurance|\bCOI\b|purchase orders?|remittance|\bACH\b|"
                r"rate increase|rates? (?:will )?increase|"
                r"background check (?:has )?(?:cleared|completed)|"
                r"vendor (?:onboarding|network|management)|already (?:been )?submitted|"
                r"interview (?:is )?(?:confirmed|scheduled|confirmation)|confirming the interview|"
                r"(?:calendar )?invite has been sent|"
                r"(?:has been|is now|is|was) (?:filled|closed|cancelled|canceled|put on hold)\b|"
                r"keep me posted|no longer (?:open|active)\b|(?:has|have) made (?:a|an|the) hire|"
                r"position (?:is )?(?:closed|filled|on hold)|no longer accepting|"
                r"(?:will not|won't) (?:review|accept) (?:new|any more|further) "
                r"(?:submissions|profiles)",
                6.0,
            ),
        ),
    },
}


def classify_by_rules(item: EmailForClassification) -> Classification:
    """The offline classifier: weighted phrases of the email's language (subject counted
    twice), plus the shipped naive Bayes layer, which reads the layouts no rule names."""
    return classify_with(item, shipped_model())


def classify_with(item: EmailForClassification, model: NaiveBayes | None) -> Classification:
    """The rule scores plus `model`'s log-probabilities (rules alone when it is None)."""
    scores = rule_scores(item)
    if model is not None:
        log_probs = model.log_probs(features(item))
        top = max(log_probs.values())
        for category in CATEGORIES:
            scores[category] += NB_WEIGHT * (log_probs[category] - top)
    return _decide(scores)


def rule_scores(item: EmailForClassification) -> dict[Category, float]:
    """Each category's rule score, the prior of "other" included."""
    language = item.language if item.language in RULES else "en"
    subject = _normalise(item.subject, item.language)
    text = item.text[:6000]
    if _REPLY.match(item.subject):
        # A reply is what it says itself; the answered mail below it decides only when the
        # reply says nothing of its own ("see below").
        own = _without_thanks(_without_original(_own_lines(text)))
        scores = _scores(language, subject, _body(own, item.language), _REPLY_SUBJECT_WEIGHT)
        if sum(scores.values()) < _REPLY_SIGNAL:
            whole = _without_thanks(_without_quotes(text))
            scores = _scores(language, subject, _body(whole, item.language), _REPLY_SUBJECT_WEIGHT)
    else:
        body = _body(_without_quotes(text), item.language)
        scores = _scores(language, subject, body, _SUBJECT_WEIGHT)
    scores["other"] += _OTHER_PRIOR
    return scores


# Scores are summed log-odds-like evidence (a phrase weighs 1.5-6): a softmax at this temperature
# gives the best category's probability. Left out on the dev sets, the mails it got wrong had a
# mean confidence of 0.64 and the right ones 0.94 (the old margin formula: 0.84 and 0.98).
_CONFIDENCE_TEMPERATURE = 4.0


def _decide(scores: dict[Category, float]) -> Classification:
    best = max(CATEGORIES, key=lambda c: scores[c])
    spread = sum(math.exp((v - scores[best]) / _CONFIDENCE_TEMPERATURE) for v in scores.values())
    return Classification(best, round(min(0.99, 1.0 / spread), 3), "rules")


def _body(text: str, language: str | None) -> str:
    return _normalise(_without_boilerplate(text), language)


def _scores(language: str, subject: str, body: str, subject_weight: float) -> dict[Category, float]:
    """Each category's weighted phrase count (body matches capped at 3 per phrase)."""
    scores: dict[Category, float] = {category: 0.0 for category in CATEGORIES}
    for category, pattern, weight in _weighted_rules(language):
        found = min(len(pattern.findall(body)), 3) + subject_weight * bool(pattern.search(subject))
        scores[category] += weight * found
    if project_block_count(body) > 1:
        scores["project"] += 6.0
    return scores


@cache
def _weighted_rules(language: str) -> tuple[tuple[Category, re.Pattern[str], float], ...]:
    """(category, pattern, weight) of every rule a mail in `language` is read with, in order.

    Chinese vendors write Japanese labels (単価, 稼働) and Japanese mail quotes Chinese: the
    other CJK language's rules count at half weight.
    """
    rule_sets = [(RULES[language], 1.0)]
    if language in _CJK_PARTNER:
        rule_sets.append((RULES[_CJK_PARTNER[language]], _PARTNER_WEIGHT))
    return tuple(
        (category, pattern, scale * weight)
        for rule_set, scale in rule_sets
        for category, rules in rule_set.items()
        for pattern, weight in rules
    )


def _own_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not QUOTED_LINE.match(line))


def _without_quotes(text: str) -> str:
    """The mail without '>' quoted lines when it says enough of its own: a reply that
    introduces a candidate quotes the question that asked for one."""
    lines = text.splitlines()
    own = unquoted_lines(lines)
    return text if own is lines else "\n".join(own)


# Where a reply's copy of the answered mail starts, when it is not '>' quoted.
_ORIGINAL = re.compile(
    r"^\s*(?:-{2,}\s*original message\s*-{2,}|-{2,}\s*原始邮件\s*-{2,}|"
    r"on .{4,80}wrote:|在.{4,80}写道[:：]|.{4,80}(?:のメール|さんは書きました)[:：]?)\s*$",
    re.I | re.M,
)


def _without_original(text: str) -> str:
    """A reply without the answered mail below it, when the reply says enough of its own."""
    found = _ORIGINAL.search(text)
    if found and sum(1 for line in text[: found.start()].splitlines() if line.strip()) >= 3:
        return text[: found.start()]
    return text


# "Thanks for sharing the requirement", "ご紹介ありがとうございます", "谢谢推荐": in a reply, the
# thanked thing is the answered mail's offer, not the sender's.
_THANKS = re.compile(
    r"[^\n.!?。！？]*(?:\b(?:thanks|thank you) for (?:sharing |the |your )[^\n.!?]*|"
    r"(?:ありがとうございます|ありがとうございました|感謝いたします)|"
    r"(?:^|[\n，,。])\s*(?:谢谢|感谢|謝謝|感謝|多谢)[^\n。！!，,]{0,20})[.!?。！？，,]?",
    re.I,
)


def _without_thanks(text: str) -> str:
    return _THANKS.sub(" ", text)


# A sign-off, then a footer with legal boilerplate: "This email is confidential ... to
# unsubscribe reply REMOVE" says nothing of the mail above it, but "unsubscribe" scores "other".
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:thanks|thank you|many thanks|regards|best|best regards|warm regards|"
    r"kind regards|sincerely|cheers|thanks (?:&|and) regards)[,!.]?|--|[━─=＝_\-]{8,}|"
    r"以上(?:、|。)?.{0,20})\s*$",
    re.I | re.M,
)
_LEGAL_FOOTER = re.compile(
    r"confidential|intended recipient|privileged|disclaimer|機密|秘密情報|誤送信|心当たり|"
    r"保密|机密|误收|誤收",
    re.I,
)


def _without_boilerplate(text: str) -> str:
    for sign_off in _SIGN_OFF.finditer(text):
        tail = text[sign_off.end() :]
        if _LEGAL_FOOTER.search(tail) and len(text[: sign_off.start()].strip()) >= 80:
            return text[: sign_off.start()]
    return text


def project_block_count(text: str) -> int:
    """How many 【案件名】-style project blocks a normalised mail holds (each is a project)."""
    count = block_heading_count(text)
    return count if count > 1 else 0


@lru_cache(maxsize=16)
def _normalise(text: str, language: str | None) -> str:
    """The text as the extractor's phrase readers see it (`Prepared.prose`): one normal form.
    Cached: the rules and the statistical layer read the same subject and, mostly, body."""
    return prepare(text, language).prose


# --- Statistical layer --------------------------------------------------------------------
# A binary multinomial naive Bayes over words, word pairs and CJK character 1-3 grams, trained
# on the dev fixtures only (pipeline_tests/emails/train_classifier.py writes the counts file).
# Rules alone read 0.56 of a fresh English dev set; rules plus this layer at NB_WEIGHT 0.4
# (chosen by leave-one-set-out on the dev sets) read all but a few of each set.

NB_WEIGHT = 0.4
NB_ALPHA = 0.5
MODEL_PATH = Path(__file__).with_name("vocabulary") / "classification_counts.tsv"
_WORD = re.compile(r"[a-z][a-z0-9+#./'-]*|\d+")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")


def features(item: EmailForClassification) -> set[str]:
    """The layer's features of one mail: its own lines (quotes dropped as the rules drop
    them), normalised as the extractor reads them, lower-cased."""
    body = _own_text(item.subject, item.text[:6000])
    text = f"{_normalise(item.subject, item.language)}\n{_normalise(body, item.language)}".lower()
    words = _WORD.findall(text)
    found = {"w:" + w for w in words}
    found.update([f"b:{a} {b}" for a, b in pairwise(words)])
    for run in _CJK_RUN.findall(text):
        found.update(["c1:" + c for c in run])
        found.update(["c2:" + run[i : i + 2] for i in range(len(run) - 1)])
        found.update(["c3:" + run[i : i + 3] for i in range(len(run) - 2)])
    return found


def _own_text(subject: str, text: str) -> str:
    """A reply's own lines, above the answered mail, when it has any ("Thanks, will check"
    is an acknowledgement whatever it quotes); any other mail as the rules read it."""
    if _REPLY.match(subject):
        own = _own_lines(text)
        found = _ORIGINAL.search(own)
        own = own[: found.start()] if found else own
        if own.strip():
            return own
    return _without_quotes(text)


@dataclass(frozen=True)
class NaiveBayes:
    """Per-category document counts and, per feature, how many documents of each category
    hold it (a feature counts once per mail)."""

    documents: tuple[int, int, int]
    counts: dict[str, tuple[int, int, int]]

    @classmethod
    def train(cls, examples: Iterable[tuple[EmailForClassification, Category]]) -> NaiveBayes:
        documents = [0, 0, 0]
        counts: dict[str, list[int]] = {}
        for item, label in examples:
            column = CATEGORIES.index(label)
            documents[column] += 1
            for feature in features(item):
                counts.setdefault(feature, [0, 0, 0])[column] += 1
        return cls(tuple(documents), {f: tuple(c) for f, c in counts.items()})  # type: ignore[arg-type]

    @cached_property
    def _tables(self) -> tuple[list[float], dict[str, tuple[float, float, float]]]:
        totals = [sum(c[i] for c in self.counts.values()) for i in range(3)]
        size = len(self.counts)
        denominators = [math.log(t + NB_ALPHA * size) for t in totals]
        weights = {
            feature: tuple(math.log(c[i] + NB_ALPHA) - denominators[i] for i in range(3))
            for feature, c in self.counts.items()
        }
        all_documents = sum(self.documents) + 3
        priors = [math.log((d + 1) / all_documents) for d in self.documents]
        return priors, weights  # type: ignore[return-value]

    def log_probs(self, found: set[str]) -> dict[Category, float]:
        priors, weights = self._tables
        first, second, third = priors
        get = weights.get
        for row in map(get, found):  # three running sums, added in the features' order
            if row is not None:
                first += row[0]
                second += row[1]
                third += row[2]
        return dict(zip(CATEGORIES, (first, second, third), strict=True))

    def dumps(self) -> str:
        """Tab-separated lines, sorted: documents first, then feature and its three counts."""
        lines = ["\t".join(["#documents", *map(str, self.documents)])]
        lines += ["\t".join([f, *map(str, c)]) for f, c in sorted(self.counts.items())]
        return "\n".join(lines) + "\n"

    @classmethod
    def loads(cls, text: str) -> NaiveBayes:
        rows = [line.split("\t") for line in text.splitlines() if line]
        documents = tuple(int(v) for v in rows[0][1:])
        counts = {row[0]: tuple(int(v) for v in row[1:]) for row in rows[1:]}
        return cls(documents, counts)  # type: ignore[arg-type]


@cache
def shipped_model() -> NaiveBayes | None:
    """The counts file shipped beside the vocabularies (None, rules alone, without it)."""
    if not MODEL_PATH.exists():
        log.warning("no %s: classifying by rules alone", MODEL_PATH.name)
        return None
    return NaiveBayes.loads(MODEL_PATH.read_text(encoding="utf-8"))


# --- LLM path ------------------------------------------------------------------------


class LLMClassificationError(PipelineError):
    """The model's answer was missing, malformed or did not cover the batch."""


class EmailLabel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int
    category: Category
    confidence: float


class EmailLabels(BaseModel):
    """The structured output we ask for: one label per email, by index."""

    model_config = ConfigDict(extra="forbid")

    labels: list[EmailLabel]


SYSTEM_PROMPT = (
    "You sort a staffing firm's inbox (Japanese, Chinese, English). For each email decide: "
    "'candidate' (an engineer or consultant offered: 人材/要員/简历/hotlist/bench), 'project' "
    "(a job or project looking for people: 案件/要員募集/岗位/requirement/JD), or 'other'. "
    "要員募集 means the sender is recruiting, so it is a project. Return one label per email "
    "index with a confidence between 0 and 1."
)
_MAX_PROMPT_CHARS = 3000


class LLMClassifier:
    """Classifies in batches with OpenAI structured outputs; degrades batch → single → rules."""

    def __init__(self, client: Any, model: str, batch_size: int = 10) -> None:
        self.client = client
        self.model = model
        self.batch_size = max(1, batch_size)

    @property
    def name(self) -> str:
        return f"llm:{self.model}"

    def classify(self, items: Sequence[EmailForClassification]) -> list[Classification]:
        results: list[Classification] = []
        for start in range(0, len(items), self.batch_size):
            results.extend(self._classify_batch(items[start : start + self.batch_size]))
        return results

    def _classify_batch(self, batch: Sequence[EmailForClassification]) -> list[Classification]:
        try:
            return self.ask(batch)
        except LLMClassificationError as e:
            log.warning("LLM batch of %d failed (%s); retrying one email at a time", len(batch), e)
        results = []
        for item in batch:
            try:
                results.extend(self.ask([item]))
            except LLMClassificationError as e:
                log.warning("LLM failed on one email (%s); falling back to rules", e)
                fallback = classify_by_rules(item)
                results.append(Classification(fallback.category, fallback.confidence, "rules"))
        return results

    def ask(self, batch: Sequence[EmailForClassification]) -> list[Classification]:
        """One chat-completions request; raises LLMClassificationError on any failure."""
        import openai

        payload = [
            {"index": i, "subject": item.subject[:300], "text": item.text[:_MAX_PROMPT_CHARS]}
            for i, item in enumerate(batch)
        ]
        try:
            response = self.client.chat.completions.create(
                model=self.model,
                temperature=0,
                messages=[
                    {"role": "system", "content": SYSTEM_PROMPT},
                    {"role": "user", "content": json.dumps(payload, ensure_ascii=False)},
                ],
                response_format=response_format(),
            )
            content = response.choices[0].message.content or ""
            labels = EmailLabels.model_validate_json(content).labels
        except (openai.OpenAIError, ValidationError, IndexError, AttributeError) as e:
            raise LLMClassificationError(f"{type(e).__name__}: {str(e)[:200]}") from e
        by_index = {label.index: label for label in labels}
        if sorted(by_index) != list(range(len(batch))):
            raise LLMClassificationError(f"labels for {sorted(by_index)}, expected {len(batch)}")
        return [
            Classification(
                by_index[i].category, min(1.0, max(0.0, by_index[i].confidence)), self.name
            )
            for i in range(len(batch))
        ]


def response_format() -> dict[str, Any]:
    """The json_schema response format built from the pydantic model (strict mode)."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "email_labels",
            "strict": True,
            "schema": EmailLabels.model_json_schema(),
        },
    }


def llm_classifier_from_settings(settings: Any) -> LLMClassifier | None:
    """An LLMClassifier when LLM_MODEL is set, else None (offline rules)."""
    return llm_classifier(LLMConfig.from_settings(settings))


def llm_classifier(config: LLMConfig) -> LLMClassifier | None:
    """An LLMClassifier for the configured model, else None (offline rules)."""
    if not config.model:
        return None
    return LLMClassifier(config.client(), config.model, batch_size=config.batch_size)
