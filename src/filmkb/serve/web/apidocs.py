"""The ``/docs`` page's data: the OpenAPI document as a list of operations and schemas.

Rendered on the server by ``templates/docs.html``: no script, no CDN, so the API docs load
offline and under the pages' CSP (``script-src 'none'``). ReDoc and Swagger UI are off.
"""

from __future__ import annotations

import json
from typing import Any


def operations(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document as the docs page lists it: operations with their parameters and
    responses, and the schemas they name."""
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "required": p.get("required", False),
                    "type": _type_name(p.get("schema", {})),
                    "limits": _limits(p.get("schema", {})),
                    "description": p.get("description") or p.get("schema", {}).get("description"),
                }
                for p in op.get("parameters", [])
            ]
            responses = [
                {
                    "status": status,
                    "description": r.get("description", ""),
                    "schema": _type_name(_response_schema(r)),
                }
                for status, r in op.get("responses", {}).items()
            ]
            example = path if "{" not in path else None
            text = (op.get("description") or "").replace("``", "").replace("\n", " ")
            summary, _, rest = text.partition(": ") if ": " in text[:80] else (text, "", "")
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": f"{method}-{path}".replace("/", "-").replace("{", "").replace("}", ""),
                    "tag": (op.get("tags") or ["api"])[0],
                    "summary": summary,
                    "description": rest,
                    "parameters": params,
                    "responses": responses,
                    "example": example,
                }
            )
    schemas = [
        {
            "name": name,
            "description": s.get("description", ""),
            "properties": [
                {
                    "name": k,
                    "type": _type_name(v),
                    "required": k in s.get("required", []),
                    "description": v.get("description", ""),
                }
                for k, v in s.get("properties", {}).items()
            ],
        }
        for name, s in sorted(schema.get("components", {}).get("schemas", {}).items())
    ]
    info = schema.get("info", {})
    return {"info": info, "operations": operations, "schemas": schemas}


def _response_schema(response: dict[str, Any]) -> dict[str, Any]:
    """The schema of a response's first media type (``{}`` when it has none)."""
    no_media: dict[str, Any] = {}
    media = next(iter(response.get("content", {}).values()), no_media)
    return media.get("schema", {})


def _type_name(s: dict[str, Any]) -> str:
    if "$ref" in s:
        return s["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in s:
        return " | ".join(_type_name(x) for x in s["anyOf"])
    if s.get("type") == "array":
        return f"list[{_type_name(s.get('items', {}))}]"
    if s.get("type") == "object" and "additionalProperties" in s:
        extra = s["additionalProperties"]
        return f"dict[str, {_type_name(extra) if isinstance(extra, dict) else 'any'}]"
    if "enum" in s:
        return " | ".join(json.dumps(v) for v in s["enum"])
    return str(s.get("type", "any"))


def _limits(s: dict[str, Any]) -> str:
    words = {
        "minimum": "≥",
        "maximum": "≤",
        "minLength": "length ≥",
        "maxLength": "length ≤",
        "default": "default",
    }
    return ", ".join(
        f"{w} {json.dumps(s[k], ensure_ascii=False)}"
        for k, w in words.items()
        if s.get(k) not in (None, "")
    )
