"""Facts about the report itself (whom it goes to, when, publication, length, 文号, 落款 …) and
whether a subject must be written: answered from rules kept as data with their sources, and
from what the library's reports actually do."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from knowledge.domain.checklist import ITEM_BY_ID, RULE_DOCUMENT, report_year
from knowledge.domain.sections import section_named_in
from knowledge.domain.topics import topics_named_by
from knowledge.domain.towns import split_label
from knowledge.domain.vocabulary import NEAREST_ITEM, NO_ENFORCEMENT_POWER
from knowledge.models import ChecklistItem, QueryFilters, SectionId, Snippet
from knowledge.storage.store import KnowledgeStore
from knowledge.text.excerpt import sentences
from knowledge.text.normalize import search_form
from knowledge.text.segment import Segmenter
from knowledge.understand import FactKey
from knowledge.usecases.wording import make_template

_GBT: Final = "《党政机关公文格式》（GB/T 9704—2012）"
_REGULATIONS: Final = "《党政机关公文处理工作条例》（中办发〔2012〕14号）"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule as it is written, with the document and article it comes from."""

    text: str
    source: str


RULES: Final[dict[str, tuple[Rule, ...]]] = {
    "recipients": (
        Rule(
            "乡镇党委和政府应当于每年3月1日之前，向上一级党委和政府报告上一年度法治政府建设情况，"
            "同时抄送上一级党委法治建设议事协调机构的办事机构（依法治县（区）委员会办公室）。",
            RULE_DOCUMENT + "第二十二条",
        ),
        Rule(
            "主送写上一级党委和政府，例如“中共××县（区）委、××县（区）人民政府：”；"
            "以政府名义单独报送的，主送上一级政府（如“××区人民政府：”）。",
            _REGULATIONS + "第九条",
        ),
    ),
    "copy_to": (
        Rule(
            "抄送上一级党委法治建设议事协调机构的办事机构，即依法治县（区）委员会办公室"
            "（依法治县（区）办）。“抄送：”一行放在最后一页最下面，落款和日期之下，"
            "如“抄送：县委依法治县办。”抄送机关写全称、规范化简称或同类机关统称都可以，"
            "机关之间用逗号，最后一个机关名称后标句号。",
            RULE_DOCUMENT + "第二十二条；" + _GBT + "7.4.2",
        ),
    ),
    "publish": (
        Rule(
            "地方各级政府（含乡镇）的年度报告，除涉及党和国家秘密的，应当于每年4月1日之前"
            "通过报刊、网站等新闻媒体向社会公开，接受人民群众监督。公开的是报告本身（全文），"
            "涉密的内容删去，不是另写摘要。",
            RULE_DOCUMENT + "第二十四条",
        ),
        Rule(
            "街道办事处是区政府的派出机关，是否单独公开按本地规定执行；通常在区政府网站或"
            "本级政务公开栏目发布。",
            "各地实施办法",
        ),
    ),
    "deadline": (
        Rule(
            "每年3月1日之前向上一级党委和政府报告上一年度情况（即最迟2月底）。",
            RULE_DOCUMENT + "第二十二条",
        ),
        Rule("每年4月1日之前向社会公开（涉密内容除外）。", RULE_DOCUMENT + "第二十四条"),
    ),
    "length": (
        Rule(
            "没有规定字数。写清五项内容即可，举措要有数字和实例，不足要写原因。",
            RULE_DOCUMENT + "第二十三条",
        ),
    ),
    "doc_number": (
        Rule(
            "文号由发文机关代字、年份和序号组成，年份用六角括号〔〕，序号不加“第”字、不编虚位，"
            "例如“××府文〔{issued}〕12号”；位于版头红色分隔线之上、居中。",
            _GBT + "7.2.4",
        ),
        Rule(
            "序号按年编：每年从1号起，取本机关当年发文登记的下一个号，不接着上一年的号往下编。",
            "惯例（文号含年份，序号逐年重编）",
        ),
    ),
    "signature": (
        Rule(
            "党委和政府联合报告时，落款写两个机关全称（如“中共××镇委员会  ××镇人民政府”），"
            "加盖两个机关印章；单独以政府名义报送的，落款为“××镇人民政府”。",
            _GBT + "7.3.5",
        ),
        Rule(
            "落款下一行写成文日期，用阿拉伯数字标全年月日，如“{issued}年2月15日”，右空四字。",
            _GBT + "7.3.5.1",
        ),
    ),
    "date": (
        Rule(
            "成文日期写机关负责人签发的日期（联合行文写最后签发机关负责人签发的日期），"
            "用阿拉伯数字将年、月、日标全，如“{issued}年2月15日”，月、日不编虚位；"
            "位于落款之下、右空四字。",
            _GBT + "7.3.5.1",
        ),
    ),
    "title": (
        Rule(
            "标题由发文机关、事由和文种组成，例如“××镇人民政府关于{year}年度法治政府建设情况的报告”"
            "或“××镇{year}年度法治政府建设情况报告”；2023年起不少地方称“法治建设年度报告”。"
            "镇名写全称（××镇人民政府、中共××镇委员会），不用简称。",
            _GBT + "7.3.1",
        ),
        Rule(
            "“{year}年度”和“{year}年”都可以；报告的是一整年的工作，写“年度”更准确，"
            "按县里通知的写法统一。",
            "惯例",
        ),
        Rule(
            "文种用“报告”：向上级机关汇报工作用“报告”，“总结”不是法定公文文种，标题不要写成“工作总结”。",
            _REGULATIONS + "第八条",
        ),
    ),
    "opening": (
        Rule(
            "开头一段说明依据和总体情况，以“现将……情况报告如下”结束；2022年以后的报告"
            "多以学习贯彻党的二十大精神、习近平法治思想开篇。",
            "惯例（随附报告的开头）",
        ),
    ),
    "basis": (
        Rule(
            "依据是中共中央办公厅、国务院办公厅印发的" + RULE_DOCUMENT + "（厅字〔2019〕28号）："
            "第二十二条规定报送对象和时间（每年3月1日之前报上一级党委和政府），第二十三条规定"
            "必须写的五项内容，第二十四条规定4月1日之前向社会公开。",
            RULE_DOCUMENT + "第二十二至二十四条",
        ),
        Rule(
            "很多地方还会转发本省、市、县的通知，对格式和报送时间提出更具体的要求，以本县（区）"
            "依法治县办的通知为准。",
            "惯例",
        ),
    ),
    "format": (
        Rule(
            "标题2号方正小标宋简体、居中；正文3号仿宋_GB2312；一级标题“一、”黑体，二级标题“（一）”"
            "楷体_GB2312，三级标题“1.”仿宋_GB2312；A4纸，上边距37毫米、下35毫米、左28毫米、右26毫米，"
            "每页22行、每行28字；页码4号宋体“— 1 —”，单页居右、双页居左。",
            _GBT + "5.2、7.2—7.3",
        ),
        Rule("发送“帮我生成报告框架”可直接拿到按这个格式排好的 Word 文件。", "本助手"),
    ),
    "who_writes": (
        Rule(
            "规定适用于地方各级党委和政府：乡镇党委和政府每年都要报告上一年度法治政府建设情况。"
            "街道办事处是区（县）政府的派出机关，是否单独报告、报给谁，按本区（县）的通知执行，"
            "多数地方与乡镇一样要写。村（社区）不单独写这份报告。",
            RULE_DOCUMENT + "第二十二条（适用于地方各级党委和政府）",
        ),
    ),
    "approval": (
        Rule(
            "报告以党委和政府的名义报送，落款两个机关（见“落款”）；报送前一般经党委会议研究、"
            "主要负责人审定签发，具体程序按本县（区）通知执行。",
            RULE_DOCUMENT + "第二十二条；惯例",
        ),
    ),
    "closing": (
        Rule(
            "报告一般以“下一年度推进法治政府建设的主要安排”收尾，后面按规定写“其他需要报告的"
            "情况”（没有就写“无”），不另写空洞的结束语；安排部分可用一句总括开头，"
            "如“【年度】年，我镇将……重点抓好以下工作：”。",
            RULE_DOCUMENT + "第二十三条；惯例",
        ),
    ),
    "which_year": (
        Rule(
            "写上一年：每年年初（3月1日之前）报的是上一年度的情况，如{issued}年初报{year}年度；"
            "标题、开头都写“{year}年度”，下一年度安排写{issued}年。",
            RULE_DOCUMENT + "第二十二条、第二十三条",
        ),
    ),
    "early": (
        Rule(
            "可以提前报，规定只限“3月1日之前”。但报告写的是全年：年底前成文的，数字写到"
            "“截至X月X日”，12月的工作写不进去；县里定了统一时间的，按县里的时间报。",
            RULE_DOCUMENT + "第二十二条",
        ),
    ),
    "to_congress": (
        Rule(
            "乡镇不用报人大：乡镇党委和政府向上一级党委和政府报告，抄送上一级依法治县办；"
            "县级以上政府才同时向本级党委和人大常委会报告。",
            RULE_DOCUMENT + "第二十二条",
        ),
    ),
    "heading_numbers": (
        Rule(
            "结构层次序数依次用“一、”“（一）”“1.”“（1）”：一级标题“一、”黑体，二级“（一）”楷体，"
            "三级“1.”和四级“（1）”仿宋；“一、”下面是“（一）”，不是“1.”。",
            _GBT + "7.3.3",
        ),
    ),
    "hundred_percent": (
        Rule(
            "如实就能写：调处率、办结率写100%在报告里很常见（如“调处率达100%”）。把件数一起写出"
            "（排查X起、化解X起），100%就有来处；件数用“约”“余”时不要再配精确的100%。",
            "惯例",
        ),
    ),
    "like_last_year": (
        Rule(
            "今年的报告写今年的事：数字、日期换成今年的；写今年新做的工作和新制度；去年提的不足"
            "写整改进展；下一年度安排写新任务。结构可以沿用，内容不要照搬。",
            RULE_DOCUMENT + "第二十三条；惯例",
        ),
    ),
    "one_part": (
        Rule(
            "不用分开：规定的第一项是“主要举措和成效”一项，一般写成一部分，每条举措后面紧跟"
            "成效和数字（如拾万“一、推进法治政府建设的主要举措及成效”）。",
            RULE_DOCUMENT + "第二十三条",
        ),
    ),
    "plan_detail": (
        Rule(
            "不用细到月份：规定只要求写“下一年度推进法治政府建设的主要安排”，资料库的报告都是"
            "分条写要做的事（一、二、三……）；有明确时间节点的，可以写上。",
            RULE_DOCUMENT + "第二十三条",
        ),
    ),
    "double_count": (
        Rule(
            "一件事只算一次：村里调解、镇里又报的同一起纠纷算一起，按件统计，不重复计数；"
            "可以写“其中经村调委会调解X起、镇调处X起”说明分工。",
            "惯例（统计口径）",
        ),
    ),
    "to_city": (
        Rule(
            "不用另报市里：乡镇只报上一级党委和政府（县委、县政府），抄送县委依法治县办；"
            "市里要的材料由县里汇总，县里另有通知的按通知办。",
            RULE_DOCUMENT + "第二十二条",
        ),
    ),
    "figures_required": (
        Rule(
            "规定没有要求必须有数字，但成效要写实：有统计的写数（约数写“约”“余”）；没统计的"
            "写做了什么、哪天、覆盖哪些村，不编数字；今后把台账记起来，明年就有数可写。",
            RULE_DOCUMENT + "第二十三条；惯例",
        ),
    ),
    "attachments": (
        Rule(
            "规定没有要求附件，资料库的报告也都没有附件；学法台账等材料留存备查（督察时会看），"
            "县里要求附的再附。",
            RULE_DOCUMENT + "第二十二条；惯例",
        ),
    ),
    "medium": (
        Rule(
            "规定只说报上一级党委和政府、抄送依法治县办，没有规定纸质还是电子版：一般报盖章的"
            "纸质正式文件，同时按县里的要求报电子版（盖章扫描件和可编辑的文本）。",
            RULE_DOCUMENT + "第二十二条；惯例",
        ),
    ),
    "correction": (
        Rule(
            "没有撤回的规定：马上跟县（区）委依法治县办说明，报送更正后的版本（注明“更正稿”）；"
            "4月1日前向社会公开的，一定用改正后的版本。",
            RULE_DOCUMENT + "第二十二条、第二十四条；惯例",
        ),
    ),
    "increase": (
        Rule(
            "照实写：写两年的数和增加多少；怎么化解的写进举措，增多的原因写进“存在的不足和原因”，"
            "下一年度安排写怎么从源头减少。不要压数字，报告要公开，上级也会核对。",
            RULE_DOCUMENT + "第二十三条；惯例",
        ),
    ),
    "in_time": (
        Rule(
            "3月1日之前报上去都算按时：2月28日（闰年2月29日）交来得及，3月1日当天就晚了；"
            "县里定了更早时间的，按县里的时间。",
            RULE_DOCUMENT + "第二十二条",
        ),
    ),
    "how_often": (
        Rule(
            "一年一次：每年3月1日之前报上一年度的情况，4月1日之前向社会公开；规定没有半年报，"
            "县里另有要求的按县里的。",
            RULE_DOCUMENT + "第二十二条、第二十四条",
        ),
    ),
    "both_leaders": (
        Rule(
            "都写：党政主要负责人指党委书记和镇长，两人都是推进法治建设第一责任人。一般写书记"
            "负总责、镇长具体负责，各写做了什么（如平岗“党委书记负总责，镇长具体牵头负责”）。",
            "《党政主要负责人履行推进法治建设第一责任人职责规定》",
        ),
    ),
    "item_count": (
        Rule(
            "没有规定条数：写清实际存在的问题，每条写原因。资料库的报告多写2到3条，"
            "一条一段，先写问题、再写“主要是……”的原因。",
            RULE_DOCUMENT + "第二十三条；惯例",
        ),
    ),
    "honest": (
        Rule(
            "照实写：确实做到的才写“全覆盖”“100%”，次数、人数写实数（如“全年到村服务【N】次”）；"
            "做得不够的，放进“存在的不足”写明原因和改进打算。报告要向社会公开，上级督察也会核实。",
            RULE_DOCUMENT + "第二十三条、第二十四条；惯例",
        ),
    ),
    "same_unit": (
        Rule(
            "不能写同一个单位：主送上一级党委和政府（如县委、县政府），抄送上一级依法治县办；"
            "已经主送的机关不再抄送。",
            RULE_DOCUMENT + "第二十二条；" + _GBT + "7.3.2、7.4.2",
        ),
    ),
    "page_numbers": (
        Rule(
            "要标页码：从正文第一页起连续编，用4号半角宋体阿拉伯数字，左右各加一条一字线，"
            "如“— 1 —”，放在版心下边缘之下；单页码居右空一字，双页码居左空一字；"
            "版记页前有空白页的，空白页和版记页不编页码。",
            _GBT + "7.5",
        ),
    ),
    "letterhead": (
        Rule(
            "报告是正式公文，用红头（发文机关标志）报送，标文号。发文机关标志写机关全称或规范化"
            "简称，后加“文件”二字，如“××镇人民政府文件”；党委和政府联合报送的，可并用两个"
            "机关名称。报告是上行文，要标注“签发人”（主要负责人）。",
            _GBT + "7.2.3—7.2.5",
        ),
        Rule("向社会公开时，发布报告的正文即可，不必用红头版式。", "惯例"),
    ),
    "repeat_problems": (
        Rule(
            "可以再写，但不要原样照抄：写明去年提出后做了什么、为什么还没改好（原因），"
            "整改措施写进“下一年度主要安排”，让上级看到问题在推进。",
            RULE_DOCUMENT + "第二十三条；惯例",
        ),
    ),
    "decrease": (
        Rule(
            "数字下降是成效，也要说清楚：写两年的数和下降多少，再写原因（源头排查、调解前移、"
            "普法见效等），不要只写“有所下降”；同时写调处率、化解率，说明不是少报。",
            "惯例",
        ),
    ),
    "late": (
        Rule(
            "规定写的是“每年3月1日之前”报送，3月1日当天交已经晚了，也没有顺延的说法：3月1日"
            "赶上周末或节假日，在之前的工作日报；确实来不及的，提前向县（区）委依法治县办说明。",
            RULE_DOCUMENT + "第二十二条",
        ),
    ),
    "order": (
        Rule(
            "先报后公开：3月1日之前报上一级党委和政府（抄送上一级依法治县办），报送之后、"
            "4月1日之前再向社会公开。",
            RULE_DOCUMENT + "第二十二条、第二十四条",
        ),
    ),
    "copying": (
        Rule(
            "会被看出来：报告要向社会公开，上级依法治县办也会把各镇报告放在一起看，照抄别镇的"
            "原话、数字和做法，很容易对出来。借别镇的结构和说法，事和数字写本镇的：本助手给的"
            "参考表述已把镇名、数字换成【】，照着填本镇的情况即可。",
            "惯例",
        ),
    ),
    "figures_basis": (
        Rule(
            "年度报告写全年的数：统计到12月31日；报告在年底前成文的，写“截至X月X日”或"
            "“截至目前”。与上半年或其他报表对不上时，以年底的全年数为准，口径与报上级的统计"
            "报表一致，必要时注明统计时间。",
            "惯例",
        ),
    ),
    "new_rules": (
        Rule(
            "本助手不联网，不掌握今年新印发的文件；当年的新要求（报送时间、格式、重点）以县（区）"
            "委依法治县办、司法局的通知为准。",
            "本助手",
        ),
        Rule(
            "写年度报告的基本依据：" + RULE_DOCUMENT + "（2019年，第二十二至二十四条定报送、"
            "内容和公开）；《党政主要负责人履行推进法治建设第一责任人职责规定》（2016年）；"
            "《法治政府建设实施纲要（2021－2025年）》（新纲要印发后以新纲要为准）。",
            "各文件原文",
        ),
    ),
    "other_part": (
        Rule(
            "第五项“其他需要报告的情况”为必备内容：写上级交办的法治事项、督察整改、"
            "法治政府建设示范创建、被通报的问题等；确实没有的，写明“无”。",
            RULE_DOCUMENT + "第二十三条",
        ),
    ),
}

