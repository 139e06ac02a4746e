"""Benchmark: `python -m bench [--reports N]` (or `make bench`).

Builds a synthetic corpus from the five bundled reports (new town names, shuffled paragraphs),
ingests it through the real path, then times 50 realistic questions against our retrieval (the
whole `ask`: reading the question, FTS5 over distinct passages, rerank) and,
in the same process on the same snippets, against two peers: rank_bm25's BM25Okapi and bm25s
(sparse-matrix BM25, the fastest in-process Python one), with the same tokens. Ours and bm25s
are timed over the passes after the first, for both the same way; our first pass (each word's
count read from the index the first time) is printed on its own line. It also checks
the answers at scale: `-k 3` gives three distinct passages from three towns, and the first
report ingested is still found by its own words after thousands of newer, similar ones.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from knowledge.service import Knowledge
from knowledge.usecases.ingest import bundled_corpus_files

QUESTIONS = [
    "法律顾问怎么写",
    "一村一法律顾问",
    "行政机关负责人出庭应诉",
    "行政复议",
    "今年受理了多少信访案件",
    "矛盾纠纷排查化解",
    "规范性文件备案",
    "重大行政决策程序",
    "执法证",
    "中心组学法",
    "民法典宣讲",
    "宪法日宣传",
    "智慧平台",
    "便民服务中心",
    "政府信息公开",
    "综合行政执法",
    "民主法治示范村",
    "法制宣传教育不平衡",
    "人大代表建议",
    "网格化",
    "第一责任人职责",
    "合同审查了多少件",
    "习近平法治思想学习",
    "领导干部学法用法",
    "放管服 营商环境",
    "政务公开怎么写",
    "存在的问题",
    "下一步打算",
    "普法宣传形式单一",
    "法治培训",
    "扫黑除恶",
    "社区矫正",
    "人民调解",
    "帮办代办",
    "三重一大",
    "合法性审查",
    "公职律师",
    "执法全过程记录",
    "依法治镇委员会",
    "法治建设领导小组",
    "考核",
    "安全生产",
    "疫情防控",
    "乡村振兴",
    "给我一段出庭应诉的范文",
    "拾万镇 信访",
    "2022年 下步打算",
    "依法行政意识不强",
    "平安建设例会",
    "谁执法谁普法",
]
SURNAMES = "东西南北中上下前后新老大小金银铜铁石木水火山河湖海松柏桃李梅兰竹菊青白红黄"
ENDINGS = "安平和兴隆丰盛泰康宁福寿华阳光明清源溪桥岭坪岗坝湾塘营庄集店铺场寨堡"
HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.])")


def town_names(count: int, rng: random.Random) -> list[str]:
    """Distinct made-up town names."""
    names = [a + b + "镇" for a in SURNAMES for b in ENDINGS]
    rng.shuffle(names)
    while len(names) < count:
        names += [n[:-1] + c + "镇" for n in names for c in "一二三"][: count - len(names)]
    return names[:count]


def synthetic_report(base: str, town: str, year: int, rng: random.Random) -> str:
    """One report: the base with another town and year, paragraphs shuffled between headings."""
    original = re.search(r"(税郭镇|拾万镇|xx镇|平岗镇|凤凰镇)", base)
    name = original.group(1) if original else "xx镇"
    text = base.replace(name, town).replace(name[:-1], town[:-1])
    text = re.sub(r"20(19|20|21|22)(\s*年)", lambda m: f"{year}{m.group(2)}", text, count=3)
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []
    started = False
    for line in lines:
        started = started or bool(HEADING.match(line.strip()))
        if not started:
            out.append(line)
        elif HEADING.match(line.strip()) or not line.strip():
            rng.shuffle(run)
            out += [*run, line]
            run = []
        else:
            run.append(line)
    rng.shuffle(run)
    return "\n".join(out + run)


# Written into the first report only: it must still be found among thousands of newer ones.
NEEDLE = "创新推出“枫林晚”邻里调解工作法，化解宅基地纠纷7起。"
NEEDLE_QUESTION = "枫林晚邻里调解工作法"
DISTINCT_QUESTIONS = ["法律顾问", "矛盾纠纷排查化解", "普法宣传", "行政执法", "政务公开"]


def build_corpus(folder: Path, count: int, seed: int = 7) -> tuple[list[Path], str]:
    """Write count synthetic reports to a folder; the first carries the needle. Returns the
    paths and the first report's town."""
    rng = random.Random(seed)
    bases = [p.read_text(encoding="utf-8") for p in bundled_corpus_files()]
    paths = []
    towns = town_names(count, rng)
    for i, town in enumerate(towns):
        path = folder / f"r{i:05d}.txt"
        text = synthetic_report(bases[i % len(bases)], town, 2019 + i % 6, rng)
        if i == 0:
            text = text.replace("。\n", "。" + NEEDLE + "\n", 1)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths, towns[0]


