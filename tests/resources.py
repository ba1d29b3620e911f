"""Resources the tests need (a server, a data file, a browser asset), and one rule for when one is
missing: locally the test skips and says how to get it; under CI (CI=true) it FAILS, so a run that
silently lost its OpenSearch node, its PostgreSQL or its vendored spec can never pass as green.

`opensearch_url()` gives the live tests a real node: OPENSEARCH_URL when the test command exported
one, else the project's own `scripts/opensearch.sh start` (built from Maven Central jars), started
once per machine under a file lock so parallel test workers share one node.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing(reason: str) -> None:
    """Skip (developer machine) or fail (CI) a test whose resource is not there."""
    if IN_CI:
        pytest.fail(f"required test resource missing under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def opensearch_url() -> str:
    url = os.environ.get("OPENSEARCH_URL", "").strip()
    if url:
        return url
    port = os.environ.get("OPENSEARCH_PORT", "9200")
    lock_path = Path(f"/tmp/portail211-opensearch-{port}.start.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker starts the node, the others wait and reuse it
        try:
            done = subprocess.run(["bash", str(ROOT / "scripts" / "opensearch.sh"), "start"],
                                  capture_output=True, text=True, timeout=900, check=False)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    if done.returncode != 0:
        missing(f"could not start OpenSearch with scripts/opensearch.sh: {done.stderr[-500:]}")
    url = done.stdout.strip().splitlines()[-1]
    os.environ["OPENSEARCH_URL"] = url
    return url
