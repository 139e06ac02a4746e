"""Every user-facing Chinese string, in one place."""

from __future__ import annotations

from collections.abc import Mapping
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
    "也可以不用命令，直接说出您的需要，例如“我们镇是税郭镇”“到期提醒我”“帮我检查一下草稿”。"
)

NO_TERMS: Final = (
    "没太明白您想查什么。可以这样问：\n"
    "· 法律顾问怎么写（范文）\n· 报告必须写哪些内容\n· 报告啥时候交、报给谁、落款咋写\n"
    "· 平岗学法搞了几次（别镇的数字）\n· 跟拾万比比（对比）\n· 帮我看看草稿 / 帮我生成报告框架"
)
FIRST_TIME: Final = "第一次写，"
GETTING_STARTED: Final = (
    "按这三步来：\n"
    "1. 发“报告必须写哪些内容”，看规定必写的五部分和截止日期；\n"
    "2. 发“帮我生成报告框架”，拿到按公文格式排好的 Word 框架，【】处填本镇情况；\n"
    "3. 哪部分不会写，就发“××范文”（如“法律顾问范文”），看别的乡镇怎么写。\n"
    "写好后发“帮我看看草稿”，我来检查缺什么。"
)
DONE: Final = "辛苦了！报上去以后，记得4月1日前在网站上公开。明年写的时候再来找我。"
STRESSED: Final = "辛苦了，别急，来得及：报告在3月1日前报上一级党委和政府，4月1日前公开。"
WHO_AM_I: Final = (
    "我是法治报告助手，一个程序，不是真人：按资料库里其他乡镇的真实报告和有关规定回答，"
    "不会编造数字。"
)
# Three ways in, for a phone: the whole command list is one tap away under /help.
SHORT_MENU: Final = (
    "可以直接问，例如：\n· 平岗学法搞了几次\n· 法律顾问那块给个范文\n· 报告啥时候交、报给谁\n"
    "全部用法发 /help。"
)
RETURNED: Final = (
    "别急，退回的报告多半是三处问题：五项必写内容缺了一项（常缺“第一责任人履职”）；"
    "举措只有口号，没有次数、人数、件数；不足只列问题，没写原因。对着这三条改，"
    "改好后发“帮我看看草稿”我来查。"
)
UNHAPPY: Final = (
    "抱歉，刚才没帮上忙。说清楚三样我就能答得准：哪个镇（或“我们镇”）、哪件事、要什么（数字、范文、对比、规定）。例如：\n"
    "· 平岗法律顾问聘了几个\n· 信访那块给个范文\n· 跟拾万比比普法\n· 报告要写哪几部分"
)
NO_RESULTS: Final = "没有找到相关内容。可以换个说法，或用更具体的关键词，例如“矛盾纠纷排查”。"
NOT_IN_LIBRARY: Final = "资料库的 {n} 份报告都没有写到“{words}”。"
NEAREST_ITEM: Final = "最接近的必备事项是“{item}”，可以发“{item} 范文”看其他乡镇的写法。"
RELAXED_TOWN: Final = "{town}的报告里没有找到“{words}”，以下是其他乡镇的写法。"
RELAXED_YEAR: Final = "{year} 年度的报告里没有找到“{words}”，以下是其他年度的写法。"
RELAXED_SECTION: Final = "这一部分里没有找到“{words}”，以下是报告其他部分的写法。"
SOURCE: Final = "（依据：{source}）"
FACT_HEADS: Final[dict[str, str]] = {
    "recipients": "报给谁（主送）：",
    "copy_to": "抄送给谁：",
    "publish": "是否公开、在哪公开：",
    "length": "写多长：",
    "doc_number": "文号怎么写：",
    "signature": "落款怎么写：",
    "date": "成文日期怎么写：",
    "title": "标题怎么写：",
    "opening": "开头怎么写：",
    "other_part": "“其他需要报告的情况”写什么：",
    "basis": "依据哪个文件：",
    "format": "字体、字号和版式：",
    "who_writes": "哪些单位要写：",
    "approval": "报送前要不要上会：",
    "closing": "结尾怎么写：",
    "new_rules": "有没有新文件：",
    "late": "能不能晚交、顺延：",
    "order": "先报送还是先公开：",
    "copying": "照抄别镇的话行不行：",
    "figures_basis": "数字按哪个时间写：",
    "page_numbers": "页码怎么标：",
    "same_unit": "主送和抄送能不能是同一个单位：",
    "which_year": "报告写哪一年：",
    "early": "能不能提前交：",
    "to_congress": "要不要报人大：",
    "heading_numbers": "标题序号怎么排：",
    "hundred_percent": "写100%行不行：",
    "like_last_year": "跟去年写得一样怎么办：",
    "item_count": "问题写几条合适：",
    "honest": "写得实不实：",
    "both_leaders": "第一责任人写书记还是镇长：",
    "in_time": "这个时间交来不来得及：",
    "figures_required": "成效一定要有数字吗：",
    "one_part": "举措和成效要不要分开写：",
    "plan_detail": "下一步安排要不要细到月份：",
    "to_city": "要不要报市里：",
    "double_count": "同一件事能不能算两次：",
    "attachments": "要不要附件：",
    "medium": "交纸质还是电子版：",
    "correction": "报上去发现有错怎么办：",
    "increase": "数字比去年多了，怎么写：",
    "how_often": "多久报一次：",
    "letterhead": "用不用红头发文：",
    "repeat_problems": "去年的问题还没改好，今年怎么写：",
    "decrease": "数字比去年少了，怎么写：",
}
FACT_LENGTHS: Final = "资料库 {n} 份报告正文：最短 {low} 字，中位 {median} 字，最长 {high} 字。"
FACT_TOWN_NONE: Final = "{town}的报告里没有写{head}。"
FACT_TOWN_VALUE: Final = "{town} {year} 年度报告的{head}："
FACT_NAMES: Final[dict[str, str]] = {
    "recipients": "主送",
    "doc_number": "文号",
    "date": "成文日期",
    "title": "标题",
    "opening": "开头",
}
WHICH_WITH: Final = "写到“{subject}”的乡镇（{n} 个中 {m} 个）："
WHICH_WITHOUT: Final = "没写到的：{towns}"
FACT_EXAMPLES: Final = "资料库中的实例（【】处换成本镇情况）："
DETAIL_BEST: Final = "写得更实的是{town}：这段有 {n} 处具体数字"
PART_ITEMS_BEST: Final = "写得更细的是{town}：这部分分 {n} 段"
PART_ITEMS_FIGURES: Final = "、{figures} 处具体数字"
PART_ITEMS_OTHER: Final = "{town} {n} 段"
DETAIL_OTHER: Final = "{town} {n} 处"
DETAIL_NO_FIGURE: Final = "{town}只写了做法，没有数字"
DETAIL_SILENT: Final = "；{towns}没写到这项"
DETAIL_ONLY: Final = "只有{town}写到这项"
DETAIL_EVEN: Final = "{towns}写得差不多，都以做法为主，可对照下面的原文"
FIGURES_NONE_LINE: Final = "报告里没有写这项的具体数字，下面是相关的写法。"
TITLE_NOT_SUMMARY: Final = "（用了“总结”，不建议照用）"
# Examples that are not wording to adapt have their own heading.
FACT_EXAMPLE_HEADS: Final[dict[str, str]] = {
    "new_rules": "资料库报告开头引用的文件：",
    "length": "最短和最长的两份：",
    "figures_basis": "资料库报告的写法：",
    "title": "资料库报告的实例：",
    "doc_number": "资料库报告的实例：",
    "date": "资料库报告的实例：",
    "signature": "资料库报告的实例：",
    "recipients": "资料库报告的实例：",
    "letterhead": "资料库报告的文号：",
    "item_count": "资料库报告“存在的不足”各写了几条：",
}
WHETHER_STATUTORY: Final = (
    "要写，一般单独成一部分。“{item}”是规定必须报告的五项内容之一（{source}）。"
)
WHETHER_OTHER_NONE: Final = "确实没有的，也要写明“无”。"
WHETHER_TOPIC: Final = (
    "建议写。“{item}”是年度报告的常见事项，但不是规定的五项之一：写在“主要举措和成效”里，"
    "写做法和数字；当年确实没有的，写一句说明。"
)
WHETHER_UNDER: Final = "规定没有单列“{subject}”：有做的，写在“{item}”里即可。"
WHETHER_NONE: Final = (
    "规定的五项内容没有单列“{subject}”：与依法行政有关的，可写在“主要举措和成效”里。"
)
PROBLEMS_TIP: Final = "提示：规定要写“存在的不足和原因”，每条问题后写一句原因（如“主要是……”）。"
REVIEW_HEAD: Final = "这段按“{part}”看，建议改 {n} 处："
REVIEW_FINE: Final = "这段按“{part}”看，要素齐全、有具体数字，可以用。"
REVIEW_FINE_PROBLEMS: Final = "这段按“{part}”看，问题和原因都写了，可以用。"
REVIEW_ADVICE: Final = {
    "vague": "“{words}”太虚：换成实数、实事（次数、人数、件数、做了什么）。",
    "no_figure": "没有一个数字：补上次数、人数、件数，写实效果。",
    "no_cause": "只列了问题，没写原因：规定要写“不足和原因”，每条后补一句“主要是……”。",
    "duty_missing": "第一责任人还可写：{words}。",
    "sum_mismatch": "数对不上：“{words}”，总数和“其中”各项要一致。",
    "wrong_lead": "组长写反了：领导小组一般由党委书记任组长（第一责任人），镇长任副组长。",
    "cause_partly": "“{words}”这条没写原因：每条问题后补一句“主要是……”。",
    "plan_vague": "“{words}”太笼统：下一步要写具体做什么、做到什么程度。",
    "steps_missing": "重大行政决策的法定程序还缺：{words}（公众参与、专家论证、风险评估、合法性审查、集体讨论决定五步）。",
}
REVIEW_MODEL: Final = "参考 {town}：“{sentence}”"
REVIEW_FULL_CHECK: Final = "整篇稿子发来（或发 .docx），可对照五项必写内容逐项检查。"
WHETHER_NOTHING_LINE: Final = "今年没有的，写一句说明：如“{sentence}”。"
WHETHER_NOTHING_SKIP: Final = "没做的可以不写，或在下一年度安排里写一句打算。"
WHETHER_NOTHING: Final = "要写，写一句说明没有，不要空着不提：如“{sentence}”。"
WHETHER_NOTHING_CASE: Final = "本年度我镇未发生{subject}案件"
WHETHER_NOTHING_WORK: Final = "本年度我镇尚未开展{subject}工作，下一年度将结合实际推进"
# How a report says it had none of something that is not a case: not as work left undone.
WHETHER_NOTHING_SAID: Final = {
    "规范性文件": "本年度我镇未制发行政规范性文件",
    "重大行政决策": "本年度我镇未作出重大行政决策事项",
    "行政处罚": "本年度我镇未作出行政处罚决定",
    "行政许可": "本年度我镇未实施行政许可事项",
    "行政强制": "本年度我镇未实施行政强制措施",
    "政府合同": "本年度我镇未签订政府合同",
    "合同": "本年度我镇未签订需审查的政府合同",
}
WHETHER_NOTHING_EXAMPLE: Final = "{town}的写法：“{sentence}”"
WHETHER_COUNT: Final = "资料库 {n} 份报告中 {m} 份写到“{subject}”。"
WHETHER_TOWNS: Final = "：{towns}。"
WHETHER_SEE_EXAMPLE: Final = "发“{subject} 范文”可看其他乡镇的写法。"
PARTLY_IN_LIBRARY: Final = "资料库的报告里没有出现“{absent}”，以下按“{terms}”查找。"
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

