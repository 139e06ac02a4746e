"""Report text → document fields and section-tagged snippets. Pure and synchronous."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from knowledge.domain.sections import section_of_heading
from knowledge.domain.topics import topics_of
from knowledge.errors import ErrorCode, ParseWarning, ReportParseError
from knowledge.models import ParsedReport, ParsedSnippet, SectionId
from knowledge.text.normalize import CJK_CLASS, clean_line, search_form, to_simplified

# Phone-sized snippets: split longer pieces at sentence ends, never inside a sentence.
MAX_SNIPPET_CHARS: Final = 360
TARGET_SNIPPET_CHARS: Final = 260
_MAX_HEADING_CHARS: Final = 32

_MIN_TEXT_CHARS = 20  # fewer characters than this cannot be a report or a draft worth checking

_NUM = "一二三四五六七八九十"
_L1 = re.compile(rf"^([{_NUM}]+)[、.．]\s*(.*)$")
_L2 = re.compile(rf"^(?:[（(]([{_NUM}]+)[）)]|([{_NUM}]+)[）)])\s*(.*)$")
_L2_DIGIT = re.compile(r"^[（(](\d{1,2})[）)]\s*(.*)$")
_L3 = re.compile(r"^(\d{1,2})[、.．](?!\d)\s*(.*)$")
_INLINE_ITEM = re.compile(rf"(?:(?<=^)|(?<=[。；;！!：:]))\s*(?=[{_NUM}]{{1,2}}[是要][^，,。])")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_TERMINAL = "。！？!?；;：:”’」』）)"
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［（(]\d{4}[〕\]］）)]\s*\d+\s*号")
_DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ISSUER = re.compile(r"(人民政府|办事处|委员会|党委)$")
_TITLE_WORDS = re.compile(r"报告|总结|汇报|情况")
_LEAD_OUT = re.compile(r"(报告|总结|汇报)如下[：:]?$|如下[：:]$")
_COUNTED_FACT = re.compile(r"\d+\s*(?:余|多)?\s*[名份次件起宗个场人条期户家项]")
_YEAR = re.compile(r"(20\d{2})\s*年")
_TOWN_SUFFIX = re.compile(rf"([{CJK_CLASS}A-Za-z]{{2,3}}?)(镇|乡|街道)(?![长政府])")
_NOT_TOWN_PREFIX = set("我本全该各乡城村集场一两市小重治每县区省这那两此")
_COUNTY = re.compile(
    rf"([^\s{_NUM}省市区县，。、（）《》“”\d]{{2}})(区|县|旗)(?=[{CJK_CLASS}Xx]{{1,3}}(?:镇|乡|街道))"
)
_PROVINCE = re.compile(
    r"(北京市|天津市|上海市|重庆市|[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,5}自治区)"
    r"(?=[\u4e00-\u9fff]{2,4}[市区县旗])"
)
_PROBLEM_CUE = re.compile(
    r"(还|仍|依然|也)?存在[^。]{0,60}(问题|不足|差距|短板|困难|薄弱)|(问题|不足)(主要)?(表现在|有以下)"
)
_PLAN_CUE = re.compile(
    r"^(下一步|下步|今后|下阶段|接下来|明年|新的一年|20\d\d年[，,]?(我镇|我乡|我街道|.{0,6}将))"
)
_FIRST_RESP_CUE = re.compile(r"第一责任人")


@dataclass(slots=True)
class _Block:
    """A paragraph with the headings above it."""

    text: str
    l1: str | None
    l2: str | None
    l3: str | None
    section: SectionId
    sub_section: SectionId | None
    own_heading: str | None
    numbered: bool


def content_hash(lines: list[str]) -> str:
    """Hash of the normalised text: the same report in another encoding or format hashes alike."""
    joined = "\n".join(line for line in (search_form(x).strip() for x in lines) if line)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def parse_report(
    raw_text: str, *, town: str | None = None, year: int | None = None
) -> ParsedReport:
    """Parse one report's text.

    Args:
        raw_text: the whole report as text (already decoded).
        town: the town, when the caller knows it better than the text does.
        year: the report year, likewise.

    Returns:
        The report's fields and its snippets, each with exactly one section id.

    Raises:
        ReportParseError: the text is empty, or names no town or year and none was given.
    """
    lines = [
        clean_line(line) for line in raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    lines = _drop_empty_edges(lines)
    if sum(len(line) for line in lines) < _MIN_TEXT_CHARS:
        raise ReportParseError(code=ErrorCode.NO_TEXT)
    fields, body_lines = _split_document_fields(lines)
    paragraphs = _join_broken_lines(body_lines)
    if not paragraphs:
        raise ReportParseError(code=ErrorCode.NO_TEXT)

    # Fields are found in simplified script, so 鳳凰鎮 and 凤凰镇 are one town.
    whole_text = to_simplified("\n".join(lines))
    title_s = to_simplified(fields.get("title") or "")
    issuer_s = to_simplified(fields.get("issuer") or "")
    found_town = town or _find_town(title_s, issuer_s, whole_text)
    if not found_town:
        raise ReportParseError(code=ErrorCode.NO_TOWN)
    found_year = year or _find_year(title_s, paragraphs, fields.get("issued_on"))
    if not found_year:
        raise ReportParseError(code=ErrorCode.NO_YEAR)

    blocks, saw_headings = _structure(paragraphs)
    snippets = _snippets(_join_bare_headings(blocks))
    if not snippets:
        raise ReportParseError(code=ErrorCode.NO_TEXT)
    warnings = () if saw_headings else (ParseWarning.NO_HEADINGS,)
    return ParsedReport(
        title=fields.get("title"),
        town=found_town,
        county=_find_county(found_town, whole_text),
        province=_find_province(issuer_s, title_s, whole_text),
        year=found_year,
        doc_number=fields.get("doc_number"),
        addressee=fields.get("addressee"),
        issued_on=fields.get("issued_on"),
        content_hash=content_hash(lines),
        snippets=tuple(snippets),
        warnings=warnings,
    )


def _drop_empty_edges(lines: list[str]) -> list[str]:
    start = next((i for i, line in enumerate(lines) if line), len(lines))
    end = next((i for i in range(len(lines) - 1, -1, -1) if lines[i]), -1)
    return lines[start : end + 1]


def _is_heading_line(line: str) -> bool:
    return bool(_L1.match(line) or _L2.match(line) or _L2_DIGIT.match(line) or _L3.match(line))


def _split_document_fields(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Take title, 文号, addressee, signature, date and 抄送 out of the body."""
    fields: dict[str, str] = {}
    nonempty = [i for i, line in enumerate(lines) if line]
    body_start = nonempty[0] if nonempty else 0
    for i in nonempty[:8]:
        line = to_simplified(lines[i])
        if _is_heading_line(line) or len(line) > 80 or "。" in line or "，" in line:
            break
        if _DOC_NUMBER.fullmatch(line):
            fields["doc_number"] = lines[i].replace(" ", "")
        elif line.endswith(("：", ":")) and len(line) <= 24:
            fields["addressee"] = lines[i].rstrip("：:")
        elif _ISSUER.search(line) and len(line) <= 30 and "title" not in fields:
            fields["issuer"] = lines[i]
        elif _TITLE_WORDS.search(line) and len(line) <= 60:
            fields["title"] = (fields.get("title", "") + lines[i]).strip()
        else:
            break
        body_start = i + 1
    body_end = len(lines)
    seen = 0
    for i in range(len(lines) - 1, body_start - 1, -1):
        line = to_simplified(lines[i])
        if not line:
            body_end = i
            continue
        seen += 1
        if seen > 6:
            break
        compact = line.replace(" ", "")
        date = _DATE_LINE.match(compact)
        if date:
            y, m, d = (int(g) for g in date.groups())
            fields["issued_on"] = f"{y:04d}-{m:02d}-{d:02d}"
        elif compact.startswith("抄送"):
            fields["cc"] = compact.split("：", 1)[-1].split(":", 1)[-1]
        elif _ISSUER.search(compact) and len(compact) <= 30:
            fields.setdefault("issuer", compact)
            fields["signature"] = compact
        else:
            break
        body_end = i
    return fields, lines[body_start:body_end]


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Join lines that a page or line break cut inside a sentence, across blank lines too."""
    paragraphs: list[str] = []
    pending_join = False
    for line in lines:
        if not line:
            continue
        if pending_join and paragraphs and not _is_heading_line(line):
            paragraphs[-1] += line
        else:
            paragraphs.append(line)
        last = paragraphs[-1]
        pending_join = (
            len(last) >= 30 and last[-1] not in _TERMINAL and not _is_heading_line(last)
        ) or (_is_heading_line(last) and len(last) > 60 and last[-1] not in _TERMINAL)
    return paragraphs


def _split_heading(text: str) -> tuple[str | None, str]:
    """A heading line may carry its first sentence: '强化站位，加强保障。拾万镇党委…'."""
    text = text.strip()
    if not text:
        return None, ""
    head, sep, rest = text.partition("。")
    if not sep:
        return (text, "") if len(text) <= _MAX_HEADING_CHARS * 2 else (None, text)
    if len(head) <= _MAX_HEADING_CHARS:
        return head, rest.strip()
    return None, text


def _structure(paragraphs: list[str]) -> tuple[list[_Block], bool]:
    """Walk the paragraphs, track the heading levels and give each paragraph its section."""
    blocks: list[_Block] = []
    l1 = l2 = l3 = None
    section: SectionId = "preamble"
    sub_section: SectionId | None = None
    saw_headings = False
    preamble_open = True
    l2_ordinal = 0
    l2_bare = False  # an L2 heading with no text yet: its first paragraph may set the part
    # An L2 line followed straight by another heading was a whole item ('（二）推进…落实。').
    bare_item: _Block | None = None
    for para in paragraphs:
        m1, m2, m2d, m3 = _L1.match(para), _L2.match(para), _L2_DIGIT.match(para), _L3.match(para)
        # '（3）' among '（二）（四）' is a broken L2 heading, not a fourth level.
        if m2d and not (l2 is not None and int(m2d.group(1)) == l2_ordinal + 1 and l3 is None):
            m2d = None
        if bare_item is not None and (m1 or m2 or m2d):
            blocks.append(bare_item)
        bare_item = None
        own_heading: str | None = None
        numbered = False
        if m1:
            saw_headings, preamble_open = True, False
            heading, body = _split_heading(m1.group(2))
            l1 = f"{m1.group(1)}、{heading}" if heading else f"{m1.group(1)}、"
            l2 = l3 = None
            l2_ordinal = 0
            section = section_of_heading(to_simplified(heading or body)) or "measures_results"
            sub_section = None
            if not body:
                continue
            para = body
        elif m2 or m2d:
            saw_headings, preamble_open = True, False
            if section == "preamble":
                section = "measures_results"
            if m2:
                marker = m2.group(1) or m2.group(2)
                l2_ordinal = _chinese_ordinal(marker) or l2_ordinal + 1
                heading, body = _split_heading(m2.group(3))
            else:
                assert m2d is not None
                l2_ordinal = int(m2d.group(1))
                heading, body = _split_heading(m2d.group(2))
            l2 = f"（{_ordinal_label(l2_ordinal)}）{heading}" if heading else None
            l3 = None
            named = section_of_heading(to_simplified(heading or ""))
            sub_section = named if named and named != section else None
            if sub_section is None and body and _FIRST_RESP_CUE.search(to_simplified(body[:40])):
                sub_section = "first_resp"
            l2_bare = not body
            if not body:
                item_text = (m2.group(3) if m2 else m2d.group(2) if m2d else "").strip()
                bare_item = _Block(item_text, l1, None, None, section, sub_section, None, True)
                continue
            para = body
        elif m3:
            saw_headings, preamble_open = True, False
            if section == "preamble":
                section = "measures_results"
            heading, body = _split_heading(m3.group(2))
            numbered = True
            if heading and body and len(heading) <= 24:
                own_heading = f"{m3.group(1)}.{heading}"
                para = body
            else:
                para = m3.group(2)
        elif preamble_open and _is_opening(para):
            blocks.append(_Block(para, None, None, None, "preamble", None, None, False))
            # The opening ends at '现将…报告如下：', or with its first full paragraph.
            if _LEAD_OUT.search(to_simplified(para)) or len(para) >= 40:
                preamble_open = False
                section = "measures_results"
            continue
        elif preamble_open:
            # Counted facts before any heading are the work itself (a short draft), not an opening.
            preamble_open = False
            section = "measures_results"
        if l2_bare and not (m1 or m2 or m2d):
            l2_bare = False
            if sub_section is None and _FIRST_RESP_CUE.search(to_simplified(para[:40])):
                sub_section = "first_resp"
        blocks.append(_Block(para, l1, l2, l3, section, sub_section, own_heading, numbered))
    if bare_item is not None:
        blocks.append(bare_item)
    return blocks, saw_headings


def _is_opening(para: str) -> bool:
    """An opening paragraph frames the report; one that counts what was done is already content."""
    return bool(_LEAD_OUT.search(to_simplified(para))) or not _COUNTED_FACT.search(para)


def _chinese_ordinal(marker: str) -> int:
    digits = {ch: i + 1 for i, ch in enumerate(_NUM)}
    if marker == "十":
        return 10
    if marker.startswith("十"):
        return 10 + digits.get(marker[1:], 0)
    if marker.endswith("十"):
        return digits.get(marker[0], 0) * 10
    if len(marker) == 3 and marker[1] == "十":
        return digits.get(marker[0], 0) * 10 + digits.get(marker[2], 0)
    return digits.get(marker, 0)


def _ordinal_label(n: int) -> str:
    if 1 <= n <= 10:
        return _NUM[n - 1]
    if 10 < n < 20:
        return "十" + _NUM[n - 11]
    return str(n)


_BARE_HEADING: Final = re.compile(r"^[^。；！？.;!?]{2,30}$")


def _join_bare_headings(blocks: list[_Block]) -> list[_Block]:
    """A short line with no sentence end ('1.健全机构') heads the paragraph after it in the same
    part: it joins that paragraph instead of standing alone as a snippet."""
    joined: list[_Block] = []
    carry: str | None = None
    for index, block in enumerate(blocks):
        text = f"{carry}。{block.text}" if carry else block.text
        carry = None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            following is not None
            and following.section == block.section
            and _BARE_HEADING.match(text.strip())
        ):
            carry = text.strip().rstrip("：:，,")
            continue
        block.text = text
        joined.append(block)
    return joined


def _snippets(blocks: list[_Block]) -> list[ParsedSnippet]:
    snippets: list[ParsedSnippet] = []
    for block in blocks:
        heading_path = " > ".join(
            h for h in (block.l1, block.l2, block.l3, block.own_heading) if h
        )
        for section, piece in _assign_sections(block):
            for chunk in _fit_to_phone(piece):
                own = _inline_item_heading(chunk)
                context = (own, block.own_heading, block.l2)
                topic_text = search_form(" ".join(x for x in (*context, chunk) if x))
                snippets.append(
                    ParsedSnippet(
                        ordinal=len(snippets),
                        section=section,
                        heading=heading_path or None,
                        text=chunk,
                        topics=topics_of(topic_text),
                    )
                )
    return snippets


def _assign_sections(block: _Block) -> list[tuple[SectionId, str]]:
    """Split a paragraph into items, each with its section (closing paragraphs split in two)."""
    base: SectionId = block.sub_section or block.section
    if base in ("measures_results", "problems") and not block.numbered:
        closing = _split_closing(block.text, base)
        if closing is not None:
            return closing
    pieces: list[tuple[SectionId, str]] = []
    for item in _split_inline_items(block.text):
        section = base
        if base == "measures_results" and _FIRST_RESP_CUE.search(to_simplified(item[:24])):
            section = "first_resp"
        pieces.append((section, item))
    return pieces


def _split_closing(text: str, base: SectionId) -> list[tuple[SectionId, str]] | None:
    """'…还存在…问题。下一步，将…' → problems part and next-plan part."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    simplified = [to_simplified(s).strip() for s in sentences]
    problem_at = next((i for i, s in enumerate(simplified) if _PROBLEM_CUE.search(s)), None)
    after = problem_at or 0
    plan_at = next(
        (i for i, s in enumerate(simplified) if i > after and _PLAN_CUE.search(s)), None
    )
    if base == "measures_results" and problem_at is None:
        return None
    if base == "problems" and plan_at is None:
        return None
    parts: list[tuple[SectionId, str]] = []
    cut = plan_at if plan_at is not None else len(sentences)
    head = "".join(sentences[:cut]).strip()
    if head:
        parts.append(("problems", head))
    tail = "".join(sentences[cut:]).strip()
    if tail:
        parts.append(("next_plan", tail))
    return parts


