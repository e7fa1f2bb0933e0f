"""Every file of the real-world MIME corpus (flanker, mikel/mail) ingests with readable text."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from pipeline.emails.intake import EmailIntake
from pipeline.emails.parsing import parse_email
from pipeline.emails.sources import list_eml_files

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "emails"
FILES = list_eml_files(CORPUS)

# Decoded strings that prove the legacy charsets were read, not turned into mojibake.
EXPECTED_TEXT = {
    "mail/japanese_iso_2022.eml": ("まみむめも", "すみません。"),
    "mail/japanese_shift_jis.eml": ("", "このメールはテスト用のメールです。"),
    "mail/japanese.eml": ("まみむめも", "かきくえこ"),
    "mail/japanese_attachment_long_name.eml": ("まみむめもまみむめも", ""),
    "mail/ks_c_5601-1987.eml": ("test", "스티해"),
    "flanker/charset-gb2312.eml": ("提示：您的企业成员暂时无法登录邮件客户端", "尊敬的管理员"),
    "flanker/8bitmime.eml": ("2 RCPT MIME", "Превел"),
    "flanker/bilingual-simple.eml": ("Как ты поживаешь?", "А эта линия по-русски."),
    "flanker/from-encoding.eml": ("running server as root", "Marc Slemko wrote"),
    "mail/invalid_subject_characters.eml": ("FrenetikPolis", "TEST"),
}
EXPECTED_FROM = {
    "flanker/charset-gb2312.eml": "腾讯企业邮箱",
    "flanker/from-encoding.eml": "Ingo Lütkebohle",
    "flanker/mailformed-headers.eml": "Юникод запрещен",
}
EXPECTED_ATTACHMENTS = {
    "mail/japanese_attachment.eml": "てすと.txt",
    "mail/japanese_attachment_long_name.eml": "かきくけこ" * 5 + ".txt",
    "mail/attachment_nonascii_filename.eml": "ciële.txt",
}


def _name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


def test_the_corpus_is_complete_with_its_licenses() -> None:
    assert len(FILES) == 32
    assert (CORPUS / "flanker" / "LICENSE").is_file()
    assert (CORPUS / "mail" / "MIT-LICENSE").is_file()


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_every_corpus_file_parses_to_readable_text(path: Path) -> None:
    parsed = parse_email(path.read_bytes())
    assert parsed.parse_errors == []  # every part read: notes may say what was guessed, no more
    text = f"{parsed.subject}\n{parsed.full_text}"
    assert "锟斤拷" not in text  # the classic GBK-of-U+FFFD mojibake
    subject, body = EXPECTED_TEXT.get(_name(path), ("", ""))
    assert subject in parsed.subject
    assert body in parsed.full_text


@pytest.mark.parametrize("name", sorted(EXPECTED_FROM))
def test_undeclared_8bit_sender_names_are_decoded(name: str) -> None:
    parsed = parse_email((CORPUS / name).read_bytes())
    assert EXPECTED_FROM[name] in parsed.from_address


@pytest.mark.parametrize("name", sorted(EXPECTED_ATTACHMENTS))
def test_attachment_names_are_decoded_and_text_attachments_read(name: str) -> None:
    parsed = parse_email((CORPUS / name).read_bytes())
    names = [a.filename for a in parsed.attachments]
    assert EXPECTED_ATTACHMENTS[name] in names
    assert any(a.text for a in parsed.attachments)


def test_gb2312_mail_mangled_upstream_keeps_surviving_text_and_says_so() -> None:
    parsed = parse_email((CORPUS / "flanker" / "charset-gb2312-1.eml").read_bytes())
    assert "2G" in parsed.body_text
    assert "讯" in parsed.from_address  # 腾讯: the second character survived the relay
    assert any("U+FFFD already substituted upstream" in n for n in parsed.decode_notes)


def test_html_only_gb2312_mail_becomes_text_without_markup() -> None:
    parsed = parse_email((CORPUS / "flanker" / "charset-gb2312.eml").read_bytes())
    assert "<div" not in parsed.body_text
    assert "使用腾讯企业邮箱的网页版" in parsed.body_text


def test_whole_corpus_ingests_into_postgres_with_raw_bytes_untouched(db, tables) -> None:
    report = EmailIntake(db, tables).ingest_path(CORPUS)
    assert report.failed == []
    assert report.new == len(FILES)
    with db.connect() as connection:
        rows = connection.execute(sa.select(tables.emails.c.source, tables.emails.c.raw)).all()
        chunks = connection.execute(sa.text("SELECT count(*) FROM document_chunks")).scalar()
    assert {Path(r.source).name: bytes(r.raw) for r in rows} == {
        p.name: p.read_bytes() for p in FILES
    }
    assert chunks > 0
