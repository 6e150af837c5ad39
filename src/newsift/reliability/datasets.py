"""The labelled article sets the reliability combiner learns from and is measured on.

Each loader reads one folder of ../shared/data (see its SOURCE.md) and yields `LabelledArticle`s
with label 1 (reliable) or 0 (unreliable). Decisions, the same for training and the bench:
- Satire (Horne 2017's third class, Golbeck 2018's satire) counts as unreliable: it is not news to
  be read literally, and a fact-checker who met it as an article would not trust its claims.
- AllSides articles carry their outlet's rating (lin2023_pc1): >= 0.7 reliable, < 0.4
  unreliable, the middle and unrated outlets left out (the issue's definition); the middle ones
  are read only by the style model (`allsides_mid_rated`).
- `group` is the outlet where it is known (a registered domain), else the article itself: the
  cross-validation never puts one outlet on both sides.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsift.errors import DataError

RELIABLE_PC1, UNRELIABLE_PC1 = 0.7, 0.4


@dataclass(frozen=True)
class LabelledArticle:
    dataset: str  # e.g. "fakenewsnet_buzzfeed"
    id: str  # unique within the dataset
    title: str | None
    text: str
    label: int  # 1 reliable, 0 unreliable
    group: str  # outlet (domain) or "<dataset>:<id>" when the outlet is unknown
    url: str | None = None
    kind: str = ""  # the set's own class name: real, fake, satire, legit, ...
    rating: float | None = None  # the outlet's domain-quality rating (AllSides: lin2023_pc1)


def _read_text(path: Path | bytes) -> str:
    raw = path if isinstance(path, bytes) else path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # Golbeck's Mac/Windows files


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    from newsift.text.domains import registered_domain

    try:
        return registered_domain(url)
    except Exception:  # a malformed URL in a dataset only loses its group
        return None


def _page_address(item: dict) -> str | None:
    """The address of the page the crawler landed on. FakeNewsNet's `url` is the link as it was
    shared, often a publisher's short link (politi.co, cnn.it, abcn.ws) that redirects to the
    article; its `canonical_link` is the page's own address, the one newsift itself would see
    after following the redirects (ingest.url) or reading the page's canonical tag
    (ingest.html). The shared link is the fallback."""
    canonical = (item.get("canonical_link") or "").strip()
    if canonical.startswith(("http://", "https://")):
        return canonical
    return item.get("url") or None


def fakenewsnet(root: Path, part: str) -> Iterator[LabelledArticle]:
    """FakeNewsNet v1, part 'BuzzFeed' or 'PolitiFact'; 'Real'/'Fake' from the file name."""
    name = f"fakenewsnet_{part.lower()}"
    for kind, label in (("Real", 1), ("Fake", 0)):
        for path in sorted((root / part / f"{kind}NewsContent").glob("*.json")):
            item = json.loads(path.read_text(encoding="utf-8"))
            text = (item.get("text") or "").strip()
            if len(text.split()) < 20:  # the few empty extractions say nothing
                continue
            url = _page_address(item)
            domain = _domain(url) or _domain(item.get("source"))
            yield LabelledArticle(
                name,
                path.stem,
                (item.get("title") or "").strip() or None,
                text,
                label,
                domain or f"{name}:{path.stem}",
                url,
                kind.lower(),
            )


def horne2017(root: Path) -> Iterator[LabelledArticle]:
    """Both parts of Horne & Adali (2017); bodies and titles share a file name."""
    zpath = root / "Horne2017_FakeNewsData.zip"
    with zipfile.ZipFile(zpath) as zf:
        names = set(zf.namelist())
        for member in sorted(names):
            m = re.match(
                r"Public Data/(Buzzfeed|Random) [^/]*/(Fake|Real|Satire)/([^/]+\.txt)$", member
            )
            if not m:
                continue
            part, kind, file = m.groups()
            title_member = member.replace(f"/{kind}/", f"/{kind}_titles/")
            title = _read_text(zf.read(title_member)).strip() if title_member in names else None
            text = _read_text(zf.read(member)).strip()
            if len(text.split()) < 20:
                continue
            ident = f"{part.lower()}/{kind.lower()}/{file}"
            yield LabelledArticle(
                "horne2017",
                ident,
                title or None,
                text,
                int(kind == "Real"),
                f"horne2017:{ident}",
                None,
                kind.lower(),
            )


def _first_line_title(raw: str) -> tuple[str | None, str]:
    lines = raw.strip().splitlines()
    if len(lines) > 1 and len(lines[0].split()) <= 25:
        return lines[0].strip() or None, "\n".join(lines[1:]).strip()
    return None, raw.strip()


def perez_rosas(root: Path, part: str) -> Iterator[LabelledArticle]:
    """Pérez-Rosas et al. (2018): part 'fakeNewsDataset' (FakeNewsAMT) or 'celebrityDataset'."""
    name = "perez_rosas_amt" if part == "fakeNewsDataset" else "perez_rosas_celebrity"
    for kind, label in (("legit", 1), ("fake", 0)):
        for path in sorted((root / part / kind).glob("*.txt")):
            title, text = _first_line_title(_read_text(path))
            if len(text.split()) < 20:
                continue
            yield LabelledArticle(
                name,
                f"{kind}/{path.name}",
                title,
                text,
                label,
                f"{name}:{kind}/{path.name}",
                None,
                kind,
            )


def golbeck2018(root: Path) -> Iterator[LabelledArticle]:
    """Golbeck et al. (2018): fake and satire, both unreliable; there is no reliable class."""
    for folder, kind in (("finalFake", "fake"), ("finalSatire", "satire")):
        for path in sorted((root / folder).glob("*.txt")):
            title, text = _first_line_title(_read_text(path).replace("\r\n", "\n"))
            if len(text.split()) < 20:
                continue
            ident = f"{kind}/{path.name}"
            yield LabelledArticle(
                "golbeck2018", ident, title, text, 0, f"golbeck2018:{ident}", None, kind
            )


def _allsides_rows(root: Path, where: str) -> Iterator[tuple]:
    import duckdb

    rows = duckdb.sql(
        f"SELECT id, domain, url, title, text, lin2023_pc1 FROM '{root / 'articles.parquet'}' "
        f"WHERE {where} ORDER BY id"
    ).fetchall()
    for row in rows:
        if row[4] and len(row[4].split()) >= 20:
            yield row


def allsides(root: Path) -> Iterator[LabelledArticle]:
    """AllSides articles labelled by their outlet's Lin et al. rating; mid-rated outlets out."""
    where = f"lin2023_pc1 >= {RELIABLE_PC1} OR lin2023_pc1 < {UNRELIABLE_PC1}"
    for ident, domain, url, title, text, pc1 in _allsides_rows(root, where):
        label = int(pc1 >= RELIABLE_PC1)
        yield LabelledArticle(
            "allsides",
            str(ident),
            title or None,
            text,
            label,
            domain,
            url or None,
            "high" if label else "low",
            float(pc1),
        )


