"""The page beside the other channels in one process: `serve` with TOWNSHIP_BOT_WEB_PORT runs
it next to the Telegram bot on the same knowledge base; `make run` without a token opens it
next to the terminal dialogue and says where."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx

from tests.auxil import USER_ID, bot_env, bot_settings, free_port, running_bot
from tests.fakebot import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]


async def test_the_page_and_the_bot_answer_from_one_process(
    fake_api: FakeBotApi, seeded_db_path: Path
) -> None:
    port = free_port()
    settings = bot_settings(fake_api, seeded_db_path, web_port=port)
    async with running_bot(settings):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as web:
            page = await web.get("/ask", params={"q": "法律顾问怎么写"})
            assert page.status_code == 200 and "参考表述" in page.text
        fake_api.push_message("/ask 法律顾问", user_id=USER_ID)
        [answer] = await fake_api.wait_for("sendMessage")
        assert "法律顾问" in answer.params["text"]
    with socket.socket() as again:  # stopped with the bot: its port is free again
        again.bind(("127.0.0.1", port))


def test_make_run_without_a_token_opens_the_page_beside_the_terminal(
    seeded_db_path: Path,
) -> None:
    port = free_port()
    env = bot_env(TOWNSHIP_BOT_WEB_PORT=str(port))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(seeded_db_path), "serve"],
        input="报告啥时候交\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"网页已启动：http://127.0.0.1:{port}/" in done.stderr
    assert "3月1日" in done.stdout  # the terminal dialogue answered as before


def test_sigterm_stops_the_page_and_its_workers(seeded_db_path: Path, tmp_path: Path) -> None:
    import signal
    import time

    port = free_port()
    env = bot_env()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(seeded_db_path), "web", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:  # readiness: the health check answers
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None
            time.sleep(0.2)
        with httpx.Client(base_url=base) as web:
            page = web.get("/check")
            token = page.text.split('name="csrf" value="')[1].split('"')[0]
            draft = "城关镇2023年度法治政府建设情况报告\n一、主要举措和成效\n聘请法律顾问1名。" * 3
            assert web.post("/check", data={"csrf": token, "text": draft}).status_code == 200
        children = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert children  # the draft was judged in a worker process
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        # No worker left behind: each ends once its parent has gone (the resource tracker
        # notices the closed pipe a moment later).
        deadline = time.monotonic() + 30
        alive = children
        while alive and time.monotonic() < deadline:
            alive = [c for c in alive if Path(f"/proc/{c}").exists() and not _zombie(c)]
            time.sleep(0.1)
        assert alive == [], "workers outlived the server"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _zombie(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return True
