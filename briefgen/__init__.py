"""briefgen: news articles to policy briefing notes."""

__version__ = "0.1.0"
