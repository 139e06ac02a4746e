"""Low-level WordprocessingML edits python-docx has no API for."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

# Schema order of w:pPr children (ECMA-376 CT_PPr); new children must respect it.
_PPR_ORDER = tuple(
    f"w:{name}"
    for name in (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
        "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid "
        "spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
        "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ).split()
)


# Schema order of w:rPr children (ECMA-376 CT_RPr).
_RPR_ORDER = tuple(
    f"w:{name}"
    for name in (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
        "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
        "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
    ).split()
)


def _child(parent: BaseOxmlElement, tag: str, order: tuple[str, ...]) -> BaseOxmlElement:
    """Return parent's child `tag`, creating it in schema order when missing."""
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    later = {qn(name) for name in order[order.index(tag) + 1 :]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(element)
            return element
    parent.append(element)
    return element


def _ppr_child(ppr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return _child(ppr, tag, _PPR_ORDER)


def rpr_child(rpr: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    return _child(rpr, tag, _RPR_ORDER)


def doc_grid(sect_pr: BaseOxmlElement) -> BaseOxmlElement:
    """The section's w:docGrid; only these two elements may follow it."""
    return _child(sect_pr, "w:docGrid", ("w:docGrid", "w:printerSettings", "w:sectPrChange"))


def set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str) -> None:
    """Name the East Asian and Latin fonts explicitly, dropping theme fonts that would win."""
    rfonts = _child(rpr, "w:rFonts", _RPR_ORDER)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_char_indent(
    ppr: BaseOxmlElement,
    *,
    char_twips: int,
    first_line: float = 0,
    left: float = 0,
    right: float = 0,
) -> None:
    """Indent in character units (Word reads *Chars) plus twips for readers that ignore them."""
    ind = _ppr_child(ppr, "w:ind")
    for name, chars in (("firstLine", first_line), ("left", left), ("right", right)):
        ind.set(qn(f"w:{name}Chars"), str(round(chars * 100)))
        ind.set(qn(f"w:{name}"), str(round(chars * char_twips)))


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """Outline level 0-8 makes the paragraph show in Word's navigation pane."""
    _ppr_child(ppr, "w:outlineLvl").set(qn("w:val"), str(level))


def set_auto_space(ppr: BaseOxmlElement, on: bool) -> None:
    """Word's automatic extra space between Chinese and Latin letters (DE) or digits (DN)."""
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        _ppr_child(ppr, tag).set(qn("w:val"), "1" if on else "0")


def set_snap_to_grid(ppr: BaseOxmlElement, snap: bool) -> None:
    _ppr_child(ppr, "w:snapToGrid").set(qn("w:val"), "1" if snap else "0")


def set_east_asian_language(rpr: BaseOxmlElement, lang: str) -> None:
    """Declare the East Asian language so punctuation and font fallback follow Chinese rules."""
    _child(rpr, "w:lang", _RPR_ORDER).set(qn("w:eastAsia"), lang)


def set_char_spacing(rpr: BaseOxmlElement, twentieths_pt: int) -> None:
    """Expand (positive) or condense (negative) every character by twentieths of a point."""
    _child(rpr, "w:spacing", _RPR_ORDER).set(qn("w:val"), str(twentieths_pt))
