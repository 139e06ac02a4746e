"""Reading text: file bytes → report text (readers), normalisation, jieba segmentation, parsing into
section-tagged snippets, passage excerpts, and the bounded worker pool that parses uploads."""
