"""Topic ids of the checklist (docs/domain.md) and the signal words that tag snippets with them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Topic:
    """A topical item of the checklist."""

    topic_id: str
    name: str
    signals: tuple[str, ...]
    source: str


_LAW_2021 = "《法治政府建设实施纲要（2021－2025年）》"

TOPICS: Final[tuple[Topic, ...]] = (
    Topic(
        "xi_law_thought",
        "学习贯彻习近平法治思想",
        ("习近平法治思想", "xxx法治思想", "第一议题", "全面依法治国"),
        _LAW_2021 + "总体要求",
    ),
    Topic(
        "org_leadership",
        "组织领导和工作机制",
        (
            "领导小组",
            "依法治镇委员会",
            "依法治镇",
            "议事日程",
            "纳入年度工作计划",
            "年度工作计划",
            "联席会议",
            "考核",
            "工作机制",
        ),
        "《法治政府建设与责任落实督察工作规定》第四条",
    ),
    Topic(
        "leader_law_study",
        "领导干部学法用法",
        (
            "学法",
            "中心组学习",
            "法治讲座",
            "法治培训",
            "法制培训",
            "法律培训",
            "旁听庭审",
            "法律知识培训",
        ),
        "《关于完善国家工作人员学法用法制度的意见》",
    ),
    Topic(
        "gov_functions",
        "依法全面履行政府职能",
        (
            "放管服",
            "便民服务中心",
            "政务服务",
            "一站式",
            "最多跑一次",
            "帮办代办",
            "营商环境",
            "权责清单",
            "权力清单",
            "公共服务中心",
            "办事大厅",
            "办件",
        ),
        _LAW_2021 + "第二部分",
    ),
    Topic(
        "normative_docs",
        "规范性文件管理",
        ("规范性文件", "合法性审核", "备案", "报备率"),
        _LAW_2021 + "第三部分",
    ),
    Topic(
        "major_decision",
        "重大行政决策程序",
        (
            "重大行政决策",
            "公众参与",
            "专家论证",
            "风险评估",
            "集体讨论",
            "三重一大",
            "听证",
            "重大决策",
        ),
        "《重大行政决策程序暂行条例》",
    ),
    Topic(
        "legality_review",
        "合法性审查",
        ("合法性审查", "合法合规性审查", "法制审核", "合同审查", "审查意见", "合法性审核"),
        "《重大行政决策程序暂行条例》第二十五条",
    ),
    Topic(
        "legal_advisor",
        "法律顾问、公职律师",
        ("法律顾问", "公职律师", "律师事务所", "法律服务"),
        "《关于推行法律顾问制度和公职律师公司律师制度的意见》",
    ),
    Topic(
        "enforcement_3systems",
        "行政执法三项制度和持证执法",
        (
            "三项制度",
            "执法公示",
            "全过程记录",
            "全程记录",
            "法制审核",
            "持证上岗",
            "亮证执法",
            "执法证",
            "执法资格考试",
        ),
        "《关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》",
    ),
    Topic(
        "enforcement_reform",
        "综合行政执法改革",
        ("综合行政执法", "综合执法", "执法大队", "下放事项", "案件移送", "执法队伍"),
        "《关于推进基层整合审批服务执法力量的实施意见》",
    ),
    Topic(
        "supervision",
        "自觉接受监督",
        (
            "人大",
            "政协",
            "代表建议",
            "提案",
            "检察建议",
            "审计",
            "社会监督",
            "12345",
            "接受监督",
            "群众监督",
        ),
        _LAW_2021 + "第七部分",
    ),
    Topic(
        "gov_openness",
        "政务公开",
        ("政务公开", "信息公开", "主动公开", "依申请公开", "村务公开", "政府网站"),
        "《中华人民共和国政府信息公开条例》",
    ),
    Topic(
        "dispute_resolution",
        "矛盾纠纷多元化解和信访",
        (
            "矛盾纠纷",
            "排查",
            "调解",
            "人民调解",
            "信访",
            "接访",
            "来访",
            "枫桥经验",
            "小事不出村",
            "调处",
        ),
        _LAW_2021 + "第六部分",
    ),
    Topic(
        "admin_litigation",
        "行政机关负责人出庭应诉",
        ("出庭应诉", "行政应诉", "行政诉讼", "生效判决", "生效裁决"),
        "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》",
    ),
    Topic(
        "admin_reconsideration", "行政复议", ("行政复议", "复议"), "《中华人民共和国行政复议法》"
    ),
    Topic(
        "pufa",
        "普法和法治宣传",
        (
            "谁执法谁普法",
            "普法",
            "法治宣传",
            "法制宣传",
            "宪法宣传",
            "宪法日",
            "民法典",
            "民主法治示范村",
            "法律明白人",
            "法治文艺",
            "宣传月",
        ),
        "“八五”普法规划",
    ),
    Topic(
        "digital_gov",
        "数字法治政府",
        (
            "互联网+政务服务",
            "数字政府",
            "智慧",
            "网上办",
            "网上服务",
            "信息化",
            "智能",
            "渝快办",
            "两平台",
        ),
        _LAW_2021 + "第九部分",
    ),
    Topic(
        "emergency",
        "突发事件依法应对",
        ("突发事件", "应急预案", "疫情防控", "防汛", "安全生产", "应急处置"),
        _LAW_2021 + "第五部分",
    ),
)

TOPIC_BY_ID: Final[dict[str, Topic]] = {topic.topic_id: topic for topic in TOPICS}

_TOPIC_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (topic.topic_id, re.compile("|".join(re.escape(s) for s in topic.signals))) for topic in TOPICS
)


def topics_of(search_text: str) -> tuple[str, ...]:
    """Topic ids a text speaks to; the text must be in search form (simplified, lower case)."""
    return tuple(topic_id for topic_id, pattern in _TOPIC_PATTERNS if pattern.search(search_text))


def topics_named_by(search_words: str) -> tuple[str, ...]:
    """Topic ids a user's words point to: those the words speak to, else those whose name or
    signals contain them (行政执法 → the enforcement items). Words in search form."""
    direct = topics_of(search_words)
    if direct or len(search_words) < 2:
        return direct
    return tuple(
        topic.topic_id
        for topic in TOPICS
        if search_words in topic.name or any(search_words in s for s in topic.signals)
    )


def matching_signals(topic_id: str, search_text: str) -> list[str]:
    """The signal words of one topic found in a text in search form."""
    return [s for s in TOPIC_BY_ID[topic_id].signals if s in search_text]


def topic_focus(topic_id: str, search_text: str, search_heading: str = "") -> float:
    """How much a passage is about a topic rather than naming it in passing (1 = in passing).

    Its own heading or first sentence naming the topic counts most; then how many of the
    topic's signal words it uses. Both texts must be in search form.
    """
    signals = matching_signals(topic_id, search_text)
    if not signals:
        return 0.0
    first_sentence = re.split(r"[。；！？]", search_text, maxsplit=1)[0]
    own_heading = search_heading.rsplit(">", 1)[-1]
    focus = 1.0 + 0.5 * min(len(signals) - 1, 3)
    if any(s in own_heading for s in TOPIC_BY_ID[topic_id].signals):
        focus += 2.0
    if any(s in first_sentence for s in signals):
        focus += 1.5
    return focus
