"""Parses INI texts with botocore itself, for differential tests of awsx's parser.

stdin: a JSON list of {"text": str, "kind": "config" | "credentials"}.
stdout: a JSON list of {"ok": parsed} or {"error": "<botocore class>"}, one per input.
For "config" the result is botocore.configloader.load_config's profile map (plus
sso_sessions and services); for "credentials", raw_config_parse (sections verbatim).
"""
import json
import os
import sys
import tempfile

import botocore.configloader as cl
import botocore.exceptions as be


def parse(item, path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(item["text"])
    try:
        if item["kind"] == "config":
            c = cl.load_config(path)
            return {"ok": {"profiles": c["profiles"], "sso_sessions": c.get("sso_sessions", {}),
                           "services": c.get("services", {})}}
        return {"ok": cl.raw_config_parse(path)}
    except be.BotoCoreError as e:
        return {"error": type(e).__name__}


def main():
    items = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "file")
        json.dump([parse(item, path) for item in items], sys.stdout)


main()