# What the rules say of subjects staff ask about that are not checklist items of their own.
# Something that went wrong in the town is no achievement: where it goes instead.
_MISCONDUCT: Final = Rule(
    "不写进成效：如实写在“存在的不足和原因”（或“其他需要报告的情况”），写明原因和整改，"
    "下一年度安排里写加强村干部法治教育等防范措施。",
    RULE_DOCUMENT + "第二十三条",
)
SUBJECT_NOTES: Final[dict[str, Rule]] = {
    "述法": Rule(
        "述法是党政主要负责人在年终述职中报告履行推进法治建设第一责任人职责的情况；"
        "写在报告的“第一责任人履职”部分即可。",
        "《党政主要负责人履行推进法治建设第一责任人职责规定》第十二条",
    ),
    "疫情防控": Rule(
        "规定没有单列疫情防控；依法应对突发事件是法治政府建设的内容之一，"
        "当年有突发事件应对的，写在举措部分。",
        "《法治政府建设实施纲要（2021－2025年）》第六部分",
    ),
    "依申请": Rule(
        "没收到申请也写一句，如“全年未收到政府信息公开申请”；同时写主动公开的制度和条数，"
        "如“2021年共公开各类信息30余条”。",
        "《中华人民共和国政府信息公开条例》",
    ),
    "人大": Rule(
        "没收到代表建议也要写一句接受人大监督的做法，如“依法自觉接受本级人大监督，主动听取人大"
        "代表意见”；有建议、提案的，写办理件数和办结情况。",
        "《法治政府建设实施纲要（2021－2025年）》第八部分",
    ),
    "被判": _MISCONDUCT,
    "判刑": _MISCONDUCT,
    "犯事": _MISCONDUCT,
    "违纪": _MISCONDUCT,
    "扫黑除恶": Rule(
        "规定没有单列扫黑除恶；常态化开展的，可写在矛盾纠纷化解、平安建设相关的举措里。",
        "《法治政府建设实施纲要（2021－2025年）》",
    ),
    "二十大": Rule(
        "规定没有要求；2022年以后的报告开头普遍写学习贯彻党的二十大精神和习近平法治思想。",
        "惯例（随附报告）",
    ),
}


