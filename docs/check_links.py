"""Check the built site's own links: every page, picture, style and anchor they point to exists.

``python docs/check_links.py docs/_build/html`` reads every HTML page of the build and follows each
relative ``href`` and ``src`` (links to other sites are not followed: no network). It prints each
broken link with the page it is on, and exits with status 1 if there is one. Sphinx's ``linkcheck``
builder leaves links within the site unchecked; this does the part it leaves.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"}:
                self.ids.add(value)
            elif (name == "href" and tag in {"a", "link"}) or (name == "src" and tag in {"img", "script"}):
                self.links.append(value)


def _read(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Each broken link of the site built in ``site``, as ``page: link (why)``."""
    pages = {path.resolve(): _read(path) for path in sorted(site.rglob("*.html"))}
    problems = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # another site, mail, data: not followed
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            where = f"{path.relative_to(site.resolve())}: {link}"
            if not target.exists():
                problems.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _read(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{where} (no such anchor)")
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "docs/_build/html")
    pages = list(site.rglob("*.html"))
    if not pages:
        print(f"{site}: no HTML pages; build the site first (make docs)", file=sys.stderr)
        return 1
    problems = broken_links(site)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{site}: {len(pages)} pages, {len(problems)} broken internal links")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
