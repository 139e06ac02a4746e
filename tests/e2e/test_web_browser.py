"""The web page in a real browser: Debian's headless Chromium driven by Selenium against
`python -m bot web` on 127.0.0.1. Asks, compares, checks a draft, signs an admin in with a
fresh link and adds a report; saves screenshots of the main pages (phone-sized)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import httpx
import pytest

from tests.auxil import bot_env, free_port
from tests.conftest import corpus_text

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="no browser here: install Debian's chromium and chromium-driver (.ci/run does)",
)
PHONE = (412, 915)
SHOTS = os.environ.get("TOWNSHIP_SCREENSHOTS")  # a folder to keep the screenshots in


@pytest.fixture
def site(seeded_db_path: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`python -m bot web` on a free port, ready when its health check answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "--db", str(seeded_db_path), "web", "--port", str(port)],
        env={**bot_env(), "TOWNSHIP_BOT_WEB_RATE_LIMIT": "1000/10"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:  # readiness: the server answers its health check
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the web server did not start"
            time.sleep(0.2)
        yield base, seeded_db_path
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download a driver
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={tmp_path / 'chromium'}",
        f"--window-size={PHONE[0]},{PHONE[1]}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver: object, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    assert path.stat().st_size > 5_000  # a page was drawn, not a blank
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / path.name)
    return path


def wait_for(driver: object, css: str) -> object:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 60).until(  # type: ignore[arg-type]
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def copied(driver: object, button: object) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 60).until(lambda _: button.text == "已复制")  # type: ignore[attr-defined,arg-type]


def gone(driver: object, element: object) -> None:
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 60).until(expected_conditions.staleness_of(element))  # type: ignore[arg-type]


def draft_docx(path: Path) -> Path:
    document = docx.Document()
    for text in (
        "城关镇2023年度法治政府建设情况报告",
        "一、主要举措和成效",
        "我镇聘请法律顾问1名，审查合同12份。全年受理信访案件20宗。",
        "二、存在的不足",
        "普法宣传形式单一。",
    ):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_clerk_and_an_admin_use_the_page_in_a_browser(
    site: tuple[str, Path], browser: object, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    base, db = site
    driver = browser
    find = driver.find_element  # type: ignore[attr-defined]
    finds = driver.find_elements  # type: ignore[attr-defined]

    # Ask: cited passages from two towns, each opening its report.
    driver.get(f"{base}/")  # type: ignore[attr-defined]
    shoot(driver, tmp_path, "home")
    box = find(By.ID, "q")
    box.send_keys("平岗和拾万的矛盾纠纷")
    box.submit()
    wait_for(driver, ".sources")
    sources = [a.text for a in finds(By.CSS_SELECTOR, ".sources a")]
    assert len({s.split("：")[1].split(" · ")[0] for s in sources}) >= 2, sources
    shoot(driver, tmp_path, "ask")
    first = finds(By.CSS_SELECTOR, ".sources a")[0].get_attribute("href")
    driver.get(first)  # type: ignore[attr-defined]
    assert find(By.CSS_SELECTOR, ".snippet:target").text

    # Example wording: a copy button under each town's template.
    driver.get(f"{base}/examples?topic=法律顾问")  # type: ignore[attr-defined]
    wait_for(driver, "button.copy")
    copies = finds(By.CSS_SELECTOR, "button.copy")
    assert len(copies) == len(finds(By.CSS_SELECTOR, ".reply code")) >= 2
    copies[0].click()
    copied(driver, copies[0])  # the button says so once the clipboard took it
    shoot(driver, tmp_path, "examples")

    # Compare two towns: a real table, both towns as columns.
    driver.get(f"{base}/compare")  # type: ignore[attr-defined]
    find(By.ID, "towns").send_keys("拾万 税郭")
    find(By.CSS_SELECTOR, "form.stack button").click()
    wait_for(driver, "table.coverage")  # only the result page has it
    heads = [th.text for th in finds(By.CSS_SELECTOR, "table.coverage thead th")]
    assert heads[1:] == ["拾万镇", "税郭镇"]
    shoot(driver, tmp_path, "compare")

    # Check a Word draft: the result, and the draft back with comments.
    driver.get(f"{base}/check")  # type: ignore[attr-defined]
    find(By.ID, "file").send_keys(str(draft_docx(tmp_path / "草稿.docx")))
    find(By.CSS_SELECTOR, "form.stack button").click()
    wait_for(driver, ".reply")  # only the result page has it
    assert "草稿检查结果" in find(By.CSS_SELECTOR, ".reply").text
    annotated = [a for a in finds(By.CSS_SELECTOR, "a.file") if "检查批注" in a.text]
    assert annotated
    shoot(driver, tmp_path, "check")

    # An admin signs in with a fresh one-time link, adds a report and finds it in the library.
    login = subprocess.run(
        [sys.executable, "-m", "bot", "--db", str(db), "web-login", "张三"],
        env={**bot_env(), "TOWNSHIP_BOT_WEB_URL": base},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    link = login.stdout.strip()
    assert link.startswith(f"{base}/login/")
    driver.get(link)  # type: ignore[attr-defined]
    wait_for(driver, "#report")
    report = tmp_path / "新岗镇.txt"
    report.write_text(
        corpus_text("003").replace("平岗", "新岗").replace("2022", "2023"), encoding="utf-8"
    )
    find(By.ID, "report").send_keys(str(report))
    find(By.CSS_SELECTOR, "form.stack button").click()
    wait_for(driver, "button[value=add]")
    assert "解析结果：新岗镇 2023 年度" in find(By.CSS_SELECTOR, ".reply").text
    shoot(driver, tmp_path, "admin-preview")
    add = find(By.CSS_SELECTOR, "button[value=add]")
    add.click()
    gone(driver, add)  # the confirmation page replaced the preview
    assert "已添加" in find(By.CSS_SELECTOR, "article.reply").text
    driver.get(f"{base}/reports")  # type: ignore[attr-defined]
    towns = [a.text for a in finds(By.CSS_SELECTOR, "table.reports th a")]
    assert "新岗镇" in towns
    shoot(driver, tmp_path, "reports")

    driver.get(link)  # type: ignore[attr-defined]  # the same link a second time
    assert "无效、已用过或已过期" in find(By.TAG_NAME, "main").text
