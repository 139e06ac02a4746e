"""Buttons as data, and the one codec for what a press carries back.

A button is a label and a Press; channels draw it (Telegram: an inline button whose
callback_data is `encode(press)`, at most 64 bytes). A press names its kind with a stable
one-letter id on the wire (list positions are never used, so a reordering breaks nothing),
the reply it belongs to, and at most one argument, checked on the way in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from handlers import texts

MAX_DATA_BYTES: Final = 64  # Telegram's callback_data limit
MAX_TOWN_BUTTONS: Final = 8


class Kind(StrEnum):
    """What a press asks for (the values are the wire ids: never change them)."""

    MORE = "m"  # the next page of an answer
    OTHER_TOWN = "o"  # choose a town for the same question
    PICK_TOWN = "p"  # arg: the town's index in the reply's snapshot, or "a" for all towns
    SECTION = "s"  # arg: problems | next_plan
    GUESS = "g"  # the town the question probably meant
    MORE_EXAMPLES = "x"  # the next towns' templates
    ORIGINALS = "r"  # this page's original passages
    TEMPLATES = "t"  # back to this page's templates
    UPLOAD = "u"  # arg: y (add the report) | n (cancel)


class Family(StrEnum):
    """Buttons that belong to one kind of reply; each family has one route."""

    ANSWER = "answer"
    EXAMPLES = "examples"
    UPLOAD = "upload"


FAMILY_OF: Final[dict[Kind, Family]] = {
    Kind.MORE: Family.ANSWER,
    Kind.OTHER_TOWN: Family.ANSWER,
    Kind.PICK_TOWN: Family.ANSWER,
    Kind.SECTION: Family.ANSWER,
    Kind.GUESS: Family.ANSWER,
    Kind.MORE_EXAMPLES: Family.EXAMPLES,
    Kind.ORIGINALS: Family.EXAMPLES,
    Kind.TEMPLATES: Family.EXAMPLES,
    Kind.UPLOAD: Family.UPLOAD,
}
SECTIONS: Final = ("problems", "next_plan")


@dataclass(frozen=True, slots=True)
class Press:
    """What a button carries: its kind, the reply it belongs to, and an argument."""

    kind: Kind
    ref: str  # the query id of the reply, or the upload's token
    arg: str | None = None

    @property
    def family(self) -> Family:
        return FAMILY_OF[self.kind]


@dataclass(frozen=True, slots=True)
class Button:
    """A button to draw: what it says and what pressing it sends."""

    label: str
    press: Press


def encode(press: Press) -> str:
    """'m:1f', 's:1f:problems', 'u:token:y'."""
    data = ":".join(p for p in (press.kind.value, press.ref, press.arg) if p is not None)
    if len(data.encode("utf-8")) > MAX_DATA_BYTES or not press.ref:
        raise ValueError(f"button data too long or without a reference: {data!r}")
    return data


def decode(data: str | None) -> Press | None:
    """The press a button's data stands for; None for anything we did not make."""
    if not data or len(data.encode("utf-8")) > MAX_DATA_BYTES:
        return None
    kind_id, _, rest = data.partition(":")
    ref, _, arg = rest.partition(":")
    try:
        kind = Kind(kind_id)
    except ValueError:
        return None
    if not ref or ":" in arg or not _arg_fits(kind, arg or None):
        return None
    return Press(kind, ref, arg or None)


def _arg_fits(kind: Kind, arg: str | None) -> bool:
    if kind is Kind.SECTION:
        return arg in SECTIONS
    if kind is Kind.PICK_TOWN:
        return arg is not None and (arg == "a" or (arg.isdigit() and int(arg) < MAX_TOWN_BUTTONS))
    if kind is Kind.UPLOAD:
        return arg in ("y", "n")
    return arg is None


# The button rows of each reply -----------------------------------------------------------


def answer_buttons(qid: str, *, has_more: bool, section: str | None) -> list[list[Button]]:
    """Under an answer: more, another town, only problems / only plans."""
    first = [Button(texts.BUTTON_MORE, Press(Kind.MORE, qid))] if has_more else []
    first.append(Button(texts.BUTTON_OTHER_TOWN, Press(Kind.OTHER_TOWN, qid)))
    second = [
        Button(label, Press(Kind.SECTION, qid, part))
        for part, label in (("problems", texts.BUTTON_PROBLEMS), ("next_plan", texts.BUTTON_PLANS))
        if section != part
    ]
    return [first, second]


def example_buttons(qid: str, *, has_more: bool, originals: bool) -> list[list[Button]]:
    """Under example wording: the originals (or back to the templates), and '更多范文'."""
    row = [
        Button(texts.BUTTON_TEMPLATES, Press(Kind.TEMPLATES, qid))
        if originals
        else Button(texts.BUTTON_ORIGINALS, Press(Kind.ORIGINALS, qid))
    ]
    if has_more:
        row.append(Button(texts.BUTTON_MORE_EXAMPLES, Press(Kind.MORE_EXAMPLES, qid)))
    return [row]


def town_buttons(qid: str, towns: list[str]) -> list[list[Button]]:
    """One button per town of the snapshot (by index), and one for all towns."""
    rows = [
        [Button(town, Press(Kind.PICK_TOWN, qid, str(i)))]
        for i, town in enumerate(towns[:MAX_TOWN_BUTTONS])
    ]
    rows.append([Button(texts.BUTTON_ALL_TOWNS, Press(Kind.PICK_TOWN, qid, "a"))])
    return rows


def guess_buttons(qid: str, town: str) -> list[list[Button]]:
    """'您是否指：拾万镇？' as a button."""
    return [[Button(town, Press(Kind.GUESS, qid))]]


def upload_buttons(token: str) -> list[list[Button]]:
    """Confirm or cancel an upload."""
    return [
        [
            Button(texts.BUTTON_CONFIRM, Press(Kind.UPLOAD, token, "y")),
            Button(texts.BUTTON_CANCEL, Press(Kind.UPLOAD, token, "n")),
        ]
    ]
