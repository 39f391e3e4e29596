"""Indicators, targets, periods, returns and RAG: see docs/performance.md."""
