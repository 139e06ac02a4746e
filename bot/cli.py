"""The command line: `python -m bot [--db PATH] COMMAND …` (a contract: names and JSON are stable)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.config import Settings, SettingsError, load_settings, settings_help
from bot.logsetup import setup_logging
from handlers import jsonout, render, texts
from knowledge.domain.checklist import report_year
from knowledge.domain.sections import SECTION_IDS, resolve_section
from knowledge.errors import DatabaseMissing, KnowledgeError, StoreError, TownNotFound
from knowledge.models import QueryFilters
from knowledge.service import Knowledge

logger = logging.getLogger(__name__)

Command = Callable[[Knowledge, argparse.Namespace], Awaitable[int]]


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its own words in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def format_help(self) -> str:
        """Translate argparse's fixed headings."""
        text = super().format_help()
        for english, chinese in (
            ("usage:", "用法："),
            ("positional arguments:", "位置参数："),
            ("options:", "选项："),
        ):
            text = text.replace(english, chinese)
        return text

    def error(self, message: str) -> Any:
        """Print a usage error in Chinese and exit with 2."""
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}", file=sys.stderr)
        sys.exit(2)


def build_parser() -> ChineseArgumentParser:
    """The parser of every command."""
    parser = ChineseArgumentParser(
        prog="python -m bot",
        description="法治报告助手：从其他乡镇的法治政府建设年度报告中查找段落、范文、对比和清单。",
        epilog=settings_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db", metavar="PATH", help="数据库文件（默认 $TOWNSHIP_BOT_DB，否则 data/township.db）"
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=ChineseArgumentParser
    )

    ask = sub.add_parser(
        "ask", help="提问：返回最相关的报告段落", description="用一句中文提问，返回最相关的段落。"
    )
    ask.add_argument("question", nargs="*", help="问题，例如：法律顾问怎么写")
    ask.add_argument("--file", metavar="F", help="逐行读取问题的文件（- 表示标准输入）")
    ask.add_argument("-k", type=int, default=5, metavar="N", help="每个问题最多返回几条（默认 5）")
    _add_filters(ask)
    ask.add_argument("--section", metavar="S", help="只看某一部分：" + "、".join(SECTION_IDS))
    _add_json(ask)

    ingest = sub.add_parser(
        "ingest", help="导入报告文件（.txt/.docx）或文件夹", description="导入报告。"
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹")
    _add_json(ingest)

    reports = sub.add_parser(
        "reports", help="列出报告库中的报告", description="列出已导入的报告。"
    )
    _add_json(reports)

    example = sub.add_parser(
        "example", help="参考表述（范文），来自不同乡镇", description="给出某一主题的参考表述。"
    )
    example.add_argument(
        "topic", nargs="+", help="主题：主题编号、清单事项或任意词语，如 法律顾问"
    )
    example.add_argument("-k", type=int, default=3, metavar="N", help="最多几段（默认 3）")
    _add_filters(example)
    _add_json(example)

    compare = sub.add_parser(
        "compare", help="对比乡镇：覆盖的事项和报告的数字", description="对比乡镇。"
    )
    compare.add_argument(
        "towns", nargs="*", metavar="TOWN", help="乡镇名称，可简写（拾万 → 拾万镇）"
    )
    compare.add_argument("--all", action="store_true", help="与其他所有乡镇对比")
    compare.add_argument("--topic", metavar="T", help="并排列出某一主题的段落")
    _add_json(compare)

    checklist = sub.add_parser(
        "checklist", help="报告必须包含的内容和截止日期", description="报告要点清单。"
    )
    _add_json(checklist)

    check = sub.add_parser("check", help="检查您的草稿缺了什么", description="对照清单检查草稿。")
    check.add_argument("file", metavar="FILE", help="草稿文件（.txt/.docx），- 表示标准输入")
    check.add_argument(
        "--annotate", metavar="OUT", help="把检查结果作为批注写进草稿（.docx），另存为 OUT"
    )
    _add_json(check)

    draft = sub.add_parser(
        "draft",
        help="生成本镇年度报告框架（Word，公文格式）",
        description="生成年度报告框架 .docx（GB/T 9704 公文格式）。",
    )
    draft.add_argument("--town", help="乡镇名称（不写则标题和落款留【本镇】）")
    draft.add_argument("--year", type=_year, help="报告年度（默认上一年）")
    draft.add_argument(
        "-o", "--output", metavar="OUT", help="保存路径（默认当前文件夹，以标题命名）"
    )
    _add_json(draft)

    backup = sub.add_parser(
        "backup", help="在线备份数据库（机器人运行时也可以）", description="在线备份数据库。"
    )
    backup.add_argument("dest", metavar="DEST", help="备份文件路径")
    restore = sub.add_parser(
        "restore", help="从备份恢复数据库（请先停止机器人）", description="恢复数据库。"
    )
    restore.add_argument("backup", metavar="BACKUP", help="备份文件路径")
    health = sub.add_parser(
        "health", help="健康检查：数据库完整、版本正确、有报告则返回 0", description="健康检查。"
    )
    _add_json(health)
    health.add_argument(
        "--first-start-ok",
        action="store_true",
        help="数据库还不存在时也返回 0（首次启动会创建并导入自带报告；供 systemd ExecStartPre 使用）",
    )
    web = sub.add_parser(
        "web", help="运行网页（给连不上 Telegram 的办公室用）", description="运行网页。"
    )
    web.add_argument("--host", help="监听地址（默认 $TOWNSHIP_BOT_WEB_HOST，否则 127.0.0.1）")
    web.add_argument("--port", type=int, help="端口（默认 $TOWNSHIP_BOT_WEB_PORT，否则 8080）")
    login = sub.add_parser(
        "web-login",
        help="打印网页管理员的一次性登录链接（15 分钟内有效，只能用一次）",
        description="打印网页管理员的一次性登录链接。",
    )
    login.add_argument("admin", metavar="ADMIN_NAME", help="管理员名称（显示在网页上）")
    sub.add_parser("chat", help="在终端里对话（与 Telegram 中相同）", description="终端对话。")
    sub.add_parser(
        "serve", help="运行 Telegram 机器人；未设置令牌时进入终端对话", description="运行机器人。"
    )
    return parser


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--town", metavar="T", help="只看某个乡镇（可简写）")
    parser.add_argument("--year", type=_year, metavar="Y", help="只看某一年度")


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="输出 JSON（每行一个对象）")


