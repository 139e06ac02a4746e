"""A pure .docx writer for the yearly report: GB/T 9704-2012 skeletons and draft comments.

Knows nothing of the database; callers hand it plain dataclasses or .docx bytes.
"""

from knowledge.officedoc.annotate import DraftComment, annotate, body_paragraphs
from knowledge.officedoc.plan import SkeletonItem, SkeletonPart, SkeletonPlan
from knowledge.officedoc.skeleton import write_skeleton

__all__ = [
    "DraftComment",
    "SkeletonItem",
    "SkeletonPart",
    "SkeletonPlan",
    "annotate",
    "body_paragraphs",
    "write_skeleton",
]