EXAMPLES_HEAD: Final = "“{label}”的参考表述（每镇一段，【】处换成本镇情况）："
EXAMPLES_HEAD_ONE_TOWN: Final = "“{label}”的参考表述（只有{town}写到，【】处换成本镇情况）："
COPY_HINT: Final = "点一下灰底文字即可复制。"
EXAMPLES_ORIGINAL_HEAD: Final = "“{label}”参考表述的原文："
EXAMPLE_WHICH: Final = (
    "想看哪方面的范文？说一下主题就行，例如：法律顾问范文、信访那段给个例子、存在的问题怎么写。"
)
EXAMPLES_NONE: Final = "暂时没有找到“{label}”的参考表述，可以换个说法试试。"
COMPARE_HEAD: Final = "对比：{towns}"
COMPARE_UNKNOWN: Final = "报告库中没有：{names}（已有乡镇：{towns}）"
COMPARE_CAPPED: Final = "一次最多对比 5 个乡镇，已取前 5 个。"
COMPARE_NONE: Final = "请给出要对比的乡镇，例如：/compare 拾万镇 税郭镇"
COMPARE_SAME: Final = "请提供两个不同的乡镇。"
FIGURES_HEAD: Final = "报告中的数字："
RANKING_MOST: Final = "{indicator}最多的是{town}：{value}"
RANKING_LEAST: Final = "{indicator}最少的是{town}：{value}"
RANKING_HIGHEST: Final = "{indicator}最高的是{town}：{value}"
RANKING_LOWEST: Final = "{indicator}最低的是{town}：{value}"
RANKING_SUMMED: Final = (
    "注意：{towns}的数字是几类合计（括号里分列）；只比同一类时，请看分列的数字。"
)
RANKING_NOTE: Final = "（按报告里写明的数字比较，{n} 个乡镇写了这项数字；没写数字的乡镇不在内）"
SIDE_HEAD: Final = "“{topic}”各镇写法："
TOPIC_FIGURES_NONE_SHORT: Final = "数字：无"
COMPARE_TOPIC_NONE: Final = "报告里没有写到“{topic}”。"
COMPARE_LACKS: Final = "{town}没写到、别镇写了的："
RANK_MOST: Final = "按报告写明的数字，{town}最多：{line}。"
RANK_LEAST: Final = "按报告写明的数字，{town}最少：{line}。"
RANK_SILENT: Final = "{towns}没写这项数字，没法直接比，可看下面各镇的写法。"
RANK_APART: Final = "另：{items}（口径不同，不能直接比）。"
RANK_ONLY: Final = "只有{town}写了这项数字（{value}）。"
RANK_NONE: Final = "{towns}的报告都没写这项的具体数字，没法比多少，可看下面各镇的写法。"
COMPARE_THIN: Final = "{town}写了但较薄、别镇写得更全的（可补充细节和数字）："
COMPARE_LACKS_NONE: Final = "必备和常见事项里，别镇写了的{town}都写到了。"
COMPARE_ALONE: Final = "{town}写了、别镇有缺的：{items}"
COVERAGE_DIFF_HEAD: Final = "各镇不同的事项（✅ 已写到 ⚠️ 较薄弱 ❌ 缺少）："
COVERAGE_AGREE: Final = "其余 {n} 项各镇情况相同。"
CHECKLIST_HEAD: Final = (
    "年度法治政府建设报告必须包含（依据《法治政府建设与责任落实督察工作规定》）："
)
CHECKLIST_TOPICS: Final = "常见的具体工作事项（括号内为本库 {n} 份报告中写到的份数）："
DEADLINES_HEAD: Final = "时间要求："
CHECK_HEAD: Final = "草稿检查结果：已写到 {covered} 项，较薄弱 {thin} 项，缺少 {missing} 项。"
CHECK_LEAD: Final = (
    "草稿检查结果：规定必写的五部分有 {statutory_gaps} 处要补，"
    "多数乡镇写了的常见内容缺 {common} 项（共 {total} 项中已写到 {covered} 项）。"
)
CHECK_STATUTORY_HEAD: Final = "规定必写、需要补的："
CHECK_STATUTORY_OK: Final = "✅ 规定必写的五部分都已写到。"
CHECK_MISSING_WHY: Final = "草稿里没有这一部分，规定要求必须写。"
CHECK_COMMON_HEAD: Final = "多数乡镇写了、草稿还没写的（资料库 {n} 份报告）："
CHECK_COUNT: Final = "（{m}/{n} 份写到）"
CHECK_RARE: Final = "另有 {n} 项未写到（括号内为资料库中写到的报告数）：{names}"
CHECK_RARE_THIN: Final = "另有 {n} 项写到了但较薄（完整说明见附件）：{names}"
CHECK_REMINDERS: Final = "特别提醒（真实报告最常漏写的）："
CHECK_EXAMPLE: Final = "  参考（{town} · {year}）：{text}"
STATUS_ICONS: Final[dict[str, str]] = {"covered": "✅", "thin": "⚠️", "missing": "❌"}
THIN_REASONS: Final[dict[str, str]] = {
    "no_causes": "只列了问题，没有分析原因：规定要求写“不足和原因”",
    "not_separate": "只零散提到一处：建议单列一部分，写党政主要负责人怎样履行第一责任人职责",
    "one_passage": "只有一段：建议分条写，给出具体做法和数字",
    "only_planned": "只出现在问题或下一步安排中：没写今年具体做了什么",
    "only_named": "只在标题中出现：正文没有具体做法",
}

