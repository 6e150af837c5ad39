"""The bundled domain quality ratings (data/ratings.json): their sources and citations, the
reason sentence shown beside each figure, and the reader of the file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import InputError

# Built by tools/build_source_ratings.py; see data/RATINGS-NOTICE.md for the sources, their
# licences and the rule that combines them.
RATINGS_FORMAT = "newsift-source-ratings/1"
RATINGS_ORIGIN = "bundled:ratings"  # a bundled record with a rating and no OpenSources labels
RATINGS_NAME = "ratings.json"
RATINGS_NOTICE = "RATINGS-NOTICE.md"
LIN_DOI = "10.1093/pnasnexus/pgad286"
LIN_CITATION = (
    "Lin, H., Lasser, J., Lewandowsky, S., Cole, R., Gully, A., Rand, D. G., & Pennycook, G. "
    "(2023). High level of correspondence across different news domain quality rating sets. "
    f"PNAS Nexus 2(9), pgad286. doi:{LIN_DOI}"
)
IDIAP_CITATION = (  # as the data's SOURCE.md gives it
    'Burdisso, Sanchez-Cortes, Villatoro-Tello & Motlicek, "Reliability Estimation of News Media '
    'Sources: Birds of a Feather Flock Together", NAACL 2024.'
)
# Where a rating comes from: the two bundled lists, or the user's own entry.
RATING_SOURCES = {
    "lin2023": "Lin et al. 2023 aggregate domain quality (first principal component of six "
    "expert rating sets)",
    "idiap2024": "Burdisso et al. 2024 golden reliability label, as a number (see "
    "RATINGS-NOTICE.md)",
    "user": "your own rating (newsift sources set --rating)",
}
IDIAP_LABELS = {1: "reliable", 0: "mixed", -1: "unreliable", -2: "very unreliable"}
_IDIAP_LABEL_SOURCES = {
    "mbfc": "from Media Bias/Fact Check",
    "newsguard": "from NewsGuard",
    "wikipedia": "from Wikipedia's perennial sources list",
    "manual": "manual annotation",
}


@dataclass(frozen=True)
class Rating:
    """A domain's quality on a 0 (lowest) .. 1 (highest) scale, with where it comes from."""

    key: str
    rating: float
    source: str  # a key of RATING_SOURCES
    reason: str  # one sentence with the citation, shown beside the figure


def lin_reason(rating: float) -> str:
    return f"Lin et al. 2023 aggregate domain quality {rating:.2f} (PNAS Nexus, doi:{LIN_DOI})"


def idiap_reason(rating: float, label: int, label_source: str, overlap: int) -> str:
    by = _IDIAP_LABEL_SOURCES.get(label_source, label_source or "source not given")
    return (
        f"Burdisso et al. 2024 (NAACL) label '{IDIAP_LABELS.get(label, label)}' ({by}), not "
        f"rated by Lin et al. 2023, as {rating:.2f}: the mean Lin et al. 2023 quality of the "
        f"{overlap} domains both rate that carry this label (PNAS Nexus, doi:{LIN_DOI})"
    )


def read_ratings(path: Path) -> list[Rating]:
    """The records of a bundled ratings file (RATINGS_FORMAT, written by the build tool).

    Records are [key, rating, "lin2023"] or [key, rating, "idiap2024", label, label_source];
    the file's "idiap_label_mapping" gives how many domains each label's figure rests on.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"unreadable ratings file ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != RATINGS_FORMAT:
        raise InputError(str(path), f"not a {RATINGS_FORMAT} file")
    overlap = {
        int(label): int(row["overlap"]) for label, row in data["idiap_label_mapping"].items()
    }
    ratings = []
    for key, rating, source, *rest in data["records"]:
        if source == "lin2023":
            reason = lin_reason(rating)
        else:
            label, label_source = rest
            reason = idiap_reason(rating, label, label_source, overlap.get(label, 0))
        ratings.append(Rating(key, float(rating), source, reason))
    return ratings
