"""Every document in the fixtures, as the reader and parser find it, either commits or is
refused with a message naming the problem; committed twice, the second time creates nothing."""

import pytest

from saferboard.archive.commit import import_commit
from saferboard.core.errors import BusinessRuleError
from tests.archive.conftest import FIXTURES
from tests.archive.test_commit_seed_pack_2012 import import_file_of
from tests.factories import BodyFactory

PACKS = sorted(path for path in FIXTURES.iterdir() if path.name != "PROVENANCE.md")


@pytest.mark.parametrize("path", PACKS, ids=[path.name for path in PACKS])
def test_a_found_document_commits_once(path, partnership_a, clerk_a):
    body = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    import_file = import_file_of(path, body=body, by=clerk_a)
    try:
        first = import_commit(import_file=import_file, people={}, by=clerk_a, version=1)
    except BusinessRuleError as refused:
        # Refused documents say which meeting or item, or that the file holds nothing.
        assert "Meeting" in str(refused) or path.name in str(refused)
        return
    assert first["created"]

    second = import_commit(import_file=import_file, people={}, by=clerk_a, version=2)

    assert second["created"] == {}
    assert set(second["reused"]) == set(first["created"]) - {"actions.actionupdate"}
