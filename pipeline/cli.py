"""`pipeline ...`: the command line. Errors of this project end here as one line, exit 2."""

from __future__ import annotations

import functools
import logging
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pipeline.errors import PipelineError
from pipeline.settings import REPO_ROOT, Settings, get_settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from pipeline.index.lifecycle import IndexLifecycle
    from pipeline.store.vectors import VectorStore

# Plain click help, not rich panels, 100 columns wide so long option names stay whole.
HELP_SETTINGS = {"max_content_width": 100, "terminal_width": 100}


_CLICK_NAMES = {"int": "INTEGER", "str": "TEXT", "float": "FLOAT", "bool": "BOOLEAN",
                "Path": "PATH", "path": "PATH"}  # fmt: skip


def _plain_type_label(label: str) -> str:
    """'<list[str]>' -> 'TEXT', '<int range>' -> 'INTEGER', '<Path>' -> 'PATH': click's names,
    where typer 0.2x prints its annotations (a repeatable option says so in its help)."""
    inner = label.strip("<>").removeprefix("list[").removesuffix("]").removesuffix(" range")
    return "|".join(_CLICK_NAMES.get(part, part) for part in inner.split("|"))


if hasattr(typer.core, "_TyperParameter"):  # typer's own help labels; absent: nothing to fix
    _typer_label = typer.core._TyperParameter.display_type

    def _display_type(self: Any, ctx: Any) -> str:
        return _plain_type_label(_typer_label(self, ctx))

    typer.core._TyperParameter.display_type = _display_type  # type: ignore[method-assign]
app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help=__doc__,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=HELP_SETTINGS,
)
db_app = typer.Typer(no_args_is_help=True, help="The application database.")
demo_app = typer.Typer(no_args_is_help=True, help="Demo data and the demo run.")
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")


def fails_cleanly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a PipelineError into one line on stderr and exit code 2, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PipelineError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(2) from None
        except Exception as e:
            from pipeline.store.database import schema_error  # sqlalchemy: only on failure

            missing = schema_error(e)
            if missing is None:
                raise
            typer.echo(f"error: {missing}", err=True)
            raise typer.Exit(2) from None

    return wrapper


@app.callback()
def main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log INFO lines (default: warnings only).")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _app_engine(settings: Settings):
    from pipeline.store.database import create_database_engine, resolve_database_urls

    urls = resolve_database_urls(settings)
    setting = "DATABASE_URL" if urls.source == "DATABASE_URL" else "embedded Postgres"
    timeout = settings.database_statement_timeout_s or None
    return create_database_engine(urls.app, setting=setting, statement_timeout_s=timeout)


@db_app.command("migrate")
@fails_cleanly
def db_migrate() -> None:
    """Apply the SQL migrations in sql/ (a no-op when up to date)."""
    from pipeline.store.migrations import apply_migrations

    engine = _app_engine(get_settings())
    applied = apply_migrations(engine.url.render_as_string(hide_password=False))
    names = f": {', '.join(applied)}" if applied else ""
    typer.echo(f"applied {len(applied)} migration(s){names}")


@db_app.command("stop")
@fails_cleanly
def db_stop() -> None:
    """Stop the embedded Postgres (it is started on demand and otherwise left running)."""
    from pipeline.store.embedded import stop_embedded_postgres

    stopped = stop_embedded_postgres(get_settings().embedded_postgres_dir)
    typer.echo("embedded Postgres stopped" if stopped else "embedded Postgres was not running")


@app.command("env")
@fails_cleanly
def env(
    dotenv: Annotated[
        bool,
        typer.Option(
            "--dotenv",
            help="Instead, write DAGSTER_HOME (no database URL) to .env in the repo root, "
            "where `dagster job execute`, `dg launch` and `dagster dev` read it.",
        ),
    ] = False,
) -> None:
    """Print the exports that point Dagster at this project's storage: eval "$(pipeline env)"."""
    from pipeline.environment import dagster_environment, write_dotenv

    settings = get_settings()
    if dotenv:
        typer.echo(f"wrote {write_dotenv(settings)}")
        return
    for name, value in dagster_environment(settings).items():
        typer.echo(f"export {name}='{value}'")