USAGE_ASK: Final = "用法：/ask 关键词，例如：/ask 法律顾问怎么写"
USAGE_EXAMPLE: Final = "用法：/example 主题，例如：/example 出庭应诉"
USAGE_COMPARE: Final = "用法：/compare 镇A 镇B [主题]，例如：/compare 拾万镇 税郭镇 矛盾纠纷"
USAGE_MYTOWN: Final = "用法：/mytown 镇名，例如：/mytown 税郭镇"
MYTOWN_CURRENT: Final = "您设置的本镇是：{town}。修改请发送 /mytown 镇名"
MYTOWN_NONE: Final = "您还没有设置本镇。发送 /mytown 镇名 即可设置。"
MYTOWN_SET: Final = "已设置本镇为：{town}。之后说“我们镇”即指{town}。"
MYTOWN_SET_NEW: Final = (
    "已设置本镇为：{town}（报告库中暂无该镇的报告，对比时将无法列出本镇内容）。"
)
THANKS_REPLY: Final = "不客气！还有要查的，直接发文字即可，例如“出庭应诉怎么写”。"
REPLACED_WHAT: Final = "替换了原来的版本：来自 {file}，入库时间 {at}（UTC）"
UPLOAD_DEFERRED: Final = (
    "存储空间不足，这份报告暂未入库，已暂存：空间恢复后，机器人下次启动时会自动补存；"
    "如果在此之前又上传了同一乡镇同一年度的新版本，这份较早的就不再补存。"
)
NEED_OWN_TOWN: Final = "请先用 /mytown 设置本镇，再说“我们镇”。"
NEED_OWN_TOWN_HINT: Final = (
    "还没有设置本镇，先给出{towns}与其他乡镇的对比；用 /mytown 设置本镇后，就能直接和“我们镇”比。"
)
CHECK_PROMPT: Final = "请把草稿直接发给我：可以粘贴文字，也可以发送 .txt 或 .docx 文件。"
CHECK_PROMPT_CONSOLE: Final = (
    "请粘贴草稿，最后单独输入一行“完”结束；也可以用：/check 草稿文件路径（.txt 或 .docx）"
)
CHECK_NO_FILE: Final = "找不到文件：{path}。请检查路径，例如：/check ~/草稿.docx"
CHECK_TOO_SHORT: Final = "草稿内容太少，请发送完整的报告草稿。"
DEADLINE_HEAD: Final = "年度报告的时间要求："
REMIND_ON: Final = (
    "已订阅截止日期提醒，将在截止前 30 天、7 天、1 天提醒您：\n{dates}\n取消请发送 /remind off"
)
REMIND_HOW: Final = (
    "在 Telegram 中发送 /remind 即可订阅截止日期提醒（截止前 30 天、7 天、1 天各提醒一次），"
    "/remind off 取消。"
)
REMIND_OFF: Final = "已取消截止日期提醒。"
REMIND_NONE: Final = "您还没有订阅提醒。发送 /remind 即可订阅。"
REMIND_BAD_DATE: Final = "日期格式应为 2027-03-01（本县要求的报送日期）。"
REMIND_DATE_OUT_OF_RANGE: Final = (
    "{date} 不在今天到一年之内：请给出本县（区）今后要求的报送日期，例如 /remind 2027-02-20"
)
REMINDER: Final = "⏰ 提醒：{what}\n截止日期 {date}，还有 {days} 天。"
REMINDER_TODAY: Final = "⏰ 提醒：{what}\n截止日期就是今天（{date}）。"
BUSY: Final = "系统繁忙，请稍后再试。"
READ_ONLY: Final = "当前为只读模式，暂不能上传或修改。"
STORE_FULL: Final = "存储空间不足，操作未完成，请联系管理员。"
SORRY: Final = "出错了，请稍后再试。"
RATE_LIMITED: Final = "您发送得太快了，请稍后再试。"
NOT_ALLOWED: Final = "抱歉，您没有使用本机器人的权限。"
NO_PERMISSION: Final = "无权限。"
ONLY_TEXT: Final = "目前仅支持文字提问和上传 .txt/.docx 报告。"
BUTTON_EXPIRED: Final = "按钮已过期，请重新查询。"
NOT_YOURS: Final = "这不是您的操作。"
NO_MORE: Final = "没有更多结果了。"
PICK_TOWN: Final = "请选择乡镇："
FILE_TOO_BIG: Final = "文件超过 20MB，请压缩或拆分后再上传。"
UPLOAD_HINT: Final = "如需检查草稿，请先发送 /check；上传报告到报告库需要管理员权限。"
UPLOAD_PREVIEW: Final = "解析结果：{town} {year} 年度（{place}）\n标题：{title}\n共 {n} 个片段：{sections}{warnings}\n确认添加到报告库吗？"
PLACE_UNKNOWN: Final = "未注明"
NO_TITLE: Final = "（无标题）"
UPLOAD_DUPLICATE: Final = "该报告已存在（{town} {year} 年度，#{report_id}），无需重复上传。"
UPLOAD_REPLACES: Final = "\n注意：报告库中已有{town} {year} 年度的报告，确认后将替换旧版本。"
UPLOAD_DONE: Final = "已添加：{summary}"
UPLOAD_CANCELLED: Final = "已取消，未添加。"
UPLOAD_FAILED: Final = "未能读取该文件：{reason}"
UPLOAD_NEEDS_FIELDS: Final = "{reason}\n可以在发送文件时附上说明文字，例如：城关镇 2024"
STATS: Final = "使用统计：共 {total} 次请求，{users} 位用户，{subs} 个对话订阅了提醒。\n按类型：{kinds}\n没有找到结果的问题：\n{empty}"
BUTTON_MORE: Final = "更多"
BUTTON_MORE_EXAMPLES: Final = "更多范文"
BUTTON_ORIGINALS: Final = "看原文"
BUTTON_TEMPLATES: Final = "看模板"
BUTTON_OTHER_TOWN: Final = "换个乡镇"
BUTTON_PROBLEMS: Final = "只看存在的问题"
BUTTON_PLANS: Final = "只看下一步"
BUTTON_CONFIRM: Final = "✅ 确认添加"
BUTTON_CANCEL: Final = "取消"
BUTTON_ALL_TOWNS: Final = "全部乡镇"
COMMANDS: Final[tuple[tuple[str, str], ...]] = (
    ("ask", "提问：查找其他乡镇报告中的段落"),
    ("example", "参考表述（范文）"),
    ("compare", "对比乡镇"),
    ("checklist", "报告必备内容和时间要求"),
    ("check", "检查我的草稿"),
    ("draft", "生成本镇报告框架（Word）"),
    ("mytown", "设置本镇"),
    ("remind", "截止日期提醒"),
    ("help", "帮助"),
)
GROUP_NOT_ALLOWED: Final = "本机器人仅供授权用户使用，现在退出本群。"

