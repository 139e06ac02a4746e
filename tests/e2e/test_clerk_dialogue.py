"""Messages typed the way township clerks type on a phone, answered end to end by the terminal
dialogue (the same core as Telegram) over the real library. Each reply must be useful: it never
echoes a spoken filler as "not found", never comes back empty when the library has the answer,
and carries what was asked for first."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers import texts
from handlers.console.terminal import answer_line
from knowledge.service import Knowledge


@pytest.fixture(autouse=True)
def _files_land_in_a_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal writes the files it makes (a skeleton) where it runs."""
    monkeypatch.chdir(tmp_path)


# (message, words the reply must hold)
CLERK_MESSAGES: list[tuple[str, tuple[str, ...]]] = [
    ("平岗班子学法搞了几回", ("平岗镇", "学法3次")),
    ("稅郭學法搞了幾次啊", ("税郭镇", "学法")),
    ("十万镇信访案件受理了多少件", ("拾万镇", "34宗")),
    ("税国群众来访接待了多少回", ("税郭镇",)),
    ("凤凰出庭应诉那块咋写的", ("凤凰镇", "出庭应诉")),
    ("拾万法律顾问几个", ("拾万镇", "10个")),
    ("跟平岗比比执法", ("平岗镇", "执法")),
    ("我们和拾万差在哪", ("拾万镇",)),
    ("凤凰vs平岗 出庭应诉", ("凤凰镇", "平岗镇")),
    ("啥时候交", ("3月1日之前", "4月1日之前", "第二十二条")),
    ("多会儿报给区里", ("3月1日之前",)),
    ("報告幾號前要交上去", ("3月1日之前",)),
    ("有没有例子 法律顾问那块咋写", ("法律顾问", "【本镇】")),
    ("给个第一责任人职责的范文🙏", ("参考表述",)),
    ("学法那块给个例子呗 俺们不会写", ("学法",)),
    ("报告交给谁 主送写区政府还是区委", ("上一级党委和政府", "第二十二条")),
    ("抄送抄給誰啊", ("依法治县（区）", "抄送")),
    ("这个报告要不要在网上公开", ("4月1日之前", "第二十四条")),
    ("一般写多少字", ("没有规定字数", "中位")),
    ("文号咋写 拾万那个是啥格式", ("拾万府文〔2021〕165号",)),
    ("落款写镇政府还是党委政府一起落", ("落款",)),
    ("成文日期写哪天", ("阿拉伯数字", "2021年11月23日")),
    ("开头咋开 有固定说法吗", ("现将", "【本镇】")),
    ("其他需要报告的情况 这块写啥", ("其他需要报告的情况", "无")),
    ("述法要写吗", ("述法", "第一责任人")),
    # Held-out round 4: the patterns it found, kept.
    ("早啊 在线不", ("法治报告助手",)),
    ("报告是以党委名义报还是政府名义报", ("落款", "GB/T 9704")),
    ("写个三千字够不够", ("没有规定字数",)),
    ("帮我写个年终个人总结", ("帮不上", "法律顾问怎么写")),
    ("今天天气咋样", ("帮不上",)),
    ("问题和不足 写三条 有没有现成的", ("存在的不足和原因", "参考表述")),
    ("平岗拆了几处违建", ("违法建筑：2处",)),
    ("哪个镇法律顾问配得最全", ("最多的是拾万镇",)),
    ("五个镇里谁办件量最大", ("最多的是税郭镇",)),
    ("拾万交通违法罚了多少钱", ("罚款：2730元",)),
    ("拾万村级公共服务站有几个", ("村级公共服务站：10个",)),
    ("税郭信息公开了多少条", ("公开信息条数：约30条",)),
    ("郁南那个镇法律顾问请的哪家律所", ("广东光源律师事务所",)),
    ("平岗和凤凰 普法比比", ("“普法”各镇写法",)),
    # Held-out round 5.
    ("正文用啥字体 几号字", ("仿宋_GB2312", "GB/T 9704")),
    ("街道办也要写这个报告吗", ("街道办事处",)),
    ("今年是不是3月底前交就行", ("不是：", "3 月 1 日之前")),
    ("报告要先上党委会过一下吗", ("党委会议",)),
    ("结尾那段咋收 有现成的没", ("收尾",)),
    ("你好呀 刚下载的 这个咋弄", ("/ask",)),
    ("好的 太感谢了 帮大忙了", ("不客气",)),
    ("帮我写个入党申请书", ("帮不上",)),
    (
        "帮看下：一、主要举措和成效 组织学法4次，调解纠纷30起。二、存在问题 普法不够。三、下步打算 加强普法。四、其他 无",
        ("草稿检查结果", "第一责任人"),
    ),
    ("最多跑一次 哪个报告里有", ("最多跑一次",)),
    ("凤凰和拾万的存在问题 各写了几条", ("凤凰镇 2021：3 段", "拾万镇 2021：2 段")),
    ("拾万和税郭比比普法 各项都列出来", ("“普法”各镇写法", "各镇不同的事项")),
    ("这个报告是依据哪个文件要求写的", ("厅字〔2019〕28号", "第二十三条")),
    ("2023年税郭的报告有没有", ("没有税郭镇 2023 年度的报告", "2021")),
    (
        "帮我看看稿子：一、主要举措和成效。今年我镇开展学法5次，聘请法律顾问1名。二、存在的不足。普法形式单一。",
        ("草稿检查结果", "今年我镇开展学法5次"),
    ),
    ("行政复议一件没有 也要写吗", ("行政复议", "5 份报告中 1 份")),
    ("其他需要报告的情况 没有的话能不写吗", ("要写", "“无”")),
    ("疫情防控那段谁写了？", ("都没有写到“疫情防控”", "突发事件依法应对")),
    ("有没有写双随机一公开的", ("都没有写到“双随机一公开”", "行政执法")),
    ("反诈那块哪个报告里提了", ("拾万镇",)),
    ("權力清單哪個鎮寫了", ("凤凰镇", "权力清单")),
    ("报告都得写哪几块", ("主要举措和成效", "其他需要报告的情况")),
    ("有没有个清单 看看要写哪些项", ("必须包含",)),
    ("你好", ("法治报告助手",)),
    ("你能干啥", ("/example",)),
    ("我写好了 帮我看看漏了啥没", (".docx",)),
    ("存在问题里头 有写原因的没？", ("存在的不足",)),
    ("一把手履职那部分 拾万咋写的", ("拾万镇", "第一责任人")),
    ("凤凰宪法日那个活动咋搞的", ("凤凰镇",)),
    ("郁南那个xx镇 微网格建了几个", ("xx镇（郁南县）",)),
    # From a second round of held-out messages.
    ("早上好☀️ 这个咋用啊", ("/example",)),
    ("在吗 你好👋", ("法治报告助手",)),
    ("谢谢 辛苦啦🙏", ("不客气",)),
    ("不足和原因那段咋写 有没有模版", ("参考表述", "存在的不足")),
    ("下一年度安排给个模板 中不中", ("参考表述", "下一步")),
    ("其他需要报告的情况没啥写 能空着不", ("要写", "“无”")),
    ("拾万那个报告落款是哪天 署的谁的名", ("拾万镇 2021 年度报告的成文日期：2021年11月23日",)),
    ("报告报给谁 要抄送谁", ("报给谁（主送）", "抄送给谁")),
    ("凤凰和税郭比下普法", ("“普法”各镇写法", "普法活动 约20次")),
    ("截至日期是哪天😰", ("3月1日之前",)),
    ("平岗会前学法搞了几回", ("学法次数（会前学法）：8次",)),
    ("凤凰有没有行政诉讼案子", ("无新增行政应诉案件",)),
    ("执法那段给个列子", ("参考表述",)),
    # A third round.
    ("拾万跟税郭 哪个写得全", ("拾万镇没写到、别镇写了的", "规范性文件管理（税郭镇）")),
    ("行政应诉没案子 那块咋整 还要写不", ("5 份报告中 2 份",)),
    ("落宽写镇政府还是党委", ("落款怎么写",)),
    ("第一责任人履职情况一定要单独写一块吗", ("要写", "5 份报告中 5 份")),
    ("好嘞 多谢🙏 下回再问", ("不客气",)),
    ("哈喽 在不在 拾万一共有几个村社区啊", ("拾万镇", "10个")),
    ("哪个镇化解纠纷最多", ("矛盾纠纷化解最多的是拾万镇：约53件",)),
    ("哪几个镇写了出庭应诉", ("写到“出庭应诉”的乡镇（5 个中 2 个）：凤凰镇、平岗镇", "没写到的")),
]
# Words that are only the way people talk: a reply must never say the library lacks them.
SPOKEN = (
    "啥",
    "咋",
    "几回",
    "几次",
    "多少回",
    "比比",
    "那块",
    "那段",
    "搞",
    "俺们",
    "呗",
    "差在哪",
)