def _refresh_dotenv(settings: Settings) -> None:
    """Keep .env current for the repo's own instance, so Dagster's CLI works as written."""
    from pipeline.environment import owns_dotenv, write_dotenv

    if owns_dotenv(settings):
        write_dotenv(settings)


@demo_app.command("load")
@fails_cleanly
def demo_load(
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same data.")] = 7,
    chunks: Annotated[int, typer.Option(help="Report chunks (100000+ for benchmarks).")] = 400,
    emails: Annotated[int, typer.Option(help="Demo inbox size (staffing mail, ja/zh/en).")] = 30,
) -> None:
    """Generate demo documents with chunks and a demo inbox (idempotent for the same seed)."""
    from pipeline.demo.documents import load_demo_reports
    from pipeline.store.catalog import count_source_chunks
    from pipeline.store.tables import reflect_tables

    engine = _app_engine(get_settings())
    tables = reflect_tables(engine)
    load_demo_reports(engine, tables, seed=seed, chunks=chunks)
    with engine.connect() as connection:  # the reports alone: the same figure on every run
        total, pending = count_source_chunks(connection, "demo_reports")
    typer.echo(f"demo reports loaded: {total} report chunks, {pending} of them pending")
    if emails:
        _load_demo_inbox(engine, tables, seed=seed, size=emails)


@demo_app.command("run")
@fails_cleanly
def demo_run(
    chunks: Annotated[int, typer.Option(help="Report chunks to generate.")] = 400,
    emails: Annotated[int, typer.Option(help="Demo inbox size.")] = 30,
    events: Annotated[str, typer.Option(help="bars, jsonl or none.")] = "bars",
    config: Annotated[
        list[Path] | None,
        typer.Option("--config", "-c", help="More run config (YAML), as in the Launchpad."),
    ] = None,
) -> None:
    """Migrate, load demo reports, write the demo inbox, run inbox_to_matches_job
    (`dagster job execute`) with live stage bars, then the top matches and the summary."""
    from pipeline.defs.launch_config import check_run_config
    from pipeline.demo.inbox import write_inbox

    check_run_config("inbox_to_matches_job", list(config or []))  # before any work
    db_migrate.__wrapped__()
    demo_load.__wrapped__(seed=7, chunks=chunks, emails=0)
    settings = get_settings()
    inbox = settings.data_dir / "demo_inbox"
    write_inbox(inbox, seed=7, size=emails)
    typer.echo(f"demo inbox written: {emails} mails in {inbox}")
    result = _launch_and_watch(settings, inbox=inbox, events=events, extra_config=config)
    _print_top_matches(settings, projects=3, top=3)
    try:
        _finish_run(result, events)
    finally:
        _say_what_keeps_running(settings)


def _say_what_keeps_running(settings: Settings) -> None:
    """The embedded Postgres outlives the demo (the UI and the next run use it): say so."""
    if settings.database_url:
        return
    typer.echo(
        f"the embedded Postgres keeps running in {settings.embedded_postgres_dir} for "
        "`make dev` and the next run; stop it with `make stop` (`pipeline db stop`); "
        "the run is in the Dagster UI: `make dev`, then http://localhost:3000",
        err=True,
    )