TOWN_FIGURES_HEAD: Final = "{town}报告里写明的数字（{n} 项）："
TOWN_FIGURES_NONE: Final = "{town}的报告里没有写明的数字。"
PART_SIZE_HEAD: Final = "“{part}”各写了几段（每段大致是一条）："
PART_SIZE_LINE: Final = "· {town} {year}：{n} 段"
PART_SIZE_NONE: Final = "· {town} {year}：没有单列这一部分"
PART_SIZE_HINT: Final = "发“{part} 范文”可看各镇的写法。"
NOT_END_OF_MARCH: Final = (
    "不是：报告要在 3 月 1 日之前报上一级党委和政府；3 月底（4 月 1 日之前）是向社会公开的期限。"
)
NO_REPORT_OF_YEAR: Final = "资料库里没有{town} {year} 年度的报告（有的年度：{years}）。去掉年份再问，就能看到已有报告的写法。"
NONE_WORD: Final = "无"
ANY_TOWN: Final = "任何乡镇"
OFF_TOPIC: Final = (
    "这个我帮不上：我只管《法治政府建设年度报告》。可以这样问：\n"
    "· 法律顾问怎么写（范文）\n· 平岗学法搞了几次（别镇的数字）\n· 跟拾万比比（对比）\n"
    "· 报告啥时候交、报给谁（规定）\n· 帮我看看草稿 / 帮我生成报告框架"
)
DRAFT_READY: Final = "📄 报告框架已生成：{file}\n按公文格式（GB/T 9704）排好版，打开后把【】处换成本镇的情况即可；“上年报告”一行是去年报告里的数字，更新后删去。"
DRAFT_NO_TOWN: Final = "还不知道您是哪个镇：发送 /mytown 镇名 后再生成，标题和落款就会写上镇名。"
CHECK_REPORT_FILE: Final = "草稿检查结果.txt"
FILE_WRITTEN: Final = "已保存到：{path}"
DRAFT_STEM: Final = "草稿"
ANNOTATED_NAME: Final = "{stem}（检查批注）.docx"
ANNOTATED_READY: Final = "📎 已在您的 Word 文档里加了 {n} 条批注（审阅 → 批注），原文一字未改。"
THIN_DEFAULT: Final = "写得较少：建议分条写，给出具体做法和数字"
COMMENT_THIN: Final = "“{item}”写得较薄：{why}"
COMMENT_MISSING_PART: Final = "缺少“{item}”：{source}要求写明这一部分，建议放在这里。"
COMMENT_MISSING_TOPIC: Final = (
    "多数报告写到了“{item}”（{count}/{reports} 份），本稿未写到，可在此处补充。"
)
COMMENT_EXAMPLE: Final = "参考（{town}）：{text}"
COMMENT_EXAMPLE_CHARS: Final = 90
USAGE_DRAFT: Final = (
    "用法：/draft [镇名] [年度]，例如：/draft 税郭镇 2026（不写则用 /mytown 设的镇和正在写的年度）"
)

