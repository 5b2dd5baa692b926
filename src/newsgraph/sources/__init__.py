"""Readers that turn files, folders, globs, stdin and JSON records into Inputs."""

from newsgraph.sources.files import DEFAULT_MAX_BYTES, expand, read_bytes, read_paths
from newsgraph.sources.inputs import KINDS, Failure, Input, sniff_kind

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KINDS",
    "Failure",
    "Input",
    "expand",
    "read_bytes",
    "read_paths",
    "sniff_kind",
]