def _launch_and_watch(
    settings: Settings, inbox: Path | None, events: str, extra_config: list[Path] | None = None
):
    """`dagster job execute` inbox_to_matches_job in a subprocess (its log in the data folder),
    found on the instance by a launch tag, and followed with `pipeline watch`'s code. It runs
    in the data folder, not the repo root, so a .env there cannot override these settings."""
    import json
    import os
    import time
    import uuid

    from pipeline.environment import dagster_environment

    if events not in ("bars", "jsonl", "none"):
        raise PipelineError(f"--events: {events!r} is not bars, jsonl or none")
    environment = dagster_environment(settings)
    os.environ.update(environment)
    _refresh_dotenv(settings)
    from dagster import DagsterInstance, RunsFilter

    from pipeline.defs.launch_config import check_run_config

    check_run_config("inbox_to_matches_job", list(extra_config or []))  # a typo: one line

    tag = uuid.uuid4().hex
    logs = settings.data_dir / "dagster" / "runs"
    logs.mkdir(parents=True, exist_ok=True)
    configs = list(extra_config or [])
    if inbox is not None:
        path = logs / f"{tag}.config.json"
        config = {"ops": {"store_inbox_op": {"config": {"inbox_path": str(inbox)}}}}
        path.write_text(json.dumps(config))
        configs.insert(0, path)
    command = [
        str(Path(sys.executable).with_name("dagster")), "job", "execute",
        "-m", "pipeline.definitions", "-j", "inbox_to_matches_job",
        "--tags", json.dumps({"pipeline/launch": tag}),
        *[arg for c in configs for arg in ("-c", str(c))],
    ]  # fmt: skip
    log_path = logs / f"{tag}.log"
    shown = shlex.join(["dagster", *command[1:]])  # the command as a user would type it
    typer.echo(f"$ {shown}  (log: {log_path})", err=True)
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, env={**os.environ, **environment}, cwd=logs.parent, stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        instance = DagsterInstance.get()
        run_id = None
        while run_id is None:
            runs = instance.get_runs(filters=RunsFilter(tags={"pipeline/launch": tag}), limit=1)
            if runs:
                run_id = runs[0].run_id
            elif process.poll() is not None:
                reason = _last_error_line(log_path.read_text())
                raise PipelineError(
                    f"dagster job execute exited {process.returncode}: {reason} (log: {log_path})"
                )
            else:
                time.sleep(0.3)
        result = _watch(instance, run_id, events)
        process.wait()
    from pipeline.defs.origin import attach_workspace_origin

    attach_workspace_origin(instance, run_id)  # so the UI's timeline lists the run
    return result


def _last_error_line(log: str) -> str:
    """The exception line of a traceback in a log ('SomeError: why'), else its last line."""
    import re

    errors = re.findall(r"^(?:[\w.]+(?:Error|Exception)|\s+Error \d+): .*$", log, re.M)
    lines = [line for line in log.splitlines() if line.strip()]
    return (errors[-1] if errors else lines[-1] if lines else "no output").strip()


def _watch(instance, run_id: str, events: str):
    from pipeline.defs.inbox_to_matches.watch import follow_run
    from pipeline.tracking import EventStream
    from pipeline.tracking.jsonl import JsonLines
    from pipeline.tracking.terminal import TerminalBars

    stream = EventStream()
    bars = None
    if events == "bars":
        bars = stream.subscribe(TerminalBars())
    elif events == "jsonl":
        stream.subscribe(JsonLines())
    try:
        return follow_run(instance, run_id, stream)
    finally:
        if bars is not None:
            bars.close()


def _finish_run(result, events: str = "bars") -> None:
    """The summary line (on stderr under JSON lines, so stdout stays JSON); a run that did not
    succeed is an error (exit 2)."""
    from pipeline.defs.inbox_to_matches.ops import summary_line
    from pipeline.tracking import PIPELINE_STAGES

    err = events == "jsonl"
    if result.summary:
        summary = result.summary["processing_summary"]
        metrics = result.summary["performance_metrics"]
        stages = metrics["stages"]
        shares = ", ".join(
            f"{stage} {stages[stage]['share']:.0%}" for stage in PIPELINE_STAGES if stage in stages
        )
        typer.echo(f"time per stage: {shares}; {metrics['items_per_second']:.1f} emails/s", err=err)
        typer.echo(f"summary: {summary_line(summary, metrics)} (run {result.run_id})", err=err)
    else:
        typer.echo(f"summary: {result.job_name} run {result.run_id} {result.status}", err=err)
    if result.status != "SUCCESS":
        raise PipelineError(f"{result.job_name} run {result.run_id} ended {result.status}")


def _print_top_matches(settings: Settings, projects: int, top: int) -> None:
    """The top matches of the `projects` projects with the most stored matches."""
    import sqlalchemy as sa

    from pipeline.matching.config import SCORING_VERSION
    from pipeline.matching.report import format_matches
    from pipeline.store import profiles as profile_store

    engine = _app_engine(settings)
    with engine.connect() as connection:
        ids = connection.execute(
            sa.text(
                "SELECT project_id FROM matches WHERE scoring_version = :v AND mode = 'standard' "
                "GROUP BY project_id ORDER BY max(total_score) DESC, project_id LIMIT :n"
            ),
            {"v": SCORING_VERSION, "n": projects},
        ).scalars()
        for project_id in list(ids):
            rows = profile_store.project_matches(
                connection, project_id, SCORING_VERSION, "standard"
            )[:top]
            names = profile_store.profile_names(
                connection, "candidate", [r["candidate_id"] for r in rows]
            )
            title = profile_store.profile_names(connection, "project", [project_id])
            typer.echo(f"top {top} for project #{project_id} {title.get(project_id, '')}:")
            typer.echo(format_matches(rows, names, by="candidate_id"))


