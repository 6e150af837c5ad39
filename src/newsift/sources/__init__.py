"""Source reputation database: what lists say about a publisher, and why.

Three tiers of records, highest precedence first: the user's own entries (`newsift sources set`),
imported files (`newsift sources import`), and the bundled lists (data/, read-only): the
OpenSources labels (LGPL-3.0, see data/OPENSOURCES-NOTICE.md) and the domain quality ratings
of Lin et al. 2023, filled in from Burdisso et al. 2024's labels (see data/RATINGS-NOTICE.md).
All live in one SQLite file in the user's data directory (NEWSIFT_HOME overrides it); the
bundled tier is reloaded whenever the package ships different data. Matching is by host and
registered domain (see keys.py), never by string suffix.

Every list's categorical ratings are normalised to the label vocabulary `LABELS`; the scorer
weighs labels, and `SEVERITY` orders them from the most to the least damaging to a source's
credibility. A record may also carry a numeric quality rating, 0 (lowest) .. 1 (highest), with
its reason and citation; labels and rating are looked up separately, so a user's own rating
wins over the bundled one without hiding the bundled labels.
"""

from __future__ import annotations

from newsift.findings import SourceInfo

# label -> one-line meaning. OpenSources types first, then Media Bias/Fact Check ratings (as
# published by MBFC or by Baly et al.), then political lean.
LABELS: dict[str, str] = {
    # OpenSources (2017) types
    "fake": "sources that entirely fabricate information, spread deceptive content or grossly "
    "distort actual news reports",
    "satire": "sources that use humour, irony, exaggeration and false information to comment on "
    "current events",
    "bias": "sources that come from a particular point of view and may rely on propaganda, "
    "decontextualised information and opinions distorted as facts (extreme bias)",
    "conspiracy": "sources that are known promoters of conspiracy theories",
    "rumor": "sources that traffic in rumours, gossip, innuendo and unverified claims",
    "state": "sources in repressive states operating under government sanction (state media)",
    "junksci": "sources that promote pseudoscience, naturalistic fallacies and other "
    "scientifically dubious claims",
    "hate": "sources that actively promote racism, misogyny, homophobia or other discrimination",
    "clickbait": "sources with generally credible content but exaggerated, misleading or "
    "questionable headlines, descriptions or images",
    "unreliable": "sources that may be reliable but whose content needs further verification "
    "(proceed with caution)",
    "political": "sources that provide generally verifiable information in support of certain "
    "points of view or political orientations",
    "reliable": "sources that circulate news in a manner consistent with traditional and "
    "ethical journalism",
    # Media Bias/Fact Check ratings
    "questionable": "sources with extreme bias, propaganda, poor sourcing or failed fact checks "
    "(MBFC's questionable sources)",
    "low_factuality": "sources rated low or very low for factual reporting",
    "mixed_factuality": "sources rated mixed for factual reporting: they do not always use "
    "proper sourcing or fail some fact checks",
    "high_factuality": "sources rated high, very high or mostly factual for factual reporting",
    "pro_science": "sources that are legitimate science or evidence based (MBFC pro-science)",
    # Political lean (says little about accuracy on its own)
    "extreme_left": "sources with an extreme left-wing bias",
    "left": "sources with a left-wing bias",
    "left_center": "sources with a slight to moderate left-wing bias",
    "center": "sources with minimal political bias (least biased)",
    "right_center": "sources with a slight to moderate right-wing bias",
    "right": "sources with a right-wing bias",
    "extreme_right": "sources with an extreme right-wing bias",
}

# Most damaging first. Political lean without a factuality rating says least about reliability,
# so the lean labels come after the favourable ones: a source rated high_factuality and
# left_center is summarised by high_factuality.
SEVERITY: tuple[str, ...] = (
    "fake",
    "hate",
    "conspiracy",
    "junksci",
    "questionable",
    "low_factuality",
    "unreliable",
    "satire",
    "rumor",
    "clickbait",
    "state",
    "mixed_factuality",
    "bias",
    "extreme_left",
    "extreme_right",
    "political",
    "pro_science",
    "high_factuality",
    "reliable",
    "left",
    "right",
    "left_center",
    "right_center",
    "center",
)

# How strongly a label bears on reliability, signed: negative lowers trust, positive raises it.
# The detector reports abs() as the Finding's score and the sign in its evidence.
EFFECT: dict[str, float] = {
    "fake": -1.0,
    "hate": -0.9,
    "conspiracy": -0.9,
    "junksci": -0.8,
    "questionable": -0.8,
    "low_factuality": -0.8,
    "unreliable": -0.6,
    "satire": -0.5,
    "rumor": -0.6,
    "clickbait": -0.4,
    "state": -0.4,
    "mixed_factuality": -0.4,
    "bias": -0.4,
    "extreme_left": -0.4,
    "extreme_right": -0.4,
    "political": -0.2,
    "pro_science": 0.5,
    "high_factuality": 0.7,
    "reliable": 0.7,
    "left": -0.1,
    "right": -0.1,
    "left_center": 0.0,
    "right_center": 0.0,
    "center": 0.0,
}


def rating_effect(rating: float) -> float:
    """A 0..1 quality rating as a signed effect on trust, on EFFECT's scale: 2 x rating - 1.

    0.5 neither raises nor lowers trust; 1 raises it most, 0 lowers it most."""
    return round(2.0 * rating - 1.0, 2)


def effect_words(effect: float) -> str:
    """'raises trust', 'lowers trust' or 'neither raises nor lowers trust'."""
    if effect > 0:
        return "raises trust"
    return "lowers trust" if effect < 0 else "neither raises nor lowers trust"


def most_severe(labels: list[str]) -> str | None:
    """The label of `labels` that weighs most against the source (first in SEVERITY)."""
    known = [label for label in labels if label in LABELS]
    return min(known, key=SEVERITY.index) if known else None


def lookup(domain: str | None) -> SourceInfo:
    """The record for a domain, host or URL: user entry, else import, else the bundled list."""
    if not domain:
        return SourceInfo(domain=None, found=False)
    from newsift.sources.db import get_db  # sqlite3 only when a lookup is actually made

    return get_db().lookup(domain)


__all__ = [
    "EFFECT",
    "LABELS",
    "SEVERITY",
    "effect_words",
    "lookup",
    "most_severe",
    "rating_effect",
]
