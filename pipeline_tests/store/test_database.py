"""URLs checked in one line, pooled connections pinged only after sitting idle (a dead idle one
is replaced), and scratch schemas that leave nothing behind."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pipeline.errors import ConfigurationError
from pipeline.store.database import create_database_engine, normalise_url, scratch_schema


def _pings(engine: sa.Engine) -> list[str]:
    seen: list[str] = []
    ping = engine.dialect.do_ping

    def counting(dbapi_connection):
        seen.append("ping")
        return ping(dbapi_connection)

    engine.dialect.do_ping = counting  # type: ignore[method-assign]
    return seen


def test_a_busy_engine_does_not_ping_at_every_checkout(database_url):
    engine = create_database_engine(database_url, ping_idle_s=3600)
    pings = _pings(engine)
    for _ in range(20):
        with engine.begin() as connection:
            connection.execute(sa.text("SELECT 1"))
    engine.dispose()
    assert pings == []


def test_a_connection_killed_while_idle_is_replaced_at_the_next_checkout(database_url):
    engine = create_database_engine(database_url, ping_idle_s=0)
    pings = _pings(engine)
    with engine.connect() as connection:
        pid = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
    killer = sa.create_engine(database_url)
    with killer.begin() as connection:
        connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()
    with engine.connect() as connection:  # the dead one fails its ping; a new one serves
        new_pid = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
    engine.dispose()
    assert pings and new_pid != pid


@pytest.mark.parametrize(
    ("raw", "why"),
    [("not a url", "Could not parse"), ("postgresql://u@h:port/db", "invalid literal for int()")],
)
def test_a_malformed_url_is_one_configuration_error_naming_the_setting(raw: str, why: str):
    with pytest.raises(ConfigurationError) as error:
        normalise_url(raw, setting="DATABASE_URL")
    assert str(error.value).startswith("DATABASE_URL is not a valid database URL: ")
    assert why in str(error.value)


def test_a_url_of_another_database_is_refused_by_name():
    with pytest.raises(ConfigurationError, match="must be a postgresql URL, got 'sqlite'"):
        normalise_url("sqlite:///x.db", setting="DATABASE_URL")


def test_a_scratch_schema_is_first_on_the_path_and_gone_afterwards(postgres_server_url):
    with scratch_schema(postgres_server_url, "scratch") as url:
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            schema = connection.execute(sa.text("SELECT current_schema()")).scalar_one()
        engine.dispose()
        assert schema.startswith("scratch_")
    admin = sa.create_engine(postgres_server_url)
    with admin.connect() as connection:
        left = connection.execute(
            sa.text("SELECT count(*) FROM pg_namespace WHERE nspname = :name"), {"name": schema}
        ).scalar_one()
    admin.dispose()
    assert left == 0
