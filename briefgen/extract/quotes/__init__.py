"""Quotes: a parsed document and its actors in, attributed Quotes out; quote marks, attribution, speakers."""

from .extract import extract_quotes, quotes_from_turns
from .marks import QuoteSpan, find_quote_spans

__all__ = ["QuoteSpan", "extract_quotes", "find_quote_spans", "quotes_from_turns"]