@pytest.mark.parametrize(
    ("message", "expected"), CLERK_MESSAGES, ids=[m for m, _ in CLERK_MESSAGES]
)
async def test_clerk_message_gets_a_useful_reply(
    knowledge: Knowledge, message: str, expected: tuple[str, ...]
) -> None:
    reply = "\n".join(await answer_line(knowledge, message))
    assert texts.NO_RESULTS not in reply
    assert texts.SORRY not in reply
    for word in SPOKEN:
        assert f"“{word}" not in reply, word
    for word in expected:
        assert word in reply, word


OWN_TOWN_MESSAGES: list[tuple[str, tuple[str, ...]]] = [
    ("我们还缺啥", ("凤凰镇没写到、别镇写了的：", "组织领导和工作机制")),
    ("我们镇报告里存在的问题写了几条", ("乡镇 凤凰镇", "思想认识有待进一步提高")),
    ("我们跟拾万比比咋样", ("对比：凤凰镇 / 拾万镇",)),
    ("我们跟拾万比比 缺了啥", ("凤凰镇没写到、别镇写了的",)),
    ("我们还少哪块没写啊🤔", ("凤凰镇没写到、别镇写了的",)),
    ("我们镇去年问题那块写了啥", ("部分 存在的不足", "凤凰镇")),
    ("给我们镇整个2025年的word初稿", ("凤凰镇2025年度法治政府建设情况报告.docx",)),
]


@pytest.mark.parametrize(
    ("message", "expected"), OWN_TOWN_MESSAGES, ids=[m for m, _ in OWN_TOWN_MESSAGES]
)
async def test_clerk_message_about_the_own_town(
    knowledge: Knowledge, message: str, expected: tuple[str, ...]
) -> None:
    await answer_line(knowledge, "/mytown 凤凰")
    reply = "\n".join(await answer_line(knowledge, message))
    for word in expected:
        assert word in reply, (word, reply[:300])


def test_clerk_messages_are_thirty_or_more() -> None:
    assert len(CLERK_MESSAGES) >= 30
