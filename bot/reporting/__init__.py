"""Counts in, figures out: the in-memory tally and what reports and /stats make of counts."""
