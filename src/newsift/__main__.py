"""`python -m newsift`: the same as the `newsift` command."""

from newsift.cli import main

main()