NO_POWER_NOTE: Final = Rule(
    "要写。没有执法权也要写“行政执法”：写配合县直部门联合执法的次数、执法人员持证和培训、"
    "执法三项制度的落实，以及承接上级下放执法事项的准备。",
    "《行政处罚法》第二十四条；《法治政府建设实施纲要（2021－2025年）》第五部分",
)


@dataclass(frozen=True, slots=True)
class FactExample:
    """What one report of the library does for this fact."""

    town: str
    year: int
    value: str


@dataclass(frozen=True, slots=True)
class FactAnswer:
    """A fact about the report: its rules, and how the library's reports do it."""

    key: FactKey
    rules: tuple[Rule, ...]
    examples: tuple[FactExample, ...] = ()
    lengths: tuple[int, int, int] | None = None  # shortest, median, longest in characters
    reports: int = 0


@dataclass(frozen=True, slots=True)
class WhetherAnswer:
    """Whether a subject must be written: the item it belongs to and how many reports have it."""

    subject: str
    item: ChecklistItem | None
    reports_with: int
    reports: int
    note: Rule | None = None
    exact: bool = True  # the subject is the item itself, not a subject filed under it
    nothing: bool = False  # the town had none of it ('我们今年没有行政复议案子')
    nothing_example: tuple[str, str] | None = None  # (town, sentence) saying 无 in the library
    towns: tuple[str, ...] = ()  # the towns whose reports have the subject's words
    note_leads: bool = False  # the note is the answer ('没执法权' still writes on enforcement)
    count_of: str = ""  # what `reports_with` counts: the subject's words or its topic


