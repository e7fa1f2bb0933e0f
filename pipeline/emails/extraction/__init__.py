"""Profile fields from the text of a candidate or project mail, by rules, in ja / zh / en.

A package: `text` (one normalisation per block), `skills` (vocabulary, years), `money`,
`dates`, `places`, `remote` (remote and onsite), `nationality` (languages, the Japanese level,
nationality, 外国籍), `chain` (商流 depth and limits) and `profiles` (the small fields, the
dataclasses and the builders that assemble them).
"""

from pipeline.emails.extraction.chain import commercial_depth, max_commercial_depth
from pipeline.emails.extraction.dates import parse_date, start_date
from pipeline.emails.extraction.money import Money, is_negotiable, money_fields, parse_money
from pipeline.emails.extraction.nationality import (
    country_code,
    foreign_nationals_ok,
    japanese_level,
    nationality,
)
from pipeline.emails.extraction.places import canonical_place, find_place, place_country
from pipeline.emails.extraction.profiles import (
    CandidateProfile,
    ProjectProfile,
    extract_candidate,
    extract_projects,
)
from pipeline.emails.extraction.remote import remote, remote_only
from pipeline.emails.extraction.skills import (
    canonical_skill,
    extract_skills,
    skill_family,
    split_skills,
    years_of_experience,
)
from pipeline.emails.extraction.text import Prepared, normalise, prepare, split_project_blocks

__all__ = [
    "CandidateProfile",
    "Money",
    "Prepared",
    "ProjectProfile",
    "canonical_place",
    "canonical_skill",
    "commercial_depth",
    "country_code",
    "extract_candidate",
    "extract_projects",
    "extract_skills",
    "find_place",
    "foreign_nationals_ok",
    "is_negotiable",
    "japanese_level",
    "max_commercial_depth",
    "money_fields",
    "nationality",
    "normalise",
    "parse_date",
    "parse_money",
    "place_country",
    "prepare",
    "remote",
    "remote_only",
    "skill_family",
    "split_project_blocks",
    "split_skills",
    "start_date",
    "years_of_experience",
]
