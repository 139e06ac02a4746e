"""Chinese word segmentation shared by the index and the queries (one jieba Tokenizer)."""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from functools import lru_cache
from importlib import resources
from typing import Final

import jieba
from pypinyin import lazy_pinyin

from knowledge.domain.vocabulary import STOP_WORDS, synonym_variants
from knowledge.text.normalize import has_cjk, search_form

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS: Final = 200
MAX_QUERY_TERMS: Final = 16
# Raise when the way documents are cut changes: stored indexes are then rebuilt at start.
INDEX_VERSION: Final = "3"  # 3: a report's own town name indexed as 我镇
_WORD = re.compile(r"[\w+]+")
_SINGLE_NON_CJK = re.compile(r"^[a-z_+]$")


_FUNCTION_CHARS: Final = frozenset(
    "跟和与同的了在进把给对向从里哪啥咋么吗呢吧啊过着得地被让也都就还又再很更最是"
)


def _quote(term: str) -> str:
    """Quote one term for FTS5 MATCH: a string in double quotes, inner quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


@lru_cache(maxsize=1)
def shared_segmenter() -> Segmenter:
    """The process's segmenter: one jieba dictionary in memory (about 0.5 s to load)."""
    return Segmenter()


class Segmenter:
    """A jieba Tokenizer with the domain's user dictionary, and the MATCH syntax built on it.

    Indexing emits each word and every dictionary word inside it, so a query for 法律顾问 finds
    一村一法律顾问; queries use the precise cut, so they stay few and specific.
    """

    def __init__(self) -> None:
        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._lock = threading.Lock()
        self._ready = False
        self._domain: frozenset[str] = frozenset()
        self._sounds: dict[str, str] | None = None

    def warm_up(self) -> None:
        """Load the dictionaries now (about 0.5 s), not inside the first query."""
        with self._lock:
            if self._ready:
                return
            self._tokenizer.initialize()
            userdict = resources.files("knowledge.domain").joinpath("data/userdict.txt")
            # jieba leaves a path it opened unclosed; hand it an open file instead.
            with userdict.open("rb") as handle:
                self._tokenizer.load_userdict(handle)
            self._domain = frozenset(
                line.split()[0]
                for line in userdict.read_text(encoding="utf-8").splitlines()
                if line.strip()
            )
            self._ready = True
            logger.info("segmenter ready")

    def _cut(self, text: str) -> list[str]:
        if not self._ready:
            self.warm_up()
        return [w for w in self._tokenizer.cut(text, HMM=False) if _WORD.fullmatch(w)]

    def _in_dictionary(self, word: str) -> bool:
        return bool(self._tokenizer.FREQ.get(word))

    def word_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the dictionary's words of two or more characters sit in the text (start,
        end), by the precise cut without guessing new words."""
        if not self._ready:
            self.warm_up()
        return [
            (start, end)
            for word, start, end in self._tokenizer.tokenize(text, HMM=False)
            if end - start >= 2 and self._in_dictionary(word)
        ]

    def sound_alike(self, word: str) -> str | None:
        """The domain word that sounds the same as an unknown one (应速 → 应诉), if any."""
        if not self._ready:
            self.warm_up()
        if self._in_dictionary(word) or not has_cjk(word):
            return None
        if self._sounds is None:
            self._sounds = {}
            for known in sorted(self._domain, key=len):
                if has_cjk(known):
                    self._sounds.setdefault(" ".join(lazy_pinyin(list(known))), known)
        return self._sounds.get(" ".join(lazy_pinyin(list(word))))

    def is_concept(self, word: str) -> bool:
        """True for a word worth naming when no report has it: a domain word (反诈, 述法), a
        long word, or one of several characters the dictionary does not know; an everyday
        word (拿到, 几回) is simply not searched."""
        if not self._ready:
            self.warm_up()
        if word in self._domain:
            return True
        if self._in_dictionary(word):
            return len(word) >= 3
        # A guessed word holding a particle or preposition (室跟, 列进, 过哪), or two characters
        # no dictionary knows (室建 of 服务室建了), is a cut between words or a typo, not a
        # concept to report missing.
        return has_cjk(word) and len(word) >= 3 and not any(c in _FUNCTION_CHARS for c in word)

    def inner_words(self, word: str) -> list[str]:
        """Dictionary words inside a longer word: 合同审查 → 合同, 审查."""
        if len(word) <= 2 or not has_cjk(word):
            return []
        return [
            word[start : start + size]
            for size in range(2, len(word))
            for start in range(len(word) - size + 1)
            if self._in_dictionary(word[start : start + size])
        ]

    def index_terms(self, text: str) -> list[str]:
        """Terms of a document in search form: words plus the dictionary words inside them."""
        terms: list[str] = []
        for word in self._cut(search_form(text)):
            terms.append(word)
            terms.extend(self.inner_words(word))
        return terms

    def relaxed(self, terms: list[str]) -> list[str]:
        """Each long term replaced by the words inside it, for a second, looser search."""
        relaxed: list[str] = []
        for term in terms:
            inner = self.inner_words(term)
            parts = [p for p in inner if not any(p in q for q in inner if q != p)]
            for part in parts or [term]:
                if part not in relaxed:
                    relaxed.append(part)
        return relaxed

    def for_index(self, text: str) -> str:
        """The space-joined terms that the FTS5 table indexes."""
        return " ".join(self.index_terms(text))

    def for_query(self, text: str) -> list[str]:
        """Distinct search terms of a question, without fillers, at most MAX_QUERY_TERMS.

        A run of single characters the dictionary does not join (反诈 before it was a word)
        is searched as one phrase, never dropped.
        """
        if not self._ready:
            self.warm_up()
        # Spaces and punctuation stay in the cut as "" so that they end a run of characters:
        # 装 and 路 of '装了多少路' (fillers taken out) are two words, not 装路.
        words = [
            w if _WORD.fullmatch(w) else ""
            for w in self._tokenizer.cut(search_form(text)[:MAX_QUERY_CHARS], HMM=False)
        ]
        kept: list[str] = []
        run = ""
        for word in [*words, ""]:
            single = len(word) == 1 and has_cjk(word) and word not in STOP_WORDS
            if single:
                run += word
                continue
            if len(run) >= 2:
                run = self.sound_alike(run) or run  # 应速 typed for 应诉
                if run not in kept:
                    kept.append(run)
            elif run and not any(len(w) > 1 for w in words) and run not in kept:
                kept.append(run)  # a one-character question has nothing else
            run = ""
            if not word or word in STOP_WORDS or _SINGLE_NON_CJK.match(word) or word in kept:
                continue
            if len(word) == 1 and not word.isdigit() and any(len(w) > 1 for w in words):
                continue
            kept.append(word)
        return kept[:MAX_QUERY_TERMS]

    def signature(self) -> str:
        """What the index depends on: a stored index made with another dictionary is rebuilt."""
        userdict = resources.files("knowledge.domain").joinpath("data/userdict.txt").read_bytes()
        return hashlib.sha256(INDEX_VERSION.encode() + userdict).hexdigest()[:16]

    def alternatives(self, term: str) -> list[str]:
        """The term and its synonyms (法制 ↔ 法治, 老百姓 ↔ 群众 …) as the index would hold
        them; the longest synonym inside the term is the one swapped (行政执法证, not 执法证)."""
        return synonym_variants(term)

    def match_routes(self, term: str) -> list[frozenset[str]]:
        """The sets of indexed tokens through which the term can match, each needing all of
        its tokens: a variant itself (法制/法治 …), its pieces as a phrase, or the widest
        dictionary words inside it (the looser search). 疫情防控 cannot match through 防控
        alone, so a question about it is not answered with 防控 snippets as if it could."""
        routes: list[frozenset[str]] = []
        for variant in self.alternatives(term):
            candidates = [[variant], self._cut(variant), self.relaxed([variant])]
            for tokens in candidates:
                route = frozenset(tokens)
                if route and route not in routes:
                    routes.append(route)
        return routes

    def _alternative_expr(self, term: str) -> str:
        parts = []
        for variant in self.alternatives(term):
            pieces = self._cut(variant) if not self._in_dictionary(variant) else [variant]
            # A variant the dictionary does not know is indexed as its pieces: match the phrase.
            parts.append(_quote(" ".join(pieces)) if len(pieces) > 1 else _quote(variant))
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def match_expr(self, terms: list[str], *, require_all: bool = True) -> str:
        """A safe FTS5 MATCH string: every term quoted, synonyms OR-ed, terms AND-ed or OR-ed."""
        groups = [self._alternative_expr(term) for term in terms if term]
        return (" AND " if require_all else " OR ").join(groups)
