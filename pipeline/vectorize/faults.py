"""Faults outside the vectorizer, turned into waits with a message or one clear line.

- Claim holders: a worker id is `host:pid:nonce`; a holder on this host whose process is
  gone is dead, and its claims can be freed at once instead of waiting for the lease.
- The database: an unreachable or dropped connection is waited for (bounded, with a message),
  then becomes `DatabaseUnavailableError` naming the database.
- The vector store: an unreachable server becomes one line naming QDRANT_URL; an embedded
  folder locked by another process is waited for, then one line naming the folder.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from pipeline.errors import (
    DatabaseUnavailableError,
    PipelineError,
    VectorStoreUnavailableError,
    redact,
)

T = TypeVar("T")
HOST = socket.gethostname()


def worker_id(nonce: str) -> str:
    return f"{HOST}:{os.getpid()}:{nonce}"


def holder_is_dead(worker: str) -> bool:
    """True only when `worker` ran on this host and its process no longer exists.

    Other hosts, and ids not in `host:pid:nonce` form, are never judged: their leases decide.
    A zombie (killed, not yet reaped) counts as dead; a reused pid counts as alive (safe).
    """
    parts = worker.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != HOST or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state == "Z"


def _is_connection_error(error: BaseException) -> bool:
    if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, sa.exc.OperationalError | sa.exc.InterfaceError)


def _reason(error: BaseException) -> str:
    orig = getattr(error, "orig", None) or error
    lines = str(orig).strip().splitlines()
    return redact(lines[0] if lines else type(orig).__name__)


def with_database(
    database: str, action: Callable[[], T], *, wait_s: float, log: Any, what: str
) -> T:
    """Run `action` (one transaction); while the database is unreachable, wait and retry.

    The wait is bounded by `wait_s`, with a warning when it starts; then one
    DatabaseUnavailableError naming `database` (its URL without password). `action` must be
    safe to repeat (every statement the vectorizer repeats is idempotent or sets absolute
    values).
    """
    deadline = time.monotonic() + wait_s
    delay = 0.5
    warned = False
    while True:
        try:
            late = f"database {database} has not answered while {what}"
            with _WATCHDOG.watch(late, log):
                return action()
        except Exception as e:
            if not _is_connection_error(e):
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise DatabaseUnavailableError(
                    f"database {database} unreachable while {what}: {_reason(e)}; "
                    "start it and run again (this run's claims are freed by the next run)"
                ) from None
            if not warned:
                log.warning(
                    f"database {database} unreachable while {what} "
                    f"({_reason(e)}); waiting up to {wait_s:.0f}s for it"
                )
                warned = True
            time.sleep(min(delay, left))
            delay = min(delay * 2, 5.0)


class _Watchdog:
    """One thread that warns once about a call still waiting after `after_s` (a frozen server
    answers nothing, so without it the wait would be silent until the client timeout)."""

    def __init__(self, after_s: float = 5.0) -> None:
        self.after_s = after_s
        self._calls: dict[int, tuple[float, str, Any]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._next = 0

    @contextlib.contextmanager
    def watch(self, message: str, log: Any) -> Iterator[None]:
        with self._lock:
            self._next += 1
            key = self._next
            self._calls[key] = (time.monotonic(), message, log)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._calls.pop(key, None)

    def _run(self) -> None:
        while True:
            time.sleep(min(1.0, self.after_s / 4))
            now = time.monotonic()
            with self._lock:
                late = [(k, v) for k, v in self._calls.items() if now - v[0] >= self.after_s]
                for key, _ in late:
                    self._calls.pop(key)  # warn once per call
            for _, (started, message, log) in late:
                log.warning(f"{message} for {now - started:.0f}s; still waiting (bounded)")


_WATCHDOG = _Watchdog()


def _is_lock_error(error: BaseException) -> bool:
    text = str(error)
    return "WouldBlock" in text or "already accessed by another instance" in text


def _is_remote_error(error: BaseException) -> bool:
    module = type(error).__module__ or ""
    return module.startswith(("qdrant_client", "httpx", "httpcore", "grpc")) or isinstance(
        error, ConnectionError | TimeoutError
    )


def with_vector_store(
    action: Callable[[], T], *, location: str, wait_s: float, log: Any, what: str
) -> T:
    """Run a vector-store call; a folder locked by another process is waited for (bounded)."""
    deadline = time.monotonic() + wait_s
    warned = False
    while True:
        try:
            return action()
        except PipelineError:
            raise
        except Exception as e:
            if _is_lock_error(e):
                if time.monotonic() >= deadline:
                    raise VectorStoreUnavailableError(
                        f"the vector store folder {location} is held by another process "
                        f"(another vectorize run?) for over {wait_s:.0f}s: wait for it to "
                        "finish, or use a Qdrant server (QDRANT_URL)"
                    ) from None
                if not warned:
                    log.warning(
                        f"the vector store folder {location} is held by another process; "
                        f"waiting up to {wait_s:.0f}s for it"
                    )
                    warned = True
                time.sleep(0.5)
                continue
            if _is_remote_error(e):
                lines = str(e).strip().splitlines()
                reason = redact(lines[0] if lines else type(e).__name__)
                where = "" if location == "QDRANT_URL" else f" at {location}"
                raise VectorStoreUnavailableError(
                    f"QDRANT_URL: cannot reach the vector store{where} while {what}: {reason}"
                ) from None
            raise
