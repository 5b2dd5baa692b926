"""The `newsgraph` command: a few lines per command over the library.

Exit status: 0 all inputs handled, 1 an error (a bad database, an unknown id), 2 a usage error,
3 some inputs became problems (every other input was handled), 130 interrupted.
"""

# Each module adds its commands to `main` when imported.
from newsgraph.cli import evaluate, export, follow, query, read, serve
from newsgraph.cli.base import main

__all__ = ["evaluate", "export", "follow", "main", "query", "read", "serve"]
