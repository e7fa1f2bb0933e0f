"""Settings come from the environment, with defaults, and reject nonsense early."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from pipeline.settings import REPO_ROOT, Settings


def environment_names() -> list[str]:
    names = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names.append(alias.choices[0] if alias is not None else name.upper())
    return names


def test_defaults_run_everything_embedded(monkeypatch: pytest.MonkeyPatch):
    for name in environment_names():
        monkeypatch.delenv(name, raising=False)

    settings = Settings()

    assert settings.database_url is None and settings.qdrant_url is None
    assert settings.embedder == "use"
    assert settings.embedding_batch_size is None  # the vectorizer picks by embedder kind
    assert settings.data_dir == REPO_ROOT / ".data"
    assert settings.resolved_qdrant_path == REPO_ROOT / ".data" / "qdrant"


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PIPELINE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("EMBEDDER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    monkeypatch.setenv("EMBEDDING_BATCH_SIZE", "64")

    settings = Settings()

    assert settings.data_dir == tmp_path
    assert settings.embedder == "openai"
    assert settings.embedding_batch_size == 64
    assert "sk-test-secret" not in repr(settings)  # secrets never show up in logs


@pytest.mark.parametrize(
    ("variable", "value"),
    [("EMBEDDER", "word2vec"), ("EMBEDDING_BATCH_SIZE", "0"), ("EMBEDDING_BATCH_SIZE", "4096")],
)
def test_invalid_values_are_rejected_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
):
    monkeypatch.setenv(variable, value)

    with pytest.raises(ValidationError, match=variable.lower()):
        Settings()


def test_readme_documents_every_setting():
    readme = (REPO_ROOT / "README.md").read_text()
    missing = [name for name in environment_names() if f"`{name}`" not in readme]
    assert not missing, f"README's configuration table lacks {missing}"


def test_the_data_folder_keyword_sets_it_and_only_its_own_variable_does_in_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.delenv("PIPELINE_DATA_DIR", raising=False)
    assert Settings(data_dir=tmp_path / "kw").data_dir == tmp_path / "kw"
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "bare"))  # not the setting's variable
    assert Settings().data_dir != tmp_path / "bare"
    monkeypatch.setenv("PIPELINE_DATA_DIR", str(tmp_path / "env"))
    assert Settings().data_dir == tmp_path / "env"