@dataclass(frozen=True, slots=True)
class WhichTowns:
    """Which towns' reports write about a subject, and which do not."""

    subject: str
    with_it: tuple[str, ...]
    without: tuple[str, ...]
    absent: tuple[str, ...] = ()  # words of the subject no report has
    nearest_item: str | None = None


async def which_towns(
    store: KnowledgeStore,
    segmenter: Segmenter,
    words: str,
    *,
    terms: Sequence[str],
    absent: Sequence[str],
) -> WhichTowns:
    """The towns (labels) whose reports have every searched word of the subject, and the
    others; `terms` and `absent` are the retriever's reading of the words."""
    known = await store.list_towns()
    if not terms or absent:
        nearest = next((NEAREST_ITEM[w] for w in absent if w in NEAREST_ITEM), None)
        return WhichTowns(words, (), tuple(known), tuple(absent) or (words,), nearest)
    labels = await store.towns_matching(segmenter.match_expr(list(terms)))
    with_it = tuple(t for t in known if t in labels)
    return WhichTowns("".join(terms), with_it, tuple(t for t in known if t not in labels))


async def fact(store: KnowledgeStore, key: FactKey, *, towns: Sequence[str] = ()) -> FactAnswer:
    """A fact about the report, with real examples where the library has them (the named
    towns' first)."""
    reports = await store.list_reports()
    named = {split_label(t)[0] for t in towns}
    reports.sort(key=lambda r: r.town not in named)
    # Example years follow the report being written: 2026年度, issued in 2027.
    year = report_year(dt.date.today())
    rules = tuple(
        Rule(r.text.replace("{year}", str(year)).replace("{issued}", str(year + 1)), r.source)
        for r in RULES.get(key, ())
    )
    found: list[FactExample] = []
    lengths = None
    if key in ("doc_number", "recipients", "date", "title", "signature", "letterhead"):
        field = {
            "doc_number": "doc_number",
            "letterhead": "doc_number",
            "recipients": "addressee",
            "date": "issued_on",
            "signature": "issued_on",
            "title": "title",
        }[key]
        for report in reports:
            value = getattr(report, field)
            if value and field == "issued_on":
                day = dt.date.fromisoformat(str(value))
                value = f"{day.year}年{day.month}月{day.day}日"
            if value:
                found.append(FactExample(report.town, report.year, str(value)))
    elif key == "opening":
        snippets = await store.get_snippets(QueryFilters(section="preamble"), limit=200)
        openings = sorted(
            _one_per_town(snippets), key=lambda s: split_label(s.town)[0] not in named
        )
        # A named town's own opening as it is written ('拾万那个报告开头引的啥文件'); the
        # others as templates to adapt.
        found = [
            FactExample(s.town, s.year, s.text)
            if split_label(s.town)[0] in named
            else _template_example(s)
            for s in openings
        ]
    elif key == "new_rules":
        # What each report's opening cites: the documents towns wrote to last time.
        snippets = await store.get_snippets(QueryFilters(section="preamble"), limit=200)
        for snippet in _one_per_town(snippets):
            cited = list(dict.fromkeys(_CITED.findall(snippet.text)))
            if cited:
                found.append(FactExample(snippet.town, snippet.year, "、".join(cited[:3])))
    elif key == "length":
        sizes = sorted(await store.report_lengths())
        if sizes:
            lengths = (sizes[0][0], int(statistics.median(s[0] for s in sizes)), sizes[-1][0])
            # Which report is shortest and longest ('哪份最长'): the two ends, named.
            found = [
                FactExample(town, year, f"{size}字") for size, town, year in (sizes[0], sizes[-1])
            ]
    elif key == "item_count":
        # How many items each report's problems part has: what 2–3 looks like in practice.
        for report in reports:
            if len(found) >= MAX_FACT_EXAMPLES:
                break  # a large library is not read report by report for three examples
            items = [
                s
                for s in await store.get_snippets(
                    QueryFilters(section="problems"), report_id=report.report_id, limit=20
                )
                if not _BARE.search(s.text)
            ]
            if items:
                found.append(FactExample(report.town, report.year, f"{len(items)}条"))
    elif key == "figures_basis":
        for wanted in _AS_OF:  # '截至目前' first: it says when the count stops
            for report in reports:
                if len(found) >= MAX_FACT_EXAMPLES:
                    break
                said = await _first_clause(store, report.report_id, wanted)
                if said and all(e.town != report.town for e in found):
                    found.append(FactExample(report.town, report.year, said))
    return FactAnswer(key, rules, tuple(found[:MAX_FACT_EXAMPLES]), lengths, len(reports))


