"""Matching: speed at 2,000 projects x 20,000 candidates, and quality on the fixture world.

    .venv/bin/python bench/matching.py [--projects 2000] [--candidates 20000] [--quick]

1. Scale (hashing embedder, 256-d, Qdrant Edge on disk, Postgres): synthetic profiles are
   written to `candidates` / `projects`; the whole matching step (index every profile into
   Qdrant, then the top-20 of every open project in standard mode, explanations and excluded
   near misses included, written to `matches`) is timed as users run it. Then the match step
   again with each project's query sent to the engine instead of ranked in memory, and how
   many stored rows that changes (none should). The baseline is the
   straightforward per-pair Python matcher: for each project, every candidate's cosine, hard
   rules and filter terms in Python, sorted. It is timed on a sample of projects in the same
   run, half just before the whole step and half just after (the machine is shared: a change
   in load meets both sides), and scaled to all projects (the per-pair cost does not depend on
   which project it is). Also: p50 / p95 of one search_candidates, and its top-20 agreement
   with the baseline.
2. Quality on pipeline_tests/fixtures/matching_world.yaml through the real intake, with the
   default USE embedder: top-1, top-3, MRR and near-miss decoys in a top-3 per language pair,
   for the vector kept (canonical profile text) and the alternatives tried: the mean of the
   email's chunk vectors, and the raw mail text; each also vector-only (no filters).

The last line is the headline.
"""

from __future__ import annotations

import argparse
import collections
import functools
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import sqlalchemy as sa
from _common import bench_database

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.matching.config import MatchingConfig  # noqa: E402
from pipeline.matching.filters import candidate_exclusions, candidate_terms  # noqa: E402
from pipeline.matching.index import (  # noqa: E402
    ProfileIndexer,
    point_payload,
    profile_point_id,
)
from pipeline.matching.search import Matcher  # noqa: E402
from pipeline.matching.service import MatchingService  # noqa: E402
from pipeline.store.vectors import EdgeVectorStore  # noqa: E402
from pipeline.store.weighted_query import evaluate, terms_score  # noqa: E402
from pipeline.vectorize.embedders import create_embedder  # noqa: E402

SKILLS = ["Java", "Spring Boot", "Python", "Go", "TypeScript", "React", "Next.js", "Vue.js",
          "AWS", "Azure", "GCP", "Docker", "Kubernetes", "Terraform", "PostgreSQL", "MySQL",
          "Oracle", "Snowflake", "Databricks", "Spark", "Kafka", "Airflow", "SAP ABAP",
          "Salesforce", "Apex", "COBOL", "JCL", "Swift", "Kotlin", "Flutter", "C#", ".NET",
          "PHP", "Laravel", "Ruby on Rails", "Selenium", "Playwright", "PyTorch", "LLM",
          "FastAPI", "gRPC", "Cisco", "Zabbix", "Linux", "Unity", "Node.js"]  # fmt: skip
PLACES = ["Tokyo", "Kanagawa", "Osaka", "Saitama", "Aichi", "Fukuoka", "Shanghai", "Dalian"]
REMOTE = ["full", "partial", "none"]
LEVELS = ["N1", "N2", "N3", "native", "business", None]


# --- 1. scale --------------------------------------------------------------------------


