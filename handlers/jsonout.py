"""The command line's JSON shapes (a contract: field names are stable)."""

from __future__ import annotations

from typing import Any

from handlers import render, texts
from knowledge.models import (
    Answer,
    Checklist,
    Comparison,
    DraftCheck,
    Examples,
    Health,
    IngestResult,
    QueryFilters,
    Report,
    SearchHit,
    Snippet,
)


def filters(f: QueryFilters) -> dict[str, Any]:
    """{"town", "year", "section"}."""
    return {"town": f.town, "year": f.year, "section": f.section}


def snippet(s: Snippet) -> dict[str, Any]:
    """A snippet with its report fields."""
    return {
        "snippet_id": s.snippet_id,
        "report_id": s.report_id,
        "town": s.town,
        "county": s.county,
        "year": s.year,
        "section": s.section,
        "topics": list(s.topics),
        "heading": s.heading,
        "text": s.text,
    }


def hit(h: SearchHit) -> dict[str, Any]:
    """A snippet with its score."""
    return {**snippet(h.snippet), "score": h.score}


def health(h: Health) -> dict[str, Any]:
    """The health check."""
    return {
        "ok": h.ok,
        "integrity": h.integrity,
        "schema_version": h.schema_version,
        "reports": h.reports,
        "snippets": h.snippets,
    }


def answer(a: Answer) -> dict[str, Any]:
    """One question's answer."""
    return {"query": a.query, "filters": filters(a.filters), "results": [hit(h) for h in a.hits]}


def empty_answer(query: str, f: QueryFilters) -> dict[str, Any]:
    """An answer with no results."""
    return {"query": query, "filters": filters(f), "results": []}


def ingest_result(r: IngestResult) -> dict[str, Any]:
    """One file's ingest outcome."""
    return {
        "file": r.file,
        "report_id": r.report_id,
        "town": r.town,
        "county": r.county,
        "year": r.year,
        "title": r.title,
        "snippets": r.snippets,
        "sections": dict(r.sections),
        "status": r.status,
        "error": None if r.error is None else texts.error_text(r.error, r.error_fields),
        "error_code": None if r.error is None else str(r.error),
    }


def report(r: Report) -> dict[str, Any]:
    """A stored report, in the same fields as an ingest row."""
    return {
        "file": r.source_name,
        "report_id": r.report_id,
        "town": r.town,
        "county": r.county,
        "province": r.province,
        "year": r.year,
        "title": r.title,
        "doc_number": r.doc_number,
        "addressee": r.addressee,
        "issued_on": r.issued_on,
        "snippets": r.snippets,
        "sections": dict(r.sections),
        "status": "stored",
        "error": None,
        "error_code": None,
    }


def examples(e: Examples) -> dict[str, Any]:
    """Example wording."""
    return {
        "topic": e.topic,
        "examples": [
            {
                "snippet_id": x.snippet.snippet_id,
                "town": x.snippet.town,
                "year": x.snippet.year,
                "section": x.snippet.section,
                "text": x.snippet.text,
                "template": x.template,
            }
            for x in e.examples
        ],
    }


def comparison(c: Comparison) -> dict[str, Any]:
    """A comparison of towns."""
    return {
        "towns": [render.column_label(c, t) for t in c.towns],
        "items": [
            {
                "id": item.item_id,
                "name": item.name,
                "coverage": {
                    render.column_label(c, town): {
                        "status": cov.status,
                        "evidence": render.coverage_evidence(cov),
                    }
                    for town, cov in per_town.items()
                },
            }
            for item, per_town in c.coverage
        ],
        "figures": [
            {
                "town": f.town,
                "topic": f.topic,
                "indicator": f.indicator,
                "label": f.label,
                "value": f.value,
                "unit": f.unit,
                "approx": f.approx,
                "text": f.text,
            }
            for f in c.figures
        ],
        "side_by_side": {
            town: [snippet(s) for s in found] for town, found in c.side_by_side.items()
        },
        "unknown": list(c.unknown),
    }


def checklist(c: Checklist) -> dict[str, Any]:
    """The checklist and deadlines."""
    return {
        "items": [
            {
                "id": item.item_id,
                "name": item.name,
                "kind": item.kind,
                "source": item.source,
                "covered_by": count,
            }
            for item, count in c.items
        ],
        "deadlines": [{"date": d.due_on, "what": d.what} for d in c.deadlines],
        "reports": c.reports,
    }


def draft_check(d: DraftCheck) -> dict[str, Any]:
    """A draft check."""
    return {
        "items": [
            {
                "id": i.coverage.item.item_id,
                "name": i.coverage.item.name,
                "status": i.coverage.status,
                "evidence": i.coverage.evidence,
                "examples": [{**snippet(x.snippet), "template": x.template} for x in i.examples],
            }
            for i in d.items
        ],
        "summary": d.summary(),
        "reminders": list(d.reminders),
    }
