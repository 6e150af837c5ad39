"""Database keys: a host (without a leading www) and an optional path prefix.

A record is stored under a key such as "cbn.com", "sjlendman.blogspot.com" or
"newyorker.com/humor" (OpenSources lists sections of some sites). A lookup walks from the most
specific key down to the registered domain: "https://www1.cbn.com/x" tries "www1.cbn.com/x",
"www1.cbn.com", "cbn.com/x", "cbn.com". Keys are compared whole, label by label, never as string
suffixes, so "deviantart.com" can never match a record for "rt.com".
"""

from __future__ import annotations

import re

from newsift.text.domains import hostname_problem, registered_domain, split_url

# Path segments kept in a key; deeper paths are article pages, not sections of a site.
MAX_PATH_SEGMENTS = 3

_WWW = re.compile(r"^www\d*\.")
_INDEX_PAGE = re.compile(r"^(index|default|home)\.[a-z]+$")


def _unicode_label(label: str) -> str:
    """An IDNA "xn--" label in its Unicode form, so "xn--e1afmkfd.xn--p1ai" and "пример.рф"
    are one key; a label that is not valid punycode is kept as written (and checked as such)."""
    if not label.startswith("xn--"):
        return label
    try:
        return label[4:].encode("ascii").decode("punycode").lower()
    except (UnicodeError, ValueError):
        return label


def _host_and_segments(value: str) -> tuple[str, list[str]]:
    """Lower-cased host and path segments of a URL, a host, or a host followed by a path."""
    value = re.sub(r"\s+", "", value)  # lists contain typos such as "Silver-Coin-Investor. com"
    host, path = split_url(value)
    host = ".".join(_unicode_label(label) for label in host.split("."))
    segments = [s for s in path.lower().split("/") if s]
    if segments and _INDEX_PAGE.match(segments[-1]):
        segments.pop()
    return host, segments[:MAX_PATH_SEGMENTS]


def _strip_www(host: str, domain: str) -> str:
    stripped = _WWW.sub("", host)
    return stripped if host != domain and stripped.endswith(domain) else host


def normalise_key(value: str | None) -> str | None:
    """The key a record is stored under, or None when `value` names no registrable domain.

    "https://www.RT.com/" -> "rt.com"; "educateinspirechange.org/health/" ->
    "educateinspirechange.org/health"; "localhost" -> None.
    """
    if not value:
        return None
    host, segments = _host_and_segments(value)
    domain = registered_domain(host) if host else None
    if domain is None:
        return None
    host = _strip_www(host, domain)
    return "/".join([host, *segments])


def key_problem(value: str) -> str:
    """Why `value` cannot be a key, in words (for a value normalise_key refused)."""
    if re.search(r"\s", value.strip()):
        return "a host name has no spaces"
    host, _ = _host_and_segments(value)
    problem = hostname_problem(host.lower())
    return problem or "not a domain name or URL with a registrable domain"


def domain_of(value: str | None) -> str | None:
    """The registered domain of a URL or host; None for anything unparsable."""
    host, _ = _host_and_segments(value) if value else ("", [])
    return registered_domain(host) if host else None


def key_host(key: str) -> str:
    """The host part of a key ("newyorker.com/humor" -> "newyorker.com")."""
    return key.split("/", 1)[0]


def candidate_keys(value: str | None) -> list[str]:
    """Every key that could hold a record for `value`, most specific first."""
    if not value:
        return []
    host, segments = _host_and_segments(value)
    domain = registered_domain(host) if host else None
    if domain is None:
        return []
    labels = host.split(".")
    n_domain = domain.count(".") + 1
    hosts = [".".join(labels[i:]) for i in range(len(labels) - n_domain + 1)]
    keys: list[str] = []
    for h in hosts:
        keys.extend("/".join([h, *segments[:n]]) for n in range(len(segments), 0, -1))
        keys.append(h)
    return keys