def allsides_mid_rated(data_dir: Path) -> list[LabelledArticle]:
    """The AllSides articles of mid-rated outlets (0.4 <= pc1 < 0.7): no class of their own, so
    never in the combiner's rows or figures, but their rating teaches the style model
    (newsift.detectors.style.train) how wording varies between the extremes. Label -1."""
    root = Path(data_dir) / DATASETS["allsides"][0]
    if not root.is_dir():
        raise DataError(f"{data_dir}: no dataset folder {root.name!r} found")
    where = f"lin2023_pc1 >= {UNRELIABLE_PC1} AND lin2023_pc1 < {RELIABLE_PC1}"
    return [
        LabelledArticle(
            "allsides_mid", str(i), title or None, text, -1, domain, url or None, "mid", float(pc1)
        )
        for i, domain, url, title, text, pc1 in _allsides_rows(root, where)
    ]


# name -> (folder under the data root, loader). Order is the bench's order.
DATASETS = {
    "fakenewsnet_buzzfeed": ("fakenewsnet_v1", lambda p: fakenewsnet(p, "BuzzFeed")),
    "fakenewsnet_politifact": ("fakenewsnet_v1", lambda p: fakenewsnet(p, "PolitiFact")),
    "horne2017": ("horne2017_political_news", horne2017),
    "perez_rosas_amt": (
        "perez_rosas2018_fakenewsamt_celebrity",
        lambda p: perez_rosas(p, "fakeNewsDataset"),
    ),
    "perez_rosas_celebrity": (
        "perez_rosas2018_fakenewsamt_celebrity",
        lambda p: perez_rosas(p, "celebrityDataset"),
    ),
    "golbeck2018": ("golbeck2018_fake_vs_satire", golbeck2018),
    "allsides": ("allsides_articles_by_source", allsides),
}


def load(data_dir: Path, names: list[str] | None = None) -> list[LabelledArticle]:
    """Every article of the named sets (all by default) under the data root `data_dir`."""
    out: list[LabelledArticle] = []
    for name in names or list(DATASETS):
        folder, loader = DATASETS[name]
        path = Path(data_dir) / folder
        if not path.is_dir():
            raise DataError(
                f"{data_dir}: no dataset folder {folder!r} found (give --data the data root)"
            )
        out.extend(loader(path))
    return out
