"""A demo inbox of staffing mail in Japanese, Chinese and English, as raw .eml bytes.

Generated from a seed, so the same (seed, size) yields the same bytes. It carries DESIGN's
traps on purpose: several 【案件名】 blocks in one mail, 要員募集 (a project), ISO-2022-JP with
CP932 extensions (①, ㈱), Shift_JIS, GB2312, HTML-only bodies and a missing Message-ID.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path


@dataclass(frozen=True)
class DemoEmail:
    """One generated message and the truth it was generated from (for checks and benches)."""

    name: str
    raw: bytes
    language: str
    label: str


_JA_SKILLS = ["Java", "Spring Boot", "AWS", "PHP", "Laravel", "React", "TypeScript", "Python",
              "Go言語", "C#", ".NET", "Oracle", "PostgreSQL", "Docker", "Kubernetes",
              "COBOL"]  # fmt: skip
_EN_SKILLS = ["Java", "Python", "React", "Node.js", "AWS", "k8s", "Terraform", "Go", "C#",
              "Salesforce", "Spark", "Postgres", "JS", "TypeScript", "Kafka", "Azure"]  # fmt: skip
_JA_PLACES = ["東京都千代田区", "渋谷", "品川", "横浜", "大阪市北区", "名古屋", "福岡", "新宿"]
_JA_REMOTE = ["フルリモート", "リモート併用", "常駐"]
_JA_STATIONS = ["三鷹駅", "船橋駅", "大宮駅", "川崎駅", "池袋駅", "中野駅"]
_ZH_PLACES = ["北京海淀", "上海浦东", "深圳南山", "杭州", "成都", "广州天河"]
_EN_PLACES = ["Dallas, TX", "New York, NY", "Austin, TX", "Chicago, IL", "Seattle, WA"]
_ZH_ROLES = ["Java开发工程师", "前端工程师", "测试工程师", "数据工程师", "运维工程师"]
_EN_ROLES = ["Java Developer", "Data Engineer", "DevOps Engineer", "React Developer",
             "Salesforce Developer", "Python ML Engineer"]  # fmt: skip
_JA_TITLES = ["金融系基幹システム更改", "ECサイト改修", "物流システム保守", "データ基盤構築",
              "官公庁向けPMO", "決済基盤のバックエンド開発"]  # fmt: skip


def _ja_project(r: random.Random) -> tuple[str, str]:
    blocks = r.choice([1, 1, 1, 2, 3])  # several 【案件名】 blocks is a DESIGN trap
    parts = []
    for _ in range(blocks):
        low = r.randrange(45, 85, 5)
        parts.append(
            f"【案件名】{r.choice(_JA_TITLES)}\n"
            f"【必須スキル】{'、'.join(r.sample(_JA_SKILLS, 2))}（実務{r.randint(2, 5)}年以上）\n"
            f"【尚可スキル】{r.choice(_JA_SKILLS)}\n"
            f"【単価】{low}～{low + 10}万円\n【精算】140-180h\n"
            f"【勤務地】{r.choice(_JA_PLACES)}（{r.choice(_JA_REMOTE)}）\n"
            f"【開始時期】{r.randint(1, 12)}月～\n【外国籍】{r.choice(['可', '不可'])}\n"
            f"【商流】{r.choice(['貴社社員まで', '一社先まで'])}\n【面談】{r.randint(1, 2)}回\n"
        )
    opener = r.choice(
        ["下記案件にてご提案をお待ちしております。", "以下の通り要員募集しております。"]
    )
    subject = (
        r.choice(["【案件】", "要員募集のお知らせ ", "【新規案件】"]) + parts[0].split("\n")[0][6:]
    )
    body = f"お世話になっております。㈱テックリンクの佐藤です。\n{opener}\n\n" + "\n".join(parts)
    return subject, body + "\nご検討のほどよろしくお願いいたします。\n"


def _ja_candidate(r: random.Random) -> tuple[str, str]:
    skills = "、".join(r.sample(_JA_SKILLS, 3))
    subject = (
        r.choice(["【人材情報】", "要員のご紹介 ", "技術者情報のご案内 "]) + skills.split("、")[0]
    )
    body = (
        "お世話になっております。\n弊社社員のご紹介です。案件がございましたらご連絡ください。\n\n"
        f"① 氏名：{r.choice('ABKMST')}.{r.choice('HKNOSTY')}\n"
        f"② 年齢：{r.randint(24, 55)}歳\n③ 最寄駅：{r.choice(_JA_STATIONS)}\n"
        f"④ スキル：{skills}\n⑤ 経験年数：{r.randint(2, 20)}年\n"
        f"⑥ 希望単価：{r.randrange(40, 90, 5)}万円\n"
        f"⑦ 稼働可能日：{r.choice(['即日', '来月', '12月'])}\n"
        f"⑧ 日本語：{r.choice(['ネイティブ', 'N1', 'N2'])}\n"
    )
    return subject, body


def _ja_other(r: random.Random) -> tuple[str, str]:
    return r.choice(
        [
            (
                "10月分請求書送付のご案内",
                "経理部です。\n10月分の請求書を添付いたします。お支払期日は月末です。\n",
            ),
            ("年末年始休業のお知らせ", "弊社は12月28日から1月4日まで休業いたします。\n"),
            ("打ち合わせ日程調整のお願い", "来週の定例会議の日程調整をお願いいたします。\n"),
        ]
    )


def _zh_project(r: random.Random) -> tuple[str, str]:
    role = r.choice(_ZH_ROLES)
    body = (
        f"您好，\n我司现有以下岗位需求，请推荐合适人选：\n岗位名称：{role}\n"
        f"任职要求：{r.randint(2, 8)}年以上经验，熟悉{'、'.join(r.sample(_EN_SKILLS, 2))}\n"
        f"预算：{r.choice(['1.5', '2', '2.5', '3'])}万元/人月\n工作地点：{r.choice(_ZH_PLACES)} "
        f"{r.choice(['驻场', '可远程'])}\n到岗时间：一周内\n"
    )
    return f"【急招】{role} {r.choice(_ZH_PLACES)[:2]}", body


def _zh_candidate(r: random.Random) -> tuple[str, str]:
    role = r.choice(_ZH_ROLES)
    body = (
        f"您好，\n向您推荐一位候选人：\n姓名：{r.choice('王李张刘陈')}先生\n"
        f"年龄：{r.randint(24, 45)}岁\n工作年限：{r.randint(2, 15)}年\n"
        f"技能：{'、'.join(r.sample(_EN_SKILLS, 3))}\n期望薪资：{r.randint(12, 40)}k/月\n"
        f"到岗时间：随时\n现居：{r.choice(_ZH_PLACES)}\n"
    )
    return f"简历推荐：{role}", body


def _zh_other(r: random.Random) -> tuple[str, str]:
    return r.choice(
        [
            ("关于国庆节放假安排的通知", "全体员工：\n国庆节放假时间为10月1日至10月7日。\n"),
            ("10月发票已开具，请查收", "您好，贵司10月份的服务费发票已开具，请查收。\n"),
            ("会议纪要：季度经营分析会", "附件为本次会议纪要，请审阅。\n"),
        ]
    )


def _en_project(r: random.Random) -> tuple[str, str]:
    role = r.choice(_EN_ROLES)
    must = ", ".join(r.sample(_EN_SKILLS, 3))
    body = (
        "Hi Partner,\nPlease find the requirement below and share your best consultants.\n\n"
        f"Role: {role}\nLocation: {r.choice(_EN_PLACES)} "
        f"({r.choice(['Hybrid', 'Onsite', 'Remote'])})\n"
        f"Duration: {r.choice([6, 12, 18])} months\nRate: ${r.randrange(45, 95, 5)}/hr C2C\n"
        f"Must have: {must}, {r.randint(5, 12)}+ years of experience\n"
        f"Nice to have: {r.choice(_EN_SKILLS)}\n"
    )
    return f"Urgent Requirement - {role} - {r.choice(_EN_PLACES)}", body


def _en_candidate(r: random.Random) -> tuple[str, str]:
    role = r.choice(_EN_ROLES)
    body = (
        f"Hello,\nOur consultant is available from next week.\n"
        f"Name: {r.choice(['Ravi K.', 'Sarah M.', 'John D.', 'Li Wei', 'Anita S.'])}\n"
        f"Experience: {r.randint(3, 15)} years\nSkills: {', '.join(r.sample(_EN_SKILLS, 4))}\n"
        f"Visa: {r.choice(['H1B', 'GC', 'USC', 'OPT'])}\nLocation: {r.choice(_EN_PLACES)}\n"
        f"Rate: ${r.randrange(40, 90, 5)}/hr\n"
    )
    return f"Available Consultant - {role}", body


def _en_other(r: random.Random) -> tuple[str, str]:
    return r.choice(
        [
            (
                "Invoice for October services",
                "Please find attached the invoice. Payment due in 30 days.\n",
            ),
            ("Team meeting moved to Thursday", "The weekly meeting moves to Thursday 3pm.\n"),
            ("Reminder - submit your timesheet", "Please submit your timesheet by Monday noon.\n"),
        ]
    )


_TEMPLATES = {
    ("ja", "project"): _ja_project,
    ("ja", "candidate"): _ja_candidate,
    ("ja", "other"): _ja_other,
    ("zh", "project"): _zh_project,
    ("zh", "candidate"): _zh_candidate,
    ("zh", "other"): _zh_other,
    ("en", "project"): _en_project,
    ("en", "candidate"): _en_candidate,
    ("en", "other"): _en_other,
}
_SENDERS = {"ja": "sato@techlink.example.jp", "zh": "hr@talent.example.cn",
            "en": "recruiter@staffing.example.com"}  # fmt: skip


def generate_inbox(seed: int = 7, size: int = 30) -> Iterator[DemoEmail]:
    """`size` messages: about 40% ja, 30% zh, 30% en; 40% projects, 40% candidates, 20% other."""
    r = random.Random(seed)
    start = datetime(2025, 11, 3, 9, 0, tzinfo=UTC)
    for index in range(size):
        language = r.choices(["ja", "zh", "en"], weights=[4, 3, 3])[0]
        label = r.choices(["project", "candidate", "other"], weights=[4, 4, 2])[0]
        subject, body = _TEMPLATES[(language, label)](r)
        sent = start + timedelta(minutes=17 * index)
        raw = _render(r, seed, index, language, subject, body, sent)
        yield DemoEmail(f"{seed:04d}-{index:06d}.eml", raw, language, label)


def write_inbox(folder: Path, seed: int = 7, size: int = 30) -> list[Path]:
    """Write the demo inbox as .eml files into `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for email in generate_inbox(seed, size):
        path = folder / email.name
        path.write_bytes(email.raw)
        paths.append(path)
    return paths


def _render(
    r: random.Random, seed: int, index: int, language: str, subject: str, body: str, sent: datetime
) -> bytes:
    charset = _pick_charset(r, language)
    html = r.random() < 0.15  # HTML-only mail
    if html:
        body = (
            "<html><body>"
            + "".join(f"<p>{line}</p>" for line in body.splitlines())
            + "</body></html>"
        )
    payload, charset, transfer = _encode_body(body, charset)
    headers = [
        f"From: {_SENDERS[language]}",
        "To: inbox@demo.example",
        f"Subject: {_encoded_word(subject, charset)}",
        f"Date: {format_datetime(sent)}",
    ]
    if r.random() >= 0.05:  # about one mail in twenty has no Message-ID
        headers.append(f"Message-ID: <demo.{seed}.{index}@inbox.demo.example>")
    headers += [
        "MIME-Version: 1.0",
        f"Content-Type: text/{'html' if html else 'plain'}; charset={charset}",
        f"Content-Transfer-Encoding: {transfer}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("ascii") + payload


def _pick_charset(r: random.Random, language: str) -> str:
    if language == "ja":
        return r.choices(["iso-2022-jp", "shift_jis", "utf-8"], weights=[4, 2, 4])[0]
    if language == "zh":
        return r.choices(["gb2312", "utf-8"], weights=[5, 5])[0]
    return "utf-8"


def _encode_body(body: str, charset: str) -> tuple[bytes, str, str]:
    body = body.replace("\n", "\r\n")
    if charset == "iso-2022-jp":
        return encode_iso2022jp(body), charset, "7bit"
    codec = {"shift_jis": "cp932", "gb2312": "gb2312"}.get(charset, "utf-8")
    try:
        data = body.encode(codec)
    except UnicodeEncodeError:
        data, charset = body.encode("utf-8"), "utf-8"
    return base64.encodebytes(data).replace(b"\n", b"\r\n"), charset, "base64"


def _encoded_word(text: str, charset: str) -> str:
    if text.isascii():
        return text
    if charset == "iso-2022-jp":
        data = encode_iso2022jp(text)
    else:
        codec = {"shift_jis": "cp932", "gb2312": "gb2312"}.get(charset, "utf-8")
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            data, charset = text.encode("utf-8"), "utf-8"
    return f"=?{charset}?B?{base64.b64encode(data).decode('ascii')}?="


def encode_iso2022jp(text: str) -> bytes:
    """ISO-2022-JP as Windows mailers write it: CP932 extensions (①, ㈱) included.

    Python's iso2022_jp codec refuses those characters; real mail carries them anyway, which
    is exactly the trap the intake must decode.
    """
    out = bytearray()
    double = False
    for char in text:
        if char.isascii():
            if double:
                out += b"\x1b(B"
                double = False
            out += char.encode("ascii")
            continue
        code = char.encode("cp932", errors="replace")
        if len(code) != 2:
            code = "〓".encode("cp932")
        if not double:
            out += b"\x1b$B"
            double = True
        out += _sjis_to_jis(code[0], code[1])
    if double:
        out += b"\x1b(B"
    return bytes(out)


def _sjis_to_jis(s1: int, s2: int) -> bytes:
    if s1 >= 0xE0:
        s1 -= 0x40
    j1 = (s1 - 0x81) * 2 + 0x21
    if s2 >= 0x9F:
        return bytes((j1 + 1, s2 - 0x7E))
    return bytes((j1, s2 - 0x1F - (s2 > 0x7F)))
