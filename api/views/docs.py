"""The OpenAPI schema (the contract) and a readable page generated from it.

The docs page is rendered on the server from the same schema, not by Swagger
UI or Redoc: those load scripts and styles the strict CSP forbids and the
project does not vendor third-party front-end files. A partner's developer
gets every path, parameter, body, response and scope on one plain page, and
the JSON schema for tooling.
"""

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

METHODS = ("get", "post", "put", "patch", "delete")


class SchemaView(SpectacularJSONAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []


def _ref_name(schema: dict | None) -> str:
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"[{_ref_name(schema.get('items'))}]"
    return schema.get("type", "")


def _operations(schema: dict) -> list[dict]:
    """A flat, ordered list of operations with what a reader needs, from the OpenAPI document."""
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            responses = []
            for code, response in op.get("responses", {}).items():
                content = response.get("content", {})
                media, spec = next(iter(content.items()), ("", {}))
                responses.append(
                    {
                        "code": code,
                        "description": response.get("description", ""),
                        "media": media,
                        "schema": _ref_name(spec.get("schema")),
                    }
                )
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "scopes": [scope for req in op.get("security", []) for scope in req.get("oauth2", [])],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _ref_name(p.get("schema")) or p.get("schema", {}).get("type", ""),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _ref_name(body),
                    "responses": responses,
                }
            )
    return operations


def _components(schema: dict) -> list[dict]:
    out = []
    for name, spec in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(spec.get("required", []))
        fields = [
            {
                "name": field,
                "type": _ref_name(prop) or ("enum" if "enum" in prop else ""),
                "required": field in required,
                "nullable": prop.get("nullable", False),
                "description": prop.get("description", ""),
                "enum": prop.get("enum", []),
            }
            for field, prop in spec.get("properties", {}).items()
        ]
        out.append(
            {"name": name, "description": spec.get("description", ""), "fields": fields, "enum": spec.get("enum")}
        )
    return out


def docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    scheme = schema.get("components", {}).get("securitySchemes", {}).get("oauth2", {})
    flow = scheme.get("flows", {}).get("clientCredentials", {})
    return render(
        request,
        "api/docs.html",
        {
            "info": schema.get("info", {}),
            "operations": _operations(schema),
            "components": _components(schema),
            "token_url": flow.get("tokenUrl", ""),
            "scopes": flow.get("scopes", {}),
        },
    )
