"""One normalisation per block: width, enumerators, traditional Chinese, SES-style labels.

Every field reads the same `Prepared` text, so a block is normalised once rather than once per
field. NFKC alone would turn "①Java" into "1Java" and hide the skill behind a digit, so list
markers are rewritten to a bullet first; traditional Chinese is folded to simplified only in
blocks without kana (a Japanese 時給 must stay 時給).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Enumerators that NFKC would turn into bare digits or letters: ①..⑳, ⑴..⒇, ⒈..⒛, ❶..❿, ➀..➓,
# ㉑..㊿, Ⓐ..ⓩ. Each becomes a bullet so the item after it starts a fresh token.
_ENUMERATORS = re.compile("[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
# "1." / "1)" / "(1)" / "1、" / "a)" at the start of a line (not "2.5万" or "3年").
_LINE_NUMBERING = re.compile(
    r"^(\s*)(?:\(\s*\d{1,2}\s*\)|\d{1,2}\s*[.)、:](?!\d)|[a-zA-Z]\s*\)|[-*•+‧]\s)\s*", re.M
)

# Traditional -> simplified. The first set never appears in Japanese text and is always folded;
# the second is shared with Japanese (時, 間, 長) and folded only in Chinese text: a mail
# detected as zh, or a block without kana that already shows traditional-only characters.
_TRADITIONAL_ONLY = (
    "們们 聯联 經经 驗验 點点 應应 歷历 單单 價价 發发 從从 實实 歲岁 齡龄 證证 總总 專专 與与 "
    "對对 來来 內内 區区 灣湾 臺台 號号 樣样 學学 條条 擔担 當当 據据 體体 營营 獨独 轉转 產产 "
    "將将 續续 邊边 數数 處处 歡欢 齊齐 戶户 樂乐 廣广 濱滨 莊庄 滬沪 讓让 覺觉 錄录 驅驱 萬万 "
    "腳脚 檔档 檢检 覽览 讀读 寫写 聽听 說说 輕轻 鬆松 權权 參参 擇择 惠惠 團团 斷断 雙双 傳传 "
    "狀状 屬属 驛驿 鐵铁 崗岗 徵征 劃划 嗎吗 麼么 國国 圓圆 辦办 會会 夥伙 亞亚 賓宾 緬缅 "
    "羅罗 烏乌 魯鲁"
)
_TRADITIONAL_SHARED = (
    "時时 間间 長长 開开 業业 務务 項项 簡简 選选 語语 預预 議议 書书 計计 員员 個个 請请 謝谢 "
    "絡络 電电 話话 郵邮 優优 勢势 進进 備备 級级 無无 為为 門门 週周 庫库 構构 測测 試试 維维 "
    "運运 態态 負负 責责 協协 調调 換换 環环 該该 別别 紹绍 現现 階阶 約约 線线 網网 機机 習习 "
    "雲云 額额 費费 報报 幣币 須须 練练 準准 確确 標标 題题 車车 東东 漢汉 陽阳 蘇苏 寧宁 連连 "
    "紐纽 爾尔 蘭兰 納纳 過过 還还 紀纪 師师 術术 軟软 設设 護护 節节 組组 織织 際际 動动 幾几 "
    "億亿 統统 視视 頁页 碼码 認认 親亲 筆笔 難难 規规 範范 隊队 頭头 離离 況况 導导 輸输 龍龙 "
    "齒齿 鐘钟 錢钱 銀银 鋼钢 錯错 遠远 薦荐 駐驻 資资 職职 場场 貴贵 僅仅 華华 馬马 義义 廠厂 層层"
)


def _table(pairs: str) -> dict[int, str]:
    return str.maketrans({p[0]: p[1] for p in pairs.split() if len(p) == 2 and p[0] != p[1]})


_FOLD_ONLY = _table(_TRADITIONAL_ONLY)
_FOLD_ALL = _table(_TRADITIONAL_ONLY + " " + _TRADITIONAL_SHARED)
_BOX_BARS = str.maketrans(dict.fromkeys("│┃║", "|"))
# A quoted line of a reply: mail clients put the ">" in the first column; an indented " > " is
# the sender's own bullet ("Profile / > Initials: T.K.").
QUOTED_LINE = re.compile(r"^[>＞]")


# Where a forwarded mail begins inside the one that forwards it.
FORWARD_MARKER = re.compile(
    r"^\s*(?:-{2,}\s*(?:Forwarded message|転送(?:された)?メッセージ|[转轉][发發寄](?:的)?[邮郵]件)"
    r"\s*-{2,}|Begin forwarded message:|"
    # "——以下轉寄自客戶窗口——": a rule around a forward word
    r"[-—–―=]{2,}[^\n]{0,16}?(?:[转轉][寄发發]|転送|forwarded)[^\n]{0,16}?[-—–―=]{2,})\s*$",
    re.I | re.M,
)


def unquoted_lines(lines: list[str]) -> list[str]:
    """The lines that are not '>' quoted when they say enough of their own (three that are not
    blank), else all of them: a reply that only says "see below" is read through its quote.
    Quoted lines below a forward marker stay: they are the forwarded mail, not an answered one."""
    forward = next((i for i, line in enumerate(lines) if FORWARD_MARKER.match(line)), len(lines))
    own = [line for i, line in enumerate(lines) if i > forward or not QUOTED_LINE.match(line)]
    return own if sum(1 for line in own if line.strip()) >= 3 else lines


_KANA = re.compile("[\u3040-\u30ff]")
_TRADITIONAL_MARK = re.compile("[" + "".join(p[0] for p in _TRADITIONAL_ONLY.split()) + "]")


def to_simplified(text: str, language: str | None = None) -> str:
    """Traditional Chinese folded to simplified; Japanese-shared forms only in Chinese text."""
    chinese = language == "zh" or (
        language is None and not _KANA.search(text) and bool(_TRADITIONAL_MARK.search(text))
    )
    return text.translate(_FOLD_ALL if chinese else _FOLD_ONLY)


def normalise(text: str, language: str | None = None) -> str:
    """NFKC with enumerators kept as bullets, '~' for every wave dash, traditional folded."""
    text = _ENUMERATORS.sub(" ・", text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("〜", "~").replace("～", "~").replace("〰", "~")
    text = text.translate(_BOX_BARS)  # "│国籍│日本│" is a table row like "|国籍|日本|"
    text = _LINE_NUMBERING.sub(r"\1・", text)
    return to_simplified(text, language)


# Plain-text mail is hard-wrapped at ~72 columns (~36 full-width): "pays 750,000 to\n900,000 JPY"
# and "up to one company\naway" are one phrase. A long line that stops mid-sentence is joined
# to a next line that does not start a new item (bullet, label, quote, heading); a lower-case
# word goes on the sentence ("His Japanese is\nconversational: fine for lunch").
_WRAPPED = re.compile(
    r"(?m)^(?P<line>[^\n]*[^\s。．.!?！？:：;；)）】\]>|])[ \t\r]*\n"
    r"(?=[ \t]*(?:[a-z]|"
    r"(?![・■◆●□◇○▼▽▲△▶►★☆※◎\-*•>＞【\[|]|[(（]\d|\d+[.)]|[^\n:：]{1,20}[:：]|"
    r"[^\n:：.]{1,24}?[ \t]*\.{3,})\S))"
)


_LONG_LINE = re.compile(r"[^\n]{28,}")  # 56 columns: 28 full-width characters


def unwrap(text: str) -> str:
    """Hard-wrapped prose lines joined back into one line each (see `_WRAPPED`)."""
    if not _LONG_LINE.search(text):  # no line is long enough to have been wrapped
        return text
    return _WRAPPED.sub(_join_wrapped, text)


# Lines that are no wrapped prose: a rule ("-----", "━━━"), a row of columns aligned with
# runs of spaces ("イニシャル  最寄駅      経験  単価") or cut by pipes, whose next line is the
# next row.
_RULE_LINE = re.compile(r"^\s*[-=_─━*~#・.]{6,}\s*$")
_SPACED_COLUMNS = re.compile(r"\S[ \t]{2,}\S.*\S[ \t]{2,}\S")


def _join_wrapped(match: re.Match[str]) -> str:
    line = match.group("line")
    if _RULE_LINE.match(line) or _SPACED_COLUMNS.search(line.strip()) or line.count("|") >= 2:
        return match.group(0)  # (a rule, or a table row: the next line is the next row)
    wide = sum(1 for c in line if ord(c) > 0x2E7F)  # CJK takes two columns
    if len(line) + wide < 56:
        return match.group(0)
    return line if line[-1:] > "\u2e7f" else f"{line} "


# "【単価】", "■勤務地：", "★国籍=日本": a bracketed label, or a bulleted one before ':' or '='.
_BRACKET_LABEL = re.compile(
    r"^(\s*)(?:[【\[［<〈《〔「『]\s*([^】\]］>〉》〕」』\n]{1,14}?)\s*[】\]］>〉》〕」』]\s*[:：]?|"
    r"[■◆●・□◇○〇◯▼▽▲△▶►★☆※◎♦◉▪▸➤\-*·•→]\s*([^:：=\n]{1,14}?)\s*[:：=])[ \t]*"
)
# "Nationality .. Vietnamese", "Start ........ April 1": a label, dot leaders, its value.
# "国籍・・・日本", "稼働 ーー 即日", "Start ⇒ June", "start -> May 1": leaders and arrows stand for
# the colon too.
_DOT_LEADER = re.compile(
    r"^(\s*(?:[・*•\-][ \t]*)?[^\s.:：・ー─|-][^.:：\n]{0,24}?)"
    r"[ \t]*(?:\.{2,}|・{2,}|[ー─\-]{2,}|→|⇒|-+>|=+>)[ \t]*(?=\S)"
)


# Labels a table cell or a line of its own may hold ("国籍" above "日本" in an HTML table).
_KNOWN_LABEL = re.compile(
    r"(?:氏名|名前|イニシャル|年齢|性別|国籍|最寄(?:り)?駅?|住所|居住地|現住所|(?:主要|保有)?スキル|"
    r"技術|言語|経験|経験年数|開発経験|(?:希望)?単価|金額|予算|報酬|開始(?:可能)?(?:時期|日)?|"
    r"稼働(?:開始|可能日|時期|日)?|勤務(?:地|形態)?(?:希望)?|基本情報|"
    r"参画(?:可能日|時期)?|期間|場所|作業場所|リモート|在宅|商流|所属|面談(?:回数)?|外国籍|"
    r"日本語(?:レベル|能力)?|資格|備考|(?:必須|尚可|歓迎)(?:スキル|要件)?|(?:業務)?内容|案件名|精算|"
    r"(?:募集)?人数|姓名|年龄|性别|技能|技术栈|工作年限|工作经验|期望(?:薪资|单价)|单价|薪资|预算|"
    r"到岗(?:时间)?|可?入场(?:时间|日期)?|可?进场(?:时间|日期)?|到职|可?开始(?:时间|日期|日)?|技术|工作内容|工作地点|地点|现住址|现居|日语(?:水平)?|远程|面试|项目(?:名称)?|"
    r"岗位|要求|必须|优先|加分(?:项)?|(?:工作)?方式|国籍|所在(?:城市|地)|居住(?:城市|地)|现居(?:住)?地|"
    r"(?:希望)?勤務(?:希望)?|住まい|日本語能力|可?到岗(?:日期)?|国家|入場(?:可能日|時期|日)?|着任(?:日|時期)?|"
    r"空き(?:予定|状況)|"
    r"name|skills?|experience|rate|location|where|availability|visa|work authorization|remote|"
    r"start(?: date)?|duration|budget|bill rate|nationality|citizenship|japanese(?: level)?|"
    r"interviews?|available(?: from)?|lives? in|work style|"
    r"must have|働き方|勤務形態|"
    r"nice to have|required|preferred|title|position|"
    # the fields of a hotlist row or a profile table that a header names
    r"engagement|employment(?: type)?|employer|contract(?: type)?|notice(?: period)?|work mode|"
    r"work arrangement|working style|current location|residence|languages?|english|jlpt|"
    r"joining|earliest start|expected rate|desired rate|visa status|layer|tier|"
    r"雇用形態|契約形態|在留資格|ビザ|英語|出社|所属会社|可?[報报]到日?|上工|办公方式|合作方式|"
    r"所属公司|所屬公司|雇佣(?:关系|形式)|[层層]级|"
    # a profile table's "Home" column; a project table's 專案啟動 (kick-off) row
    r"home(?: base)?|hometown|(?:[专專]案|[项項]目)?[启啟][动動](?:[时時][间間]|日期)?|"
    # more header cells of profile tables, so one unknown column does not unpair the rest
    r"initials|age|gender|country|city|area|based in|base location|(?:nearest )?station|"
    r"main skills|tech stack|total experience|monthly rate|avail\.?|work preference|affiliation|"
    r"company|role|notes|remarks|居住|城市|[经經]验|[备備]注|[备備]註|[远遠]端|可到[职職]|日[语語]|[报報][价價]|"
    r"现住|現住|IT\s*(?:[经經]验|経験)|主要技能|"
    r"consultant|candidate|engineer|total|work auth(?:orization)?|"
    r"(?:window|engagement|contract|assignment|project) (?:opens|begins|starts|commences))",
    re.I,
)
# "国籍　日本", "Nationality   Japanese": a known label, then spaces for the colon (one space is
# enough after a CJK label; an English one needs two, as in column-aligned text).
_SPACED_LABEL = re.compile(
    rf"^([ \t]*[・\-*•■◆●□◇○▼▽▲△▶►★☆※◎]?[ \t]*)({_KNOWN_LABEL.pattern})"
    r"(?:[ \t]{2,}|(?<=[^\x00-\x7f])[ \t]+)(?=[^\s:：|])",
    re.I,
)
# "（国籍）日本", "国籍＝日本": a known label in round brackets, or before an equals sign.
_ROUND_LABEL = re.compile(
    rf"^([ \t]*)(?:[(（][ \t]*({_KNOWN_LABEL.pattern})[ \t]*[)）]|({_KNOWN_LABEL.pattern})[ \t]*=)"
    r"[ \t]*(?=\S)",
    re.I,
)
# "国　籍：日本", "【氏　名】": a label spaced out to align its colon.
_SPACED_OUT_LABEL = re.compile(
    r"^([ \t]*[・\-*•■◆●□◇【\[]?[ \t]*)"
    r"((?:[一-龥ぁ-んァ-ヴー][ \t]+){1,4}[一-龥ぁ-んァ-ヴー])(?=[ \t]*[:：】\]])"
)
# "国　籍　日本", "稼　働　即日": a spaced-out known label, then a space for the colon.
_SPACED_OUT_BARE = re.compile(
    r"^([ \t]*[・\-*•■◆●□◇【\[]?[ \t]*)"
    r"((?:[一-龥ぁ-んァ-ヴー][ \t]+){1,4}[一-龥ぁ-んァ-ヴー])(?=[ \t]+[^\s:：])"
)
_PIPE_ROW = re.compile(r"^\s*\|?\s*([^|\n]{1,16}?)\s*\|\s*([^\n]+?)\s*\|?\s*$")
_TAB_ROW = re.compile(r"^\s*([^\t\n]{1,16}?)\t+\s*([^\n]+)$")


# "Total experience:" alone on its line (HTML "<b>Total experience:</b> 9 years" renders so):
# any short label ending in a colon takes the next line as its value.
_OPEN_LABEL = re.compile(r"[ \t]*[^\s:：][^:：\n]{0,28}[:：][ \t]*")


def _open_label(line: str, following: list[str]) -> bool:
    """A short 'label:' line whose next line is a plain value, not a heading over labels."""
    if not following or not _OPEN_LABEL.fullmatch(line):
        return False
    head = following[0][:30]
    return ":" not in head and "：" not in head


# Bullets and rules around a label alone on its line ("■国籍", "▼稼働", "-スキル-").
_MARKS = " \t・:■◆●□◇○▼▽▲△▶►★☆※◎-*•#=―─"


# A numbered heading before a label: "六、可入场时间", "3) Rate", "(2) 单价".
_HEADING_NUMBER = re.compile(r"^\s*[(（]?(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．)）]\s*")


def _is_label(text: str) -> bool:
    text = _HEADING_NUMBER.sub("", text)
    return len(text) <= 28 and _KNOWN_LABEL.fullmatch(text) is not None


def _spaced_label(line: str) -> str:
    head = line[:32]
    if ":" in head or "：" in head:
        return line  # already labelled
    line = _ROUND_LABEL.sub(lambda m: f"{m.group(1)}{m.group(2) or m.group(3)}: ", line, count=1)
    if ":" in line[:32] or not re.search(r"\S[ \t]", head):
        return line  # labelled now, or no space where a label would end
    return _SPACED_LABEL.sub(r"\1\2: ", line, count=1)


def _unspace_label(line: str) -> str:
    spaced = _SPACED_OUT_LABEL.match(line)
    if spaced is not None:
        label = re.sub(r"[ \t]+", "", spaced.group(2))
        return f"{spaced.group(1)}{label}{line[spaced.end() :]}"
    bare = _SPACED_OUT_BARE.match(line)
    label = re.sub(r"[ \t]+", "", bare.group(2)) if bare else ""
    if not bare or not _is_label(label):
        return line
    return f"{bare.group(1)}{label}: {line[bare.end() :].lstrip()}"


def _cells(line: str) -> list[str] | None:
    """A table row's cells ('| a | b |', 'a / b / c', 'a\tb'), or None when the line is no row."""
    if "|" in line:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
    elif line.count(" / ") >= 2:  # "Name / Nationality / Available" over "K.S / Indian / May 1"
        cells = [c.strip() for c in line.split(" / ")]
    elif "\t" in line:
        cells = [c.strip() for c in line.strip().split("\t") if c.strip()]
    elif _SPACED_COLUMNS.search(
        line.strip()
    ):  # "イニシャル  最寄駅  単価" over "T.H  中目黒  78万円"
        cells = re.split(r"[ \t]{2,}", line.strip())
    else:
        return None
    return cells if len(cells) >= 2 and all(cells) else None