def generate(engine: sa.Engine, projects: int, candidates: int, seed: int = 42) -> None:
    """Synthetic profiles, one email row each (profiles reference their mail)."""
    r = random.Random(seed)
    start = date(2027, 1, 1)
    total = projects + candidates
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO emails (message_id, raw, raw_sha256, subject, language) "
                "SELECT 'bench-' || g, convert_to('bench ' || g, 'UTF8'), md5('b' || g), "
                "'bench ' || g, (ARRAY['ja','zh','en'])[1 + g % 3] FROM generate_series(1, :n) g"
            ),
            {"n": total},
        )
        email_ids = [row.id for row in connection.execute(sa.text("SELECT id FROM emails"))]
        cand_rows, proj_rows = [], []
        for email_id in email_ids[:candidates]:
            rate = r.randrange(40, 110, 5) * 10_000
            cand_rows.append({
                "email_id": email_id, "skills": r.sample(SKILLS, r.randint(2, 6)),
                "experience_years": float(r.randint(1, 20)), "rate_currency": "JPY",
                "monthly_rate_min": rate, "monthly_rate_max": rate, "place": r.choice(PLACES),
                "remote": r.choice(REMOTE), "remote_only": r.random() < 0.1,
                "available_from": start + timedelta(days=r.randint(-30, 150)),
                "nationality": r.choice(["JP", "JP", "JP", "CN", "VN", "IN"]),
                "japanese_level": r.choice(LEVELS), "commercial_depth": r.choice([0, 1, 2]),
            })  # fmt: skip
        for email_id in email_ids[candidates:]:
            low = r.randrange(40, 100, 5) * 10_000
            proj_rows.append({
                "email_id": email_id, "required_skills": r.sample(SKILLS, r.randint(2, 4)),
                "preferred_skills": r.sample(SKILLS, 1),
                "min_experience_years": float(r.randint(1, 8)), "budget_currency": "JPY",
                "monthly_budget_min": low, "monthly_budget_max": low + 100_000,
                "place": r.choice(PLACES), "remote": r.choice(REMOTE),
                "start_date": start + timedelta(days=r.randint(0, 90)),
                "foreign_nationals_ok": r.choice([True, False, None]),
                "japanese_level": r.choice(["N1", "N2", None, None]),
                "max_commercial_depth": r.choice([0, 1, None]),
            })  # fmt: skip
        for table, rows in (("candidates", cand_rows), ("projects", proj_rows)):
            columns = list(rows[0])
            connection.execute(
                sa.text(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join(':' + c for c in columns)})"
                ),
                rows,
            )


def baseline_rank(project, candidates, vectors, pvec, config, k: int) -> list[int]:
    """The straightforward matcher: every pair scored in Python, then sorted."""
    exclusions = [c for _, c in candidate_exclusions(project.payload, config)]
    terms = candidate_terms(project.payload, config)
    scored = []
    norm_p = float(np.sqrt(sum(x * x for x in pvec)))
    for cand in candidates:
        if any(evaluate(c, cand.payload) for c in exclusions):
            continue
        vec = vectors[cand.profile_id]
        cosine = sum(a * b for a, b in zip(pvec, vec, strict=True)) / (
            norm_p * float(np.sqrt(sum(x * x for x in vec)))
        )
        total = config.vector_weight * max(cosine, 0.0) + config.filter_weight * terms_score(
            terms, cand.payload
        )
        scored.append((total, cand.profile_id))
    scored.sort(reverse=True)
    return [cid for _, cid in scored[:k]]