def _print(text: str) -> None:
    sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


async def cmd_ask(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """Answer one question or each line of a file."""
    if args.file:
        raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
        questions = [line for line in raw.splitlines() if line.strip()]
    elif args.question:
        questions = [" ".join(args.question)]
    else:
        print("请给出问题，例如：python -m bot ask 法律顾问怎么写", file=sys.stderr)
        return 2
    section = None
    if args.section:
        section = resolve_section(args.section)
        if section is None:
            print(f"未知的部分：{args.section}。可选：{'、'.join(SECTION_IDS)}", file=sys.stderr)
            return 2
    filters = QueryFilters(town=args.town, year=args.year, section=section)
    status = 0
    for question in questions:
        try:
            answer = await knowledge.ask(question, filters=filters, limit=args.k)
        except TownNotFound as exc:
            message = texts.UNKNOWN_TOWN.format(name=exc.name, towns="、".join(exc.suggestions))
            if args.json:
                _print_json({**jsonout.empty_answer(question, filters), "error": message})
            else:
                _print(message)
            status = 1
            continue
        if args.json:
            _print_json(jsonout.answer(answer))
        else:
            _print("\n\n".join(render.render_answer(answer, render.PLAIN)) + "\n")
    return status


async def cmd_ingest(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """Ingest files and folders."""
    results = await knowledge.ingest_files(args.paths)
    if args.json:
        for result in results:
            _print_json(jsonout.ingest_result(result))
    else:
        _print(render.render_ingest(results, render.PLAIN))
    return 1 if results and all(r.status == "error" for r in results) else 0


async def cmd_reports(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """List the stored reports."""
    reports = await knowledge.reports()
    if args.json:
        for report in reports:
            _print_json(jsonout.report(report))
    else:
        _print(render.render_reports(reports, render.PLAIN))
    return 0


async def cmd_example(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """Model wording for a topic."""
    try:
        found = await knowledge.example(
            " ".join(args.topic),
            limit=args.k,
            filters=QueryFilters(town=args.town, year=args.year),
        )
    except TownNotFound as exc:
        print(
            texts.UNKNOWN_TOWN.format(name=exc.name, towns="、".join(exc.suggestions)),
            file=sys.stderr,
        )
        return 1
    if args.json:
        _print_json(jsonout.examples(found))
    else:
        _print("\n\n".join(render.render_examples(found, render.PLAIN)))
    return 0


async def cmd_compare(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """Compare towns."""
    if not args.towns:
        print(texts.COMPARE_NONE, file=sys.stderr)
        return 2
    comparison = await knowledge.compare(args.towns, all_others=args.all, topic=args.topic)
    if args.json:
        _print_json(jsonout.comparison(comparison))
    else:
        known = await knowledge.towns()
        _print("\n\n".join(render.render_comparison(comparison, render.PLAIN, known=known)))
    return 0 if comparison.towns else 1


async def cmd_checklist(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """The checklist and deadlines."""
    checklist = await knowledge.checklist()
    if args.json:
        _print_json(jsonout.checklist(checklist))
    else:
        _print("\n\n".join(render.render_checklist(checklist, render.PLAIN)))
    return 0


async def cmd_check(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """Check a draft against the checklist."""
    if args.file == "-":
        check = await knowledge.check_draft(sys.stdin.read())
    else:
        path = Path(args.file)
        if not path.is_file():
            print(f"找不到文件：{args.file}", file=sys.stderr)
            return 2
        check = await knowledge.check_draft_file(path.read_bytes())
    annotated: Path | None = None
    if args.annotate:
        if args.file == "-" or not path.read_bytes().startswith(b"PK\x03\x04"):
            print("只有 .docx 草稿才能写入批注", file=sys.stderr)
            return 2
        data = path.read_bytes()
        gaps = await knowledge.draft_gaps(data, check) or []
        annotated = Path(args.annotate)
        comments = render.draft_comments(gaps, check)
        annotated.write_bytes(await knowledge.annotate_draft(data, comments))
    if args.json:
        found = jsonout.draft_check(check)
        if annotated is not None:
            found["annotated"] = {"file": str(annotated), "comments": len(gaps)}
        _print_json(found)
    else:
        _print("\n\n".join(render.render_draft_check(check, render.PLAIN)))
        if annotated is not None:
            _print(texts.FILE_WRITTEN.format(path=annotated))
    return 0


async def cmd_draft(knowledge: Knowledge, args: argparse.Namespace) -> int:
    """A report skeleton (.docx) for a town and year."""
    year = args.year or report_year(dt.date.today())
    document = await knowledge.draft(town=args.town, year=year)
    out = Path(args.output) if args.output else Path(document.file_name)
    out.write_bytes(document.data)
    if args.json:
        _print_json(
            {"file": str(out), "town": args.town, "year": year, "bytes": len(document.data)}
        )
    else:
        _print(texts.FILE_WRITTEN.format(path=out))
    return 0


COMMANDS: dict[str, Command] = {
    "ask": cmd_ask,
    "ingest": cmd_ingest,
    "reports": cmd_reports,
    "example": cmd_example,
    "compare": cmd_compare,
    "checklist": cmd_checklist,
    "check": cmd_check,
    "draft": cmd_draft,
}


def _year(text: str) -> int:
    """A report year as argparse reads it: a clear message, never an overflow later."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为数字，例如 2024：{text[:20]}") from None
    if not 1990 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"年度应在 1990 到 2100 之间：{text[:20]}")
    return year


def run_maintenance(settings: Settings, args: argparse.Namespace) -> int:
    """backup, restore and health work on the file, without opening the bot's services."""
    from knowledge.storage import maintenance

    if args.command == "backup":
        dest = maintenance.backup_database(settings.db_path, args.dest)
        _print(f"已备份到 {dest}")
        return 0
    if args.command == "restore":
        from bot.instance import AlreadyRunning, acquire_instance_lock

        try:
            lock = acquire_instance_lock(settings.db_path)
        except AlreadyRunning:
            _print(
                f"机器人正在使用 {settings.db_path}：请先停止机器人再恢复，恢复时不会停止任何进程。"
            )
            return 1
        try:
            found = maintenance.restore_database(args.backup, settings.db_path)
        finally:
            lock.close()
        _print(
            f"已恢复：{found.reports} 份报告，{found.snippets} 个片段，完整性 {found.integrity}"
        )
        return 0 if found.ok else 1
    if args.first_start_ok and not settings.db_path.exists():
        _print(f"数据库 {settings.db_path} 还不存在：首次启动时会创建并导入自带的报告。")
        return 0
    found = maintenance.check_health(settings.db_path)
    if args.json:
        _print_json(jsonout.health(found))
    else:
        _print(
            f"{'正常' if found.ok else '异常'}：完整性 {found.integrity}，结构版本 "
            f"{found.schema_version}，{found.reports} 份报告，{found.snippets} 个片段"
        )
    return 0 if found.ok else 1


async def run_command(settings: Settings, args: argparse.Namespace) -> int:
    """Open the knowledge base, run one command, close it."""
    knowledge = await Knowledge.open(settings.db_path, read_only=settings.read_only)
    try:
        return await COMMANDS[args.command](knowledge, args)
    finally:
        await knowledge.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m bot`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings().with_db(args.db)
    except SettingsError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    # The terminal is for answers: library chatter goes to the log only when serving Telegram.
    serving = args.command == "serve" and bool(settings.token)
    setup_logging(settings.log_level if serving else "WARNING")
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command in ("backup", "restore", "health"):
            return run_maintenance(settings, args)
        if args.command == "web":
            from bot.web import run_web

            host = args.host or settings.web_host
            return run_web(settings, host=host, port=args.port or settings.page_port)
        if args.command == "web-login":
            from bot.web import create_login

            name = args.admin.strip()[:40]
            if not name:
                print("请给出管理员名称，例如：python -m bot web-login 张三", file=sys.stderr)
                return 2
            print(asyncio.run(create_login(settings, name)))
            return 0
        if args.command in ("chat", "serve"):
            from bot.runner import run_interactive

            return run_interactive(settings, args.command)
        return asyncio.run(run_command(settings, args))
    except DatabaseMissing as exc:
        print(f"{texts.error_text(exc.code)}：{exc}", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"数据库无法使用：{exc}", file=sys.stderr)
        return 1
    except KnowledgeError as exc:
        print(f"出错了：{texts.error_text(exc.code, exc.fields)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `… | head` closed the pipe: not an error of ours
        return 0
