"""Allow ``python -m inet_stages``."""

from inet_stages.cli import main

main()