@app.command("run")
@fails_cleanly
def run(
    inbox: Annotated[
        Path | None, typer.Option(help="Inbox folder, mbox or maildir; unset: <data>/inbox.")
    ] = None,
    config: Annotated[
        list[Path] | None, typer.Option("--config", "-c", help="More run config (YAML).")
    ] = None,
    events: Annotated[str, typer.Option(help="bars (terminal), jsonl (stdout) or none.")] = "bars",
) -> None:
    """Run inbox_to_matches_job (`dagster job execute`) and follow it live, then summarise."""
    _finish_run(_launch_and_watch(get_settings(), inbox, events, config), events)


@app.command("watch")
@fails_cleanly
def watch(
    run_id: Annotated[str | None, typer.Argument(help="The run to follow.")] = None,
    latest: Annotated[bool, typer.Option(help="Follow the newest run.")] = False,
    events: Annotated[str, typer.Option(help="bars (terminal), jsonl (stdout) or none.")] = "bars",
) -> None:
    """Follow any Dagster run (UI, sensor, `dagster job execute`) from the instance's events:
    one bar per stage until it ends, then its summary."""
    import os

    from pipeline.environment import dagster_environment

    if (run_id is None) == (not latest):
        raise PipelineError("give a RUN_ID or --latest")
    if events not in ("bars", "jsonl", "none"):
        raise PipelineError(f"--events: {events!r} is not bars, jsonl or none")
    os.environ.update(dagster_environment(get_settings()))
    from dagster import DagsterInstance

    from pipeline.defs.inbox_to_matches.watch import latest_run_id

    instance = DagsterInstance.get()
    _finish_run(_watch(instance, run_id or latest_run_id(instance), events), events)


@app.command("vectorize")
@fails_cleanly
def vectorize(
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many chunks.")] = None,
    market: Annotated[list[str] | None, typer.Option(help="Only this market (repeatable).")] = None,
    doc_type: Annotated[list[str] | None, typer.Option(help="Only this doc type.")] = None,
    stock_code: Annotated[list[str] | None, typer.Option(help="Only this stock code.")] = None,
    document_id: Annotated[list[int] | None, typer.Option(help="Only this document id.")] = None,
    force: Annotated[bool, typer.Option(help="Re-embed chunks already current.")] = False,
    retry_dead_letters: Annotated[bool, typer.Option(help="Retry dead-lettered chunks.")] = False,
    release_claims: Annotated[
        bool, typer.Option(help="Free every chunk claim (after a crash on another host), exit.")
    ] = False,
) -> None:
    """Embed pending chunks into Qdrant with a progress bar, then print a summary."""

    from pipeline.vectorize import PendingFilter, build_vectorizer, embedder_from_settings
    from pipeline.vectorize import open_vector_store as open_store

    settings = get_settings()
    if release_claims:
        _release_claims(settings)
        return
    embedder = embedder_from_settings(settings)
    engine = _app_engine(settings)
    store = open_store(settings)
    vectorizer = build_vectorizer(settings, engine, embedder, store)
    scope = PendingFilter(
        markets=tuple(market or ()), doc_types=tuple(doc_type or ()),
        stock_codes=tuple(stock_code or ()), document_ids=tuple(document_id or ()),
        limit=limit, force_revectorize=force,
        retry_dead_letters=retry_dead_letters,
    )  # fmt: skip
    pending = vectorizer.count_pending(scope)
    if pending == 0 and (market or doc_type or stock_code or document_id):
        _explain_empty_filter(engine, scope)  # a typo in --market is not "nothing to do"
    try:
        summary = _vectorize_with_progress(vectorizer, scope, pending)
    finally:
        store.close()
    typer.echo(
        f"summary: {summary['vectorized']} vectorized, {summary['failed']} failed "
        f"({summary['dead_lettered']} dead-lettered), {summary['skipped']} skipped of "
        f"{summary['total']} ({summary['skipped_held_by_others']} held by other live workers, "
        f"{summary['skipped_other']} done or changed meanwhile), "
        f"{summary['released_dead_claims']} claim(s) of dead workers freed, "
        f"in {summary['elapsed_s']:.1f}s ({summary['rate_per_s']:.0f}/s), "
        f"model {summary['model']}, collection {summary['collection']}"
    )


