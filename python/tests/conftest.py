"""Shared fixtures: the repository, and the `bordermap` command's output to compare with.

The command is `$BORDERMAP_BIN` when set (CI sets the release binary it built), else
`cargo run --release --quiet --` at the repository's root.
"""

import os
import pathlib
import shlex
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _command():
    bin_ = os.environ.get("BORDERMAP_BIN")
    if bin_:
        return [bin_]
    return ["cargo", "run", "--release", "--quiet", "--"]


@pytest.fixture(scope="session")
def root():
    """The repository's root directory."""
    return ROOT


@pytest.fixture(scope="session")
def cli():
    """Runs the `bordermap` command with `args`; returns its stdout (bytes), failing on a
    non-zero exit."""

    def run(*args):
        cmd = _command() + list(args)
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True)
        assert p.returncode == 0, f"{shlex.join(cmd)}: {p.stderr.decode()}"
        return p.stdout

    return run
