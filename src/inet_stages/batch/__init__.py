"""The batch engine.

Collect the files, check each offer, apply the decisions, split by promotion.
"""
