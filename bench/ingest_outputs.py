"""What the intake makes of every fixture mail, as digests: the check that a speed-up of
parsing, classification, chunking or extraction changed no result.

    .venv/bin/python bench/ingest_outputs.py write /tmp/before.json   # on the old code
    .venv/bin/python bench/ingest_outputs.py write /tmp/after.json    # on the new code
    .venv/bin/python bench/ingest_outputs.py compare /tmp/before.json /tmp/after.json

Each mail (every fixture set, the .eml fixtures, and the bench's generated inbox) goes
through parse_email, classify_by_rules (category and confidence), extract_candidate and
extract_projects (every row, whatever the class) and email_chunks. A mail's entry is the
sha256 of those results, so the file holds no mail text, and the held-out sets can be
compared without being read; `compare` prints counts, and names only dev mails that differ.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import _common  # noqa: F401  (first: bench/pipeline.py must not shadow the package)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # for pipeline_tests; after PYTHONPATH, so a worktree wins

from pipeline.demo.inbox import generate_inbox  # noqa: E402
from pipeline.emails.chunking import email_chunks  # noqa: E402
from pipeline.emails.classification import (  # noqa: E402
    EmailForClassification,
    classify_by_rules,
)
from pipeline.emails.extraction import extract_candidate, extract_projects  # noqa: E402
from pipeline.emails.parsing import parse_email  # noqa: E402

# Sets whose mail must not be read: only their counts of differences are printed.
BLIND = ("test", "test2", "test3", "world", "world2")
REFERENCE = date(2025, 11, 10)
SETS = ("dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "test2", "test3", "world", "world2")


def mails() -> Iterator[tuple[str, str, bytes, date]]:
    """(set, name, raw bytes, reference date) of every mail the check covers."""
    import yaml

    from pipeline_tests.emails.heldout_predictions import mail_date
    from pipeline_tests.fixtures import heldout

    loaders = {name: getattr(heldout, f"load_{name}") for name in SETS}
    for mail in heldout.load_heldout():
        split = "test" if mail.get("split") == "test" else "heldout-dev"
        yield split, str(mail.get("id")), heldout.to_eml(mail), mail_date(mail)
    for name, load in loaders.items():
        try:
            loaded = load()
        except FileNotFoundError:  # a set not in this checkout
            continue
        for index, mail in enumerate(loaded):
            yield name, str(mail.get("id", index)), heldout.to_eml(mail), mail_date(mail)
    labelled = ROOT / "pipeline_tests/fixtures/labelled_emails.yaml"
    for index, mail in enumerate(yaml.safe_load(labelled.read_text(encoding="utf-8"))["emails"]):
        raw = f"Subject: {mail['subject']}\n\n{mail['body']}".encode()
        yield "labelled", str(index), raw, REFERENCE
    for path in sorted((ROOT / "pipeline_tests/fixtures/emails").rglob("*")):
        if path.is_file():
            yield "eml", path.name, path.read_bytes(), REFERENCE
    for email in generate_inbox(7, 3000):
        yield "generated", email.name, email.raw, REFERENCE


def outputs(raw: bytes, reference: date) -> dict[str, Any]:
    """Everything the intake derives from one mail."""
    parsed = parse_email(raw)
    item = EmailForClassification(parsed.subject, parsed.full_text, parsed.language)
    result = classify_by_rules(item)
    args = (parsed.subject, parsed.full_text, parsed.language, parsed_date(parsed, reference))
    return {
        "parsed": [parsed.key, parsed.subject, parsed.full_text, parsed.language],
        "notes": parsed.decode_notes,
        "class": [result.category, result.confidence],
        "candidate": extract_candidate(*args).as_row(),
        "projects": [p.as_row() for p in extract_projects(*args)],
        "chunks": email_chunks(parsed.subject, parsed.full_text),
    }


def parsed_date(parsed: Any, reference: date) -> date:
    return parsed.sent_at.date() if parsed.sent_at else reference


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def write(path: Path) -> None:
    entries: dict[str, dict[str, str]] = {}
    for split, name, raw, reference in mails():
        found = outputs(raw, reference)
        key = f"{split}/{name}"
        while key in entries:  # ids repeat across sets loaded together
            key += "'"
        entries[key] = {part: digest(value) for part, value in found.items()}
    path.write_text(json.dumps(entries, sort_keys=True), encoding="utf-8")
    print(f"{len(entries)} mails written to {path}")


def compare(before_path: Path, after_path: Path) -> int:
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    if before.keys() != after.keys():
        print(f"different mails: {len(before)} before, {len(after)} after")
        return 1
    differ: dict[str, list[str]] = {}
    for key, parts in before.items():
        changed = [part for part, value in parts.items() if after[key].get(part) != value]
        if changed:
            differ.setdefault(key.split("/")[0], []).append(f"{key} ({', '.join(changed)})")
    sets = sorted({key.split("/")[0] for key in before})
    for name in sets:
        total = sum(1 for key in before if key.split("/")[0] == name)
        print(f"{name}: {len(differ.get(name, []))} of {total} differ")
        if name not in BLIND:
            for line in differ.get(name, [])[:20]:
                print(f"  {line}")
    print("identical" if not differ else "DIFFERENT")
    return 1 if differ else 0


def main() -> None:
    if sys.argv[1:2] == ["write"] and len(sys.argv) == 3:
        write(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