def _vectorize_with_progress(vectorizer, scope, pending: int) -> dict[str, Any]:
    """A tqdm bar on a terminal; one line per update (every few seconds) in a log or pipe."""
    from tqdm import tqdm

    from pipeline.tracking.lines import ProgressLines, is_terminal

    if not is_terminal(sys.stderr):
        lines = ProgressLines(sys.stderr)

        def write(info) -> None:
            extra = f"failed={info['total_failed']}, retries={info['retries']}"
            final = info["processed"] >= info["total"]
            lines.update(
                "vectorize", info["processed"], info["total"], extra, final=final, unit="chunks"
            )

        return vectorizer.vectorize_pending(scope, progress_callback=write)
    with tqdm(total=pending, unit="chunk", desc="vectorize") as bar:

        def show(info) -> None:
            bar.total = info["total"]
            bar.update(info["processed"] - bar.n)
            bar.set_postfix(failed=info["total_failed"], retries=info["retries"])

        return vectorizer.vectorize_pending(scope, progress_callback=show)


def _explain_empty_filter(engine, scope) -> None:
    """Fail in one line when no document at all matches the filter's values."""
    from pipeline.store.catalog import count_documents_matching, known_values

    with engine.connect() as connection:
        if count_documents_matching(
            connection, scope.markets, scope.doc_types, scope.stock_codes, scope.document_ids
        ):
            return  # they exist and are done: the summary says 0 pending
        known = known_values(connection)
    raise PipelineError(
        f"0 chunks match this filter; known markets: {', '.join(known.markets) or 'none'}; "
        f"doc types: {', '.join(known.doc_types) or 'none'}; {known.stock_codes} stock code(s)"
    )


def _release_claims(settings: Settings) -> None:
    """`pipeline vectorize --release-claims`: free every claim, saying whose they were."""
    from pipeline.store import chunks as chunk_queries

    with _app_engine(settings).begin() as connection:
        holders = chunk_queries.claim_holders(connection)
        released = chunk_queries.release_all_claims(connection)
    held = ", ".join(f"{h.worker} ({h.chunks})" for h in holders) or "no live holder"
    typer.echo(f"released {released} claim(s); live holders were: {held}")


@app.command("dev")
@fails_cleanly
def dev(port: Annotated[int, typer.Option(help="Web UI port.")] = 3000) -> None:
    """Start the Dagster UI and daemon (`dagster dev`) on this project's instance."""
    from pipeline.environment import with_dagster_environment

    settings = get_settings()
    command = [str(Path(sys.executable).with_name("dagster")), "dev", "-p", str(port),
               "-w", str(REPO_ROOT / "workspace.yaml")]  # fmt: skip
    environment = with_dagster_environment(settings)
    _refresh_dotenv(settings)
    # Run outside the repo root: Dagster's CLI lets a .env in its working folder override
    # the environment it is given, and these settings may not be the ones .env describes.
    subprocess.run(command, env=environment, cwd=environment["DAGSTER_ARTIFACTS_DIR"])


def _load_demo_inbox(engine, tables, *, seed: int, size: int) -> None:
    from pipeline.demo.inbox import generate_inbox
    from pipeline.emails.sources import RawMessage

    intake = _email_intake(engine, tables)
    inbox = (RawMessage(f"demo:{e.name}", e.raw) for e in generate_inbox(seed=seed, size=size))
    typer.echo(f"demo inbox loaded: {intake.ingest(inbox).summary()}")


def _email_intake(engine, tables):
    from pipeline.emails.classification import llm_classifier_from_settings
    from pipeline.emails.intake import EmailIntake
    from pipeline.emails.llm_extraction import llm_extractor_from_settings

    settings = get_settings()
    return EmailIntake(
        engine, tables, classifier=llm_classifier_from_settings(settings),
        extractor=llm_extractor_from_settings(settings, engine),
    )  # fmt: skip


