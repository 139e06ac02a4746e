"""Word documents end to end: the report skeleton from the library (/draft, `draft`, the
terminal) and a .docx draft checked and sent back with comments (/check, `check --annotate`)."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from handlers.console.terminal import answer_line
from knowledge.domain.checklist import report_year
from knowledge.service import Knowledge
from knowledge.understand import read
from tests.auxil import USER_ID, bot_env, bot_settings, running_bot
from tests.fakebot import FakeBotApi

SUBPROCESS: dict[str, Any] = {"capture_output": True, "text": True, "timeout": 120, "check": False}
TOWNS = ["税郭镇", "拾万镇", "平岗镇", "凤凰镇", "xx镇（郁南县）"]
USER_DRAFT = [
    "拾万镇2022年度法治政府建设情况报告",
    "2022年，我镇深入学习贯彻习近平法治思想，现将有关情况报告如下：",
    "一、主要举措和成效",
    "我镇聘请法律顾问1名，审查合同12份。",
    "全年受理信访案件20宗，办结率100%。",
    "二、存在的不足",
    "普法宣传形式单一。",
    "三、下一步工作打算",
    "继续加强普法宣传。",
]


def user_draft() -> bytes:
    document = docx.Document()
    for text in USER_DRAFT:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def styled(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


@pytest.mark.parametrize(
    "message", ["帮我生成报告框架", "给我一个初稿模板", "出个word模板", "要个报告提纲", "/draft"]
)
def test_skeleton_wishes_are_read_as_a_draft_request(message: str) -> None:
    assert message.startswith("/") or read(message, towns=TOWNS).kind == "draft"


@pytest.mark.parametrize(
    "message", ["法律顾问的模板给我一个", "给个出庭应诉的例子", "草稿帮我看看"]
)
def test_wording_and_checks_are_not_taken_for_a_skeleton(message: str) -> None:
    assert read(message, towns=TOWNS).kind != "draft"


async def test_skeleton_has_the_five_parts_the_common_topics_and_last_years_figures(
    knowledge: Knowledge,
) -> None:
    made = await knowledge.draft(town="税郭", year=2022)
    assert made.file_name == "税郭镇2022年度法治政府建设情况报告.docx"
    document = docx.Document(io.BytesIO(made.data))
    assert styled(document, "公文标题") == ["税郭镇2022年度法治政府建设情况报告"]
    parts = styled(document, "一级标题")
    assert [p[:2] for p in parts] == ["一、", "二、", "三、", "四、", "五、"]
    assert "主要举措和成效" in parts[0] and "不足和原因" in parts[1]
    assert "第一责任人" in parts[2] and "2023年度" in parts[3] and "其他需要报告" in parts[4]
    topics = styled(document, "二级标题")
    assert 3 <= len(topics) <= 6 and topics[0].startswith("（一）")
    hints = styled(document, "上年提示")
    assert hints and all(h.startswith("上年报告：") for h in hints)
    assert any("8680" in h for h in hints)  # 税郭镇's 2021 report: 办理事项8680余件
    body = "\n".join(p.text for p in document.paragraphs)
    assert "【" in body and "中共税郭镇委员会" in body and "税郭镇人民政府" in body
    assert document.paragraphs[-1].text == "2023年2月【】日"


async def test_skeleton_for_an_unknown_town_keeps_the_placeholder(knowledge: Knowledge) -> None:
    made = await knowledge.draft(town=None, year=2025)
    document = docx.Document(io.BytesIO(made.data))
    assert styled(document, "公文标题") == ["【本镇】2025年度法治政府建设情况报告"]
    assert made.file_name == "2025年度法治政府建设情况报告.docx"
    assert styled(document, "上年提示") == []


def run_cli(*args: str, db: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), *args],
        **SUBPROCESS,
        cwd=cwd,
        env=bot_env(),
    )


def test_cli_draft_and_annotated_check(seeded_db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    made = run_cli(
        "draft",
        "--town",
        "税郭镇",
        "--year",
        "2026",
        "-o",
        str(out),
        "--json",
        db=seeded_db_path,
        cwd=tmp_path,
    )
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["file"] == str(out)
    assert styled(docx.Document(str(out)), "公文标题") == ["税郭镇2026年度法治政府建设情况报告"]

    draft = tmp_path / "我的草稿.docx"
    draft.write_bytes(user_draft())
    annotated = tmp_path / "批注.docx"
    checked = run_cli(
        "check",
        str(draft),
        "--annotate",
        str(annotated),
        "--json",
        db=seeded_db_path,
        cwd=tmp_path,
    )
    assert checked.returncode == 0, checked.stderr
    result = json.loads(checked.stdout)
    reopened = docx.Document(str(annotated))
    comments = list(reopened.comments)
    assert len(comments) == result["annotated"]["comments"] >= 3
    assert {c.author for c in comments} == {"法治报告助手"}
    assert [p.text for p in reopened.paragraphs] == USER_DRAFT  # the user's text untouched
    texts = [c.text for c in comments]
    assert any("第一责任人" in t and "缺少" in t for t in texts)
    assert any("其他需要报告的情况" in t for t in texts)
    # The missing first-responsibility part belongs before 三、下一步 (the part after it).
    starts = reopened.element.body.findall(".//{*}commentRangeStart")
    anchored = {
        el.get(docx.oxml.ns.qn("w:id")): el.getparent().xpath("string(.)") for el in starts
    }
    at = {c.text: anchored[str(c.comment_id)] for c in comments}
    first_resp = next(t for t in texts if "第一责任人" in t and "缺少" in t)
    assert at[first_resp] == "三、下一步工作打算"
    common = next(t for t in texts if t.startswith("多数报告写到了"))
    assert at[common] == "全年受理信访案件20宗，办结率100%。"  # the end of 主要举措和成效

    txt = tmp_path / "草稿.txt"
    txt.write_text("\n".join(USER_DRAFT), encoding="utf-8")
    refused = run_cli(
        "check", str(txt), "--annotate", str(tmp_path / "x.docx"), db=seeded_db_path, cwd=tmp_path
    )
    assert refused.returncode == 2 and ".docx" in refused.stderr


async def test_terminal_draft_writes_the_file_and_names_its_path(
    knowledge: Knowledge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    await answer_line(knowledge, "/mytown 拾万")
    reply = "\n".join(await answer_line(knowledge, "帮我生成报告框架"))
    year = report_year(dt.date.today())
    path = tmp_path / f"拾万镇{year}年度法治政府建设情况报告.docx"
    assert f"已保存到：{path}" in reply and path.is_file()
    again = "\n".join(await answer_line(knowledge, "/draft"))
    assert "（2）.docx" in again  # never over the first one


async def test_telegram_draft_and_docx_check_answer_with_files(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    async with running_bot(bot_settings(fake_api, seeded_db_path)):
        fake_api.push_message("/draft 凤凰 2024", user_id=USER_ID)
        [sent] = await fake_api.wait_for("sendDocument")
        skeleton = docx.Document(io.BytesIO(sent.files["document"]))
        assert styled(skeleton, "公文标题") == ["凤凰镇2024年度法治政府建设情况报告"]
        assert "报告框架已生成" in fake_api.texts()[-1]

        fake_api.push_message("/check", user_id=USER_ID)
        await fake_api.wait_for("sendMessage", 2)
        fake_api.push_document(user_draft(), file_name="我的草稿.docx", user_id=USER_ID)
        files = await fake_api.wait_for("sendDocument", 3)
        await fake_api.wait_idle()
        [annotated] = [c for c in files[1:] if c.files.get("document", b"").startswith(b"PK")]
        reopened = docx.Document(io.BytesIO(annotated.files["document"]))
        assert [p.text for p in reopened.paragraphs] == USER_DRAFT
        assert len(list(reopened.comments)) >= 3
        assert any("批注" in t for t in fake_api.texts())
