"""The .docx writer: a GB/T 9704-2012 report skeleton and draft checks written as comments.

Every test writes real .docx bytes and reopens them with python-docx; rendering page 1 with
LibreOffice is tests/integration/test_officedoc_render.py.
"""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from knowledge.officedoc import (
    DraftComment,
    SkeletonItem,
    SkeletonPart,
    SkeletonPlan,
    annotate,
    body_paragraphs,
    write_skeleton,
)
from knowledge.officedoc.closing import closing_layout, text_width
from knowledge.officedoc.numbering import chinese_numeral, is_level3

PLAN = SkeletonPlan(
    title="税郭镇2026年度法治政府建设情况报告",
    addressee="中共【县（区）】委、【县（区）】人民政府：",
    opening=(
        "2026年，税郭镇党委、政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，现将本年度法治政府建设情况报告如下。",
    ),
    parts=(
        SkeletonPart(
            heading="2026年度推进法治政府建设的主要举措和成效",
            items=(
                SkeletonItem(
                    heading="坚持依法科学民主决策",
                    sentences=(
                        "严格落实重大行政决策程序，全年作出重大行政决策【】项，均经合法性审查和集体讨论决定。",
                        "1.落实法律顾问制度。镇政府聘请法律顾问【】名，审查合同【】份。",
                    ),
                    last_year=("上年报告：作出重大行政决策3项",),
                ),
                SkeletonItem(
                    heading="严格规范公正文明执法",
                    sentences=("全面推行行政执法“三项制度”，全年办理行政执法案件【】宗。",),
                    last_year=("上年报告：办理行政执法案件21宗",),
                ),
                SkeletonItem(
                    heading="依法化解矛盾纠纷",
                    sentences=("全年受理信访案件【】宗，办结率【】%；调解矛盾纠纷【】宗。",),
                    last_year=("上年报告：受理信访案件34宗",),
                ),
            ),
        ),
        SkeletonPart(
            heading="党政主要负责人履行推进法治建设第一责任人职责情况",
            paragraphs=(
                "镇党委书记、镇长认真履行推进法治建设第一责任人职责，全年【】次专题研究法治建设工作。",
            ),
        ),
        SkeletonPart(
            heading="存在的不足和原因",
            paragraphs=(
                "一是【不足】。主要原因是【原因】。",
                "二是【不足】。主要原因是【原因】。",
            ),
        ),
        SkeletonPart(
            heading="下一年度工作打算",
            paragraphs=("【2027年度推进法治政府建设的主要安排】",),
        ),
        SkeletonPart(heading="其他需要报告的情况", paragraphs=("无。",)),
    ),
    signatures=("中共税郭镇委员会", "税郭镇人民政府"),
    date="2027年2月20日",
)

HEADINGS = tuple(part.heading for part in PLAN.parts)


@pytest.fixture(scope="module")
def skeleton_bytes() -> bytes:
    return write_skeleton(PLAN)


@pytest.fixture(scope="module")
def skeleton(skeleton_bytes: bytes) -> Document:
    return docx.Document(io.BytesIO(skeleton_bytes))


