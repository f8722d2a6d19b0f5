"""The season folder: where a season's files live, what it holds, and the morning's status.

``folder`` knows the conventional names (``offres/``, ``lettres/``,
``contacts.csv``…) and finds them in the folder a command runs in;
``answers`` reads which offers have a letter; ``status`` gathers the verdicts,
the counts, the reminders and the decisions into one frozen value that
:mod:`inet_stages.render.status` prints.
"""