# A part's opening line that is no item ('…还存在一些问题和不足。').
_BARE: Final = re.compile(r"^.{0,40}(存在(一些|以下)?(问题|不足)[和及与]?(不足|问题)?。?$)")
_AS_OF: Final = (re.compile(r"截至|截止"), re.compile(r"(全|\d{4})年(共|累计)"))


async def _first_clause(store: KnowledgeStore, report_id: int, wanted: re.Pattern[str]) -> str:
    """A report's first clause with a figure counted as `wanted` says ('截至目前，…共办理…
    150多件'), from the marker to the figure."""
    for snippet in await store.get_snippets(QueryFilters(), report_id=report_id, limit=200):
        for sentence in sentences(snippet.text):
            found = wanted.search(sentence)
            if found is None:
                continue
            clauses = re.split(r"(?<=[，；,;])", sentence[found.start() :])
            said = ""
            for clause in clauses[:3]:
                said += clause
                if re.search(r"\d", clause):
                    return said.rstrip("，；,;。")
    return ""


MAX_FACT_EXAMPLES: Final = 3
_CITED: Final = re.compile(r"《[^《》]{4,60}》")
# A sentence that reports none: 今年以来我镇无新增行政应诉案件, 暴恐事件“零发生”.
_NONE_SAID: Final = re.compile(r"无新增|未发生|未出现|零发生|“零”|没有发生|无.{0,6}案件|案件为零")