def _split_inline_items(text: str) -> list[str]:
    """'…。一是…。二是…' → the lead-in and one piece per item."""
    pieces = [p.strip() for p in _INLINE_ITEM.split(text) if p.strip()]
    if len(pieces) <= 1:
        return [text.strip()]
    merged: list[str] = []
    for piece in pieces:
        # A lead-in too short to stand alone goes with the first item.
        if merged and len(merged[-1]) < 15 and not re.match(rf"[{_NUM}]{{1,2}}[是要]", merged[-1]):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _inline_item_heading(text: str) -> str | None:
    match = re.match(rf"[{_NUM}]{{1,2}}[是要]([^。；]{{2,{_MAX_HEADING_CHARS}}})[。；]", text)
    return match.group(1) if match else None


def _fit_to_phone(text: str) -> list[str]:
    """Cut a long piece at sentence ends into chunks a phone shows whole."""
    if len(text) <= MAX_SNIPPET_CHARS:
        return [text]
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    chunks: list[str] = []
    current = ""
    for sentence in sentences:
        if current and len(current) + len(sentence) > TARGET_SNIPPET_CHARS:
            chunks.append(current)
            current = ""
        current += sentence
    if current:
        # A short tail reads better with what came before it.
        if chunks and len(current) < 60 and len(chunks[-1]) + len(current) <= MAX_SNIPPET_CHARS:
            chunks[-1] += current
        else:
            chunks.append(current)
    return chunks


