"""Shared fixtures for the growth CLI tests: input files are built in code per test."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

import growth
from growth import cli

RunCli = Callable[..., tuple[int, str, Path]]


@pytest.fixture
def engine() -> None:
    # The engine (growth.zscores) is written alongside the CLI; tests that need its numbers
    # skip until it is importable, the input-checking tests run regardless.
    if not hasattr(growth, "zscores"):
        pytest.skip("growth.zscores is not available yet")


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Write ``content`` to tmp_path/name and run the CLI on it.

    Returns (exit code, everything written to stderr, output path).
    """

    def run(
        name: str, content: str | bytes, out: str = "out.csv", **kwargs: str
    ) -> tuple[int, str, Path]:
        source = tmp_path / name
        if isinstance(content, str):
            source.write_text(content, encoding="utf-8")
        else:
            source.write_bytes(content)
        target = tmp_path / out
        stderr = io.StringIO()
        code = cli.run(source, target, stderr=stderr, **kwargs)
        return code, stderr.getvalue(), target

    return run