async def whether(
    store: KnowledgeStore,
    segmenter: Segmenter,
    words: str,
    *,
    topic: str | None = None,
    nothing: bool = False,
    section: SectionId | None = None,
) -> WhetherAnswer:
    """Whether a subject (述法, 行政复议, 其他需要报告的情况 …) must be written; with
    `nothing`, the town had none of it, and a library sentence that says so is the model."""
    if NO_ENFORCEMENT_POWER.search(search_form(words)):
        return await _without_power(store, segmenter)
    words = _subject_pieces(segmenter, words)
    terms = segmenter.for_query(search_form(words))
    # The corrected words (应速 → 应诉) name the subject when some are left; a part named
    # whole ('存在的不足和原因') keeps its words.
    raw = search_form(words).replace(" ", "")
    named = section_named_in(raw)
    whole_part = named is not None and named[1].group(0) == raw
    plain = raw if whole_part else "".join(terms) if terms else search_form(words).strip()
    item = _item_for(plain, topic)
    if item is None and section is not None:
        item = ITEM_BY_ID.get(section)  # '问题部分 整改情况要写吗': 整改 under that part
    reports = await store.report_count()
    match = _subject_match(segmenter, words, terms)
    with_it = await store.count_reports_matching(match) if match else 0
    if item is not None and item.kind == "statutory" and _is_the_item(plain, item):
        with_it = await store.count_reports_with_section(item.item_id)
    elif item is not None and item.kind == "topic" and _is_the_item(plain, item):
        # The same count the checklist gives: reports tagged with the topic, whatever words.
        with_it = max(with_it, await store.count_reports_with_topic(item.item_id))
    note = next((rule for key, rule in SUBJECT_NOTES.items() if key in plain or key in raw), None)
    example = await _none_said(store, segmenter, terms, item) if nothing else None
    exact = _is_the_item(plain, item)
    count_of = item.name if item is not None and exact and item.kind == "topic" else plain
    if not with_it and not exact and item is not None and item.kind == "topic":
        # '网格员法律明白人培训' as a whole is in no report; its topic is.
        with_it = await store.count_reports_with_topic(item.item_id)
        count_of = item.name
    # A subject filed under an item (营商环境 under 依法全面履行政府职能): name who wrote it.
    towns = (
        tuple(sorted(await store.towns_matching(match)))
        if match and not exact and 0 < with_it < reports
        else ()
    )
    # Several words are shown as several ('智慧平台、数字政府'), not run together.
    pieces = search_form(words).split()
    shown = "、".join(pieces) if len(pieces) > 1 and not whole_part else plain
    return WhetherAnswer(
        shown,
        item,
        with_it,
        reports,
        note,
        exact,
        nothing,
        example,
        towns,
        note_leads=note is _MISCONDUCT,
        count_of=count_of,
    )


