"""``python -m carrieres``: the command line."""

from carrieres.cli import main

main()
