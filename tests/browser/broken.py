"""A small site with one of each flaw the browser tests look for, written by a test, so
each check is seen to fail where it should."""

from __future__ import annotations

import base64
from pathlib import Path

# a 1×1 transparent PNG
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>A broken page</title>
<link rel="stylesheet" href="missing.css">
<style>a.plain:focus {{ outline: none; }} a.colour:focus {{ outline: none; color: #900; }} .wide {{ width: 500px; }}</style>
</head>
<body>
<main>
<h1>A broken page</h1>
<p><a href="gone.html">A dead link</a></p>
<p><a href="index.html#nowhere">A link to no id</a></p>
<p><a href="other.html" tabindex="-1">A link the keyboard cannot reach</a></p>
<p><a class="plain" href="other.html">A link whose focus cannot be seen</a></p>
<p><a class="colour" href="other.html">A link whose focus only changes colour</a></p>
<h3>A heading a level too deep</h3>
<p class="wide">Too wide for a phone</p>
<p><img src="pixel.png"></p>
<p><img src="http://example.invalid/tracker.png" alt="A picture from another host"></p>
<form><input type="text" name="search"></form>
<script>console.error("something broke");</script>
</main>
</body>
</html>
"""

OTHER = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Another page</title></head>
<body><main><h1>Another page</h1><p><a href="index.html">Back</a></p></main></body></html>
"""


def files() -> dict[str, bytes]:
    return {
        "index.html": PAGE.format().encode(),
        "other.html": OTHER.encode(),
        "pixel.png": PIXEL,
    }


def write(folder: Path) -> dict[str, bytes]:
    made = files()
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return made