@app.command("ingest")
@fails_cleanly
def ingest(
    path: Annotated[
        Path,
        typer.Argument(
            help="A folder of mail files (.eml, or any file with mail headers), an mbox file "
            "or a maildir."
        ),
    ],
) -> None:
    """Ingest mail: store raw bytes (deduplicated), chunk, classify, extract profiles."""
    from pipeline.store.tables import reflect_tables

    engine = _app_engine(get_settings())
    report = _email_intake(engine, reflect_tables(engine)).ingest_path(path)
    typer.echo(f"ingested {path}: {report.summary()}")
    for source, reason in report.failed:
        typer.echo(f"failed: {source}: {reason}")
    for source, reason in report.skipped:
        typer.echo(f"skipped: {source}: {reason}")
    for source, reason in report.conflicts:
        typer.echo(f"conflict: {source}: {reason}")


# --- matching ----------------------------------------------------------------------------


def _matching_parts(settings: Settings):
    from pipeline.matching.config import matching_config_from_settings
    from pipeline.vectorize import embedder_from_settings
    from pipeline.vectorize import open_vector_store as open_store

    config = matching_config_from_settings(settings)
    return _app_engine(settings), embedder_from_settings(settings), open_store(settings), config


@app.command("match")
@fails_cleanly
def match(
    mode: Annotated[str, typer.Option(help="standard or hybrid.")] = "standard",
    top: Annotated[
        int | None, typer.Option(help="Candidates per project; unset: MATCH_TOP_K.")
    ] = None,
    full: Annotated[bool, typer.Option(help="Recompute every open project.")] = False,
) -> None:
    """Upsert profiles to Qdrant, then store the top matches of every open project."""
    from pipeline.matching.index import ProfileIndexer
    from pipeline.matching.service import MatchingService

    if mode not in ("standard", "hybrid"):
        raise PipelineError(f"--mode: {mode!r} is not standard or hybrid")
    settings = get_settings()
    engine, embedder, store, config = _matching_parts(settings)
    try:
        indexed = ProfileIndexer(engine, embedder, store, config).sync().as_dict()
        judge = _ai_judge(settings, engine) if mode == "hybrid" else None
        report = MatchingService(
            engine, embedder, store, config, mode=mode, judge=judge,  # type: ignore[arg-type]
            top_k=top or settings.match_top_k,
        ).compute(full=full)  # fmt: skip
    finally:
        store.close()
    typer.echo(
        f"profiles: {indexed['candidates_indexed']} candidates, {indexed['projects_indexed']} "
        f"projects upserted, {indexed['removed']} removed; matches: "
        f"{report.matches_written} written for {report.projects_recomputed} project(s) "
        f"({report.candidates_changed} changed candidate(s)) in {report.elapsed_s:.1f}s"
    )


def _ai_judge(settings: Settings, engine):
    """The hybrid score's LLM judge when LLM_MODEL is set (cached in Postgres), else None."""
    from pipeline.llm.client import LLMConfig
    from pipeline.matching.ai import ai_judge

    return ai_judge(LLMConfig.from_settings(settings), engine)


@app.command("matches")
@fails_cleanly
def matches(
    project: Annotated[int | None, typer.Option(help="Candidates for this project id.")] = None,
    candidate: Annotated[int | None, typer.Option(help="Projects for this candidate id.")] = None,
    mode: Annotated[str, typer.Option(help="standard or hybrid.")] = "standard",
    top: Annotated[int, typer.Option(help="Rows to show.")] = 10,
) -> None:
    """Print the stored ranked matches of a project (or a candidate) with their reasons."""
    from pipeline.matching.config import SCORING_VERSION
    from pipeline.matching.report import format_matches, format_near_misses
    from pipeline.store import profiles as profile_store

    if (project is None) == (candidate is None):
        raise PipelineError("give exactly one of --project ID or --candidate ID")
    engine = _app_engine(get_settings())
    with engine.connect() as connection:
        if project is not None:
            rows = profile_store.project_matches(connection, project, SCORING_VERSION, mode)
            ids, by, kind = [r["candidate_id"] for r in rows], "candidate_id", "candidate"
        else:
            rows = profile_store.candidate_matches(connection, candidate, SCORING_VERSION, mode)
            ids, by, kind = [r["project_id"] for r in rows], "project_id", "project"
        names = profile_store.profile_names(connection, kind, ids)
        target_kind, target_id = (
            ("project", project) if project is not None else ("candidate", candidate)
        )
        if not rows and not profile_store.profile_names(connection, target_kind, [target_id]):
            raise PipelineError(f"no {target_kind} #{target_id} is stored")
        if project is not None:
            misses = [m["candidate_id"] for r in rows
                      for m in (r["breakdown"] or {}).get("near_misses_excluded", [])]  # fmt: skip
            names.update(profile_store.profile_names(connection, "candidate", misses))
    target = f"project #{project}" if project is not None else f"candidate #{candidate}"
    if not rows:
        typer.echo(f"no stored {mode} matches for {target}: run `pipeline match` first")
        return
    typer.echo(f"{mode} matches for {target} ({SCORING_VERSION}):")
    typer.echo(format_matches(rows[:top], names, by=by))
    if project is not None and (line := format_near_misses(rows, names)):
        typer.echo(line)


