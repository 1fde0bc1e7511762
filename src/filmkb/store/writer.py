"""The one writer path: a transaction that holds the writer lock (``FilmKB.lock``)."""

from __future__ import annotations

import sqlite3
import threading

from filmkb.store.search import sync_index


class Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error), holding the writer lock; the commit
    brings the name search's FTS index up to date (``store.search``)."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock):
        self.conn = conn
        self.lock = lock

    def __enter__(self) -> None:
        self.lock.acquire()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.lock.release()
            raise

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            if exc_type is None:
                sync_index(self.conn)
            self.conn.execute("ROLLBACK" if exc_type is not None else "COMMIT")
        finally:
            self.lock.release()