# A header cell's note on its unit or terms: "Skills (yrs)", "Rate (C2C)".
_UNIT_NOTE = re.compile(r"\s*[(（][^)）]{1,8}[)）]\s*$")


def _header_values(header: list[str], values: list[str], share: float = 0.75) -> list[str] | None:
    """'label: value' lines when `header` is all labels and `values` as many plain cells."""
    if len(header) < 2 or len(values) != len(header):
        return None
    # (every header cell a label, or all but a quarter of a wide one: "Work status", "Exp")
    labels = sum(_is_label(_UNIT_NOTE.sub("", h.strip(" :："))) for h in header)
    if labels < len(header) and (len(header) < 4 or labels < len(header) * share):
        return None
    # (values that are labels are a second header; one of a wide row may be a value that a
    # label spells, "Japanese" under Nationality)
    if sum(_is_label(v) for v in values) * 4 > len(values):
        return None
    return [f"{h.strip(' :：')}: {v}" for h, v in zip(header, values, strict=True)]


# (or dashes under space-aligned columns: "----   ----   ----")
_MARKDOWN_RULE = re.compile(
    r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$|^[ \t]*-{3,}(?:[ \t]{2,}-{3,})+[ \t]*$"
)


def transpose_tables(lines: list[str]) -> list[str]:
    """Horizontal tables as 'label: value' lines: a row of labels over a row of values
    ('| 国籍 | 日本語 | 稼働 |' then '| 日本 | N1 | 即日 |'), or an HTML table whose header
    cells render as one block of lines and its values as the next block of as many lines."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        header = _cells(lines[index])
        # (a Markdown rule row, '|----|----|', may stand between the header and its values)
        ruled = header and index + 1 < len(lines) and _MARKDOWN_RULE.match(lines[index + 1])
        first = index + 1 + bool(ruled)
        values = _cells(lines[first]) if header and first < len(lines) else None
        after = _cells(lines[first + 1]) if values and first + 1 < len(lines) else None
        # One row of values is one record; several rows are a list (skill | years per row).
        pairs = _header_values(header or [], values or []) if not after else None
        # a header over several rows of values (a skills matrix, a hotlist) is a table of
        # records, not one record: its rows stay rows
        more = _cells(lines[first + 1]) if pairs and first + 1 < len(lines) else None
        if pairs and not (more and len(more) == len(values or [])):
            out += pairs
            index = first + 1
            continue
        block = _label_block(lines, index)
        if block:
            out += block[0]
            index = block[1]
            continue
        out.append(lines[index])
        index += 1
    return out


def _label_block(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """(pairs, next index) for a run of label lines followed by as many value lines: a run of
    known labels, or else of short lines most of which are ("Consultant", "SAP MM", "Available"
    as an HTML table's header cells render)."""
    known, short = _label_lines(lines, start), _short_lines(lines, start)
    if known >= 2 and short > known:
        # The header goes on in cells the vocabulary does not know ("Consultant", "Citizenship",
        # "Based in", then "SAP MM", "Salary ask"): all its cells head the values, not the
        # first known ones the cells after them.
        return _values_under(lines, start, short, share=0.5)
    for heads in (known, short):
        block = _values_under(lines, start, heads)
        if block:
            return block
    return None


def _label_lines(lines: list[str], start: int) -> int:
    end = start
    while end < len(lines) and lines[end].strip() and _is_label(lines[end].strip(" :：")):
        end += 1
    return end - start


def _short_lines(lines: list[str], start: int) -> int:
    end = start
    while end < len(lines) and 0 < len(lines[end].strip()) <= 16:
        end += 1
    return end - start


def _values_under(
    lines: list[str], start: int, count: int, share: float = 0.75
) -> tuple[list[str], int] | None:
    if count < 2:
        return None
    first = start + count
    while first < len(lines) and not lines[first].strip():
        first += 1
    values = [v.strip() for v in lines[first : first + count]]
    if len(values) < count or not all(values):
        return None
    pairs = _header_values([line.strip() for line in lines[start : start + count]], values, share)
    return (pairs, first + count) if pairs else None


_TABLE_RULE = re.compile(r"^\s*[─━═┼├┤┌┐└┘┬┴╔╗╚╝╠╣╦╩╬|:+\- ]{3,}$")
_CONTINUED_CELL = re.compile(r"^\s*\|\s*\|\s*([^|\n]+?)\s*\|?\s*$")


def _pipe_pair(line: str, cells: list[str], lines: list[str], index: int) -> bool:
    """A '| label | value |' row of a two-column table: its first cell labels the second,
    whatever the label's words ('| Kick-off | Monday 19 October |')."""
    if len(cells) != 1 or not line.lstrip().startswith("|"):
        return False
    label = line.strip().strip("|").split("|", 1)[0].strip()
    if not re.search(r"[^\W\d_]", label):
        return False  # a rule row ('|-----|') or a number
    # (the rows' neighbours past any rule between them: '├────┼────┤', '|----|----|')
    above = [n for n in lines[max(index - 2, 0) : index] if not _TABLE_RULE.match(n)][-1:]
    below = [n for n in lines[index + 1 : index + 3] if not _TABLE_RULE.match(n)][:1]
    return any(n.lstrip().startswith("|") for n in above + below)


def fields_form(normalised: str) -> str:
    """Normalised text with SES-style labels (【単価】, ■勤務地：, table cells) as 'label: '."""
    lines = [
        _spaced_label(
            _BRACKET_LABEL.sub(
                lambda m: f"{m.group(1)}{m.group(2) or m.group(3)}: ",
                _DOT_LEADER.sub(r"\1: ", _unspace_label(line)),
            )
        )
        for line in transpose_tables(normalised.splitlines())
    ]
    out: list[str] = []
    index = 0
    pair_above = False
    while index < len(lines):
        line = lines[index]
        continued = _CONTINUED_CELL.match(line)
        if continued and pair_above:  # '|        | nothing deeper |' goes on the row above
            out[-1] = f"{out[-1]} {continued.group(1)}"
            index += 1
            continue
        pair_above = False
        row = _PIPE_ROW.match(line) or _TAB_ROW.match(line)
        cells = [c.strip() for c in row.group(2).split("|") if c.strip()] if row else []
        if row and (_is_label(row.group(1).strip(" :")) or _pipe_pair(line, cells, lines, index)):
            line = f"{row.group(1).strip(' :')}: {' / '.join(cells)}"
            pair_above = True
        elif (
            (_is_label(line.strip(_MARKS)) or _open_label(line, lines[index + 1 : index + 2]))
            and index + 1 < len(lines)
            and lines[index + 1].strip()
            and not _is_label(lines[index + 1].strip(_MARKS))
        ):
            line = f"{line.strip(_MARKS)}: {lines[index + 1].strip()}"
            index += 1
        out.append(line)
        index += 1
    return "\n".join(out)


@dataclass(frozen=True)
class Prepared:
    """A block normalised once: `text` (NFKC etc.) and `fields` (labels as 'label: value')."""

    text: str

    @cached_property
    def fields(self) -> str:
        return fields_form(self.text)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def field_lines(self) -> list[str]:
        return self.fields.splitlines()

    @cached_property
    def prose(self) -> str:
        return unwrap(self.text)

    @cached_property
    def prose_fields(self) -> str:
        """`fields` with hard-wrapped sentences joined: for readers of phrases ("available
        from June 1", "a Japanese citizen") that a wrap may cut. Money and skills keep the
        lines as written: a joined line would put unrelated figures beside a rate label."""
        return self.fields if self.prose == self.text else fields_form(self.prose)

    @cached_property
    def prose_lines(self) -> list[str]:
        return self.prose_fields.splitlines()


def prepare(text: str | Prepared, language: str | None = None) -> Prepared:
    """`text` normalised once (a `Prepared` passes through unchanged)."""
    return text if isinstance(text, Prepared) else Prepared(normalise(text, language))


# What may follow a label before its colon: "国籍（在留資格）：", "国籍/在留資格：".
_LABEL_SUFFIX = r"[ \t]*[(（][^)）\n:：]{1,12}[)）]|[ \t]*[/／・][^:：\n/／]{1,8}?(?=[ \t]*[:：])"


def labelled(fields: str, labels: str) -> str | None:
    """The value after the first 'label: ' among `labels` (a regex alternation), if any."""
    # A dash stands for the colon only near the start of a line ("Rate - 740,000 yen", "Target
    # start date - May 4"), not in a sentence ("engagements that are 100% remote - no travel").
    match = re.search(
        rf"(?:(?:{labels})(?:{_LABEL_SUFFIX})?[ \t]*[:：]|"
        rf"^[ \t]*[・\-*•]?[ \t]*(?:[A-Za-z]+[ \t]+){{0,2}}"
        rf"(?:{labels})(?:{_LABEL_SUFFIX})?[ \t]+[-–—][ \t])[ \t]*([^\n]+)",
        fields,
        re.I | re.M,
    )
    if match is None:
        return None
    value = match.group(1).strip(" \t・-")
    return value[:120] or None


_BLOCK_HEADING = re.compile(
    r"^\s*(?:【\s*案件(?:名)?\s*[\d\s・]*】|■\s*案件\s*(?:\d+|・)|"
    r"(?:Position|Requirement|Role)\s*#?\s*\d+\s*[:：]|"
    r"(?:岗位|项目|职位)\s*[一二三四五六七八九十\d]+\s*[：:、.])",
    re.M | re.I,
)


def block_heading_count(normalised: str) -> int:
    """How many 【案件名】-style headings a normalised text holds."""
    return sum(1 for _ in _BLOCK_HEADING.finditer(normalised))


def split_project_blocks(text: str, language: str | None = None) -> list[str]:
    """One text per project: split at 【案件名】-style headings, else the whole mail."""
    text = normalise(text, language)
    starts = [m.start() for m in _BLOCK_HEADING.finditer(text)]
    if len(starts) < 2:
        return [text]
    ends = [*starts[1:], len(text)]
    return [text[s:e].strip() for s, e in zip(starts, ends, strict=True)]


def block_heading(block: str) -> str:
    """A block's first line without its 【案件名】-style marker."""
    return _BLOCK_HEADING.sub("", block.splitlines()[0]).strip()
