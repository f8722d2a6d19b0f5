"""Placement: the students file, the models and their optimal solution."""