@app.command("search-candidates")
@fails_cleanly
def search_candidates(
    query: Annotated[str, typer.Argument(help='Free text, e.g. "Java Spring Boot 5年 東京".')],
    min_years: Annotated[float | None, typer.Option(help="At least this many years.")] = None,
    skill: Annotated[list[str] | None, typer.Option(help="A skill to have (repeatable).")] = None,
    all_skills: Annotated[bool, typer.Option(help="Require every --skill.")] = False,
    location: Annotated[str | None, typer.Option(help="Place, e.g. Tokyo or 大阪.")] = None,
    max_rate: Annotated[float | None, typer.Option(help="Monthly rate ceiling in JPY.")] = None,
    top: Annotated[int, typer.Option(help="Results to show.")] = 10,
) -> None:
    """Ad hoc weighted search over the candidate profiles in Qdrant."""
    from pipeline.matching.report import format_matches
    from pipeline.matching.search import Matcher
    from pipeline.store import profiles as profile_store

    filters: dict[str, Any] = {}
    if min_years is not None:
        filters["experience_years"] = f"{min_years:g}+"
    if skill:
        filters["skills"] = list(skill)
        filters["skills_mode"] = "all" if all_skills else "any"
    if location:
        filters["location"] = location
    if max_rate is not None:
        filters["max_rate"] = max_rate
    settings = get_settings()
    engine, embedder, store, config = _matching_parts(settings)
    try:
        results = Matcher(engine, embedder, store, config).search_candidates(
            query, filters=filters, limit=top
        )
    finally:
        store.close()
    rows = [
        {"candidate_id": r.profile_id, "total_score": r.total, "vector_score": r.vector_score,
         "filter_score": r.filter_score, "ai_score": None, "business_score": None,
         "explanation": ", ".join(r.payload.get("skills", []))}
        for r in results
    ]  # fmt: skip
    with engine.connect() as connection:
        names = profile_store.profile_names(
            connection, "candidate", [r.profile_id for r in results]
        )
    typer.echo(format_matches(rows, names) if rows else "no candidate matches this search")


# --- the chunk index: search, status, a model change without downtime ----------------------

index_app = typer.Typer(no_args_is_help=True, help="The chunk index: status and model changes.")
migrate_app = typer.Typer(
    no_args_is_help=True, help="Build a new model's collection beside the current one."
)
app.add_typer(index_app, name="index")
index_app.add_typer(migrate_app, name="migrate")


@contextmanager
def _open_index(settings: Settings) -> Iterator[tuple[Engine, VectorStore, IndexLifecycle]]:
    """The app database, the vector store (closed on the way out) and the index lifecycle."""
    from pipeline.index.lifecycle import IndexLifecycle
    from pipeline.vectorize import open_vector_store as open_store

    engine, store = _app_engine(settings), open_store(settings)
    try:
        yield engine, store, IndexLifecycle(engine, store, grace_s=settings.index_grace_s)
    finally:
        store.close()