OTHERS_COLUMN: Final = "其他乡镇（{n}个）"
OTHERS_TALLY: Final = "{towns} 个乡镇中 {covered} 个已写到，{thin} 个较薄弱"
OTHERS_EXAMPLE: Final = "；例如{town}：{evidence}"

# The wording of each error code (knowledge.errors.ErrorCode); fields fill the braces.
ERROR_TEXTS: Final[dict[str, str]] = {
    "failed": SORRY,
    "file_too_large": "文件超过 {limit_mb}MB，请压缩或拆分后再上传",
    "file_empty": "文件没有可读取的文字内容",
    "legacy_or_encrypted": "这是旧版 Word（.doc）或加密文件，请另存为 .docx 后再上传",
    "unsupported_kind": "目前支持 .txt 和 .docx，不支持{kind}文件",
    "binary_content": "文件内容不是文字（疑似二进制文件），目前支持 .txt 和 .docx",
    "unknown_encoding": "无法识别文件编码，请另存为 UTF-8 编码的 .txt 或 .docx",
    "bad_encoding": "文件编码有误，含大量无法识别的字符，请另存为 UTF-8 编码后再上传",
    "docx_unreadable": "无法读取该 .docx 文件，请用 Word 重新保存后再上传",
    "not_a_docx": "文件不是有效的 .docx（若为 .doc 请另存为 .docx）",
    "docx_too_many_parts": "文件结构异常（压缩包内文件过多），已拒绝",
    "docx_too_large_unpacked": "文件解压后过大（疑似压缩炸弹），已拒绝",
    "not_word": "无法读取该 .docx：这不是 Word 文档",
    "file_unreadable": "文件不存在或无法读取",
    "not_a_file": "不是普通文件，无法导入",
    "too_heavy": "文件太大或太复杂，无法在限定时间和内存内处理：请删去图片、拆分后再发送",
    "no_text": "文件没有可读取的文字内容",
    "no_town": "未能从文中识别乡镇名称，请注明乡镇和年度（例如：城关镇 2024）",
    "no_year": "未能从文中识别报告年度，请注明乡镇和年度（例如：城关镇 2024）",
    "draft_too_short": "草稿内容太少，无法检查：请发送草稿全文（文字，或 .txt/.docx 文件）",
    "read_only": READ_ONLY,
    "store_full": STORE_FULL,
    "store_busy": BUSY,
    "store_closed": SORRY,
    "store_failed": SORRY,
    "upload_kept": "存储空间不足：这份上传仍暂存着，下次启动时再补存",
    "superseded": "{town}{year} 之后已上传过更新的版本，这份较早的上传不再补存",
    "database_missing": "数据库文件不存在（只读模式和健康检查不会新建空数据库）",
    "empty_query": "请说说想查什么，例如：法律顾问怎么写",
    "town_not_found": UNKNOWN_TOWN,
    "section_not_found": "没有“{name}”这一部分。",
    "backup_is_link": "{dest} 是一个链接：请给出新的备份文件名",
    "backup_is_database": "{dest} 就是正在使用的数据库：请给出另一个备份文件名",
    "backup_exists": "{dest} 已存在（{kind}），备份不会覆盖它：请给出新的文件名",
    "backup_foreign_objects": "备份里有本程序不会建立的数据库对象（{names}），不能恢复",
}
# Codes a user fixes by naming the town and year in the upload's caption.
NEEDS_CAPTION: Final = frozenset({"no_town", "no_year"})
FILE_KINDS: Final[dict[str, str]] = {
    "pdf": "PDF",
    "image": "图片",
    "rtf": "RTF",
    "file": "文件",
    "special": "设备或特殊文件",
}
PARSE_WARNINGS: Final[dict[str, str]] = {"no_headings": "未识别到标题结构，已按段落切分"}


