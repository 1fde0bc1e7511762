"""Storage: SQLite tables of documents and claims (``schema``), the write path
(``claims``), the film-record view with ranks (``records``), migrations (``db``)."""

from filmkb.store.db import Migration, connect, migrate
from filmkb.store.schema import MIGRATIONS, all_migrations

__all__ = ["MIGRATIONS", "Migration", "all_migrations", "connect", "migrate"]
