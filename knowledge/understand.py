"""ONE reader of a message: any text → a typed Request (what is wanted, for which towns, on
what, which year, whether figures are wanted, and the words left to search).

Telegram, every command, the terminal and the command line read text only through `read`.
Spoken fillers (啥, 咋弄, 几回, 比比, 那块 …) set the intent or are dropped; they never reach
the search and are never echoed back as "not found".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal, get_args

from knowledge.domain.sections import section_named_in, section_of_heading
from knowledge.domain.topics import topics_named_by
from knowledge.domain.towns import find_town_in_text, names_a_town, town_by_sound, town_of_county
from knowledge.domain.vocabulary import NO_ENFORCEMENT_POWER
from knowledge.models import SectionId
from knowledge.text.normalize import search_form, strip_invisible

RequestKind = Literal[
    "ask",
    "example",
    "compare",
    "checklist",
    "deadline",
    "fact",
    "whether",
    "check",
    "draft",
    "off_topic",
    "part_size",
    "figures_of",
    "start",
    "set_town",
    "remind",
    "greeting",
    "help",
    "which_towns",
    "review",
]
BasicFactKey = Literal[
    "recipients",
    "copy_to",
    "publish",
    "length",
    "doc_number",
    "signature",
    "date",
    "title",
    "opening",
    "other_part",
    "basis",
    "format",
    "who_writes",
    "approval",
    "closing",
    "new_rules",
    "page_numbers",
    "letterhead",
]
# Questions of judgement about the rules ('3月1号赶上周末 能顺延不'): they name a deadline, a
# date line or 公开 only in passing, so they win over the plain facts those words would ask.
JudgedFactKey = Literal[
    "late",
    "order",
    "copying",
    "figures_basis",
    "repeat_problems",
    "decrease",
    "same_unit",
    "which_year",
    "early",
    "to_congress",
    "heading_numbers",
    "hundred_percent",
    "like_last_year",
    "item_count",
    "honest",
    "both_leaders",
    "in_time",
    "how_often",
    "figures_required",
    "attachments",
    "medium",
    "correction",
    "increase",
    "one_part",
    "plan_detail",
    "to_city",
    "double_count",
]
FactKey = BasicFactKey | JudgedFactKey


@dataclass(frozen=True, slots=True)
class Request:
    """What one message asks for, with everything the use cases need from its words."""

    kind: RequestKind
    text: str
    towns: tuple[str, ...] = ()  # stored town labels, the user's own first when named
    town_guess: str | None = None  # a near miss: "您是否指…"
    topic: str | None = None  # the checklist topic the words point to
    section: SectionId | None = None
    year: int | None = None
    wants_figures: bool = False
    words: str = ""  # what is left to search, fillers removed (search form)
    fact: FactKey | None = None
    others: bool = False  # "其他乡镇 / 各镇": the rest of the library
    missing_own_town: bool = False  # "我们镇" with no town set
    draft: bool = False  # the message is itself a draft report to check
    more_facts: tuple[FactKey, ...] = ()  # a second question about the report in one message
    full_table: bool = False  # a comparison on a topic that also wants every item compared
    nothing_happened: bool = False  # '我们今年没有行政复议案子 还要写吗': none to report
    # '领导又在催了 愁死', '净是废话', '你是真人吗', '交完了 喘口气'
    mood: Literal["stressed", "unhappy", "who", "done"] | None = None


DRAFT_MIN_CHARS: Final = 40
_PUNCT: Final = r"\s，,。.？?！!、；;：:~～…—\-·'\"“”‘’（）()【】\[\]<>《》"
_GREETING_WORD: Final = (
    r"(你好|您好|大家好|早上好|中午好|下午好|晚上好|早|哈喽|嗨|hi|hello|hey|在吗|在不在|在么|在嘛|"
    r"在线不|在线吗|在线么|在线没|在线|有人吗|有人没|太感谢了?|非常感谢|万分感谢|帮大忙了|太好了|"
    r"下班了?|下班喽|下班啦|先撤了?|走了|明天见|"
    r"谢谢|多谢|感谢|谢了|谢谢你|谢谢您|谢啦|好的|好|收到|ok|辛苦了|辛苦啦|辛苦|麻烦了|打扰了|"
    r"明白了|知道了|懂了|行|可以|好嘞|好滴|下回再问|回头再问|再见|拜拜|先这样|没事了|回见)"
    r"[啊呀呢哈吗啦了嘞哦]*"
)
_GREETING: Final = re.compile(r"^(?:" + _GREETING_WORD + r"[" + _PUNCT + r"]*)+$")
_LEADING_GREETING: Final = re.compile(
    r"^(?:(?:你好|您好|早上好|中午好|下午好|晚上好|哈喽|嗨|在吗|在不在|打扰了|麻烦了|请问)[啊呀呢哈吗啦了嘞哦]*["
    + _PUNCT
    + r"]*)+"
)
THANKS: Final = re.compile(r"谢|辛苦|麻烦了|打扰了|明白|知道了|懂了|收到|好的|好嘞|好滴|帮大忙")
_HELP: Final = re.compile(
    r"^(刚下载的?|新来的|第一次用)?["
    + _PUNCT
    + r"]*(这个|你|这)?(机器人|助手|小助手|bot|这玩意儿?)?(能干啥|能干什么|能做什么|能做啥|会干啥|会什么|会啥|"
    r"有啥用|有什么用|有啥功能|有什么功能|是谁|是干啥的|是干什么的|咋用|怎么用|如何使用|怎么使用|"
    r"用法|帮助|help|说明|使用说明|咋弄|怎么弄|咋整|咋玩|怎么玩|咋搞|怎么搞)[啊呀呢吗]?["
    + _PUNCT
    + r"]*(不会弄|不会用)?["
    + _PUNCT
    + r"]*$"
)
# '我们镇是税郭镇', '我是拾万镇的', '俺们是税郭的 记一下', '我在拾万镇政府上班'.
_SET_TOWN: Final = re.compile(
    r"^(?:(?:我们|咱们?|俺们?|本)(?:镇|乡|街道)?(?:这边|这里|这)?(?:是|为|叫|属于)|"
    r"[我俺](?:这)?(?:是|在|来自|属于))"
    r"(?P<name>[\u4e00-\u9fffa-z]{1,12}?)(?:镇|乡|街道)?"
    r"(?:的|人|政府|党委|办事处|工作|上班)*(?:[" + _PUNCT + r"].*)?$"
)
# '俺们税郭的', '咱这边拾万': the town alone after 俺们, nothing else asked.
_SET_TOWN_BARE: Final = re.compile(
    r"^(?:我们|咱们?|俺们?)(?:这边|这里|这)?(?P<name>[\u4e00-\u9fffa-z]{2,8}?)(?:镇|乡|街道)?"
    r"(?:的|人|这边)?[。！!\s]*$"
)
_DRAFT: Final = (
    r"(草稿|初稿|稿子|底稿|我写的|我们写的|俺写的|写好的|我这稿|我这段|这一段|这段话|我这部分)"
)
# '帮我生成报告框架', '给我一个初稿模板', '出个word模板', '报告提纲': a .docx skeleton to fill in.
_SKELETON: Final = re.compile(
    r"(生成|做|出|给|来|要|发|下载|整)(我|咱|一下|一个|一份|个|份|篇)*"
    r"(年度报告|报告|初稿|word|docx|文档|全文)?的?(框架|骨架|提纲|大纲|初稿|模板|模版|底稿)"
    r"|(报告|初稿|word|docx|文档|整篇|全文)的?(框架|骨架|提纲|大纲|模板|模版)"
    r"|(word|docx|文档)的?(初稿|底稿)"
    r"|(出|给|来|要|发|生成|整)(我|个|一个|一份|份)*(word|docx)"
    r"|(直接|帮我|给我|替我)+写一?(篇|份)(完整|整)的?"
)
_CHECK: Final = re.compile(
    r"(检查|查查|查一下|看看|看下|看一下|把把关|把关|审审|审一下|过一下|对照|核对).{0,14}"
    + _DRAFT
    + r"|"
    + _DRAFT
    + r".{0,14}(检查|查查|看看|看下|帮看|漏|缺|够不够|行不|行吗|可以吗|怎么样|咋样|有没有问题)"
    + r"|"
    + _DRAFT
    + r"[\s\S]*(查查|看看|检查|看下|把关|看一下)["
    + _PUNCT
    + r"吧呗啊]*$"
    + r"|我写好了|写完了.{0,6}(看|查)|漏了啥|漏了什么|缺哪项|缺了啥没"
)
_REMIND: Final = re.compile(
    r"提醒|叫我一声|喊我一声|叫我一下|通知我|别忘了叫|到时候?(叫|喊)我|订阅"
)
# The words that compare: the verbs, and 'who did it better'. A comparison is these, or a town
# set against another ('跟平岗比'); only these are dropped from its words (_COMPARE_VERB).
_COMPARING: Final = (
    r"比一?比看?|比一下|比下|比较(?!好|合适|多|少|大|小|重要|难|容易|常见|全|细|妥|出彩|亮眼|突出|规范|清楚|稳)一?下?|"
    r"对比一?下?|对比|相比|差在哪|差哪|差距|(?<!还)差多少|差啥|有啥差别|谁有(具体的?)?数(字)?|"
    r"区别|不一样|不同|谁写得|哪个写得|哪家写得|"
    # '谁化解的多': only 谁 and the verdict go, the work (化解) is the topic.
    r"(谁|哪个|哪家)(搞|做|弄|干|办)?(?=.{0,4}[得的](更|最)?(好|细|全|多|少))|"
    r"(?<=[\u4e00-\u9fff])(搞|做|弄|干|办)?[得的](更|最)?(多|少)$|"
    r"(?<![a-z])(vs|pk)(?![a-z])"
)
_COMPARE: Final = re.compile(
    _COMPARING
    + r"|哪(个|家).{0,4}得(更|最)(好|细|全|多)|(跟|和|与|同).{1,10}?比(一?比|一?下|较一?下?)?看?|"
    r"比.{1,6}(咋样|怎么样|多不|少不|好不|多吗|少吗)"
)
_WHICH_TOWNS: Final = re.compile(
    r"((哪几个|哪些|哪个|几个|有几个)(乡镇|镇|街道|报告)|哪家|哪几家|谁家).{0,10}"
    r"(写了|写到|写过|提了|提到|提过|有写|搞了|做了)|(谁家|谁)(写了|提了|写过)|"
    r"(有|有没有)(别的|哪个)?(镇|乡镇|报告)(写|提)(过|了|到)"
)
_LACKS: Final = re.compile(
    r"缺(了)?(啥|什么|哪些|哪块|哪|点啥)|少(了)?(啥|什么|哪块|哪些|哪)|差(啥|什么)|漏(了)?(啥|什么|哪)|"
    r"(哪块|哪些|啥)没写|没写(啥|什么|哪)|缺项|漏项|缺不缺"
)
_DEADLINE: Final = re.compile(
    r"截止|截至|期限|最晚|最迟|deadline|时间要求|什么时间|啥时间|几号|几月|哪天|多会儿?|"
    r"(什么|啥)时候|何时|一季度|3月1|三月一|\d{1,2}月(底|初|中|前|份)|[一二三四五六七八九十]{1,2}月(底|初|中|份)|"
    r"前交|之前交|前报|之前报|过年|春节|年前|年后|年底"
)
_DEADLINE_VERB: Final = re.compile(
    r"交|报|送|公开|公布|发布|挂|截止|截至|期限|要求|前|之前|最晚|最迟"
)
_FACTS: Final[tuple[tuple[FactKey, re.Pattern[str]], ...]] = (
    ("doc_number", re.compile(r"文号|发文字号|发文号|(?<!几号)(?<!号)字号(?!大)")),
    (
        "format",
        re.compile(
            r"字体|几号字|字号大|多大的?字|行距|页边距|排版|版式|公文格式|格式(咋|怎么|要求|是啥)|"
            r"用啥字|什么字体|黑体|仿宋|楷体|小标宋"
        ),
    ),
    (
        "who_writes",
        re.compile(
            r"(街道|街道办|办事处|村|社区|居委|站所|部门)[^，,。？?]{0,4}(也要|要不要|需要|用不用|得|也得|必须)写|"
            r"谁(要|来|负责)写|哪些单位(要|得)写"
        ),
    ),
    ("approval", re.compile(r"党委会|常委会|班子会|审议|审定|过会|上会|签批|谁签|领导签")),
    ("closing", re.compile(r"结尾|结束语|收尾|咋收|怎么收|结束段|最后一段")),
    (
        "which_year",
        re.compile(
            r"写(的是)?(哪一?年|哪个年度|几几年)|(交|报)的?(报告)?.{0,8}写(的是)?(20\d\d)年度?(的)?(吧|吗|么|不)|"
            r"报告年度|年度(咋|怎么)算|报的是(哪|几)"
        ),
    ),
    (
        "early",
        re.compile(
            r"(太早|提前|早点|早些|早交|12月|十二月|年底|年前|11月|十一月)(就)?(交|报|送)|(交|报)(得)?(太早|早了)"
        ),
    ),
    ("to_congress", re.compile(r"(报|交|送|抄)(给)?人大|人大(要|也|还)?(报|交|送|抄)")),
    (
        "heading_numbers",
        re.compile(r"序号|层次|小标题(咋|怎么|用)|(一、|（一）|\(一\)).{0,6}(下面|后面|还是|再)"),
    ),
    (
        "hundred_percent",
        re.compile(
            r"(100%|百分之百|百分百|100％).{0,10}(假|不真实|太满|虚|会不会|行不|合适|能写)"
        ),
    ),
    (
        "like_last_year",
        re.compile(
            r"(跟|和|与)(去年|上年|往年)(的)?(一模一样|一样|差不多|雷同|重复)|"
            r"年年(写)?(都)?(一个样|一样|差不多)|(改个|换个|改改|改一下)年份|去年(的)?报告.{0,6}(直接)?(交|用|改)"
        ),
    ),
    (
        "item_count",
        re.compile(
            r"(写|列)?[一二两三四五六七八九十几\d]+(条|点|项)(就)?(够|行|可以|少|多)(不|吗|么|了)?|"
            r"(得|要|必须)[一二两三四五六七八九十\d]+(条|点|项)以上|写几条(合适|好|够)"
        ),
    ),
    (
        "honest",
        re.compile(
            r"心虚|夸大|吹牛|虚报|写得太满|写过头|不实|注水|往大了写|夸张|往上调|调高|改大|凑数|"
            r"(多写|写多)点|说好看"
        ),
    ),
    (
        "one_part",
        re.compile(r"举措.{0,3}(跟|和|与)?成效.{0,6}(分开|分成|两块|两部分|分两)"),
    ),
    (
        "plan_detail",
        re.compile(
            r"(下一?步|明年|打算|安排).{0,8}(细到|具体到|写到|精确到)(几月|月份|哪个月|时间|日期)"
        ),
    ),
    (
        "double_count",
        re.compile(
            r"(算|记|统计)(成)?两(起|件|次|个)|重复(统计|计算|算|报)|算两遍|报了两遍|报了一遍"
        ),
    ),
    ("to_city", re.compile(r"市里.{0,6}(还)?(用|要|得)?(报|交|送)|(报|交|送)(给)?市(里|委|政府)")),
    (
        "figures_required",
        re.compile(
            r"(必须|一定|非得|都得|都要)(要)?有数字?|数字(必须|一定|非得)|没(有)?统计|没(有)?数(字|据)(咋|怎么|行不|可以)"
        ),
    ),
    ("attachments", re.compile(r"附件|(要不要|需不需要|用不用)附|台账.{0,6}(附|交|报|一起)")),
    ("medium", re.compile(r"纸质|紙質|电子版|電子版|电子档|纸版|打印版|盖章版|扫描件|pdf|word版")),
    (
        "correction",
        re.compile(
            r"(交|报|送)(上去|上)了?.{0,12}(写错|错了|有错)|撤回|撤下来|更正|(写错|错了).{0,8}(咋整|怎么办|能改|改不)"
        ),
    ),
    (
        "increase",
        re.compile(r"(比去年|比上年|同比|较去年|较上年|比往年).{0,6}(多了|增加|上升|涨|翻)"),
    ),
    (
        "in_time",
        re.compile(
            r"赶趟|来得及|赶得上|赶得及|来不来得及|"
            r"(?<![3三])[12一二]月(\d{1,2}|[一二三四五六七八九十]{1,3})(号|日)?.{0,4}(交|报)(行|可以|中|算)"
        ),
    ),
    (
        "how_often",
        re.compile(
            r"一年一(交|报|次)|一年(交|报)几次|半年(交|报)|还是半年|每年都(要|得)(交|报)|"
            r"多久(交|报)一次"
        ),
    ),
    (
        "both_leaders",
        re.compile(
            r"书记还是(写)?镇长|镇长还是(写)?书记|书记(和|跟)?镇长(都|俩)|(俩|两个)(人)?都(得|要)写"
        ),
    ),
    (
        "same_unit",
        re.compile(r"(主送|报送).{0,6}(抄送|抄报).{0,10}(同一|一样|一个单位|重复|能不能|行不)"),
    ),
    ("page_numbers", re.compile(r"页码|页号|第几页开始|标页|编页")),
    ("letterhead", re.compile(r"红头|白头|版头|文头|发文(形式|格式)|正式发文|签发人")),
    (
        "repeat_problems",
        re.compile(
            r"(去年|上年|上一年|往年).{0,12}(问题|不足).{0,16}(原样|照搬|照抄|再写|还写|接着写|写上去|重复)|"
            r"(问题|不足).{0,8}(没改好|没整改|还没改|没解决|没改完)|(问题|不足).{0,6}(年年|每年)(都)?一样"
        ),
    ),
    (
        "decrease",
        re.compile(
            r"(比去年|比上年|同比|较去年|较上年|比往年).{0,8}((?<!不)少|下降|减少|降)|(少了|下降了|减少了|降了)一半"
        ),
    ),
    (
        "late",
        re.compile(
            r"[3三]月([2-9]|[12]\d|3[01]|[二三四五六七八九]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|三十一?)(号|日)|"
            r"顺延|延期|推迟|往后推|晚(交|报|几天|两天|一天)|宽限|逾期|过了(期|日子|时间)|"
            r"算不算晚|晚不晚|算晚|晚了(吗|没|不|么)|[3三]月[1一](号|日)当天|"
            r"(赶上|碰上|遇到|正好是|是)(周末|星期[六天日]|礼拜[六天日]|假期|节假日|春节|过年)"
        ),
    ),
    (
        "order",
        re.compile(
            r"先(报|交|送).{0,10}(还是|再)|先(公开|挂网|上网|公示).{0,10}(还是|再)|"
            r"(报送|上报|公开|挂网).{0,6}顺序|顺序(有)?(讲究|要求|规定)"
        ),
    ),
    (
        "copying",
        re.compile(
            r"抄.{0,8}(被看出|看出来|发现|查重|雷同)|查重|(别镇|别人|人家).{0,8}(雷同|一模一样)|"
            r"(照抄|抄袭|全抄|原话|原文照|直接抄|抄别).{0,12}(行不|可以不|可以吗|会不会|能不能|要紧|没事吧|有事没)"
        ),
    ),
    (
        "figures_basis",
        re.compile(
            r"(数字|数据|数).{0,12}(对不上|不一致|打架|不一样|有出入)|统计口径|口径|"
            r"(统计|算)到(哪天|几号|什么时候|啥时候|几月)|截至(哪天|几号|什么时候|啥时候)|"
            r"(数据|数字|统计).{0,4}截(到|止到?|至)|截到(哪天|几号|什么时候|啥时候|哪)|"
            r"按(哪个|哪个数|啥数|哪个时间)(写|报|算)"
        ),
    ),
    (
        "new_rules",
        re.compile(
            r"新(的)?(文件|规定|要求|政策|通知)|最新(的)?(文件|规定|要求|政策|通知|精神)|"
            r"(今年|有啥|有没有|有什么)(啥)?新(变化|变动|调整|规矩)|要求(变|改)了|(规定|要求)有(变|改)"
        ),
    ),
    (
        "basis",
        re.compile(
            r"依据(哪个|什么|啥)|根据(哪个|什么|啥)(文件|规定)|(哪个|什么|啥)(文件|规定)要求|"
            r"依据是(什么|啥)|政策依据|文件依据|有什么规定|有啥规定|出自哪"
        ),
    ),
    (
        "copy_to",
        re.compile(
            r"抄送|抄报|抄给|(报|送|交)(给)?(司法局|司法所|依法治(县|区|市)办|法治办|政法委)|"
            r"(司法局|依法治(县|区)办|法治办)[^，,。？?]{0,4}(报|送|交|抄)"
        ),
    ),
    (
        "date",
        re.compile(
            r"成文日期|落款日期|落款时间|日期(写|咋|怎么|填)|写哪天|写什么日期|写啥日期|"
            r"落[款宽].{0,3}(哪天|几号|哪一天|日期)|哪天落款|哪天发的|哪天印发"
        ),
    ),
    (
        "signature",
        re.compile(
            r"落款|落宽|署名|盖章|盖什么章|印章|签发|谁落|名义|谁的名|联合发|联合报|签字|签名"
        ),
    ),
    (
        "title",
        re.compile(r"标题|题目|起名|报告(叫啥名|叫什么名|叫啥|叫什么)|名称(咋|怎么|叫)|报告叫"),
    ),
    (
        "length",
        re.compile(
            r"多少字|几个字|几千字|字数|多长|篇幅|(?<!第)几页|多少页|写多少|长度|写多长|"
            r"[0-9０-９一二三四五六七八九十两几千万]+字.{0,4}(够|行|多|少|合适|可以|中|吗|不)"
        ),
    ),
    ("opening", re.compile(r"开头|开篇|第一段|引言|导语|前言|开场|咋开|怎么开")),
    (
        "recipients",
        re.compile(
            r"交给谁|报给谁|送给谁|给谁|报谁|送谁|交谁|报哪|交哪|送哪|交到哪|报到哪|主送|"
            r"报送(对象|单位|给)|报给(区|县|市|镇)|交给(区|县|市)|上级是谁"
        ),
    ),
    ("publish", re.compile(r"公开|公布|挂网|上网|挂到网|网站|登报|发在哪|发哪|发到哪")),
)
_ASKING: Final = re.compile(
    r"吗|么|嘛|没|不|呢|要|需|得|必须|该|能|可以|是否|哪|咋|怎|啥|什么|谁|\?|？"
)
_WHETHER: Final = re.compile(
    r"(必须|是否|一定)要?[^哪啥什么吗]{0,4}(写|提|放|列)[^哪啥什么]{0,6}(吗|么|嘛|不)|"
    r"(要不要|用不用|需不需要|需要不需要|得不得|该不该|能不能不?|可不可以不?|可以不|能不|"
    r"还用|还要|也要|也得|还得|一定要|非得)(写|提|放|列|报)|写不写|提不提|放不放|"
    r"(要不要|用不用|需不需要|该不该|必须|一定要|得|非得|要)(单独|单列|另外|分开|拎出来|拿出来|单拎)"
    r"[^哪啥什么]{0,6}写|"
    r"(要|得|需要|必须|用|该|也要|还要|还|也)(写|提|放|写进去|放进去|放进来|提到)(吗|不|么|嘛|没)|"
    r"(要|得)?算不算|能不写|不写行|不写可以|写进去吗|放进来吗|"
    r"(是否|有没有必要|有必要)(需要|必须|应当|应该|要)?(写|提|放|列)|"
    r"(能|可以|能不能|可不可以)空着|空着(行|可以|中)?(吗|不|么)|不写(行|中)?(吗|不|么)|"
    r"(必须|非得|一定要|一定得|必需)要?(写|提|列)(?=$|[\s？?，,。！!]|吗|么|嘛|不|啊)|"
    r"(是不是|是否)(就)?(不用|不必|不需要|可以不)(写|提)|不用写了?(吧|吗)|"
    r"(自己|要|得)?(加上|补上|加进去|补进去)(不|吗|么|啊)|"
    r"(能|可以)(写|放|写进去|放进去|写进|放进)(报告)?(吗|不|么|嘛)|算(不算|法治)[^，。？?]{0,8}(吗|不|么)|"
    r"(能|可以)?(写进|放进|写到|放到)(法治)?(报告|年报)(里)?(吗|不|么|嘛)|"
    r"(算|是)(必须写的|必写的|规定的)?(那)?(五|5)(块|项|部分)|"
    r"(那块|这块|那段|这段|那部分)(还|也)?(要|得)?写不(?=$|[\s？?。！!])"
)
_WHERE_IN_REPORT: Final = re.compile(
    r"(写|放)在.{1,10}还是.{1,10}|"
    r"(放|写|归|搁)(在|到)?哪(块|部分|一块|一部分|里|儿|个部分)|哪(块|部分|一部分)(写|放)|"
    r"(还是|要)单列|单列(还是|吗|不)"
)
# 权力清单 and 负面清单 are subjects of the report, not a wish for the checklist.
_NOT_CHECKLIST: Final = re.compile(
    r"(权力|权责|负面|责任|任务|问题|服务|事项|履职|整改|风险|准入)清单"
)
_CHECKLIST: Final = re.compile(
    r"(必须|应当|应该|需要|要|得|都得|都要)(写|包含|包括|有)(哪|啥|什么)|哪些内容|什么内容|啥内容|"
    r"哪几块|哪几部分|几部分|几大块|几块|哪几项|哪五|五个部分|五项|五部分|要素|框架|结构|提纲|大纲|"
    r"必写|必备|必须写的|要点|清单|列一下|包含啥|包括啥"
)
_EXAMPLE: Final = re.compile(
    r"范文|範文|参考表述|参考写法|参考一下|参考下|模板|模版|样板|例文|例句|示范段落|示范文本|例子|列子|样例|示例|"
    r"范例|样子|能套|套用|能抄|(我|俺)?(要|想|好)?直接(抄|贴|粘贴|粘|用)|可以抄|照抄|能贴|可以贴|粘贴|能粘|"
    r"照着写|句子|抄一?(段|句|点)|"
    r"套一下|现成|抄抄|抄一下|借鉴|(好|啥|什么|别的|其他|规范)的?说法|写得好的|写的好的|给个|来一段|写一段|给我一段|"
    r"发我看看|发来看看|咋表述|怎么表述|如何表述|怎么说|咋说好"
)
_HOW_TO_WRITE: Final = re.compile(
    r"(咋|怎么|如何|怎样|怎么样)写(?!的)|(?<![有没])写法(?!律|规|治)"
)
_FIGURES: Final = re.compile(
    r"最多(?!跑)|最少|最高|最低|最大|最全|谁多|谁少|多少|(?<!哪)几[次回遍趟个件名人起宗场条项家处期批例户场所份万千百]|数量|数字|数据|次数|人数|件数|"
    r"比例|百分|覆盖率|办结率|报备率|率是|具体的?数"
)
_OWN: Final = re.compile(
    r"我们镇|我镇|本镇|我们乡|我乡|本乡|我们街道|本街道|我街道|咱们镇|咱镇|咱们乡|咱乡|咱们街道|"
    r"俺们镇|俺镇|俺们乡|俺乡|俺们|咱们|咱|我们这边|我们这里|我们这|我们"
)
_OTHERS: Final = re.compile(
    r"(其他|其它|其余|别的|所有|全部|兄弟|周边|外地)的?(乡镇|镇|乡|街道|家)|人家|别人|他们|"
    r"各(个)?(乡镇|镇|街道)|[五几这那]个(乡镇|镇)(里|中|当中|之中)?|所有(乡镇|镇)(里|中)?|大家|哪家|哪个镇|谁家|哪些镇"
)
_YEAR: Final = re.compile(r"(20\d{2})(?!\s*年?度?的?(工作)?(计划|安排|打算|思路))\s*(?:年度?|的)?")
# Spoken words that only carry the question's tone or point at a part: never searched.
_FILLERS: Final = re.compile(
    r"专门|谁(当|任|担任)|(搞|弄|建|办|整|开)了?个(?=[\u4e00-\u9fff]{2})|比较(好|出彩|亮眼|合适|突出)|出彩|亮眼|"
    r"那条|这条|那句|这句|(弄|整|来|给)(一|个)?段|那块儿?|这块儿?|那段|这段|那部分|这部分|那一块|那些|这些|那个|这个|那种|哪个报告|哪份报告|"
    r"报告里(头|面)?|里头|里面|(放|写|搁)在?哪(块|部分|一块|一部分|里)?比?较?好?|咋弄的?|咋搞的?|咋整的?|怎么搞的?|怎么弄的?|咋写的|怎么写的|如何写的|"
    r"写了没|写没写|写了吗|有提到没|提到没|提到了吗|提了吗|提过吗|提过没|有写的吗|有写的没|有没有写|"
    r"有没有|有吗|有没|是啥|是什么|是哪|在哪|啥样|什么样|咋样|怎么样|搞了|弄了|搞的|弄的|"
    r"写得|写的|写了|写到|提到|提了|提过|说的|给我|发我|发来|帮我|帮忙|看看|看下|看一下|一下|"
    r"几次|几回|多少回|多少次|多少件|多少个|多少起|多少人|多少|几个人|几个|几件|几起|几名|几场|"
    r"能不能|能不|行不|好不好|不会写|不会|谁(?!执法|普法)|啥|咋|呗|啊|呀|吧|呢|哈|嘛|吗|哦|嗯|呐|"
    r"写得细|细不细|缺啥|缺什么|新东西|大不大|多不多|少不少|差多少|好不好|全不全|覆盖得全|"
    r"写得最多|最多(?!跑)|找个|的话|有啥|关于|有关|方面的内容|方面的|的内容|相关的?内容|"
    r"叫啥名字?|叫什么名字?|啥名字?|什么名字|按上面的?要求|按照?要求|上面说的|(去年|今年|我们|我镇)?(那|这)份(报告)?|"
    r"嘞|喽|俺|请问|麻烦|在线等|求助|没有的话|都放开了|今年\d*件|\d+件|一件没有|一个没有|没有|"
    r"中不中|中不|行不行|(我|俺)?(要|想|好)?直接(抄|用|套|贴|粘贴)(的|上|过来)?|(能|可以)(直接)?(贴|粘贴)的?|照抄|照搬|可以抄|能抄|抄一下|哪?几(块|大块|部分|方面)|(能|可以)?(直接)?粘(贴)?的?|句子|来(一|个|点|几)(段|句|个)?|带原因的?|有原因的?|别太虚的?|别太空的?|实在点的?|具体点的?|样子|照着写|单独拉一?部分|单独成?一?部分|单独一?块|单列|单独|谢谢|多谢|辛苦了?|几条|几段|几句|"
    r"写[一二三四五六七八九十两几\d]+(条|点|段|句|项)|[一二三四五六七八九十两\d]+(条|点)(?=$|\s)|"
    r"(更|最)?(全|细|好)(一些|点)?(?=$|[吗呢啊\s])|没案子|没有案子|没案件|案子|给俩|给两个|"
    r"具体的?数(字|据)?|实打实的?数|给句话|来句话|给句|来句|现成的?(话|句子|说法)|"
    r"(要)?(过|经过)?哪?几道|干(啥|什么|了啥|了什么)了?|刚刚?(?=成立|组建|建立)"
)
# '我们今年没有行政复议案子', '一件都没有', '没发生过': the town has nothing of it to report.
_NOTHING: Final = re.compile(
    r"(没有|没|无|未)(发生|出现|遇到|碰到)?过?(这类|这种|相关|这样的)?(案子|案件|事|情况|这块|这项)|"
    r"(今年|全年|本年度?|我们|我镇|咱们?)(都|也|就|还)?(没有|没|无|未)|[一零](件|个|起|次)(都|也)?(没有|没)|"
    r"[一零](件|个|起|次|份)[^，。\s]{0,6}(都|也)(没有|没)|"
    r"(没有|没)(搞|做|开展|组织|弄)过?|(没有|没)人(来)?"
)
_EMOJI: Final = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f]")
_SPACES: Final = re.compile("[" + _PUNCT + r"]+")


def read(text: str, *, towns: Sequence[str], own_town: str | None = None) -> Request:
    """Read one message (a free text, a command's words, a terminal line, a CLI question).

    Args:
        text: the words as typed, any script, any length.
        towns: the stored town labels (拾万镇, xx镇（郁南县）…).
        own_town: the chat's own town, for 我们镇 / 咱们 / 俺们.

    Returns:
        The request; kind "ask" when nothing else fits.
    """
    plain = search_form(strip_invisible(text))[:400].strip()
    plain = _EMOJI.sub(" ", plain).strip()
    if not plain:
        return Request("ask", text)
    if _GREETING.match(plain):
        return Request("greeting", text)
    # '早上好 这个咋用啊': a greeting before a question is only politeness.
    leading = _LEADING_GREETING.match(plain)
    if leading and plain[leading.end() :].strip():
        plain = plain[leading.end() :].strip()
        text = plain  # the question without the greeting, as searched
    if looks_like_draft(plain):
        return Request("check", text, draft=True)
    pasted = _draft_after_wish(text, plain)
    if pasted is not None:
        return Request("check", pasted, draft=True)
    paragraph = (
        _paragraph_after_wish(text)
        or _paragraph_said_inline(text)
        or _paragraph_alone(text, plain)
    )
    if paragraph is not None:
        wish, body = paragraph
        named = section_named_in(search_form(wish))
        section: SectionId | None = named[0] if named else None
        if section is None and re.search(r"问题|不足|短板", wish):
            section = "problems"  # '看看这段问题写的：一是…' is the problems part
        return Request("review", body, section=section)
    if _IDENTITY.search(plain) and not _ON_TOPIC.search(plain) and not _STRESS.search(plain):
        return Request("help", text, mood="who")  # '你是真人还是机器人': what this is
    if re.search(r"(草稿|稿子|初稿).{0,4}(写完|写好|弄完|弄好|搞定|出来)", plain):
        return Request("check", text)  # '草稿写完了': the next step is to look it over
    if (
        _RELIEF.search(plain)
        and not _QUESTION_WORD.search(plain)
        and not re.search(r"帮|看看|看下|检查|改|查|草稿|稿子|初稿", plain)
    ):
        return Request("greeting", text, mood="done")  # '交完报告终于能喘口气了 哈哈'
    if _LEADING_THANKS.match(plain) and not _ON_TOPIC.search(plain):
        return Request("greeting", text)  # '谢谢你啊 明天还能用不'
    if _OFF_TOPIC.search(plain) and not _ON_TOPIC.search(plain):
        return Request("off_topic", text)
    if _HELP.match(plain):
        return Request("help", text)
    if _GETTING_STARTED.search(plain):
        return Request("start", text)
    judged = next((k for k, p in _FACTS if k in _JUDGED_FACTS and p.search(plain)), None)
    if judged is not None and _STRESS.search(plain):
        return Request("fact", text, fact=judged)  # '年年一个样 写吐了': the advice is the answer
    if _STRESS.search(plain) and (not _QUESTION_WORD.search(plain) or _nothing_specific(plain)):
        return Request("start", text, mood="stressed")  # the way in, and a kind word first
    if _COMPLAINT.search(plain) and not _ON_TOPIC.search(plain):
        return Request("help", text, mood="unhappy")
    settled = _set_town(text, plain, towns)
    if settled is not None:
        return settled
    found = _towns(plain, towns, own_town)
    rest = found.rest
    year = None
    year_match = _YEAR.search(rest)
    if year_match:
        year = int(year_match.group(1))
        rest = rest.replace(year_match.group(0), " ", 1)
    kind, fact = _kind(plain, rest, found)
    if _FIGURE_LIST.search(rest) and (found.towns or found.own_used):
        kind = "figures_of"  # '咱镇那份报告里数字都有啥 列一下': one report's figures, listed
    elif kind == "ask" and _PART_SIZE.search(rest) and section_named_in(rest):
        kind = "part_size"  # '凤凰和拾万的存在问题 各写了几条': how many passages that part has
    full_table = kind == "compare" and _FULL_TABLE.search(rest) is not None
    if full_table:
        rest = _FULL_TABLE.sub(" ", rest)
    section = None
    part_subject: str | None = None  # the part itself is what '…要写吗' asks about
    named = section_named_in(rest)
    if named and named[1].group(0) in _SUBJECTS_OF_A_PART and kind != "whether":
        named = None  # '述法咋写': 述法 itself, which no part of a report is called
    if named:
        section = named[0]
        without = rest.replace(named[1].group(0), " ", 1)
        again = section_named_in(without) if kind == "whether" else None
        asked = _WHETHER.search(rest) if kind == "whether" else None
        part_named_first = section_of_heading(named[1].group(0)) == section
        lacking = re.search(r"(没有?|缺了?|少了?)" + re.escape(named[1].group(0)), rest)
        if (
            again is not None
            and again[0] == section
            and again[1].group(0) != named[1].group(0)
            and not part_named_first
        ):
            # '述法放哪块 第一责任人里还是单列': the first names the subject, the second its part.
            rest = rest.replace(again[1].group(0), " ", 1)
        elif lacking is not None and kind == "whether":
            # '模板就四块 没第一责任人 我要自己加上不': the part missing is the subject.
            part_subject = _PART_SUBJECT.get(section)
        elif (
            asked is not None
            and named[1].group(0) not in _SUBJECTS_OF_A_PART
            and named[1].end() <= asked.start()
            and not _words(rest[: named[1].start()] + rest[named[1].end() : asked.start()], kind)
        ):
            # '原因那块非得写吗 问题写了就行不': the part is the subject; the rest is talk.
            part_subject = _PART_SUBJECT.get(section)
        elif kind != "whether" or _words(without, kind):
            # '第一责任人要单独写吗' asks about the part itself; '执法 第一责任人里' about 执法.
            rest = without
    if kind == "whether" and part_subject is None:
        # '人大监督必须写不 俺们今年没收到代表建议': the subject comes before the question;
        # what follows it is the town's situation, not more of the subject.
        asked_at = _WHETHER.search(rest) or _WHERE_IN_REPORT.search(rest)
        if asked_at is not None and _words(rest[: asked_at.start()], kind):
            rest = rest[: asked_at.start()]
    words = part_subject or _words(rest, kind)
    if kind == "whether" and part_subject is None:
        # '我们今年一个合同都没审过 合同审查还用写吗': the piece saying none is the situation.
        pieces = words.split()
        kept = [p for p in pieces if not _NOTHING.search(p)]
        if kept and len(kept) < len(pieces):
            words = " ".join(kept)
    no_power = kind == "whether" and NO_ENFORCEMENT_POWER.search(plain)
    if no_power:
        words = no_power.group(0)  # the condition is the subject: what to write without it
    topics = topics_named_by(words) if words else ()
    towns_named = found.towns
    if own_town and own_town not in towns_named:
        if kind == "compare" and (found.own_used or (len(towns_named) == 1 and not found.others)):
            # '跟平岗比比执法': the other side of a comparison with one town is the user's own.
            towns_named = (own_town, *towns_named)
        elif (
            kind in ("ask", "part_size", "figures_of")
            and found.own_used
            and not found.others
            and own_town in towns
        ):
            # '我们镇的法律顾问' asks about the own town's report when the library has it.
            towns_named = (own_town, *towns_named)
    return Request(
        kind=kind,
        text=text,
        towns=towns_named,
        town_guess=found.guess,
        topic=topics[0] if topics else None,
        section=section,
        year=year,
        wants_figures=bool(_FIGURES.search(plain)),
        nothing_happened=kind == "whether" and not no_power and bool(_NOTHING.search(plain)),
        words=words,
        fact=fact,
        others=found.others,
        missing_own_town=kind == "compare" and found.own_used and not own_town,
        more_facts=tuple(
            k
            for k in facts_asked(rest, found)
            if k != fact and not (fact in _JUDGED_FACTS and k in _SAID_BY_JUDGED)
        )
        if fact
        else (),
        full_table=full_table,
    )


_DRAFT_PART: Final = re.compile(
    r"(?:^|[\s。；：])(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"
)
_DRAFT_TITLE: Final = re.compile(r"法治(政府)?建设.{0,12}(报告|情况)|年度报告")


# '帮我看看稿子：一、主要举措和成效。今年我镇…': the wish and the draft in one message.
_WISH_THEN_DRAFT: Final = re.compile(r"[:：\n]")
DRAFT_AFTER_WISH_MIN: Final = 20
# '新来的 头回写这个报告 从哪下手': how to begin, not a search.
_GETTING_STARTED: Final = re.compile(
    r"从哪(下手|入手|开始|写起)|咋下手|怎么下手|怎么入手|如何入手|不知道(咋|怎么|从哪)(写|下手)|"
    r"(头回|头一回|第一次|刚接手)(写|弄|搞)"
)
# Feelings, not questions: 'pressed for the report' gets the way in, a complaint an apology.
_STRESS: Final = re.compile(
    r"催|愁死|愁人|发愁|急死|烦死|头疼|头大|来不及|赶不完|写不完|没头绪|无从下手|压力(好|太|真)?大|"
    r"崩溃|救命|熬夜|加班写|打回|退回来|被退|太水|不合格|挨批|挨骂|骂我|写不好|"
    r"脑壳疼|脑壳痛|脑袋疼|脑阔疼|头痛|头晕|累死|心累|写吐了|不想写|写了[一二两三四五六七八九十几\d]+天|"
    r"难死|太难了|好难啊|要疯了|疯了|唉|哎|加班|看花|眼花|好累|太累|累死了|周末还|还在弄|没人管|顾不上"
)


def _nothing_specific(plain: str) -> bool:
    """True when a message names no topic, part or deadline: '这回咋整啊愁死了'."""
    form = search_form(plain)
    return not (topics_named_by(form) or section_named_in(form) or _DEADLINE.search(form))


_QUESTION_WORD: Final = re.compile(r"[吗啥咋几谁哪呢？?]|怎么|什么|多少|如何|是否|要不要|有没有")
_COMPLAINT: Final = re.compile(
    r"没用|没啥用|没有用|没什么用|废话|答非所问|看不懂|啥玩意|什么玩意|垃圾|太差|差劲|瞎说|胡说|"
    r"不靠谱|不准|不对劲|乱七八糟|听不懂人话"
)
# What the bot is not for: said plainly, with what it is for.
_OFF_TOPIC: Final = re.compile(
    r"天气|下雨|气温|股票|彩票|笑话|讲个故事|唱首歌|吃(啥|什么饭)|个人总结|年终总结|述职报告|"
    r"心得体会|讲话稿|发言稿|演讲稿|请假条|工资|放假|快递|外卖|翻译|入党申请|申请书|检讨书|思想汇报|"
    r"班车|火车|高铁|航班|车票|几点的车|饭店|酒店|挂号|离婚|遗嘱|借条|欠条|租房"
)
_IDENTITY: Final = re.compile(r"真人|机器人|你是谁|你是啥|你叫啥|人工智能|AI吗|ai吗|人工客服")
_RELIEF: Final = re.compile(
    r"交完|交上去了|交上了|报上去了|报完了|终于(交|写完|弄完|搞定|完成|报)|写完了|弄完了|搞定了|"
    r"喘口气|松口气|解放了"
)
_LEADING_THANKS: Final = re.compile(r"^(谢谢|多谢|感谢|辛苦|太感谢|好的谢谢)")
_ON_TOPIC: Final = re.compile(r"法治|依法|法律|执法|普法|报告|述法|法制")


def _draft_after_wish(text: str, plain: str) -> str | None:
    """The draft pasted after a wish to check it, in the same message ('帮我看看稿子：…'), or
    a report's numbered parts pasted after a few words ('帮看下：一、… 二、…')."""
    parts = _WISH_THEN_DRAFT.split(text, maxsplit=1)
    if len(parts) != 2 or len(parts[1].strip()) < DRAFT_AFTER_WISH_MIN:
        return None
    body = parts[1].strip()
    report_parts = len(_DRAFT_PART.findall(body))
    if report_parts < 2 and len(body) < PARAGRAPH_MAX:
        return None  # one paragraph: looked over on its own (_paragraph_after_wish)
    if _CHECK.search(plain) or (len(parts[0]) <= 12 and report_parts >= 2):
        return body
    return None


# '帮我看看这段：', '问题部分我这么写行不：', '看下我第一责任人这段缺啥：' before a paragraph.
_REVIEW_WISH: Final = re.compile(
    r"看看|看下|看一下|瞅瞅|把把关|把关|改改|改一下|帮改|润色|行不|行吗|中不中|可以吗|咋样|怎么样|"
    r"缺啥|缺什么|差啥|还差|够不够|有没有问题|这么写|这样写|写得|我写的|写的是|写成这样|写成这"
)
PARAGRAPH_MIN: Final = 15
PARAGRAPH_MAX: Final = 300  # longer, or with a report's parts: a draft to check


def _paragraph_after_wish(text: str) -> tuple[str, str] | None:
    """(wish, paragraph) for one paragraph pasted after a wish to have it looked at."""
    parts = _WISH_THEN_DRAFT.split(text, maxsplit=1)
    if len(parts) != 2 or len(parts[0]) > 30:
        return None
    # '存在问题我写的：一是…。这样行吗': the wish may come after the paragraph.
    if not _REVIEW_WISH.search(parts[0]) and not (
        _TRAILING_ASK.search(parts[1]) and re.search(r"我写的|写的是|我是这么", parts[0])
    ):
        return None
    asked = _TRAILING_ASK.search(parts[1].strip()) is not None
    body = _TRAILING_ASK.sub("", parts[1].strip())
    # One sentence is enough when the user asked about it after ('…经费不足。这样行吗').
    if len(body) < PARAGRAPH_MIN or not (re.search(r"[。；;]", body) or asked):
        return None
    return parts[0], body


# Voice input runs wish and draft together: '我这段普法是这么写的我镇积极开展…你看行不行',
# '法律顾问我这么写中不中 我镇聘请了…', '…政务公开我写的是我镇认真做好…你帮我看看还差点啥'.
_ASK_ABOUT_IT: Final = (
    r"(行不行|中不中|咋样|怎么样|可以不|行不|对不对|有没有问题|好不好|可以吗|行吗|"
    r"还差点?啥|差点?啥|还缺点?啥|缺点?啥|还差什么|缺什么|有啥问题|有什么问题)"
)
_SAID_INLINE: Final = re.compile(
    r"^(?P<wish>[^，,。：:]{0,20}?((这么|这样)写的?|我写的是?|写的是|"
    r"(看看|看下|看一下|帮看|帮我看|瞅瞅)(这段|这句|这个)?[^，,。：:\s]{0,6}(写的|写得)|"
    r"(看看|看下|看一下|帮看|帮我看|瞅瞅)(这段|这句))"
    r"([，,\s]*(你|您)?看?" + _ASK_ABOUT_IT + r")?)[，,\s]*(?P<body>.+?)"
    r"(?P<ask>[，,。\s]*(你|您)?(帮我)?(看看|看下|看一下|看)?(这样|这么写)?"
    + _ASK_ABOUT_IT
    + r")?[？?。！!\s]*$"
)
_TRAILING_ASK: Final = re.compile(
    r"[，,。\s]*(你|您)?(帮我)?(看看|看下|看一下|看)?(这样|这么写|这样写)?"
    + _ASK_ABOUT_IT
    + r"[？?。！!\s]*$"
)
_DRAFT_VOICE: Final = re.compile(
    r"我镇|我们镇|本镇|我乡|我街道|开展|组织|全年|今年|镇党委|党委书记|书记|镇长|镇政府|进行了|"
    r"落实|召开|完成"
)
# A paragraph of the user's own report pasted with no words around it: '我镇2024年共受理…'.
_OWN_PARAGRAPH: Final = re.compile(
    r"^(20\d{2}年(以来|度)?[，,]?|今年(以来|来)?[，,]?|全年[，,]?)?(我镇|本镇|我们镇|我乡|本乡|我街道|镇党委)"
)


def _paragraph_said_inline(text: str) -> tuple[str, str] | None:
    """(wish, paragraph) for a paragraph dictated straight after '我是这么写的'."""
    found = _SAID_INLINE.match(text.strip())
    if found is None:
        return None
    body = found.group("body").strip("，,：: ")
    if len(body) < PARAGRAPH_MIN or not _DRAFT_VOICE.search(body):
        return None
    return found.group("wish"), body


def _paragraph_alone(text: str, plain: str) -> tuple[str, str] | None:
    """('', paragraph) for a report's own sentences pasted with nothing asked around them."""
    if (
        _OWN_PARAGRAPH.match(plain)
        and PARAGRAPH_MIN * 2 <= len(plain) <= PARAGRAPH_MAX
        and not _QUESTION_WORD.search(plain)
        # Spoken without punctuation too, but not a message about the report or a wish.
        and not re.search(
            r"(写|这个|那个|年度|我们的)报告|报告(里|咋|怎么|要|能)|范文|例子|参考|想写|要写|"
            r"咋|怎么|帮我|给我",
            plain,
        )
    ):
        return "", text.strip()
    return None


def looks_like_draft(text: str) -> bool:
    """True for a pasted report: long, numbered parts, and a report's title or long prose."""
    if len(text) < DRAFT_MIN_CHARS or len(_DRAFT_PART.findall(text)) < 2:
        return False
    return _DRAFT_TITLE.search(text) is not None or len(text) >= 400


_CAPTION: Final = re.compile(
    r"(?P<town>[\u4e00-\u9fffA-Za-z]{1,10}?(?:镇|乡|街道))?\s*(?P<year>20\d{2})?"
)


def read_caption(text: str) -> tuple[str | None, int | None]:
    """The town and year an admin wrote beside an uploaded report ('拾万镇 2023', 繁体 too).

    The town may be new to the library, so it is taken as written, not resolved.
    """
    match = _CAPTION.search(search_form(strip_invisible(text)))
    if match is None:
        return None, None
    year = match.group("year")
    return match.group("town"), int(year) if year else None


_RANKING: Final = re.compile(
    r"(最多(?!跑)|最高|最大|最全|最足|(谁|哪个|哪家)[^，。？?谁]{0,8}?多|排第一|数第一)|"
    r"(最少|最低|最小|(谁|哪个|哪家)[^，。？?谁]{0,8}?少)"
)


def ranking(text: str) -> Literal["most", "least"] | None:
    """'哪个镇化解纠纷最多' asks for the towns ranked by a figure: most or least first."""
    match = _RANKING.search(search_form(strip_invisible(text)))
    if match is None:
        return None
    return "most" if match.group(1) else "least"


_DETAIL: Final = re.compile(
    r"(谁|哪个|哪家|哪镇)[^，。？?谁]{0,8}?(细|实|具体|详细|全面|好|清楚|清晰|虚|空)|"
    r"[两三四五几]家|谁有(具体的?)?数(字)?|"
    r"(写|搞|弄|做)得(更|比较)?(细|实|好|全|具体|清楚|清晰)|"
    r"更(具体|详细|实在)"
)


def asks_detail(text: str) -> bool:
    """'谁写得实', '哪个更具体': which town's passage says more, not a figure ranked."""
    plain = search_form(strip_invisible(text))
    return _RANKING.search(plain) is None and _DETAIL.search(plain) is not None


def wants_figures(text: str) -> bool:
    """True when a message asks for a count (多少, 几回, 人数 …) rather than wording."""
    return _FIGURES.search(search_form(strip_invisible(text))) is not None


def search_words(text: str) -> str:
    """The words of a question worth searching (fillers dropped), for a question whose towns,
    year and section were already taken out."""
    return _words(search_form(strip_invisible(text)), "ask")


@dataclass(frozen=True, slots=True)
class _Towns:
    towns: tuple[str, ...]
    guess: str | None
    own_used: bool
    others: bool
    rest: str


def _towns(plain: str, towns: Sequence[str], own_town: str | None) -> _Towns:
    """The towns a message names, in order, and the text without them."""
    found: list[tuple[int, str]] = []  # (where it stands, town): towns in the order typed
    rest = plain
    own_used = bool(_OWN.search(rest))
    rest = _OWN.sub(" ", rest)
    guess = None
    for _ in range(6):
        county_town = town_of_county(rest, towns, skip=[town for _, town in found])
        if county_town is None:
            break
        label, span = county_town
        found.append((rest.find(span), label))
        rest = rest.replace(span, " " * len(span), 1)
        # '郁南那个xx镇': the county names it; the bare name after it is the same town.
        rest = re.sub(
            r"(那个|这个)?(xx|××|某某?)(镇|乡|街道)",
            lambda m: " " * len(m.group(0)),
            rest,
            count=1,
        )
    for _ in range(6):
        mention = find_town_in_text(rest, towns)
        if mention is None:
            break
        where = rest.find(mention.span)
        rest = rest.replace(mention.span, " " * len(mention.span))
        if not mention.confident:
            guess = guess or mention.town
        elif mention.town not in [town for _, town in found]:
            found.append((where, mention.town))
    others = bool(_OTHERS.search(rest))
    if others:
        rest = _OTHERS.sub(" ", rest)
    ordered = tuple(town for _, town in sorted(found))
    return _Towns(ordered, guess, own_used, others, rest)


def _set_town(text: str, plain: str, towns: Sequence[str]) -> Request | None:
    bare = _SET_TOWN_BARE.match(plain)
    if bare is not None:
        mention = find_town_in_text(bare.group("name"), towns)
        if mention is not None and mention.confident and mention.span == bare.group("name"):
            return Request("set_town", text, towns=(mention.town,))
        sounded = town_by_sound(bare.group("name"), towns)
        if sounded is not None:
            return Request("set_town", text, towns=(sounded,))
    match = _SET_TOWN.match(plain)
    if match is None or _COMPARE.search(plain) or "?" in plain or "？" in plain:
        return None
    mention = find_town_in_text(plain[match.start("name") :], towns)
    if mention is not None:
        return Request("set_town", text, towns=(mention.town,))
    name = match.group("name")
    # '我是平冈的': the whole name said, in characters of the same sound (平冈 is a word too).
    sounded = town_by_sound(name, towns)
    if sounded is not None:
        return Request("set_town", text, towns=(sounded,))
    full = plain[match.start("name") : match.end()].split()[0] if plain else name
    unit = re.match(r"[\u4e00-\u9fff]{1,12}?(镇|乡|街道)", full)
    if unit and names_a_town(unit.group(0), towns):
        return Request("set_town", text, towns=(unit.group(0),))
    return None


# Words that name a part for a search but are subjects within it for '…要写吗'.
_SUBJECTS_OF_A_PART: Final = frozenset({"述法"})
# A part as the subject of '…要写吗', in words that name the whole part.
_PART_SUBJECT: Final[dict[str, str]] = {
    "measures_results": "主要举措和成效",
    "first_resp": "第一责任人",
    "problems": "存在的不足和原因",
    "next_plan": "下一年度工作安排",
    "other": "其他需要报告的情况",
}


def _kind(plain: str, rest: str, found: _Towns) -> tuple[RequestKind, FactKey | None]:
    """The intent; the order settles words that fit two (网上公开截止啥时候 is a deadline)."""
    if _CHECK.search(plain) and not _SKELETON.search(plain):
        return "check", None
    if _wants_skeleton(plain, rest):
        return "draft", None
    if _REMIND.search(plain) and not _COMPARE.search(plain):
        return "remind", None
    if (
        _WHICH_TOWNS.search(plain)
        and not _RANKING.search(plain)
        and not _FIGURES.search(_WHICH_TOWNS.sub(" ", plain))  # '装了多少路' wants the number
        and not found.towns
    ):
        return "which_towns", None  # '哪几个镇写了政务公开': a list of towns, yes or no each
    if _COMPARE.search(plain) and (found.towns or found.own_used or found.others):
        return "compare", None
    if len(found.towns) >= 2 and _RANKING.search(plain):
        return "compare", None  # '税郭和拾万谁化解纠纷多
    if found.own_used and _LACKS.search(rest):
        return "compare", None  # '我们还缺啥': the own town against the others
    fact = _fact(rest, found)
    if fact in _JUDGED_FACTS:
        return "fact", fact  # '3月1号赶上周末 能顺延不' is about the deadline rule, not its date
    if fact == "date" and (found.towns or "落款" in rest or "成文" in rest):
        return "fact", fact  # '拾万那份报告落款日期是哪天' asks about a report, not a deadline
    if _DEADLINE.search(rest) and (
        _DEADLINE_VERB.search(rest) or (len(rest.strip()) <= 6 and not found.towns)
    ):
        return "deadline", None
    if fact is not None:
        return "fact", fact
    if _WHETHER.search(rest) or NO_ENFORCEMENT_POWER.search(rest):
        return "whether", None  # '没执法权咋写执法' asks what to write instead
    if _WHERE_IN_REPORT.search(rest) and not found.towns:
        return "whether", None  # '述法情况放哪块写': which part a subject goes in
    if _EXAMPLE.search(plain) and not (found.towns and _FIGURES.search(rest)):
        return "example", None  # '凤凰化解了多少起 我参考一下' wants the number
    if (
        _CHECKLIST.search(_NOT_CHECKLIST.sub(" ", rest))
        and not _topic_left(rest)
        and not found.towns  # '凤皇执法信息 公示了哪些内容' asks what a town published
    ):
        return "checklist", None
    if _COMPARE.search(plain):
        return "compare", None
    if _HOW_TO_WRITE.search(plain) and not found.towns:
        return "example", None
    return "ask", None


_JUDGED_FACTS: Final[frozenset[FactKey | None]] = frozenset(get_args(JudgedFactKey))


# What a judged answer already says ('先报后公开' covers whom and when).
_SAID_BY_JUDGED: Final[frozenset[FactKey]] = frozenset(
    {"publish", "recipients", "copy_to", "signature", "title", "length"}
)


def _fact(rest: str, found: _Towns) -> FactKey | None:
    """A question about the report itself: whom it goes to, its 文号, its length …"""
    keys = facts_asked(rest, found)
    # '落款日期写3月5号行不' is about the deadline rule, though it names the date line first.
    judged = [key for key in keys if key in _JUDGED_FACTS]
    return judged[0] if judged else keys[0] if keys else None


def facts_asked(rest: str, found: _Towns) -> list[FactKey]:
    """Every fact a message asks about, in the table's order ('报给谁 抄送谁' asks two)."""
    keys: list[FactKey] = []
    named = section_named_in(rest)
    if (
        named
        and named[0] == "other"
        and re.search(r"写啥|写什么|咋写|怎么写|是什么|指什么|啥意思|这块|哪些", rest)
    ):
        return ["other_part"]
    for key, pattern in _FACTS:
        if not pattern.search(rest):
            continue
        if key == "publish" and (
            found.towns
            or not _ASKING.search(rest)
            or _EXAMPLE.search(rest)  # '低保那些公开的那块咋写 给个样子' wants wording
            or re.search(r"咋写|怎么写|如何写", rest)
            or re.search(r"(政务|信息|村务|党务|厂务|一|主动|依申请)公开", rest)
        ):
            continue  # '凤凰政务公开是在哪公开的' asks what a town did
        if (
            key in ("approval", "signature")
            and found.towns
            and not re.search(r"报告|落款|盖章|上会", rest)
        ):
            continue  # '税郭跟科级领导签的啥' asks what a town signed
        if key == "approval" and _EXAMPLE.search(rest):
            continue  # '党委会研究法治几次那句 给个样子' wants wording
        if key == "recipients" and found.towns and not re.search(r"报|交|送|主送", rest):
            continue  # '凤凰法律明白人培训是给谁搞的' asks whom a town's work was for
        if key == "new_rules" and found.towns:
            continue  # '凤凰今年出了几个新规定' asks what a town did
        if key == "opening" and _WHETHER.search(rest) and re.search(r"二十大|习近平|精神", rest):
            continue  # '二十大精神开头要提吗' asks whether a topic belongs
        keys.append(key)
    where = {key: pattern.search(rest) for key, pattern in _FACTS}
    return sorted(keys, key=lambda k: m.start() if (m := where[k]) is not None else 0)


_SKELETON_WISH: Final = re.compile(r"生成|给|要|来|出|发|下载|整|做|帮|一个|一份")
_HOW: Final = re.compile(r"咋|怎么|怎样|如何|几大|几部分|几块|哪几|哪些|什么|啥")


def _wants_skeleton(plain: str, rest: str) -> bool:
    """'帮我生成报告框架' wants a .docx; '报告框架咋搭' asks about the parts, and '下一年度安排给个
    模板' wants wording for one part."""
    found = _SKELETON.search(plain)
    if found is None:
        return False
    if not _SKELETON_WISH.search(plain) and (_HOW.search(plain) or len(plain) > 8):
        return False
    left = _SKELETON.sub(" ", rest)
    return not _topic_left(left) and section_named_in(left) is None


def _topic_left(rest: str) -> bool:
    """True when words beside a checklist phrase name a topic (学法要写哪些内容)."""
    words = _words(_CHECKLIST.sub(" ", rest), "checklist")
    return bool(words) and bool(topics_named_by(words))


# Only the verb of a comparison is dropped from its words: '和凤凰 普法比比' keeps 普法.
_COMPARE_VERB: Final = re.compile(
    _COMPARING + r"|[跟和与同]|比|咋样|怎么样|多不|少不|好不|多吗|少吗"
)
# '…普法比比 各项都列出来': the whole coverage table besides the topic.
_FULL_TABLE: Final = re.compile(
    r"(全部|所有|各项|每一?项|全面|整体|完整|详细)(事项|内容|都|的)?(列出来|对比|比|列|表)|"
    r"(全|完整|详细)表|覆盖情况|都列出来|列个表|表格"
)
_FIGURE_LIST: Final = re.compile(
    r"数字(都)?(有|写了)(啥|哪些|什么)|(哪些|啥|什么)数字|数字.{0,3}(列|汇总|都给)|所有(的)?数字"
)
_PART_SIZE: Final = re.compile(r"(写了|列了|分了|有|分)?几(条|点|段|项|块)|多少(条|点|段|项)")
_KIND_WORDS: Final[dict[str, re.Pattern[str]]] = {
    "example": _EXAMPLE,
    "compare": _COMPARE_VERB,
    "whether": _WHETHER,
    "checklist": _CHECKLIST,
    "deadline": _DEADLINE,
    "which_towns": _WHICH_TOWNS,
}
_LEFTOVER: Final = re.compile(
    r"^(的|了|和|与|跟|同|及|或|是|在|有|要|也|都|就|还|吗|呢|吧|写|报告|内容|情况|方面|方|"
    r"怎么|如何|咋|什么|啥|哪些|哪|几|不|没|能|可以|好|一|下|个|给|发|让|把|对|比|进去|进来|"
    r"一段|参考|说|说法|表述|段落|段|句|话|这|那|镇|乡|街道|里)+$"
)


_TRAILING: Final = re.compile(
    r"(?<=.)[还也都就要得了又再的有没个上里是]+$|^[的在有跟和把里]+(?=.)"
)
_WHETHER_PLACE: Final = re.compile(
    r"开头|开篇|结尾|进去|进来|里面|里头|报告里|空着|没啥写|没什么写|能|可以|"
    r"(放|写|归|搁)(在|到)?哪(块|部分|一块|一部分|里|儿|个部分)?|哪(块|部分|一块|一部分)|还是|单列|情况"
)


def _words(rest: str, kind: str) -> str:
    """What is left to search once the intent's own words and fillers are gone."""
    rest = _DETAIL.sub(" ", rest)  # '谁写得实' asks for a verdict, not about 实
    pattern = _KIND_WORDS.get(kind)
    if pattern is not None:
        rest = pattern.sub(" ", rest)
    if kind == "compare":
        rest = _LACKS.sub(" ", rest)  # '比比 缺了啥' asks for the gaps, not about 缺
    rest = _HOW_TO_WRITE.sub(" ", rest)
    rest = _FILLERS.sub(" ", rest)
    if kind == "whether":
        rest = _WHETHER_PLACE.sub(" ", rest)
    pieces = [_TRAILING.sub("", p) for p in _SPACES.split(rest)]
    pieces = [p for p in pieces if p and not _LEFTOVER.match(p)]
    return " ".join(pieces).strip()
