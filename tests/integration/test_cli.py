"""The command line as outside tools call it: `python -m bot …`, a real process, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS_FILES, corpus_text

ROOT = Path(__file__).resolve().parents[2]
HIT_FIELDS = {
    "snippet_id",
    "report_id",
    "town",
    "county",
    "year",
    "section",
    "topics",
    "heading",
    "text",
    "score",
}
INGEST_FIELDS = {
    "file",
    "report_id",
    "town",
    "county",
    "year",
    "title",
    "snippets",
    "sections",
    "status",
    "error",
    "error_code",
}


def run_bot(*args: str, db: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "TOWNSHIP_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def test_cli_ask_json_contract(seeded_db_path: Path) -> None:
    result = run_bot("ask", "拾万镇 法治宣传", "--json", "-k", "2", db=seeded_db_path)
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    answer = json.loads(line)
    assert answer["query"] == "拾万镇 法治宣传"
    assert answer["filters"] == {"town": "拾万镇", "year": None, "section": None}
    assert len(answer["results"]) == 2
    for hit in answer["results"]:
        assert set(hit) == HIT_FIELDS
        assert hit["town"] == "拾万镇" and hit["year"] == 2021 and hit["county"] == "大足区"
        assert isinstance(hit["score"], float) and isinstance(hit["topics"], list)


def test_cli_ask_file_answers_each_line_in_order(seeded_db_path: Path, tmp_path: Path) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text("法律顾问\n\n？？？\n行政复议\n", encoding="utf-8")
    result = run_bot("ask", "--file", str(questions), "--json", db=seeded_db_path)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["query"] for a in answers] == ["法律顾问", "？？？", "行政复议"]
    assert answers[1]["results"] == [] and answers[2]["results"]


def test_cli_ask_filters_and_text_output(seeded_db_path: Path) -> None:
    result = run_bot(
        "ask",
        "普法",
        "--town",
        "平岗",
        "--year",
        "2022",
        "--section",
        "problems",
        db=seeded_db_path,
    )
    assert result.returncode == 0
    assert "平岗镇 · 2022 · 存在的不足" in result.stdout
    assert "筛选：乡镇 平岗镇 · 2022 年度 · 部分 存在的不足" in result.stdout


def test_cli_ask_unknown_town_is_a_message(seeded_db_path: Path) -> None:
    result = run_bot("ask", "普法", "--town", "火星镇", "--json", db=seeded_db_path)
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["results"] == [] and "报告库中没有“火星镇”" in answer["error"]
    assert "Traceback" not in result.stderr


def test_cli_ingest_and_reports_json(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = run_bot("ingest", str(CORPUS_FILES[0]), str(bad), "--json", db=db)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(r) for r in rows] == [INGEST_FIELDS, INGEST_FIELDS]
    # The empty database was first filled from the bundled corpus, so the file is unchanged.
    assert rows[0]["status"] == "unchanged" and rows[0]["town"] == "税郭镇"
    assert rows[1]["status"] == "error" and rows[1]["error"]
    reports = [
        json.loads(line) for line in run_bot("reports", "--json", db=db).stdout.splitlines()
    ]
    assert len(reports) == 5
    shiwan = next(r for r in reports if r["town"] == "拾万镇")
    assert shiwan["sections"]["first_resp"] == 2 and shiwan["year"] == 2021
    assert set(shiwan) >= INGEST_FIELDS


def test_cli_ingest_replacement(seeded_db_path: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(corpus_text("003") + "\n（六）新增一段。平岗镇新增内容。", encoding="utf-8")
    [row] = [
        json.loads(x)
        for x in run_bot("ingest", str(new), "--json", db=seeded_db_path).stdout.splitlines()
    ]
    assert row["status"] == "replaced" and row["town"] == "平岗镇" and row["year"] == 2022


def test_cli_help_is_chinese(tmp_path: Path) -> None:
    result = run_bot("--help", db=tmp_path / "x.db")
    assert result.returncode == 0 and "用法：" in result.stdout and "提问" in result.stdout
    result = run_bot("ask", "--help", db=tmp_path / "x.db")
    assert "选项：" in result.stdout
    result = run_bot("nosuch", db=tmp_path / "x.db")
    assert result.returncode == 2 and "参数错误" in result.stderr


def test_cli_read_only_missing_db_is_a_clear_error(tmp_path: Path) -> None:
    env_db = tmp_path / "missing.db"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(env_db), "reports"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
        env={**os.environ, "TOWNSHIP_BOT_READ_ONLY": "1"},
    )
    assert result.returncode == 1 and "数据库文件不存在" in result.stderr
    assert not env_db.exists()


def test_cli_example_json(seeded_db_path: Path) -> None:
    result = run_bot("example", "法律顾问", "-k", "2", "--json", db=seeded_db_path)
    data = json.loads(result.stdout)
    assert data["topic"] == "法律顾问" and len(data["examples"]) == 2
    for example in data["examples"]:
        assert set(example) == {"snippet_id", "town", "year", "section", "text", "template"}
        assert "【" in example["template"]


def test_cli_compare_json(seeded_db_path: Path) -> None:
    result = run_bot(
        "compare", "拾万", "税郭", "火星镇", "--topic", "信访", "--json", db=seeded_db_path
    )
    data = json.loads(result.stdout)
    assert data["towns"] == ["拾万镇", "税郭镇"] and data["unknown"] == ["火星镇"]
    assert {i["id"] for i in data["items"]} >= {"problems", "first_resp", "legal_advisor"}
    item = data["items"][0]
    assert set(item) == {"id", "name", "coverage"} and set(item["coverage"]) == {
        "拾万镇",
        "税郭镇",
    }
    assert set(item["coverage"]["拾万镇"]) == {"status", "evidence"}
    figure = next(f for f in data["figures"] if f["indicator"] == "信访件数")
    assert figure == {
        "town": "拾万镇",
        "topic": "dispute_resolution",
        "indicator": "信访件数",
        "label": None,
        "value": 34.0,
        "unit": "宗",
        "approx": False,
        "text": "今年以来，共受理信访案件34宗，调处率100%。",
    }
    assert data["side_by_side"]["拾万镇"]


def test_cli_checklist_and_check_json(seeded_db_path: Path, tmp_path: Path) -> None:
    data = json.loads(run_bot("checklist", "--json", db=seeded_db_path).stdout)
    assert [i["kind"] for i in data["items"]].count("statutory") == 5
    assert set(data["items"][0]) == {"id", "name", "kind", "source", "covered_by"}
    assert all(set(d) == {"date", "what"} for d in data["deadlines"])
    draft = tmp_path / "draft.txt"
    draft.write_text("城关镇2023年度报告\n一、主要举措\n聘请法律顾问1名。\n", encoding="gbk")
    check = json.loads(run_bot("check", str(draft), "--json", db=seeded_db_path).stdout)
    assert set(check["summary"]) == {"covered", "thin", "missing"}
    assert sum(check["summary"].values()) == len(check["items"]) == 23
    legal = next(i for i in check["items"] if i["id"] == "legal_advisor")
    assert legal["status"] == "covered" and legal["examples"] == []
    stdin = run_bot(
        "check",
        "-",
        "--json",
        db=seeded_db_path,
        stdin="城关镇2023年存在的问题：普法宣传的形式比较单一，群众参与不够。",
    )
    assert json.loads(stdin.stdout)["summary"]["missing"] > 10


def test_cli_serve_without_token_answers_piped_lines(seeded_db_path: Path) -> None:
    lines = "法律顾问怎么写\n\n报告必须写哪些内容\n你好\n"
    result = run_bot("serve", db=seeded_db_path, stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "“法律顾问”的参考表述" in result.stdout and "必须包含" in result.stdout
    assert "法治报告助手" in result.stdout and "没有找到相关内容" not in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_chat_keeps_the_town_and_says_what_the_terminal_cannot_do(
    seeded_db_path: Path,
) -> None:
    lines = (
        "我们镇是税郭镇\n我们镇和拾万镇比一比\n提醒我交报告\n帮我检查一下草稿\n"
        "税郭镇2025年法治政府建设情况报告\n\n一、主要举措和成效\n组织中心组学法6次，聘请法律顾问1名，"
        "全年审查合同12份，开展普法宣传活动20场。\n\n二、存在的不足和原因\n普法宣传形式单一，"
        "原因是专业人员不足。\n三、下一步工作安排\n加强执法人员培训。\n完\n你好\n"
    )
    result = run_bot("chat", db=seeded_db_path, stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "已设置本镇为：税郭镇" in result.stdout and "对比：税郭镇 / 拾万镇" in result.stdout
    assert "在 Telegram 中发送 /remind" in result.stdout and "时间要求" in result.stdout
    # The pasted lines up to "完" are one draft, checked as one; the dialogue then goes on.
    assert "请粘贴草稿" in result.stdout and result.stdout.count("草稿检查结果") == 1
    assert "法治报告助手" in result.stdout


def test_cli_chat_commands_behave_as_in_telegram(seeded_db_path: Path, tmp_path: Path) -> None:
    lines = [
        "/compare",
        "/example",
        f"/check {tmp_path / 'nope.docx'}",
        "/compare 税郭 拾万 行政执法",
        "/remind",
        "火星探测",
        "/stats",
    ]
    result = run_bot("chat", db=seeded_db_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "用法：/compare 镇A 镇B" in out and "用法：/example 主题" in out
    assert f"找不到文件：{tmp_path / 'nope.docx'}" in out
    # The last word is a topic, as Telegram's /compare reads it, not an unknown town.
    assert "对比：税郭镇 / 拾万镇" in out and "报告库中没有" not in out
    assert "“行政执法”各镇写法" in out and "数字：执法活动 110余次" in out
    assert "在 Telegram 中发送 /remind" in out
    assert "使用统计" in out and "· 火星探测（1 次）" in out
    assert "没有出现“compare”" not in out and "Traceback" not in result.stderr
