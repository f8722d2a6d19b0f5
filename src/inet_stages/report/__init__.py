"""The report.

Offers counted against the cohorts, shared places, and the replies to hosts.
"""
