"""Use cases: ask, example wording, compare, checklist, draft check, facts about the report, figures,
ingest. Each returns plain data (knowledge.models), never chat text."""
