"""Pooled connections: pinged only after sitting idle, and a dead idle one is replaced."""

from __future__ import annotations

import sqlalchemy as sa

from pipeline.store.database import create_database_engine


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