def _find_town(title: str | None, issuer: str | None, text: str) -> str | None:
    for source in (title, issuer):
        if source:
            town = _town_in(source)
            if town:
                return town
    counts: Counter[str] = Counter()
    for match in _TOWN_SUFFIX.finditer(text):
        prefix, suffix = match.groups()
        if prefix[-1] in _NOT_TOWN_PREFIX or prefix[-2:] in ("法治", "依法", "平安", "乡村"):
            continue
        # '为上阳镇' also counts for '上阳镇': the longer reading wins only when it is as common.
        counts[prefix[-2:] + suffix] += 1
        if len(prefix) == 3 and prefix[0] not in _NOT_TOWN_PREFIX:
            counts[prefix + suffix] += 1
    if not counts:
        return None
    best = max(counts.items(), key=lambda item: (item[1], len(item[0])))
    return best[0] if best[1] >= 2 else None


def _town_in(source: str) -> str | None:
    source = re.sub(r"^关于", "", source.replace(" ", ""))
    source = re.sub(r"^\d{4}年度?", "", source)
    source = re.sub(
        r"^.*?(省|自治区|市(?!镇)|区(?!镇)|县|旗)(?=[\u4e00-\u9fffXx]{1,4}(镇|乡|街道))",
        "",
        source,
    )
    match = re.match(rf"([{CJK_CLASS}A-Za-z]{{1,4}}?(?:镇|乡|街道))", source)
    if match and match.group(1)[0] not in "我本全该各":
        return match.group(1)
    return None


def _find_county(town: str, text: str) -> str | None:
    candidates = [m.group(1) + m.group(2) for m in _COUNTY.finditer(text.replace(" ", ""))]
    real = [c for c in candidates if not c.upper().startswith("XX")]
    if real:
        return Counter(real).most_common(1)[0][0]
    return candidates[0] if candidates else None


def _find_province(*sources: str | None) -> str | None:
    for source in sources:
        if source:
            match = _PROVINCE.search(source.replace(" ", ""))
            if match and not match.group(1).startswith(("中共", "全省", "该省", "本省", "外省")):
                return match.group(1)
    return None


def _find_year(title: str | None, paragraphs: list[str], issued_on: str | None) -> int | None:
    if title:
        match = _YEAR.search(title.replace(" ", ""))
        if match:
            return int(match.group(1))
    for para in paragraphs[:3]:
        match = _YEAR.search(para)
        if match:
            return int(match.group(1))
    if issued_on:
        y, m = int(issued_on[:4]), int(issued_on[5:7])
        # Reports for the past year are filed in the first months of the next one.
        return y - 1 if m <= 4 else y
    return None
