"""Button data through the one codec: what we make decodes to the same press; anything else
(forged, stale kinds, wrong arguments, too long) decodes to nothing."""

from __future__ import annotations

import pytest

from handlers.buttons import (
    Family,
    Kind,
    Press,
    answer_buttons,
    decode,
    encode,
    example_buttons,
    town_buttons,
    upload_buttons,
)


def test_every_button_we_draw_round_trips() -> None:
    rows = [
        *answer_buttons("1f", has_more=True, section=None),
        *example_buttons("2a", has_more=True, originals=False),
        *town_buttons("3b", [f"镇{i}" for i in range(12)]),
        *upload_buttons("tok"),
    ]
    presses = [b.press for row in rows for b in row]
    assert [decode(encode(p)) for p in presses] == presses
    assert len(town_buttons("3b", [f"镇{i}" for i in range(12)])) == 9  # 8 towns and "all"


def test_an_answer_on_problems_offers_plans_but_not_problems_again() -> None:
    [_, second] = answer_buttons("q", has_more=False, section="problems")
    assert [b.press for b in second] == [Press(Kind.SECTION, "q", "next_plan")]


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "z:1f",
        "m",
        "m:",
        "m:1f:extra",
        "s:1f:preamble",
        "p:1f:9",
        "p:1f:-1",
        "u:t:maybe",
        "u:t",
        "m:" + "x" * 70,
        "s:1f:problems:x",
    ],
)
def test_data_we_did_not_make_decodes_to_nothing(data: str | None) -> None:
    assert decode(data) is None


def test_families_route_presses() -> None:
    assert decode("x:q") == Press(Kind.MORE_EXAMPLES, "q")
    assert decode("x:q").family is Family.EXAMPLES  # type: ignore[union-attr]
    assert decode("u:t:y").family is Family.UPLOAD  # type: ignore[union-attr]
    assert decode("p:q:a").family is Family.ANSWER  # type: ignore[union-attr]


def test_a_press_too_long_for_telegram_is_refused_when_made() -> None:
    with pytest.raises(ValueError):
        encode(Press(Kind.MORE, "q" * 80))