def _subject_match(segmenter: Segmenter, words: str, terms: Sequence[str]) -> str:
    """The MATCH expression for a subject: every word of it, or of any one of its pieces when
    the user named several ('拆违建 环保整改这些' is either)."""
    pieces = [segmenter.for_query(p) for p in search_form(words).split()]
    pieces = [p for p in pieces if p]
    if len(pieces) > 1:
        return " OR ".join(f"({segmenter.match_expr(list(p))})" for p in pieces)
    return segmenter.match_expr(list(terms)) if terms else ""


def _subject_pieces(segmenter: Segmenter, words: str) -> str:
    """The pieces of the subject that say something ('今年 行政复议' → 行政复议), and of two
    that overlap the shorter ('没聘公职律师 公职律师' → 公职律师)."""
    pieces = [
        p for p in search_form(words).split() if any(len(t) >= 2 for t in segmenter.for_query(p))
    ]
    kept = [p for p in pieces if not any(o != p and o in p for o in pieces)]
    if len(kept) > 1:  # each piece by its searched words: '今年给网格员' → 网格员
        kept = ["".join(segmenter.for_query(p)) for p in kept]
    return " ".join(dict.fromkeys(kept)) or words


async def _without_power(store: KnowledgeStore, segmenter: Segmenter) -> WhetherAnswer:
    """A township without power to enforce still writes its part on enforcement: what it did
    alongside the county's departments, with a library sentence that does so."""
    item = ITEM_BY_ID.get("enforcement_3systems")
    terms = ["行政执法"]
    with_it = await store.count_reports_matching(segmenter.match_expr(terms))
    example = None
    hits = await store.search_fts(segmenter.match_expr(["配合", "执法"]), QueryFilters(), limit=10)
    for snippet, *_ in hits:
        said = next((s for s in sentences(snippet.text) if "配合" in s and "执法" in s), None)
        if said is not None:
            example = (snippet.town, said.strip())
            break
    return WhetherAnswer(
        "行政执法",
        item,
        with_it,
        await store.report_count(),
        NO_POWER_NOTE,
        exact=True,
        nothing_example=example,
        note_leads=True,
        count_of=item.name if item is not None else "行政执法",
    )


