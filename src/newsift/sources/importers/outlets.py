"""Where a rating of an outlet applies: the whole host when the listed URL names the outlet's
front page, else only that section; never the whole of a platform that hosts many publishers.
"""

from __future__ import annotations

from newsift.sources.importers.parsing import Entry, ParseResult

# Sites that host many unrelated publishers under one host: a rating listed for a page there
# ("facebook.com/somepage") applies to that page only, never to the whole site.
SHARED_PLATFORMS = frozenset(
    {
        "facebook.com",
        "youtube.com",
        "twitter.com",
        "instagram.com",
        "medium.com",
        "tumblr.com",
        "wordpress.com",
        "blogspot.com",
        "substack.com",
        "reddit.com",
        "t.me",
        "vk.com",
        "tiktok.com",
        "patreon.com",
        "rumble.com",
        "bitchute.com",
    }
)

# Path segments of an outlet's front page ("bbc.com/news", "who.int/en", "rt.com/english").
FRONT_PAGE_SEGMENTS = frozenset(
    {"en", "en-us", "en-gb", "english", "inenglish", "us", "uk", "intl", "international",
     "news", "home", "homepage", "main_page", "world", "sections", "ushome"}
)  # fmt: skip


def _outlet_key(url_key: str, root_hosts: set[str]) -> str:
    """Where an MBFC rating of the outlet at `url_key` applies.

    MBFC rates outlets. A URL naming the outlet's front page ("bbc.com/news") rates the whole
    host, unless the host has a row of its own or is a platform hosting many publishers. Any
    other path ("newyorker.com/humor/borowitz-report") is a section with its own character,
    and the rating applies to that section only.
    """
    host, _, path = url_key.partition("/")
    if not path or host in root_hosts or host in SHARED_PLATFORMS:
        return url_key
    return host if all(seg in FRONT_PAGE_SEGMENTS for seg in path.split("/")) else url_key


def outlet_keys(url_keys: list[str]) -> list[str]:
    """Where the ratings of the outlets at `url_keys` apply, in order (see _outlet_key).

    Shared by the MBFC readers and the bundled domain quality ratings, whose lists rate outlets
    in the same way.
    """
    root_hosts = {key for key in url_keys if "/" not in key}
    return [_outlet_key(key, root_hosts) for key in url_keys]


def place_outlets(rated: list[Entry], result: ParseResult) -> None:
    """Add the `rated` entries, each keyed where its rating applies (see outlet_keys)."""
    for entry, key in zip(rated, outlet_keys([e.key for e in rated]), strict=True):
        entry.key = key
        result.add(entry)
