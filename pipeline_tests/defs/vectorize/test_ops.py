"""The vectorize ops' Launchpad config: every field documented, defaulted, and unambiguous."""

from __future__ import annotations

from pipeline.defs.vectorize.ops import scan_unvectorized_chunks_op, vectorize_chunks_op


def test_launchpad_form_documents_every_config_field():
    for op_def in (scan_unvectorized_chunks_op, vectorize_chunks_op):
        fields = op_def.config_schema.config_type.fields
        assert fields, op_def.name
        for name, field in fields.items():
            assert field.description, f"{op_def.name}.{name} has no description"
            assert not field.is_required, f"{op_def.name}.{name} should have a default"


def test_the_two_batch_size_fields_say_which_one_wins():
    from pipeline.defs.resources import EmbedderResource
    from pipeline.defs.vectorize.ops import VectorizeChunksConfig

    op_field = VectorizeChunksConfig.model_fields["batch_size"].description or ""
    resource_field = EmbedderResource.model_fields["batch_size"].description or ""
    assert "wins over resources.embedder.config.batch_size" in op_field
    assert "ops.vectorize_chunks_op.config.batch_size wins when set" in resource_field