async def _none_said(
    store: KnowledgeStore, segmenter: Segmenter, terms: Sequence[str], item: ChecklistItem | None
) -> tuple[str, str] | None:
    """A library sentence saying a town had none of the subject (or of a subject of the same
    kind: 无新增行政应诉案件 for 行政复议)."""
    found: list[Snippet] = []
    if terms:
        found += [
            c[0]
            for c in await store.search_fts(
                segmenter.match_expr(list(terms), require_all=False), QueryFilters(), limit=20
            )
        ]
    if item is not None and item.kind == "topic":
        found += await store.get_snippets(QueryFilters(), topic=item.item_id, limit=40)
    related = {item.item_id} if item is not None else set()
    for snippet in found:
        for sentence in sentences(snippet.text):
            if _NONE_SAID.search(sentence) and (
                any(t in sentence for t in terms)
                or set(topics_named_by(sentence)) & related
                or "案件" in sentence
            ):
                return snippet.town, sentence.strip()
    return None


def _is_the_item(plain: str, item: ChecklistItem | None) -> bool:
    """True when the subject is the item itself (行政复议, 其他需要报告的情况), not a subject
    filed under it (述法 under 第一责任人)."""
    if item is None or any(key in plain for key in SUBJECT_NOTES) or plain in NEAREST_ITEM:
        return False
    compact = plain.replace(" ", "")
    if not compact or compact == item.name:
        return True
    if item.kind == "statutory":
        named = section_named_in(compact)
        return named is not None and named[1].group(0) == compact
    # The topic itself (普法, 行政复议), not one signal of it (营商环境 of 依法全面履行政府职能)
    # nor the lesser half of a double name (公职律师 of 法律顾问、公职律师).
    main = item.name.split("、")[0]
    # '习近平法治思想学习' is 学习贯彻习近平法治思想 in other order: most of its pairs are there.
    pairs = {compact[i : i + 2] for i in range(len(compact) - 1)}
    reordered = bool(pairs) and len({p for p in pairs if p in main}) >= 0.8 * len(pairs)
    return item.item_id in topics_named_by(compact) and (
        compact in main or item.name in compact or reordered
    )


def _item_for(plain: str, topic: str | None) -> ChecklistItem | None:
    named = section_named_in(plain)
    if named and named[0] in ITEM_BY_ID:
        return ITEM_BY_ID[named[0]]
    for word, item_id in NEAREST_ITEM.items():
        if word in plain:
            return ITEM_BY_ID[item_id]
    topics = (topic,) if topic else topics_named_by(plain)
    return ITEM_BY_ID[topics[0]] if topics and topics[0] in ITEM_BY_ID else None


def _one_per_town(snippets: list[Snippet]) -> list[Snippet]:
    seen: set[str] = set()
    chosen = []
    for snippet in snippets:
        if snippet.town not in seen and len(snippet.text) >= 30:
            seen.add(snippet.town)
            chosen.append(snippet)
    return chosen


def _template_example(snippet: Snippet) -> FactExample:
    template = make_template(snippet.text, town=snippet.town, county=snippet.county)
    return FactExample(snippet.town, snippet.year, template)
