"""The web page over HTTP (the real Starlette app through httpx, a real database): the contract
for tools, escaping, CSRF, sign-in links, the access code, upload and rate limits."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from handlers.web.app import build_app
from handlers.web.config import WebConfig
from knowledge.service import Knowledge
from knowledge.text.readers import MAX_FILE_BYTES
from tests.conftest import corpus_text
from tests.integration.test_cli import run_bot


async def client_for(knowledge: Knowledge, config: WebConfig) -> httpx.AsyncClient:
    app = await build_app(knowledge, config)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 4321))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def web(knowledge: Knowledge) -> AsyncIterator[httpx.AsyncClient]:
    async with await client_for(knowledge, WebConfig(rate_count=1000)) as client:
        yield client


def csrf_of(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert found, "the form carries a CSRF token"
    return found.group(1)


async def test_the_front_page_has_the_question_form_and_strict_headers(
    web: httpx.AsyncClient,
) -> None:
    page = await web.get("/")
    assert page.status_code == 200
    assert re.search(r'<form[^>]*action="/ask"[^>]*method="get"', page.text)
    assert 'name="q"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "http" not in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in page.text  # no inline script: only /static/app.js
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


async def test_a_question_is_answered_with_passages_that_open_the_report(
    web: httpx.AsyncClient,
) -> None:
    page = await web.get("/ask", params={"q": "平岗和拾万的矛盾纠纷"})
    assert page.status_code == 200
    links = re.findall(r'href="/reports/(\d+)#s(\d+)"', page.text)
    assert len(links) >= 2
    report_id, snippet_id = links[0]
    report = await web.get(f"/reports/{report_id}")
    assert f'id="s{snippet_id}"' in report.text


async def test_script_in_a_question_is_escaped(web: httpx.AsyncClient) -> None:
    page = await web.get("/ask", params={"q": "<script>alert(1)</script>法律顾问"})
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;alert(1)" in page.text


async def test_script_in_a_report_is_escaped(
    knowledge: Knowledge, web: httpx.AsyncClient, tmp_path: Path
) -> None:
    hostile = (
        corpus_text("003")
        .replace("平岗", "新岗")
        .replace("全面落实法律顾问制度", "全面落实<script>alert('x')</script>法律顾问制度")
    )
    path = tmp_path / "hostile.txt"
    path.write_text(hostile, encoding="utf-8")
    [result] = await knowledge.ingest_files([path])
    page = await web.get(f"/reports/{result.report_id}")
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text
    answer = await web.get("/ask", params={"q": "新岗 法律顾问制度"})
    assert "<script>alert" not in answer.text


async def test_the_json_of_api_ask_is_the_json_of_the_command_line(
    web: httpx.AsyncClient, seeded_db_path: Path
) -> None:
    api = await web.get("/api/ask", params={"q": "受理信访案件", "k": "3"})
    cli = run_bot("ask", "受理信访案件", "-k", "3", "--json", db=seeded_db_path)
    assert cli.returncode == 0, cli.stderr
    assert api.json() == json.loads(cli.stdout)
    assert len(api.json()["results"]) == 3


async def test_a_post_without_the_forms_token_is_refused(web: httpx.AsyncClient) -> None:
    draft = (
        "城关镇2023年度法治政府建设情况报告\n一、主要举措和成效\n聘请常年法律顾问1名，审查合同12份。"
        * 2
    )
    refused = await web.post("/check", data={"text": draft})
    assert refused.status_code == 403 and "安全校验" in refused.text
    forged = await web.post("/check", data={"text": draft, "csrf": "0" * 64})
    assert forged.status_code == 403
    token = csrf_of(await web.get("/check"))
    checked = await web.post("/check", data={"text": draft, "csrf": token})
    assert checked.status_code == 200 and "草稿检查结果" in checked.text


async def test_a_sign_in_link_works_once_and_not_after_it_expires(
    knowledge: Knowledge, web: httpx.AsyncClient
) -> None:
    assert (await web.get("/admin")).status_code == 401
    token = await knowledge.create_web_login("张三", valid_for=dt.timedelta(minutes=15))
    signed = await web.get(f"/login/{token}")
    assert signed.status_code == 303 and signed.headers["location"] == "/admin"
    admin = await web.get("/admin")
    assert admin.status_code == 200 and "张三" in admin.text
    async with httpx.AsyncClient(transport=web._transport, base_url="http://testserver") as other:
        again = await other.get(f"/login/{token}")
        assert again.status_code == 403 and (await other.get("/admin")).status_code == 401
        old = await knowledge.create_web_login("李四", valid_for=dt.timedelta(seconds=-1))
        assert (await other.get(f"/login/{old}")).status_code == 403
        assert (await other.get("/login/not-a-token")).status_code == 403


async def test_an_admin_uploads_previews_confirms_and_finds_the_report(
    knowledge: Knowledge, web: httpx.AsyncClient
) -> None:
    token = await knowledge.create_web_login("张三", valid_for=dt.timedelta(minutes=15))
    await web.get(f"/login/{token}")
    csrf = csrf_of(await web.get("/admin"))
    report = corpus_text("003").replace("平岗", "新岗").replace("2022", "2023").encode("utf-8")
    preview = await web.post(
        "/admin/upload", data={"csrf": csrf}, files={"file": ("新岗镇.txt", report, "text/plain")}
    )
    assert preview.status_code == 200 and "解析结果：新岗镇 2023 年度" in preview.text
    upload = re.search(r'name="token" value="([^"]+)"', preview.text)
    assert upload
    done = await web.post(
        "/admin/confirm", data={"csrf": csrf, "token": upload.group(1), "action": "add"}
    )
    assert done.status_code == 200 and "新岗镇" in done.text
    twice = await web.post(
        "/admin/confirm", data={"csrf": csrf, "token": upload.group(1), "action": "add"}
    )
    assert twice.status_code == 410  # a double submit stores once
    assert [r.town for r in await knowledge.reports()].count("新岗镇") == 1
    assert "新岗镇" in (await web.get("/reports")).text


async def test_uploads_over_the_limit_are_refused(
    knowledge: Knowledge, web: httpx.AsyncClient
) -> None:
    csrf = csrf_of(await web.get("/check"))
    big = b"a" * (MAX_FILE_BYTES + 1)
    refused = await web.post(
        "/check", data={"csrf": csrf}, files={"file": ("big.txt", big, "text/plain")}
    )
    assert refused.status_code == 413 and "20MB" in refused.text
    token = await knowledge.create_web_login("张三", valid_for=dt.timedelta(minutes=15))
    await web.get(f"/login/{token}")
    csrf = csrf_of(await web.get("/admin"))
    too_big = await web.post(
        "/admin/upload", data={"csrf": csrf}, files={"file": ("big.txt", big, "text/plain")}
    )
    assert too_big.status_code == 413


async def test_the_access_code_is_asked_once_per_browser(knowledge: Knowledge) -> None:
    async with await client_for(knowledge, WebConfig(access_code="fz2026")) as web:
        first = await web.get("/ask", params={"q": "法律顾问"})
        assert first.status_code == 303 and first.headers["location"] == "/access"
        assert (await web.get("/api/ask", params={"q": "法律顾问"})).status_code == 401
        assert (await web.get("/healthz")).status_code == 200  # for the service manager
        form = await web.get("/access")
        wrong = await web.post("/access", data={"code": "nope", "csrf": csrf_of(form)})
        assert wrong.status_code == 403
        right = await web.post("/access", data={"code": "fz2026", "csrf": csrf_of(form)})
        assert right.status_code == 303
        assert (await web.get("/ask", params={"q": "法律顾问"})).status_code == 200


async def test_a_client_over_its_rate_is_told_to_slow_down(knowledge: Knowledge) -> None:
    async with await client_for(knowledge, WebConfig(rate_count=3, rate_seconds=3600)) as web:
        codes = [(await web.get("/")).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert (await web.get("/healthz")).status_code == 200


async def test_health_answers_with_the_json_of_the_health_command(
    web: httpx.AsyncClient, seeded_db_path: Path
) -> None:
    page = await web.get("/healthz")
    cli = run_bot("health", "--json", db=seeded_db_path)
    assert page.status_code == 200 and page.json() == json.loads(cli.stdout)


async def test_compare_is_a_table_with_a_chart(web: httpx.AsyncClient) -> None:
    page = await web.get("/compare", params={"towns": "拾万,税郭"})
    assert page.status_code == 200
    assert '<table class="coverage">' in page.text and "<svg" in page.text
    assert re.search(r'<th scope="col">拾万镇</th><th scope="col">税郭镇</th>', page.text)
    assert len(re.findall(r'class="cell (covered|thin|missing)"', page.text)) >= 2 * 20


async def test_example_wording_has_one_template_per_town_to_copy(web: httpx.AsyncClient) -> None:
    page = await web.get("/examples", params={"topic": "法律顾问"})
    templates = re.findall(r"<code>(.*?)</code>", page.text, re.S)
    assert len(templates) >= 2 and all("【" in t or "我镇" in t for t in templates)
    assert '<script src="/static/app.js"' in page.text  # adds a copy button under each
    script = await web.get("/static/app.js")
    assert script.status_code == 200 and "clipboard" in script.text


async def test_odd_input_gets_a_chinese_refusal_never_a_server_error(
    web: httpx.AsyncClient,
) -> None:
    page = await web.get("/check")
    odd_token = await web.post("/check", data={"csrf": "法", "text": "x"})
    assert odd_token.status_code == 403 and "安全校验" in odd_token.text
    fields = {f"f{i}": "x" for i in range(50)} | {"csrf": csrf_of(page)}
    many = await web.post("/check", data=fields)
    assert many.status_code == 400 and "表单" in many.text
    assert "content-security-policy" in many.headers
    wrong_method = await web.get("/logout")
    assert wrong_method.status_code == 405 and "首页" in wrong_method.text
    assert (await web.get("/reports/" + "9" * 5000)).status_code == 404
    skeleton = await web.get("/draft.docx", params={"town": "税\x01郭\ufffe镇"})
    assert skeleton.status_code == 200 and skeleton.content.startswith(b"PK")


async def test_sign_out_ends_the_session_and_a_forged_cookie_opens_nothing(
    knowledge: Knowledge, web: httpx.AsyncClient
) -> None:
    import itsdangerous

    token = await knowledge.create_web_login("张三", valid_for=dt.timedelta(minutes=15))
    await web.get(f"/login/{token}")
    kept = dict(web.cookies)
    csrf = csrf_of(await web.get("/admin"))
    assert (await web.post("/logout", data={"csrf": csrf})).status_code == 200
    web.cookies.clear()
    web.cookies.update(kept)  # the cookie from before signing out, replayed
    assert (await web.get("/admin")).status_code == 401
    # Someone with the database's signing key makes a cookie naming an admin: no session.
    secret = await knowledge.web_secret()
    forged = itsdangerous.TimestampSigner(secret).sign(
        __import__("base64").b64encode(b'{"admin": "\\u4f2a", "access": true}')
    )
    web.cookies.clear()
    web.cookies.set("tb_session", forged.decode())
    assert (await web.get("/admin")).status_code == 401


async def test_one_visitors_files_are_theirs_alone(knowledge: Knowledge) -> None:
    app = await build_app(knowledge, WebConfig(rate_count=1000))
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 4321))
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as alice,
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as mallory,
    ):
        page = await alice.get("/ask", params={"q": "帮我生成报告框架"})
        [link] = re.findall(r'href="(/files/[^"]+)"', page.text)
        assert (await mallory.get(link)).status_code == 404  # not his
        for _ in range(10):  # his own downloads cannot push hers out
            await mallory.get("/ask", params={"q": "帮我生成报告框架"})
        file = await alice.get(link)
        assert file.status_code == 200 and file.content.startswith(b"PK")


async def test_the_access_code_locks_after_five_wrong_guesses(knowledge: Knowledge) -> None:
    async with await client_for(knowledge, WebConfig(access_code="fz2026")) as web:
        csrf = csrf_of(await web.get("/access"))
        codes = [
            (await web.post("/access", data={"code": f"x{i}", "csrf": csrf})).status_code
            for i in range(5)
        ]
        assert codes == [403] * 5
        locked = await web.post("/access", data={"code": "fz2026", "csrf": csrf})
        assert locked.status_code == 429 and "10 分钟" in locked.text
