"""How long a PDF directory of N services takes (WeasyPrint, PDF/UA-1), printed, never asserted.

    .venv/bin/python bench/pdf.py [--services 500] [--lang fr] [--group category]

Builds a demo directory (N × 1.3 services, so a broad search returns at least N), indexes it, then
times GET /<lang>/pdf/results.pdf (query → engine → HTML → PDF) through the Flask test client.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from directory import migrate  # noqa: E402
from directory.demo import generator  # noqa: E402
from indexer.document import iter_documents  # noqa: E402
from indexer.factory import engine_from_config  # noqa: E402
from portal import create_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=500)
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--group", default="category", choices=("category", "region"))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        url = f"sqlite:///{tmp / 'demo.sqlite'}"
        migrate.upgrade(url)
        generator.build(url, services=int(args.services * 1.3), seed=211)
        app = create_app({"DATABASE_URL": url, "INDEX_PATH": str(tmp / "index"), "SERVER_NAME": "localhost",
                          "PDF_MAX_SERVICES": args.services, "NEEDS_LOG_ENABLED": False})
        engine_from_config(app.config).rebuild(iter_documents(url))
        client = app.test_client()
        started = time.perf_counter()
        response = client.get(f"/{args.lang}/pdf/results.pdf?group={args.group}")
        seconds = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        pdf = response.data
        pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))
        print(f"PDF of {args.services} services ({args.lang}, by {args.group}): {seconds:.1f} s, "
              f"{len(pdf) / 1e6:.1f} MB, {pages} pages")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
