"""Word lists of the domain: synonyms retrieval must treat alike, and words too empty to search."""

from __future__ import annotations

from typing import Final

# DOMAIN.md "Language facts": these are used interchangeably in the reports.
SYNONYM_GROUPS: Final[tuple[tuple[str, ...], ...]] = (
    ("法治", "法制"),
    ("调解", "调处", "化解"),
    ("信访", "来访", "接访"),
    ("出庭应诉", "行政应诉"),
    ("全程记录", "全过程记录"),
    ("合法性审查", "合法性审核", "合法合规性审查"),
    ("普法", "法治宣传", "法制宣传"),
)

# Question words and fillers that say nothing about which snippet is wanted.
STOP_WORDS: Final[frozenset[str]] = frozenset(
    """
    的 了 和 与 及 或 是 在 有 把 被 对 将 要 为 以 等 也 都 就 还 又 而 但 并 其 之 这 那 个 些
    我 我们 你 您 他 她 它 咱们 本 该 各 每
    怎么 怎样 如何 什么 哪些 哪个 哪里 为什么 吗 呢 吧 啊 呀 么 嘛
    写 写法 怎么写 写好 描述 表述 说 讲 谈 提 一下 一段 一些 几句 请 请问 给 帮 帮我 给我 看看 看 找 查
    查找 搜索 范文 例子 示例 参考 模板 样例 案例 内容 方面 相关 有关 关于 情况 工作 问题 报告 年度
    可以 需要 应该 必须 能 会 想 想要 希望 如果 比如 例如 什么样 一个 一 多少
    别的 其他 其它 其余 别人 人家 兄弟 外地 乡镇 街道 做法 我想 怎么样
    """.split()
)
