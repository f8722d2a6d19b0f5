"""Placement: students on offers by their ranked wishes, optimally.

``plan`` decides what the command does (places, limits, which solver, what to say);
``students`` reads the students file; ``models`` holds the data; ``solver`` places students
on individual internships, ``teams`` forms the projets collectifs, both from the listed arcs
and pools of ``arcs`` and through ``milp`` (HiGHS); ``describe`` words the figures in French.
"""