@app.command("search")
@fails_cleanly
def search(
    query: Annotated[str, typer.Argument(help="Free text in any language (en, ja, zh).")],
    market: Annotated[str | None, typer.Option(help="Only this market.")] = None,
    doc_type: Annotated[str | None, typer.Option(help="Only this doc type.")] = None,
    top: Annotated[int, typer.Option(min=1, max=100, help="Chunks to show.")] = 10,
) -> None:
    """The chunks nearest to a query, through the index alias, with their text from Postgres."""
    from pipeline.index.search import ChunkSearch, settings_factory

    settings = get_settings()
    with _open_index(settings) as (engine, store, _):
        hits = ChunkSearch(engine, store, settings_factory(settings)).search_chunks(
            query, {"market": market, "doc_type": doc_type}, limit=top
        )
    if not hits:
        typer.echo("no chunk matches this search")
    for rank, hit in enumerate(hits, 1):
        text = " ".join(hit.text.split())
        text = text if len(text) <= 160 else text[:157] + "..."
        typer.echo(
            f"{rank:>2}. {hit.score:.3f}  {hit.company_name or '-'} | {hit.market or '-'} / "
            f"{hit.doc_type or '-'} | document {hit.document_id} chunk {hit.chunk_id}\n    {text}"
        )


@index_app.command("status")
@fails_cleanly
def index_status() -> None:
    """Models, collections, coverage, the alias target, pending deletions, dead letters."""
    with _open_index(get_settings()) as (_, _, lifecycle):
        typer.echo("\n".join(lifecycle.status().lines()))


@migrate_app.command("start")
@fails_cleanly
def index_migrate_start(
    provider: Annotated[str, typer.Option(help="Embedding provider of the new model.")],
    model: Annotated[str | None, typer.Option(help="Model name (provider default).")] = None,
    dimensions: Annotated[int | None, typer.Option(help="Vector size, where it is chosen.")] = None,
    switch: Annotated[bool, typer.Option(help="Move the alias once the check passes.")] = True,
) -> None:
    """Build the new model's collection (readers stay on the current one), check, switch."""
    from tqdm import tqdm

    from pipeline.index.search import settings_factory

    settings = get_settings()
    embedder = settings_factory(settings)(provider, model or "", dimensions or 0)
    with _open_index(settings) as (_, _, lifecycle):
        target = lifecycle.start(embedder)
        typer.echo(f"building {target.collection}; readers stay on the current collection")
        with tqdm(unit="chunk", desc="migrate") as bar:

            def show(info):
                bar.total = info["total"]
                bar.update(info["processed"] - bar.n)
                bar.set_postfix(failed=info["total_failed"])

            report = lifecycle.build(embedder, show)
        if report.abandoned:
            typer.echo("the migration was abandoned; the current collection is untouched")
            return
        result = lifecycle.check()
        typer.echo(f"check: {result.describe()}")
        if switch and result.passed:
            lifecycle.switch()
            typer.echo(
                f"alias now -> {target.collection}; set EMBEDDER={provider}"
                + (f" EMBEDDING_MODEL={model}" if model else "")
                + (f" EMBEDDING_DIMENSIONS={dimensions}" if dimensions else "")
                + " for the regular vectorizer"
            )


@migrate_app.command("watch")
@fails_cleanly
def index_migrate_watch(
    every_s: Annotated[float, typer.Option(help="Seconds between two readings.")] = 2.0,
    once: Annotated[bool, typer.Option(help="Print one reading and exit.")] = False,
) -> None:
    """Follow a migration's coverage from Postgres until it switches or is abandoned."""
    import time

    from pipeline.store import index_state

    engine = _app_engine(get_settings())
    seen = None
    while True:
        with engine.connect() as connection:
            building = index_state.model_in_state(connection, "building")
            if building is None:
                typer.echo("no migration in progress" if seen is None else "migration finished")
                return
            cover = index_state.coverage(
                connection, building.model, building.dimension, serving=False
            )
        seen = building
        typer.echo(f"{building.collection}: {cover.vectorized}/{cover.total} chunks")
        if once:
            return
        time.sleep(every_s)


@migrate_app.command("abandon")
@fails_cleanly
def index_migrate_abandon() -> None:
    """Give the migration up: its collection goes, the current model is untouched."""
    with _open_index(get_settings()) as (_, _, lifecycle):
        target = lifecycle.abandon()
    typer.echo(f"abandoned {target.collection}; the alias is unchanged")


@migrate_app.command("switch")
@fails_cleanly
def index_migrate_switch() -> None:
    """Move the alias to the built collection now (after `start --no-switch`), if it checks."""
    with _open_index(get_settings()) as (_, _, lifecycle):
        switched = lifecycle.switch()
    typer.echo(f"alias now -> {switched.collection}")