def scale(args: argparse.Namespace) -> float:
    with bench_database() as (engine, scratch):
        generate(engine, args.projects, args.candidates)
        embedder = create_embedder("hashing", dimensions=256)
        store = EdgeVectorStore(scratch / "edge")
        config = MatchingConfig()
        # The baseline's inputs, prepared untimed: every profile and its vector (the embedder
        # is deterministic, so these are the vectors the index will hold).
        reader = ProfileIndexer(engine, embedder, store, config)
        projects, candidates = reader.profiles("project"), reader.profiles("candidate")
        vectors = _embedded(embedder, candidates)
        sample = random.Random(1).sample(projects, args.baseline_sample)
        pvecs = _embedded(embedder, sample)
        expected, base_s = {}, []

        def baseline(part: list) -> None:
            for project in part:
                t = time.perf_counter()
                expected[project.profile_id] = baseline_rank(
                    project, candidates, vectors, pvecs[project.profile_id], config, 20
                )
                base_s.append(time.perf_counter() - t)

        # Interleaved with the whole step: half the baseline sample before it, half after,
        # so a change in the machine's load meets both sides.
        half = len(sample) // 2
        baseline(sample[:half])
        started = time.perf_counter()
        index_report = ProfileIndexer(engine, embedder, store, config).sync()
        indexed = time.perf_counter() - started
        report = MatchingService(engine, embedder, store, config, top_k=20).compute()
        whole = time.perf_counter() - started
        baseline(sample[half:])
        started = time.perf_counter()
        again = ProfileIndexer(engine, embedder, store, config).sync()
        resync = time.perf_counter() - started
        print(f"scale: {args.projects} projects x {args.candidates} candidates, top-20, standard")
        print(f"  whole matching step {whole:.1f} s (index {indexed:.1f} s, match "
              f"{report.elapsed_s:.1f} s, {report.matches_written} matches written)")  # fmt: skip
        phases = ", ".join(f"{k} {v:.1f}" for k, v in index_report.seconds.items() if v >= 0.05)
        print(f"  index by phase (s): {phases}; again with nothing changed {resync:.1f} s "
              f"({again.indexed['candidate'] + again.indexed['project']} upserted)")  # fmt: skip
        if args.engine_path:
            _engine_path(engine, embedder, store, config, report.elapsed_s)

        matcher = Matcher(engine, embedder, store, config)
        stored = matcher.profile_vectors("project", [p.profile_id for p in projects])
        latencies, agree = [], 0
        for project in sample:
            t = time.perf_counter()
            got = matcher.search_candidates(project, vector=stored[project.profile_id], limit=20)
            latencies.append(time.perf_counter() - t)
            agree += len(set(expected[project.profile_id]) & {r.profile_id for r in got})
        for project in random.Random(2).sample(projects, min(len(projects), 200)):
            t = time.perf_counter()
            matcher.search_candidates(project, vector=stored.get(project.profile_id), limit=20)
            latencies.append(time.perf_counter() - t)
        store.close()
    per_project = statistics.median(base_s)
    baseline_total = per_project * args.projects
    ratio = baseline_total / whole
    q = statistics.quantiles(latencies, n=20)
    before, after = statistics.median(base_s[:half]), statistics.median(base_s[half:])
    print(f"  baseline per-pair Python: {per_project * 1000:.0f} ms per project (median of "
          f"{len(base_s)}: {before * 1000:.0f} before the step, {after * 1000:.0f} after; range "
          f"{min(base_s) * 1000:.0f}-{max(base_s) * 1000:.0f}) -> {baseline_total:.0f} s for "
          f"{args.projects} projects")  # fmt: skip
    print(f"  top-20 agreement with the baseline: {agree / (20 * len(sample)):.3f}")
    print(f"  search_candidates latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p95 {q[18] * 1000:.1f} ms ({len(latencies)} calls)")  # fmt: skip
    print(f"  speed-up of the whole step over the baseline: {ratio:.1f}x (goal >= 20x; "
          f"{before * args.projects / whole:.1f}x-{after * args.projects / whole:.1f}x "
          "by the baseline before / after)")  # fmt: skip
    return ratio


def _engine_path(engine, embedder, store, config, bulk_s: float) -> None:
    """The same match step with every project's query sent to the engine (the path a few
    projects take), after the in-memory step: its time, and how many stored rows differ."""
    bulk = _stored(engine)
    report = MatchingService(engine, embedder, store, config, top_k=20, bulk=False).compute(
        full=True
    )
    again = _stored(engine)
    moved = sum(1 for key, row in bulk.items() if key not in again or again[key][0] != row[0])
    scores = [abs(again[key][1] - row[1]) for key, row in bulk.items() if key in again]
    print(f"  the same step through the engine (a query per project): match "
          f"{report.elapsed_s:.1f} s vs {bulk_s:.1f} s in memory; stored rows: {len(bulk)}, "
          f"{moved} with another rank or absent, largest score difference "
          f"{max(scores, default=0.0):.1e}")  # fmt: skip


