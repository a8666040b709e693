#!/usr/bin/env python3
"""Moves the inline start-up script trunk writes into dist/index.html to a
file of its own, so that the app runs under a Content-Security-Policy
without 'unsafe-inline' (script-src 'self' 'wasm-unsafe-eval').

Usage: strict-csp.py DIST_DIR
"""
import hashlib
import re
import sys
from pathlib import Path

dist = Path(sys.argv[1])
index = dist / "index.html"
html = index.read_text(encoding="utf-8")

# Browsers ignore `integrity` on a preload of the WebAssembly (the fetch
# that uses it is the glue's) and say so in the console on every load:
# drop it there.
html = re.sub(r'(<link rel="preload"[^>]*?) integrity="[^"]*"([^>]*as="fetch")', r"\1\2", html)
index.write_text(html, encoding="utf-8")

pattern = re.compile(r'<script type="module"(?P<attrs>[^>]*)>(?P<body>.*?)</script>', re.S)
inline = [m for m in pattern.finditer(html) if "src=" not in m.group("attrs")]
if not inline:
    sys.exit(0)
if len(inline) > 1:
    sys.exit("strict-csp: more than one inline module script in index.html")

match = inline[0]
body = match.group("body").strip() + "\n"
# The script imports the glue as '<public url>/name.js': keep the same prefix.
glue = re.search(r"from '([^']*/)[^/']+\.js'", body)
prefix = glue.group(1) if glue else "/"
name = "start-" + hashlib.sha256(body.encode()).hexdigest()[:16] + ".js"
(dist / name).write_text(body, encoding="utf-8")
tag = f'<script type="module" src="{prefix}{name}"></script>'
index.write_text(html[: match.start()] + tag + html[match.end():], encoding="utf-8")
print(f"strict-csp: start-up script moved to {name}")
