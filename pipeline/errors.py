"""One exception root for the project; callers catch it at the op or CLI boundary."""


class PipelineError(Exception):
    """Base of every error this project raises on purpose."""


class ConfigurationError(PipelineError):
    """A setting is missing, malformed or points at something unreachable."""


class DatabaseUnavailableError(ConfigurationError):
    """The configured database cannot be reached."""