def _stored(engine) -> dict[tuple[int, int], tuple[int, float]]:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT project_id, candidate_id, rank, total_score FROM matches")
        )
        return {(r.project_id, r.candidate_id): (r.rank, r.total_score) for r in rows}


def _embedded(embedder, profiles: list) -> dict[int, list[float]]:
    vectors = {}
    for start in range(0, len(profiles), 256):
        batch = profiles[start : start + 256]
        for profile, vector in zip(batch, embedder.embed([p.text for p in batch]), strict=True):
            vectors[profile.profile_id] = np.asarray(vector, dtype=np.float32).tolist()
    return vectors


# --- 2. quality on the fixture world ---------------------------------------------------


def world(args: argparse.Namespace) -> dict:
    from pipeline.emails.chunking import email_chunks
    from pipeline.emails.parsing import parse_email
    from pipeline.matching.evaluation import ranking_quality
    from pipeline.store.tables import reflect_tables
    from pipeline_tests.fixtures.heldout import load_world, load_world_file, to_eml
    from pipeline_tests.matching.world import (
        ingest_world,
        profile_ids,
        stored_rankings,
        world_truths,
    )

    loader = load_world
    if args.world_file:
        loader = functools.partial(load_world_file, Path(args.world_file))
    results, admitted, results_rankings = {}, {}, {}
    with bench_database() as (engine, scratch):
        tables = reflect_tables(engine)
        ingest_world(engine, tables, loader)
        embedder = create_embedder(args.world_embedder)
        config = MatchingConfig()
        mails = {m["id"]: m for m in loader()}
        candidates, projects = profile_ids(engine)
        by_fixture = {**{v: ("candidate", k) for k, v in candidates.items()},
                      **{v: ("project", k) for k, v in projects.items()}}  # fmt: skip
        texts = {}
        for fixture_id, mail in mails.items():
            parsed = parse_email(to_eml(mail))
            chunks = list(email_chunks(parsed.subject, parsed.full_text))
            texts[fixture_id] = (chunks, f"{parsed.subject}\n{parsed.full_text}")
        for variant in ("canonical profile", "mean of chunk vectors", "raw mail text"):
            store = EdgeVectorStore(scratch / variant.replace(" ", "_"))
            ProfileIndexer(engine, embedder, store, config).sync()
            if variant != "canonical profile":
                _replace_vectors(engine, store, embedder, by_fixture, texts, variant)
            for weighted in (True, False):
                with engine.begin() as connection:
                    connection.execute(sa.text("TRUNCATE matches, match_state"))
                service = MatchingService(engine, embedder, store, config, top_k=10)
                if not weighted:
                    service.matcher.config = config.model_copy(
                        update={"vector_weight": 1.0, "filter_weight": 0.0}
                    )
                service.compute(full=True)
                rankings = stored_rankings(engine)
                groups = ranking_quality(world_truths(loader), rankings)
                name = f"{variant}{'' if weighted else ', vector only'}"
                results[name] = groups
                admitted[name] = _admitted_decoys(mails, rankings)
                results_rankings[name] = rankings
            store.close()
            with engine.begin() as connection:
                connection.execute(sa.text("TRUNCATE profile_points"))
    print(
        f"world {args.world_file or 'matching_world.yaml'}: {len(world_truths(loader))} "
        f"projects, embedder {args.world_embedder}"
    )
    for name, groups in results.items():
        o = groups["overall"].as_dict()
        x = groups["cross-language"].as_dict()
        print(
            f"  {name:<40} top1 {o['top1']:.3f} top3 {o['top3']:.3f} mrr {o['mrr']:.3f} "
            f"decoys-in-top3 {o['decoys_in_top3']:>2}; cross-language top3 {x['top3']:.3f}"
        )
    kept = results["canonical profile"]
    print("  per language pair (canonical profile, weighted):")
    for pair, quality in sorted(kept.items()):
        print(f"    {pair:<15} {quality.as_dict()}")
    print(f"  misses: {kept['overall'].misses}")
    print(f"  decoys in a top-3 by failed constraint: {admitted['canonical profile']}")
    print(
        f"  which (project: decoy): {_admitted_ids(mails, results_rankings['canonical profile'])}"
    )
    return kept["overall"].as_dict() | {"cross": kept["cross-language"].as_dict()["top3"]}


