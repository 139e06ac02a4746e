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

EXAMPLES_HEAD: Final = "“{label}”的参考表述（来自不同乡镇，【】处请换成本镇情况）："
EXAMPLES_NONE: Final = "暂时没有找到“{label}”的参考表述，可以换个说法试试。"
TEMPLATE: Final = "可改写为："
COMPARE_HEAD: Final = "对比：{towns}"
COMPARE_UNKNOWN: Final = "报告库中没有：{names}（已有乡镇：{towns}）"
COMPARE_CAPPED: Final = "一次最多对比 5 个乡镇，已取前 5 个。"
COMPARE_NONE: Final = "请给出要对比的乡镇，例如：/compare 拾万镇 税郭镇"
COMPARE_SAME: Final = "请提供两个不同的乡镇。"
COVERAGE_HEAD: Final = "必备事项覆盖情况（✅ 已写到 ⚠️ 较薄弱 ❌ 缺少）："
FIGURES_HEAD: Final = "报告中的数字："
SIDE_HEAD: Final = "“{topic}”各镇写法："
CHECKLIST_HEAD: Final = (
    "年度法治政府建设报告必须包含（依据《法治政府建设与责任落实督察工作规定》）："
)
CHECKLIST_TOPICS: Final = "常见的具体工作事项（括号内为本库 {n} 份报告中写到的份数）："
DEADLINES_HEAD: Final = "时间要求："
CHECK_HEAD: Final = "草稿检查结果：已写到 {covered} 项，较薄弱 {thin} 项，缺少 {missing} 项。"
CHECK_REMINDERS: Final = "特别提醒（真实报告最常漏写的）："
CHECK_EXAMPLE: Final = "  参考（{town} · {year}）：{text}"
STATUS_ICONS: Final[dict[str, str]] = {"covered": "✅", "thin": "⚠️", "missing": "❌"}