def percentile(values: list[float], share: float) -> float:
    """The value below which share of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def measure(db: Path, paths: list[Path], repeats: int, needle_town: str) -> dict[str, float]:
    """Ingest and query figures for our retrieval and the peers, and the answers at scale."""
    knowledge = await Knowledge.open(db, load_corpus=False)
    try:
        start = time.perf_counter()
        # One call, as `python -m bot ingest folder/` does: its worker pool starts once.
        results = await knowledge.ingest_files(paths)
        errors = [r for r in results if r.status == "error"]
        if errors:
            raise SystemExit(f"ingest failed: {errors[0]}")
        ingest_seconds = time.perf_counter() - start
        snippets = await knowledge.store.snippet_count()
        passages = await knowledge.store.passage_count()

        ours: list[float] = []
        for _ in range(repeats):
            for question in QUESTIONS:
                t = time.perf_counter()
                await knowledge.ask(question, limit=5)
                ours.append((time.perf_counter() - t) * 1000)

        distinct = 0
        for question in DISTINCT_QUESTIONS:
            hits = (await knowledge.ask(question, limit=3)).hits
            towns = {h.snippet.town for h in hits}
            texts = {h.snippet.text for h in hits}
            distinct += len(hits) == 3 and len(towns) == 3 and len(texts) == 3
        needle_hits = (await knowledge.ask(NEEDLE_QUESTION, limit=3)).hits
        needle_found = bool(needle_hits) and needle_hits[0].snippet.town == needle_town

        web = await web_ask_times(knowledge, repeats)

        from rank_bm25 import BM25Okapi

        rows = await knowledge.store.fetchall("SELECT terms FROM snippets ORDER BY snippet_id")
        corpus_tokens = [row[0].split() for row in rows]
        t = time.perf_counter()
        peer_index = BM25Okapi(corpus_tokens)
        peer_build = time.perf_counter() - t
        peer: list[float] = []
        for question in QUESTIONS:
            terms = knowledge.segmenter.for_query(question)
            t = time.perf_counter()
            scores = peer_index.get_scores(terms)
            sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:5]
            peer.append((time.perf_counter() - t) * 1000)

        import bm25s

        t = time.perf_counter()
        fast_index = bm25s.BM25()
        fast_index.index(corpus_tokens, show_progress=False)
        fast_build = time.perf_counter() - t
        fast = time_bm25s(fast_index, knowledge, repeats)

        # The same peer given our one trick: each distinct wording indexed once.
        rows = await knowledge.store.fetchall("SELECT terms FROM passages ORDER BY passage_id")
        distinct_index = bm25s.BM25()
        distinct_index.index([row[0].split() for row in rows], show_progress=False)
        fast_distinct = time_bm25s(distinct_index, knowledge, repeats)
    finally:
        await knowledge.close()
    return {
        "reports": len(paths),
        "snippets": snippets,
        "passages": passages,
        "ingest_seconds": ingest_seconds,
        "ingest_rate": len(paths) / ingest_seconds,
        "db_mb": sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6,
        # Both sides timed the same way: every pass after the first (the index built, the
        # words' counts known); our first pass is shown on its own line.
        "ours_p50": statistics.median(ours[len(QUESTIONS) :]),
        "ours_p99": percentile(ours[len(QUESTIONS) :], 0.99),
        # The first pass meets every question's words for the first time (no cached counts).
        "cold_p50": statistics.median(ours[: len(QUESTIONS)]),
        "cold_p99": percentile(ours[: len(QUESTIONS)], 0.99),
        "peer_p50": statistics.median(peer),
        "peer_p99": percentile(peer, 0.99),
        "peer_build": peer_build,
        "fast_p50": statistics.median(fast[len(QUESTIONS) :]),
        "fast_p99": percentile(fast[len(QUESTIONS) :], 0.99),
        "fast_build": fast_build,
        "distinct_p50": statistics.median(fast_distinct[len(QUESTIONS) :]),
        "distinct_p99": percentile(fast_distinct[len(QUESTIONS) :], 0.99),
        "distinct": distinct,
        "needle": float(needle_found),
        "web_p50": statistics.median(web),
        "web_p99": percentile(web, 0.99),
    }


def time_bm25s(index: Any, knowledge: Knowledge, repeats: int) -> list[float]:
    """Milliseconds per question of a bm25s index, on our tokens, `repeats` passes."""
    times: list[float] = []
    for _ in range(repeats):
        for question in QUESTIONS:
            terms = knowledge.segmenter.for_query(question) or ["法治"]
            t = time.perf_counter()
            index.retrieve([terms], k=5, show_progress=False, n_threads=1)
            times.append((time.perf_counter() - t) * 1000)
    return times


async def web_ask_times(knowledge: Knowledge, repeats: int) -> list[float]:
    """Server time of the web page's GET /ask (routing, understanding, search, template),
    in milliseconds, through the real ASGI app without a network in between."""
    import httpx

    from handlers.web.app import build_app
    from handlers.web.config import WebConfig

    app = await build_app(knowledge, WebConfig(rate_count=10**9))
    times: list[float] = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for _ in range(repeats):
            for question in QUESTIONS:
                t = time.perf_counter()
                page = await client.get("/ask", params={"q": question})
                times.append((time.perf_counter() - t) * 1000)
                assert page.status_code == 200
    return times


def first_answer_seconds(db: Path) -> float:
    """Wall time of a fresh `python -m bot ask` process on the full database."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), "ask", "法律顾问怎么写"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description="township-bot benchmark")
    parser.add_argument("--reports", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths, needle_town = build_corpus(folder, args.reports)
        db = Path(tmp) / "bench.db"
        figures = asyncio.run(measure(db, paths, args.repeats, needle_town))
        first = min(first_answer_seconds(db) for _ in range(3))
    print(f"reports                 {figures['reports']:>10}")
    print(f"snippets                {figures['snippets']:>10}")
    print(f"distinct passages       {figures['passages']:>10}  (each wording indexed once)")
    print(
        f"ingest                  {figures['ingest_rate']:>10.1f} reports/s "
        f"({figures['ingest_seconds']:.1f} s)"
    )
    print(f"database size           {figures['db_mb']:>10.1f} MB")
    print(f"query p50 (ours)        {figures['ours_p50']:>10.2f} ms  (passes after the first)")
    print(f"query p99 (ours)        {figures['ours_p99']:>10.2f} ms")
    print(
        f"first pass p50 / p99    {figures['cold_p50']:>10.2f} / {figures['cold_p99']:.2f} ms  "
        "(words not yet seen)"
    )
    print(
        f"query p50 (rank_bm25)   {figures['peer_p50']:>10.2f} ms  "
        f"(index build {figures['peer_build']:.1f} s)"
    )
    print(f"query p99 (rank_bm25)   {figures['peer_p99']:>10.2f} ms")
    print(
        f"query p50 (bm25s)       {figures['fast_p50']:>10.2f} ms  "
        f"(index build {figures['fast_build']:.1f} s)"
    )
    print(f"query p99 (bm25s)       {figures['fast_p99']:>10.2f} ms")
    print(
        f"bm25s, distinct passages {figures['distinct_p50']:>9.2f} / "
        f"{figures['distinct_p99']:.2f} ms p50 / p99  (the peer with our dedup)"
    )
    print(f"p50 ratio rank_bm25/ours {figures['peer_p50'] / figures['ours_p50']:>9.1f} x")
    print(f"p50 ratio ours/bm25s    {figures['ours_p50'] / figures['fast_p50']:>10.1f} x")
    print(f"p99 ratio ours/bm25s    {figures['ours_p99'] / figures['fast_p99']:>10.1f} x")
    print(
        f"-k 3 from 3 towns       {figures['distinct']:>10} of {len(DISTINCT_QUESTIONS)} questions"
    )
    print(f"web GET /ask p50        {figures['web_p50']:>10.2f} ms  (server time, page rendered)")
    print(f"web GET /ask p99        {figures['web_p99']:>10.2f} ms")
    print(f"first report's needle   {'found' if figures['needle'] else 'MISSED':>10}")
    print(f"first answer after start {first:>9.2f} s  (fresh process, best of 3)")


if __name__ == "__main__":
    main()
