"""Turns directory records into search documents and keeps the search engines current."""
