"""One exception root for the project; callers catch it at the op or CLI boundary.

Every message of a `PipelineError` passes through `redact` when the error is made, so a
provider that echoes a configured key back cannot carry it into a log, a stored
`last_error`, the Dagster event log or the CLI output.
"""

from __future__ import annotations

import threading

_SECRETS: set[str] = set()
_SECRETS_LOCK = threading.Lock()
_MIN_SECRET_LEN = 8  # shorter values ("", "unset", "test") would blank ordinary words
REDACTED = "[redacted]"


def register_secret(value: str | None) -> None:
    """Remember a configured secret (an API key, a password) so `redact` hides it."""
    if value and len(value) >= _MIN_SECRET_LEN:
        with _SECRETS_LOCK:
            _SECRETS.add(value)


def redact(text: str) -> str:
    """`text` with every registered secret replaced by "[redacted]"."""
    with _SECRETS_LOCK:
        secrets = sorted(_SECRETS, key=len, reverse=True)  # longest first: no partial leftovers
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


class PipelineError(Exception):
    """Base of every error this project raises on purpose. Its message is redacted."""

    def __init__(self, *args: object) -> None:
        super().__init__(*(redact(a) if isinstance(a, str) else a for a in args))


class ConfigurationError(PipelineError):
    """A setting is missing, malformed or points at something unreachable."""


class TransientError(PipelineError):
    """Something outside the project is down for now; the same step may succeed later."""


class DatabaseUnavailableError(TransientError):
    """The configured database cannot be reached (down, frozen, restarting): retry later."""


class SchemaMissingError(ConfigurationError):
    """The database is reachable but has no (or an old) schema: run `pipeline db migrate`."""


class VectorStoreUnavailableError(TransientError):
    """The vector store cannot be reached, or its folder is held by another process."""