def _east_asia(element: BaseOxmlElement) -> str | None:
    """The w:eastAsia font named in an element's own w:rPr (a style or a run)."""
    fonts = element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _styled(document: Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


# -- the skeleton ------------------------------------------------------------------------------


def test_page_is_a4_with_the_standard_margins(skeleton: Document) -> None:
    section = skeleton.sections[0]
    for actual, expected in (
        (section.page_width.mm, 210),
        (section.page_height.mm, 297),
        (section.top_margin.mm, 37),
        (section.bottom_margin.mm, 35),
        (section.left_margin.mm, 28),
        (section.right_margin.mm, 26),
    ):
        assert actual == pytest.approx(expected, abs=0.5)


def test_document_grid_holds_22_lines_of_28_characters(skeleton: Document) -> None:
    section = skeleton.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    assert pitch * 22 <= height < (pitch + 1) * 22
    assert int(grid.get(qn("w:charSpace"))) < 0  # 28 3号 characters are wider than 156 mm
    body = skeleton.styles["公文正文"].paragraph_format
    assert body.line_spacing.twips == pitch
    # Condensed 16 pt characters: 28 of them fit the text block.
    spacing = skeleton.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
    char_pt = 16 + int(spacing.get(qn("w:val"))) / 20
    width_pt = (
        section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    ) / 20
    assert 28 * char_pt <= width_pt < 29 * char_pt


@pytest.mark.parametrize(
    ("style", "size", "font", "outline"),
    [
        ("公文标题", 22, "方正小标宋简体", None),
        ("主送", 16, "仿宋_GB2312", None),
        ("公文正文", 16, "仿宋_GB2312", None),
        ("一级标题", 16, "黑体", "0"),
        ("二级标题", 16, "楷体_GB2312", "1"),
        ("三级标题", 16, "仿宋_GB2312", "2"),
        ("上年提示", 16, "楷体_GB2312", None),
        ("署名", 16, "仿宋_GB2312", None),
        ("成文日期", 16, "仿宋_GB2312", None),
        ("页码", 14, "宋体", None),
    ],
)
def test_named_styles_carry_size_east_asian_font_and_outline_level(
    skeleton: Document, style: str, size: int, font: str, outline: str | None
) -> None:
    found = skeleton.styles[style]
    assert found.font.size == Pt(size)
    assert _east_asia(found.element) == font
    assert found.font.name == ("宋体" if style == "页码" else "Times New Roman")
    level = found.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    assert (None if level is None else level.get(qn("w:val"))) == outline


def test_normal_style_is_3hao_fangsong(skeleton: Document) -> None:
    assert skeleton.styles["Normal"].font.size == Pt(16)
    assert _east_asia(skeleton.styles["Normal"].element) == "仿宋_GB2312"


def test_every_run_repeats_its_style_font(skeleton: Document) -> None:
    fonts = {
        "公文标题": "方正小标宋简体",
        "公文正文": "仿宋_GB2312",
        "一级标题": "黑体",
        "二级标题": "楷体_GB2312",
        "三级标题": "仿宋_GB2312",
        "上年提示": "楷体_GB2312",
    }
    seen = set()
    for paragraph in skeleton.paragraphs:
        for run in paragraph.runs:
            assert _east_asia(run._r) == fonts.get(paragraph.style.name, "仿宋_GB2312")
            assert run._r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:ascii"))
            seen.add(paragraph.style.name)
    assert set(fonts) <= seen


def test_title_is_centred_with_a_blank_line_before_the_addressee(skeleton: Document) -> None:
    first, blank, addressee = skeleton.paragraphs[:3]
    assert (first.text, first.style.name) == (PLAN.title, "公文标题")
    assert first.style.paragraph_format.alignment == WD_PARAGRAPH_ALIGNMENT.CENTER
    assert blank.text == ""
    assert (addressee.text, addressee.style.name) == (PLAN.addressee, "主送")
    assert addressee.style.paragraph_format.first_line_indent in (None, 0)
    body = skeleton.styles["公文正文"]
    assert body.paragraph_format.alignment == WD_PARAGRAPH_ALIGNMENT.JUSTIFY
    indent = body.element.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    assert indent.get(qn("w:firstLineChars")) == "200"


def test_five_statutory_parts_numbered_in_order(skeleton: Document) -> None:
    numerals = ("一", "二", "三", "四", "五")
    expected = [f"{n}、{heading}" for n, heading in zip(numerals, HEADINGS, strict=True)]
    assert _styled(skeleton, "一级标题") == expected
    assert _styled(skeleton, "二级标题") == [
        "（一）坚持依法科学民主决策",
        "（二）严格规范公正文明执法",
        "（三）依法化解矛盾纠纷",
    ]
    assert _styled(skeleton, "三级标题") == [PLAN.parts[0].items[0].sentences[1]]
    texts = [p.text for p in skeleton.paragraphs]
    assert texts[texts.index(expected[-1]) + 1] == "无。"


def test_placeholders_and_last_year_hints(skeleton: Document) -> None:
    texts = [p.text for p in skeleton.paragraphs]
    assert sum("【" in t for t in texts) >= 6
    hints = [p for p in skeleton.paragraphs if p.style.name == "上年提示"]
    assert [p.text for p in hints] == [
        "上年报告：作出重大行政决策3项",
        "上年报告：办理行政执法案件21宗",
        "上年报告：受理信访案件34宗",
    ]
    for hint in hints:
        assert str(hint.runs[0].font.color.rgb) == "808080"
    # Each hint sits right under its item's heading.
    for hint in hints:
        assert texts[texts.index(hint.text) - 1].startswith("（")


def test_page_numbers_in_odd_and_even_footers(skeleton: Document, skeleton_bytes: bytes) -> None:
    settings = skeleton.settings.element
    flag = settings.find(qn("w:evenAndOddHeaders"))
    assert flag is not None and flag.get(qn("w:val"), "true") in ("1", "true", "on")
    section = skeleton.sections[0]
    for footer, align, side in (
        (section.footer, WD_PARAGRAPH_ALIGNMENT.RIGHT, "w:rightChars"),
        (section.even_page_footer, WD_PARAGRAPH_ALIGNMENT.LEFT, "w:leftChars"),
    ):
        assert not footer.is_linked_to_previous
        paragraph = footer.paragraphs[0]
        instructions = "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert instructions.strip() == "PAGE"
        kinds = [c.get(qn("w:fldCharType")) for c in paragraph._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment == align
        assert paragraph._p.pPr.find(qn("w:ind")).get(qn(side)) == "100"
        assert _east_asia(paragraph.runs[0]._r) == "宋体"
        assert paragraph.runs[0].font.size == Pt(14)


def test_joint_signature_and_date_close_the_document(skeleton: Document) -> None:
    paragraphs = skeleton.paragraphs
    non_empty = [i for i, p in enumerate(paragraphs) if p.text.strip()]
    last = paragraphs[non_empty[-1]]
    assert last.text == PLAN.date
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", last.text)
    assert last.style.name == "成文日期"
    first_name, second_name = paragraphs[non_empty[-3]], paragraphs[non_empty[-2]]
    assert [first_name.text, second_name.text] == list(PLAN.signatures)
    # One blank line between the body and the signature.
    assert paragraphs[non_empty[-3] - 1].text == ""
    assert paragraphs[non_empty[-4]].text == "无。"

    def right_chars(paragraph: Paragraph) -> int:
        return int(paragraph._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))

    for paragraph in (first_name, second_name, last):
        assert paragraph.style.paragraph_format.alignment == WD_PARAGRAPH_ALIGNMENT.RIGHT
    # 右空二字 for the longer name; the shorter one lines up with its first character.
    assert right_chars(first_name) == 200
    assert right_chars(second_name) == 300
    # The date starts two characters right of the names: 28-2-8+2 = 20, so 28-20-6.5 = 1.5.
    assert right_chars(last) == 150


def test_core_properties(skeleton: Document) -> None:
    assert skeleton.core_properties.title == PLAN.title
    assert skeleton.core_properties.author == "法治报告助手"


# -- the placement rule and the numbering ----------------------------------------------------


def test_date_longer_than_the_name_gets_two_characters_and_pushes_the_name() -> None:
    placement = closing_layout(("司法所",), "2027年12月20日")
    assert text_width("2027年12月20日") == 7.0
    assert placement.date_right == 2.0
    assert placement.signature_right == (2.0 + 7.0 + 2.0 - 3.0,)
    name_start = 28 - placement.signature_right[0] - 3
    date_start = 28 - placement.date_right - 7
    assert date_start - name_start == 2


def test_shorter_date_keeps_the_name_two_characters_from_the_edge() -> None:
    placement = closing_layout(("税郭镇人民政府",), "2027年2月2日")
    assert placement.signature_right == (2.0,)
    assert 28 - placement.date_right - 6.0 == (28 - 2 - 7) + 2


def test_chinese_numerals_and_level3_marks() -> None:
    assert [chinese_numeral(n) for n in (1, 5, 10, 11, 20, 23)] == [
        "一",
        "五",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    assert is_level3("1.落实法律顾问制度。") and is_level3("12．标题")
    assert not is_level3("2026年，税郭镇") and not is_level3("一是【不足】")


# -- draft comments --------------------------------------------------------------------------

DRAFT = [
    "",  # 0: empty, so a comment "at the start" lands on paragraph 1
    "税郭镇2026年度法治政府建设情况报告",  # 1
    "一、主要举措和成效",  # 2
    "",  # 3: empty, its comment moves to 4
    "全年受理信访案件34宗。",  # 4
    "全年办理行政执法案件21宗。",  # 5: gets a tracked insertion below
    "二、存在的不足",  # 6
]


def _draft_bytes() -> bytes:
    document = docx.Document()
    for text in DRAFT:
        document.add_paragraph(text)
    tracked = document.paragraphs[5]._p
    insertion = parse_xml(
        f'<w:ins {nsdecls("w")} w:id="901" w:author="镇司法所" w:date="2027-01-10T09:00:00Z">'
        "<w:r><w:t>其中简易程序9宗。</w:t></w:r></w:ins>"
    )
    tracked.append(insertion)
    deletion = OxmlElement("w:del")
    deletion.set(qn("w:id"), "902")
    deletion.set(qn("w:author"), "镇司法所")
    deleted = parse_xml(f"<w:r {nsdecls('w')}><w:delText>约</w:delText></w:r>")
    deletion.append(deleted)
    tracked.insert(tracked.index(tracked.r_lst[0]), deletion)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _anchor_paragraphs(document: Document) -> dict[int, int]:
    """Comment id -> index of the body paragraph holding its commentRangeStart."""
    where = {}
    for index, paragraph in enumerate(document.paragraphs):
        for start in paragraph._p.iter(qn("w:commentRangeStart")):
            where[int(start.get(qn("w:id")))] = index
    return where


def test_body_paragraphs_lists_every_paragraph_in_order() -> None:
    assert body_paragraphs(_draft_bytes()) == DRAFT


def test_annotate_adds_three_anchored_comments_and_changes_nothing_else() -> None:
    draft = _draft_bytes()
    result = annotate(
        draft,
        [
            DraftComment(
                paragraph=-1, text="整体意见：五个法定部分缺三个。\n请补充第一责任人履职情况。"
            ),
            DraftComment(paragraph=2, text="标题应为“2026年度推进法治政府建设的主要举措和成效”。"),
            DraftComment(paragraph=3, text="请写明办结率。"),
        ],
    )
    before = docx.Document(io.BytesIO(draft))
    after = docx.Document(io.BytesIO(result))

    comments = list(after.comments)
    assert len(comments) == 3
    assert {(c.author, c.initials) for c in comments} == {("法治报告助手", "法治")}
    by_text = {c.text: c for c in comments}
    overall = by_text["整体意见：五个法定部分缺三个。\n请补充第一责任人履职情况。"]
    assert [p.text for p in overall.paragraphs] == [
        "整体意见：五个法定部分缺三个。",
        "请补充第一责任人履职情况。",
    ]

    anchors = _anchor_paragraphs(after)
    assert anchors[overall.comment_id] == 1
    assert anchors[by_text["标题应为“2026年度推进法治政府建设的主要举措和成效”。"].comment_id] == 2
    assert anchors[by_text["请写明办结率。"].comment_id] == 4

    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs] == DRAFT
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    body = after.element.body
    insertions = list(body.iter(qn("w:ins")))
    assert len(insertions) == 1
    assert insertions[0].get(qn("w:author")) == "镇司法所"
    assert "".join(t.text for t in insertions[0].iter(qn("w:t"))) == "其中简易程序9宗。"
    assert [t.text for t in body.iter(qn("w:delText"))] == ["约"]
    # The tracked paragraph had no comment, so its children are exactly as before.
    assert [c.tag for c in after.paragraphs[5]._p] == [c.tag for c in before.paragraphs[5]._p]


def test_comment_on_a_trailing_empty_paragraph_moves_back() -> None:
    document = docx.Document()
    for text in ("第一段。", "第二段。", ""):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    result = docx.Document(io.BytesIO(annotate(buffer.getvalue(), [DraftComment(2, "空段")])))
    assert list(_anchor_paragraphs(result).values()) == [1]


def test_comment_index_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        annotate(_draft_bytes(), [DraftComment(len(DRAFT), "越界")])
