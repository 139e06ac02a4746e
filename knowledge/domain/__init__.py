"""Domain data of the yearly report: towns, sections, topics, vocabulary, and the checklist rules
with their sources. Pure data and pure functions; no I/O."""
