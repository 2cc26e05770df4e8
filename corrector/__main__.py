"""``python -m corrector`` runs the command line."""

from corrector.cli import main

main()
