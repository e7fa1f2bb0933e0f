"""Run tracking without a framework: stage progress, an event stream and its adapters."""

from pipeline.tracking.events import EventStream, PipelineEvent
from pipeline.tracking.tracker import PIPELINE_STAGES, ProgressTracker, StageProgress

__all__ = ["PIPELINE_STAGES", "EventStream", "PipelineEvent", "ProgressTracker", "StageProgress"]
