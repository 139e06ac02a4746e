"""A total and the parts said to make it up must agree ('学法12次，其中…4次、…6次')."""

from __future__ import annotations

import pytest

from knowledge.usecases.review import parts_against_total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组织学法12次，其中集中学法4次、会前学法6次", ("12次", "4+6=10次")),
        ("组织学法10次，其中集中学法4次、会前学法6次", None),
        ("受理信访34件，其中来访20件", None),  # one part names no sum
    ],
)
def testparts_against_total(text: str, expected: tuple[str, ...] | None) -> None:
    assert parts_against_total(text) == expected