def error_text(code: str, fields: Mapping[str, object] | None = None) -> str:
    """The Chinese for an error code, its braces filled from the fields."""
    values = {key: str(value) for key, value in (fields or {}).items()}
    if "kind" in values:
        values["kind"] = FILE_KINDS.get(values["kind"], values["kind"])
    try:
        return ERROR_TEXTS.get(code, SORRY).format_map(values)
    except (KeyError, IndexError, ValueError):
        return ERROR_TEXTS.get(code, SORRY).split("{")[0] or SORRY


# The web page (handlers/web): labels of its pages and forms.
WEB: Final[dict[str, str]] = {
    "site": "法治报告助手",
    "tagline": "写《法治政府建设年度报告》时，看看别的乡镇怎么写",
    "nav_ask": "提问",
    "nav_examples": "范文",
    "examples_head": "参考表述（范文）：每镇一段，【】处换成本镇情况",
    "examples_topic": "写哪项工作？",
    "examples_button": "找范文",
    "nav_compare": "对比",
    "nav_check": "检查草稿",
    "nav_draft": "报告框架",
    "nav_checklist": "清单和截止日期",
    "nav_reports": "报告库",
    "nav_admin": "管理",
    "ask_label": "想查什么？用大白话问就行",
    "ask_placeholder": "例如：法律顾问怎么写 / 平岗学法搞了几次 / 跟拾万比比执法",
    "ask_button": "查一下",
    "try_head": "可以这样问：",
    "answer_head": "“{q}”的回答",
    "open_report": "看原文",
    "copy_button": "复制",
    "copied_button": "已复制",
    "compare_head": "对比乡镇",
    "compare_towns": "乡镇（用逗号或空格分开）",
    "compare_topic": "只看某项工作（可不填）",
    "compare_button": "对比",
    "compare_item": "必备事项",
    "compare_figures": "报告中的数字",
    "compare_chart": "数字对比图",
    "compare_passages": "各镇的写法",
    "compare_none": "请至少写一个乡镇，例如：拾万, 税郭",
    "legend": "有＝已写到　薄＝较薄弱　缺＝缺少（鼠标停留或点一下看依据）",
    "check_head": "检查草稿",
    "check_text": "把草稿全文粘贴在这里",
    "check_file": "或者上传 .txt / .docx 文件（不超过 20MB）",
    "check_button": "开始检查",
    "check_annotated": "下载加了批注的 Word 草稿",
    "check_report": "下载完整检查结果（.txt）",
    "draft_head": "生成报告框架（Word，公文格式）",
    "draft_town": "乡镇",
    "draft_year": "年度",
    "draft_button": "生成并下载",
    "checklist_head": "报告必须包含什么、什么时候交",
    "reports_head": "报告库：{n} 份报告",
    "reports_town": "乡镇",
    "reports_county": "县（区）",
    "reports_year": "年度",
    "reports_sections": "各部分段落数",
    "report_back": "← 返回报告库",
    "files_head": "文件",
    "access_head": "请输入访问码",
    "access_label": "访问码（向本县法治办索取）",
    "access_button": "进入",
    "access_wrong": "访问码不对，请再试一次。",
    "admin_head": "管理：{admin}",
    "admin_upload": "添加报告到报告库（.txt / .docx）",
    "admin_caption": "说明（可不填，例如：城关镇 2024）",
    "admin_upload_button": "上传并预览",
    "admin_confirm": "✅ 确认添加",
    "admin_cancel": "取消",
    "admin_stats": "使用情况",
    "admin_logout": "退出登录",
    "admin_signed_out": "已退出登录。",
    "login_bad": "这个登录链接无效、已用过或已过期。请在服务器上运行 python -m bot web-login 管理员名 获取新的链接。",
    "login_needed": "需要管理员登录：请在服务器上运行 python -m bot web-login 管理员名，打开它打印的链接。",
    "csrf": "页面已过期（安全校验未通过），请返回刷新后重试。",
    "too_many": "您操作得太快了，请稍后再试。",
    "not_found": "没有这个页面。",
    "file_gone": "文件已过期，请重新生成。",
    "too_large": "文件超过 20MB，请压缩或拆分后再上传。",
    "empty_check": "请粘贴草稿全文，或选择一个 .txt / .docx 文件。",
    "access_locked": "访问码输错次数太多，请 10 分钟后再试。",
    "bad_request": "请求有误，请返回上一页重试。",
}
# Refusals of the web server itself, by HTTP status.
WEB_STATUS_TEXTS: Final[dict[int, str]] = {
    400: "表单或请求有误（字段、文件太多或格式不对），请返回上一页重试。",
    405: "这个页面不能这样打开，请从首页进入。",
    408: "上传太慢，已中断，请检查网络后重试。",
    413: "文件超过 20MB，请压缩或拆分后再上传。",
}
# Marks of the comparison table: characters every office computer draws (old Windows has no
# colour emoji), coloured by the page's style.
WEB_STATUS: Final[dict[str, str]] = {"covered": "有", "thin": "薄", "missing": "缺"}
WEB_EXAMPLES: Final[tuple[str, ...]] = (
    "法律顾问怎么写",
    "平岗班子学法搞了几回",
    "跟拾万比比执法",
    "报告啥时候交",
    "哪几个镇写了政务公开",
    "帮我生成报告框架",
)
