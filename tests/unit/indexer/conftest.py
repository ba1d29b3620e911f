import importlib.util
from pathlib import Path

import pytest

_path = Path(__file__).resolve().parents[2] / "functional" / "indexer" / "indexer_factories.py"
_spec = importlib.util.spec_from_file_location("indexer_factories", _path)
_factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_factories)


@pytest.fixture
def make_document():
    return _factories.make_document
