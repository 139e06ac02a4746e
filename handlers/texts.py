"""Every user-facing Chinese string, in one place."""

from __future__ import annotations

from typing import Final

SECTION_LABELS: Final[dict[str, str]] = {
    "preamble": "开头",
    "measures_results": "主要举措和成效",
    "first_resp": "第一责任人履职",
    "problems": "存在的不足",
    "next_plan": "下一步安排",
    "other": "其他情况",
}

STATUS_LABELS: Final[dict[str, str]] = {
    "covered": "✅ 已写到",
    "thin": "⚠️ 较薄弱",
    "missing": "❌ 缺少",
    "added": "已添加",
    "unchanged": "已存在（内容相同，未重复添加）",
    "replaced": "已替换旧版本",
    "error": "未添加",
}

WELCOME: Final = (
    "您好！我是「法治报告助手」，帮乡镇（街道）同志写《法治政府建设年度报告》。\n\n"
    "直接发文字提问即可，例如：\n"
    "· 法律顾问怎么写\n"
    "· 给我一段出庭应诉的范文\n"
    "· 我们镇和拾万镇比一比矛盾纠纷\n"
    "· 报告必须写哪些内容\n\n"
    "发送 /help 查看全部命令。"
)

HELP: Final = (
    "可用命令：\n"
    "/ask 问题 — 查找其他乡镇报告中的相关段落\n"
    "/example 主题 — 参考表述（范文），可直接改写\n"
    "/compare 镇A 镇B — 对比两个乡镇写了什么、报了哪些数字\n"
    "/checklist — 报告必须包含的内容和时间要求\n"
    "/check — 发来您的草稿（文字或 .txt/.docx），检查缺什么\n"
    "/mytown 镇名 — 设置本镇，之后“我们镇”即指它\n"
    "/remind — 订阅截止日期提醒（/remind off 取消）\n\n"
    "也可以不用命令，直接说出您的需要。"
)

NO_TERMS: Final = "请输入要查询的内容，例如：法律顾问怎么写"
NO_RESULTS: Final = "没有找到相关内容。可以换个说法，或用更具体的关键词，例如“矛盾纠纷排查”。"
LOW_SIGNAL: Final = "提示：请输入更具体的关键词，结果会更准确。"
TOWN_GUESS: Final = "您是否指：{town}？"
UNKNOWN_TOWN: Final = "报告库中没有“{name}”。已有的乡镇：{towns}"
RESULTS_FOR: Final = "“{query}”的相关段落："
FILTERS: Final = "筛选：{parts}"
MORE_HIDDEN: Final = "（还有 {n} 条未显示）"
INGEST_SUMMARY: Final = (
    "共处理 {total} 个文件：添加 {added}，替换 {replaced}，已存在 {unchanged}，失败 {errors}。"
)
REPORTS_EMPTY: Final = "报告库为空。"
REPORTS_HEADER: Final = "报告库共有 {n} 份报告："
SNIPPET_COUNT: Final = "{n} 个片段"