def _admitted_ids(mails: dict, rankings: dict) -> list[str]:
    """'project: decoy' for each decoy in its project's top 3, to read the mails behind a count."""
    return [
        f"{project}: {candidate}"
        for project, ranking in sorted(rankings.items())
        for candidate in ranking[:3]
        if candidate in mails[project]["truth"].get("decoys", {})
    ]


def _admitted_decoys(mails: dict, rankings: dict) -> dict[str, int]:
    """{language pair / failed constraint: count} of the decoys that reached a top-3."""
    counts: collections.Counter[str] = collections.Counter()
    for project, ranking in rankings.items():
        truth = mails[project]["truth"]
        if "best" not in truth:  # a candidate's mail the intake took for a project
            continue
        pair = f"{mails[project]['lang']}→{mails[truth['best']]['lang']}"
        for candidate in ranking[:3]:
            if candidate in truth.get("decoys", {}):
                counts[f"{pair} {truth['decoys'][candidate]}"] += 1
    return dict(sorted(counts.items()))


def _replace_vectors(engine, store, embedder, by_fixture, texts, variant) -> None:
    """Overwrite the profile points' vectors with an alternative; payloads stay the same."""
    from pipeline.matching.index import profile_collection

    fixture_of = {(kind, pid): fid for fid, (kind, pid) in by_fixture.items()}
    indexer = ProfileIndexer(engine, embedder, store, MatchingConfig())
    for kind in ("candidate", "project"):
        profiles = [p for p in indexer.profiles(kind) if (kind, p.profile_id) in fixture_of]
        vectors = []
        for profile in profiles:
            chunks, raw = texts[fixture_of[(kind, profile.profile_id)]]
            if variant == "mean of chunk vectors":
                vectors.append(np.asarray(embedder.embed(chunks)).mean(axis=0))
            else:
                vectors.append(np.asarray(embedder.embed([raw[:4000]])[0]))
        store.upsert(
            profile_collection(kind, embedder),
            [profile_point_id(kind, p.profile_id, embedder.name) for p in profiles],
            np.asarray(vectors, dtype=np.float32),
            [point_payload(p) for p in profiles],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--candidates", type=int, default=20000)
    parser.add_argument("--baseline-sample", type=int, default=12)
    parser.add_argument("--world-embedder", default="use")
    parser.add_argument(
        "--no-engine-path", dest="engine_path", action="store_false",
        help="skip timing the match step with a query per project in the engine",
    )  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="200 x 2000, hashing world")
    parser.add_argument("--world-file", help="only the world part, on this world file")
    parser.add_argument(
        "--scale-only", action="store_true",
        help="only the scale part (the last line is its speed-up alone)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.quick:
        args.projects, args.candidates, args.baseline_sample = 200, 2000, 6
        args.world_embedder = "hashing"
    if args.scale_only:
        ratio = scale(args)
        print(f"matching: {ratio:.1f}x the per-pair baseline at {args.projects}x{args.candidates}")
        return
    quality = world(args)
    if args.world_file:
        print(
            f"matching world {Path(args.world_file).name}: top-3 {quality['top3']:.3f} "
            f"(cross-language {quality['cross']:.3f}), MRR {quality['mrr']:.3f}, "
            f"{quality['decoys_in_top3']} excluded decoys in a top-3"
        )
        return
    ratio = scale(args)
    print(
        f"matching: {ratio:.1f}x the per-pair baseline at {args.projects}x{args.candidates}; "
        f"fixture world top-3 {quality['top3']:.3f} (cross-language {quality['cross']:.3f}), "
        f"MRR {quality['mrr']:.3f}, {quality['decoys_in_top3']} excluded decoys in a top-3"
    )


if __name__ == "__main__":
    main()
