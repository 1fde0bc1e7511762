"""The web: server-rendered pages with JSON twins, a JSON API and schema.org JSON-LD.

``create_app(kb_or_db_path)`` builds the FastAPI app (``app.py``); ``views`` builds the plain
dict of each page; ``jsonld`` turns a film into a schema.org ``Movie``.
"""

from filmkb.serve.web.app import create_app

__all__ = ["create_app"]
