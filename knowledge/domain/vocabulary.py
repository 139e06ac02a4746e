"""Word lists of the domain: synonyms retrieval must treat alike, words too empty to search,
and concepts the checklist covers under another name."""

from __future__ import annotations

import re
from typing import Final

# docs/domain.md "Language facts", grown with the everyday words staff type for the same thing.
SYNONYM_GROUPS: Final[tuple[tuple[str, ...], ...]] = (
    ("法治", "法制"),
    ("调解", "调处", "化解"),
    ("信访", "来访", "接访"),
    ("出庭应诉", "行政应诉", "行政诉讼", "诉讼案件"),
    ("全程记录", "全过程记录"),
    ("合法性审查", "合法性审核", "合法合规性审查"),
    ("普法", "法治宣传", "法制宣传"),
    ("群众", "老百姓", "百姓", "居民"),
    ("执法证", "行政执法证", "持证上岗"),
    ("学法", "学习法律"),
    ("违法建筑", "违建", "拆违", "违章建筑"),
    ("律师事务所", "律所"),
    ("党政主要负责人", "一把手", "主要负责人", "第一责任人"),
    ("领导班子", "班子成员", "班子"),
    ("反诈", "反电诈", "电信诈骗"),
    ("权责清单", "权力清单"),
    ("网格化", "网格员", "微网格"),
    ("平安建设", "综治"),
    ("违法建筑", "违建", "违章建筑", "违法建设"),
    ("政务公开", "信息公开", "政府信息公开", "政务信息公开"),
    ("禁毒", "戒毒", "毒品", "吸毒"),
    ("三治融合", "三治"),
    ("稳评", "稳定风险评估", "风险评估"),
    ("法律培训", "法律知识培训", "法治培训", "法制培训", "法律授课"),
    ("办件", "办件量", "办理事项", "办事量"),
    ("村支书", "村支部书记", "村党支部书记", "支部书记"),
    ("村干部", "村两委", "村居干部", "镇村干部"),
)


def synonym_variants(term: str) -> list[str]:
    """The term and its synonyms (法制 ↔ 法治, 老百姓 ↔ 群众 …); the longest synonym inside the
    term is the one swapped (行政执法证, not 执法证)."""
    found = [term]
    for group in SYNONYM_GROUPS:
        inside = [word for word in group if word in term]
        if not inside:
            continue
        word = max(inside, key=len)
        for other in group:
            variant = term.replace(word, other)
            if variant not in found:
                found.append(variant)
    return found


# Question words and fillers that say nothing about which snippet is wanted.
STOP_WORDS: Final[frozenset[str]] = frozenset(
    """
    的 了 和 与 及 或 是 在 有 把 被 对 将 要 为 以 等 也 都 就 还 又 而 但 并 其 之 这 那 个 些
    我 我们 你 您 他 她 它 咱们 咱 俺 俺们 本 该 各 每
    怎么 怎样 如何 什么 哪些 哪个 哪里 哪儿 为什么 吗 呢 吧 啊 呀 么 嘛 呗 哦 嗯 嘞 啦 喽 哈
    啥 咋 咋样 咋办 啥样 多会 多会儿 多久 几 几次 几回 几个 多少 多少回 多少次 谁 谁家 哪家
    写 写法 怎么写 写好 描述 表述 说 讲 谈 提 一下 一段 一些 几句 请 请问 给 帮 帮我 给我 看看 看 找 查
    查找 搜索 范文 例子 示例 参考 模板 样例 案例 内容 方面 相关 有关 关于 情况 工作 问题 报告 年度
    可以 需要 应该 必须 能 会 想 想要 希望 如果 比如 例如 什么样 一个 一 多少
    别的 其他 其它 其余 别人 人家 兄弟 外地 乡镇 街道 做法 我想 怎么样
    搞 弄 整 搞了 弄了 拿到 拿 做 做了 没 没有 不 不要 要不要 有没有 能不能 那块 这块 那段 这段
    比比 比一比 对比 比较 差 差距 东西 那个 这个 一下子 今年 去年 明年 咱镇 俺镇 我镇 本镇
    好 好的 行 不行 知道 告诉 了解 一般 是不是 得 还是
    """.split()
)

# Concepts staff ask about that the checklist holds under another item (docs/domain.md, topics):
# a question on one the library lacks points to the item it belongs to.
NEAREST_ITEM: Final[dict[str, str]] = {
    "双随机一公开": "enforcement_3systems",
    "双随机": "enforcement_3systems",
    "反诈": "pufa",
    "反电诈": "pufa",
    "电信诈骗": "pufa",
    "八五普法": "pufa",
    "法律明白人": "pufa",
    "明白人": "pufa",
    "七五普法": "pufa",
    "疫情防控": "emergency",
    "防汛": "emergency",
    "扫黑除恶": "dispute_resolution",
    "平安建设": "dispute_resolution",
    "综治": "dispute_resolution",
    "网格化": "dispute_resolution",
    "网格员": "dispute_resolution",
    "述法": "first_resp",
    "年度述法": "first_resp",
    "负面清单": "gov_functions",
    "权力清单": "gov_functions",
    "权责清单": "gov_functions",
    "一网通办": "digital_gov",
    "法律援助": "pufa",
    "公共法律服务": "legal_advisor",
    "二十大": "xi_law_thought",
    "旁听庭审": "leader_law_study",
    "党章党规": "leader_law_study",
    "党内法规": "leader_law_study",
    "法律超市": "legal_advisor",
    "村规民约": "pufa",
    "法律服务超市": "legal_advisor",
    "庭审旁听": "leader_law_study",
    "宪法宣誓": "leader_law_study",
    "以案释法": "pufa",
    "法治副校长": "pufa",
    "枫桥经验": "dispute_resolution",
    "诉源治理": "dispute_resolution",
    "三调联动": "dispute_resolution",
    "党的二十大": "xi_law_thought",
}

# Words the reports use for a concept they never name: 述职 where 述法 would be.
RELATED_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "述法": ("述职", "述廉"),
    "双随机一公开": ("双随机", "抽查"),
    "旁听庭审": ("庭审", "旁听"),
    "村规民约": ("民主法治示范村", "村民代表会议", "村务"),
}

# Words that give a problem's cause (the rule asks for 不足和原因): 主要是…, 由于…, 受…影响.
CAUSE_WORDS: Final = re.compile(r"原因|由于|因为|主要是|导致|造成|受.{0,8}影响|缘于|源于|随着")

# '俺们镇没执法权': most townships hold little power to enforce; the report still has a part on it.
NO_ENFORCEMENT_POWER: Final = re.compile(
    r"(没有?|无|不具备|没得|不具有)(行政)?执法(权|资格|主体)|不是执法主体|没有?权执法"
)
