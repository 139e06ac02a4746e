"""Retrieval: question → filters and terms → FTS5/BM25 candidates → rapidfuzz rerank."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import Final

from rapidfuzz import fuzz

from knowledge.domain.topics import topics_named_by
from knowledge.domain.vocabulary import NEAREST_ITEM
from knowledge.models import Answer, QueryFilters, SearchHit, Snippet
from knowledge.storage.store import KnowledgeStore
from knowledge.text.normalize import strip_invisible
from knowledge.text.segment import Segmenter
from knowledge.understand import read

logger = logging.getLogger(__name__)

CANDIDATE_LIMIT: Final = 60
BROWSE_ROWS_PER_HIT: Final = 10  # a part's rows read per passage shown: enough for many towns
ENOUGH_MATCHES: Final = 20  # snippets holding every word: a looser search would only add worse
DUPLICATE_SIMILARITY: Final = 90.0
COMMON_TERM_SHARE: Final = 0.5
# Unless the question names a part, what a town did answers before what it plans to do.
SECTION_WEIGHT: Final = {"next_plan": 0.8}


@dataclass(frozen=True, slots=True)
class UnderstoodQuery:
    """A question taken apart: the words to search and the filters it names."""

    text: str
    terms: tuple[str, ...]
    filters: QueryFilters
    town_guess: str | None = None
    absent: tuple[str, ...] = ()


class Retriever:
    """Finds the best snippets for a question."""

    def __init__(self, store: KnowledgeStore, segmenter: Segmenter) -> None:
        self.store = store
        self.segmenter = segmenter

    async def understand(self, question: str, filters: QueryFilters) -> UnderstoodQuery:
        """Read the question (one reader for every channel); explicit filters win."""
        text = strip_invisible(question).strip()
        request = read(text, towns=await self.store.list_towns())
        town = filters.town or (request.towns[0] if request.towns else None)
        words = self.segmenter.for_query(request.words)
        terms, absent = await self._useful_terms(words)
        return UnderstoodQuery(
            text=text,
            terms=tuple(terms),
            filters=QueryFilters(
                town=town,
                year=filters.year or request.year,
                section=filters.section or request.section,
            ),
            town_guess=request.town_guess if town is None else None,
            absent=tuple(absent),
        )

    async def _useful_terms(self, terms: list[str]) -> tuple[list[str], list[str]]:
        """The terms worth searching, and those found nowhere (they can match nothing).

        Words in most passages are dropped too: they rank nothing and slow the MATCH.
        """
        total = await self.store.passage_count()
        if not terms or total < 20:
            return terms, []
        routes = {term: self.segmenter.match_routes(term) for term in terms}
        tokens = sorted(
            {token for term_routes in routes.values() for r in term_routes for token in r}
        )
        frequencies = await self.store.document_frequencies(tokens)
        # '我想看看别的镇怎么写第一责任人' leaves only 别的: found nowhere, so the section is shown.
        present = [
            t for t in terms if any(all(frequencies.get(x, 0) for x in r) for r in routes[t])
        ]
        absent = [t for t in terms if t not in present and self.segmenter.is_concept(t)]
        kept = [t for t in present if frequencies.get(t, 0) <= total * COMMON_TERM_SHARE]
        return kept or present[:1], absent

    async def search(
        self, question: str, *, filters: QueryFilters | None = None, limit: int = 5
    ) -> Answer:
        """Answer a question with at most `limit` snippets, best first.

        Args:
            question: the user's words, any length or script; never raises on odd input.
            filters: town, year or section given explicitly (they win over the question's).
            limit: how many snippets at most.

        Returns:
            The answer with its hits; no hits when nothing matches.
        """
        understood = await self.understand(question, filters or QueryFilters())
        limit = max(1, min(limit, 50))
        wanted = understood.filters
        if not understood.terms:
            if understood.filters == QueryFilters() or understood.absent:
                # Nothing to search, or only words no report has: never another concept.
                hits: list[SearchHit] = []
            else:
                hits = await self._browse(understood.filters, limit)
        else:
            hits = await self._ranked(understood, limit)
            # Never empty when the library has something: drop the part, the year, then the
            # town, one at a time, and say so.
            for name in ("section", "year", "town"):
                if hits or getattr(understood.filters, name) is None:
                    continue
                understood = replace(
                    understood, filters=replace(understood.filters, **{name: None})
                )
                hits = await self._ranked(understood, limit)
        low_signal = len(understood.terms) == 1 and len(understood.terms[0]) == 1
        logger.info("query terms=%d hits=%d", len(understood.terms), len(hits))
        logger.debug("query %r terms %s", question, understood.terms)
        return Answer(
            query=question,
            filters=understood.filters,
            hits=tuple(hits),
            terms=understood.terms,
            low_signal=low_signal,
            town_guess=understood.town_guess,
            absent=understood.absent,
            wanted=None if wanted == understood.filters else wanted,
            nearest_item=nearest_item(understood.absent),
            reports=await self.store.report_count(),
        )

    async def _browse(self, filters: QueryFilters, limit: int) -> list[SearchHit]:
        """No words to rank by: show the filtered snippets, one town after another."""
        found = await self.store.get_snippets(filters, limit=limit * BROWSE_ROWS_PER_HIT)
        # A part's opening line is no answer while the part has passages that say something.
        snippets = [s for s in found if not bare_opening(s.text)] or found
        ordered = interleave_towns(snippets)
        return [SearchHit(s, 0.0, None, 0.0, ()) for s in collapse_duplicates(ordered, limit)]

    async def _ranked(self, understood: UnderstoodQuery, limit: int) -> list[SearchHit]:
        """The best distinct passages, from several towns. The store already gives one
        candidate per group of copies; near-copies left are collapsed here."""
        candidates = await self._candidates(understood, limit, CANDIDATE_LIMIT)
        hits = self._score(understood, candidates)
        kept = collapse_duplicates([h.snippet for h in prefer_other_towns(hits)], limit)
        by_id = {h.snippet.snippet_id: h for h in hits}
        chosen = [by_id[s.snippet_id] for s in kept]
        chosen.sort(key=lambda h: h.score, reverse=True)
        return chosen

    async def _candidates(
        self, understood: UnderstoodQuery, limit: int, window: int
    ) -> list[tuple[Snippet, float, str]]:
        """FTS5 candidates: strict first (every word), then the words inside long words, then
        any word."""
        terms = list(understood.terms)
        candidates: list[tuple[Snippet, float, str]] = []
        matched = 0
        tried: set[str] = set()
        for require_all, inner in ((True, False), (True, True), (False, False)):
            # Enough snippets hold every word: copies of one boilerplate across towns are
            # one candidate each, but they are matches, and a looser search would only add
            # passages that hold fewer of the words (at two more queries' cost).
            if len(candidates) >= limit or matched >= ENOUGH_MATCHES:
                break
            # The words inside long words are cut only when a stricter search found too little.
            attempt_terms = self.segmenter.relaxed(terms) if inner else terms
            if not require_all and len(attempt_terms) < 2:
                continue
            expr = self.segmenter.match_expr(attempt_terms, require_all=require_all)
            if expr in tried:
                continue
            tried.add(expr)
            seen = {c[0].snippet_id for c in candidates}
            found, count = await self.store.search_fts_counted(
                expr, understood.filters, limit=window
            )
            matched += count
            candidates += [c for c in found if c[0].snippet_id not in seen]
        return candidates

    def _score(
        self, understood: UnderstoodQuery, candidates: list[tuple[Snippet, float, str]]
    ) -> list[SearchHit]:
        """bm25 from FTS5, the share of the words matched and a fuzzy match, best first."""
        if not candidates:
            return []
        terms = list(understood.terms)
        alternatives = [self.segmenter.alternatives(t) for t in terms]
        core = "".join(terms)
        best_rank = min(c[1] for c in candidates) or -1.0
        hits: list[SearchHit] = []
        for snippet, rank, indexed in candidates:
            text = indexed.replace(" ", "")
            matched = tuple(
                t
                for t, alts in zip(terms, alternatives, strict=True)
                if any(a in text for a in alts)
            )
            coverage = len(matched) / len(terms)
            fuzzy = fuzz.partial_ratio(core, text, score_cutoff=0) if core else 0.0
            bm25 = rank / best_rank if best_rank < 0 else 0.0
            score = 0.5 * bm25 + 0.3 * coverage + 0.2 * fuzzy / 100
            if understood.filters.section is None:
                score *= SECTION_WEIGHT.get(snippet.section, 1.0)
            hits.append(SearchHit(snippet, round(score, 4), rank, round(fuzzy, 1), matched))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits


def prefer_other_towns(
    hits: list[SearchHit], *, slack: int = 3, close: float = 0.9
) -> list[SearchHit]:
    """Best first, but a town's next passage waits while fewer than `slack` towns are shown and
    another town's passage scores nearly as well (within `close`): a question over thousands of
    similar reports shows several towns, and a clearly better passage still comes first."""
    ordered: list[SearchHit] = []
    waiting: list[SearchHit] = []
    shown: set[str] = set()
    for index, hit in enumerate(hits):
        town = hit.snippet.town
        if town in shown and len(shown) < slack:
            rival = next((h for h in hits[index + 1 :] if h.snippet.town not in shown), None)
            if rival is not None and rival.score >= close * hit.score:
                waiting.append(hit)
                continue
        # A passage that waited goes before one clearly worse than it.
        ordered += [w for w in waiting if close * w.score > hit.score]
        waiting = [w for w in waiting if close * w.score <= hit.score]
        shown.add(town)
        ordered.append(hit)
    return ordered + waiting


def nearest_item(words: tuple[str, ...]) -> str | None:
    """The checklist item closest to concepts no report has (双随机一公开 → 行政执法)."""
    for word in words:
        if word in NEAREST_ITEM:
            return NEAREST_ITEM[word]
        topics = topics_named_by(word)
        if topics:
            return topics[0]
    return None


BARE_OPENING_CHARS: Final = 40
# '…但还存在一些问题和不足。', '存在的问题如下：': a part's opening line, saying nothing itself.
_OPENING_ONLY: Final = re.compile(r"(存在|还有|仍有)(一些|以下|如下|不少)?(问题|不足)|如下[：:]?$")


def bare_opening(text: str) -> bool:
    """True for a line that only opens a part or a list: short, ending in a colon, or saying
    only that there are problems."""
    plain = text.strip()
    if plain.endswith(("：", ":")):
        return True
    return len(plain) < BARE_OPENING_CHARS or (
        len(plain) < 60 and bool(_OPENING_ONLY.search(plain))
    )


def collapse_duplicates(snippets: list[Snippet], limit: int) -> list[Snippet]:
    """Keep the first of near-identical snippets (copies across towns are common)."""
    kept: list[Snippet] = []
    for snippet in snippets:
        if any(
            fuzz.ratio(snippet.text, other.text, score_cutoff=DUPLICATE_SIMILARITY)
            for other in kept
        ):
            continue
        kept.append(snippet)
        if len(kept) >= limit:
            break
    return kept


def interleave_towns(snippets: list[Snippet]) -> list[Snippet]:
    """Reorder so that each town's first snippet comes before any town's second."""
    queues: dict[str, list[Snippet]] = {}
    for snippet in snippets:
        queues.setdefault(snippet.town, []).append(snippet)
    ordered: list[Snippet] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                ordered.append(queue.pop(0))
    return ordered
