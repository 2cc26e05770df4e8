"""Commands beyond scan/explain, one module each, each with ``register(app)``.

Importing a command module must stay cheap (import heavy things inside the command), so
that ``corrector check`` on one page starts fast.
"""

from __future__ import annotations

import typer


def register_all(app: typer.Typer) -> None:
    # One line per command module, in the order they appear in --help.
    __import__("corrector.commands.report", fromlist=["register"]).register(app)
    __import__("corrector.commands.check", fromlist=["register"]).register(app)
    __import__("corrector.commands.review", fromlist=["register"]).register(app)
    __import__("corrector.commands.fix", fromlist=["register"]).register(app)
    __import__("corrector.commands.evaluate", fromlist=["register"]).register(app)
    pass
