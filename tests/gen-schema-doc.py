#!/usr/bin/env python3
"""README's JSON key tables, made from include/netstat.schema.json.

    tests/gen-schema-doc.py            prints the block
    tests/gen-schema-doc.py --write    puts it into README.md between its
                                       <!-- schema --> markers
tests/scripts/schema-doc.sh fails when README's block and this differ."""
import json, os, re, sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
schema = json.load(open(os.path.join(top, "include", "netstat.schema.json")))


def type_of(p):
    if "const" in p:
        return json.dumps(p["const"])
    if "$ref" in p:
        return "`%s`" % p["$ref"].split("/")[-1]
    if "anyOf" in p:
        return " or ".join(type_of(x) for x in p["anyOf"])
    t = p.get("type", "any")
    t = t if isinstance(t, list) else [t]
    if "array" in t and "items" in p:
        t = ["array of " + type_of(p["items"]) if x == "array" else x for x in t]
    return " or ".join(t)


def cell(s):
    return s.replace("|", "\\|").replace("\n", " ")


def table(title, obj, lines):
    props = obj.get("properties", {})
    req = set(obj.get("required", []))
    lines.append("")
    lines.append("**%s**%s" % (title, (": " + cell(obj["description"])) if obj.get("description") else ""))
    lines.append("")
    lines.append("| key | type | |")
    lines.append("|---|---|---|")
    for k, p in props.items():
        p = schema["$defs"][p["$ref"].split("/")[-1]] if "$ref" in p else p
        lines.append("| `%s`%s | %s | %s |" % (k, "" if k in req else " (opt.)", type_of(p), cell(p.get("description", ""))))
    for k, p in props.items():
        p = schema["$defs"][p["$ref"].split("/")[-1]] if "$ref" in p else p
        if p.get("type") == "array" and "properties" in p.get("items", {}):
            table("%s: each of `%s`" % (title, k), p["items"], lines)
        if "object" in (p.get("type") if isinstance(p.get("type"), list) else [p.get("type")]) and "properties" in p:
            table("%s: `%s`" % (title, k), p, lines)


def block():
    lines = ["<!-- schema: made by tests/gen-schema-doc.py from include/netstat.schema.json -->",
             "", cell(schema["description"])]
    table("The document", {"properties": {k: v for k, v in schema["properties"].items()},
                           "required": schema["required"]}, lines)
    for name, d in schema["$defs"].items():
        table("`%s`" % name, d, lines)
    lines.append("")
    lines.append("<!-- /schema -->")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    text = block()
    if "--write" in sys.argv:
        path = os.path.join(top, "README.md")
        readme = open(path).read()
        new = re.sub(r"<!-- schema:.*?<!-- /schema -->\n", lambda m: text, readme, flags=re.S)
        if new == readme and text not in readme:
            sys.exit("README.md has no <!-- schema --> block")
        open(path, "w").write(new)
    else:
        sys.stdout.write(text)
