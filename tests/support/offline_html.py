"""What a standalone HTML document (the printable brief) could load from outside itself."""

from __future__ import annotations

import re
from html.parser import HTMLParser

RESOURCE_ATTRS = {"src", "href", "data", "poster", "srcset", "background", "action"}
LINK_TAGS = {"a"}  # plain links to sources are allowed; nothing is loaded from them


class ResourceScan(HTMLParser):
    """Collects everything an HTML page could load, and its anchors and text."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.anchors: list[str] = []
        self.styles: list[str] = []
        self.style_attrs: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            if name == "id":
                self.ids.add(value)
            if name == "style":
                self.style_attrs.append(value)
            if tag in LINK_TAGS and name == "href":
                self.anchors.append(value)
            elif name in RESOURCE_ATTRS:
                self.loads.append((tag, name, value))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, text):
        if self._in_style:
            self.styles.append(text)


def external_loads(html: str) -> list[str]:
    """Every way the document could fetch something from outside itself."""
    scan = ResourceScan()
    scan.feed(html)
    bad = [
        f"<{t} {n}={v[:60]}>"
        for t, n, v in scan.loads
        if re.match(r"\s*(https?:)?//", v, re.IGNORECASE) or not v.startswith(("data:", "#"))
    ]
    bad += [
        f"<{t}>" for t in scan.tags if t in {"script", "link", "iframe", "object", "embed", "base"}
    ]
    for css in scan.styles + scan.style_attrs:
        if re.search(r"@import", css, re.IGNORECASE):
            bad.append("@import in CSS")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css, re.IGNORECASE):
            if not url.startswith("data:"):
                bad.append(f"url({url[:60]}) in CSS")
    return bad
