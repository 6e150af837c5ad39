"""Source reputation database: keys, importers, precedence, seeding."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsift.errors import DataError, InputError
from newsift.findings import SourceInfo
from newsift.sources import EFFECT, LABELS, SEVERITY, lookup, most_severe
from newsift.sources.db import SourceDB, get_db
from newsift.sources.importers import build_seed, read
from newsift.sources.keys import candidate_keys, normalise_key

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SEED = FIXTURES / "seed.json"


@pytest.fixture
def db(tmp_path) -> SourceDB:
    """A database seeded from the small test seed (cbn.com, rt.com, a blog, a section)."""
    database = SourceDB(tmp_path / "sources.sqlite3", seed=SEED)
    yield database
    database.close()


# --- keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("https://www.RT.com/news/", "rt.com/news"),
        ("www.rt.com", "rt.com"),
        ("www1.cbn.com", "cbn.com"),
        ("Silver-Coin-Investor. com", "silver-coin-investor.com"),
        ("educateinspirechange.org/health/", "educateinspirechange.org/health"),
        ("citizensunited.org/index.aspx", "citizensunited.org"),
        ("news.example.co.uk", "news.example.co.uk"),
        ("localhost", None),
        ("82.221.129.208", None),
        ("", None),
    ],
)
def test_normalise_key(value, key):
    assert normalise_key(value) == key


def test_candidate_keys_walk_from_the_host_to_the_registered_domain():
    assert candidate_keys("https://www1.cbn.com/x") == [
        "www1.cbn.com/x",
        "www1.cbn.com",
        "cbn.com/x",
        "cbn.com",
    ]
    assert candidate_keys("deviantart.com") == ["deviantart.com"]
    assert "rt.com" not in candidate_keys("rt.com.attacker.net")
    assert candidate_keys("rt.com.attacker.net")[-1] == "attacker.net"
    assert candidate_keys(None) == []


# --- matching -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["cbn.com", "www1.cbn.com", "https://www1.cbn.com/x", "CBN.COM"])
def test_subdomains_and_urls_match_the_registered_domain(db, query):
    info = db.lookup(query)
    assert info.found and info.domain == "cbn.com" and info.labels == ["bias"]


@pytest.mark.parametrize(
    "query", ["deviantart.com", "https://www.deviantart.com/art", "notrt.com", "rt.com.evil.net"]
)
def test_no_suffix_string_matching(db, query):
    assert not db.lookup(query).found


def test_real_seed_matches_rt_but_not_deviantart():
    assert lookup("https://www.rt.com/news/1").labels == ["state"]
    assert lookup("https://www.rt.com/news/1").origin == "bundled:opensources"
    assert not lookup("deviantart.com").found
    assert not lookup("art.deviantart.com").found


def test_blog_host_and_site_section_match_only_themselves(db):
    assert db.lookup("https://blogger.blogspot.com/2017/post").labels == ["conspiracy"]
    assert not db.lookup("https://other.blogspot.com/").found
    assert not db.lookup("blogspot.com").found
    assert db.lookup("https://www.funnypaper.com/humor/joke-1").labels == ["satire"]
    assert db.lookup("https://www.funnypaper.com/humor/joke-1").domain == "funnypaper.com/humor"
    assert not db.lookup("https://www.funnypaper.com/politics/x").found
    assert not db.lookup("funnypaper.com").found


def test_lookup_none_and_unknown():
    assert lookup(None) == SourceInfo(domain=None, found=False)
    assert lookup("") == SourceInfo(domain=None, found=False)
    missing = lookup("https://news.nowhere-listed.org/a")
    assert not missing.found and missing.domain == "nowhere-listed.org" and missing.labels == []


# --- precedence ---------------------------------------------------------------------------------


def test_user_beats_import_beats_seed(db):
    assert db.lookup("rt.com").origin == "bundled:opensources"

    db.import_result(read(FIXTURES / "baly.tsv", "baly"))
    # baly.tsv lists rt.com/news as the outlet's front page: the rating applies to rt.com
    info = db.lookup("https://www.rt.com/news/x")
    assert (info.origin, info.labels) == ("import:baly", ["mixed_factuality", "right_center"])
    assert not info.user_override

    db.set_user("www.rt.com", ["reliable"], "I checked their corrections policy.", notes="n")
    info = db.lookup("rt.com")
    assert info.origin == "user" and info.user_override
    assert info.labels == ["reliable"] and info.reasons == ["I checked their corrections policy."]
    assert info.notes == "n"
    assert [r.origin for r in db.records_for("rt.com")] == [
        "user",
        "import:baly",
        "bundled:opensources",
    ]

    assert db.remove_user("https://rt.com/") == "rt.com"
    assert db.lookup("rt.com").origin == "import:baly"
    assert db.remove_user("rt.com") is None


def test_a_later_import_wins_and_reimport_replaces(db, tmp_path):
    db.import_result(read(FIXTURES / "opensources.json", "opensources"))
    assert db.lookup("rt.com").origin == "import:opensources"
    db.import_result(read(FIXTURES / "baly.tsv", "baly"))
    assert db.lookup("rt.com").origin == "import:baly"

    first = db.counts()["import:baly"]
    summary = db.import_result(read(FIXTURES / "baly.tsv", "baly"))
    assert summary.replaced and db.counts()["import:baly"] == first
    assert len(db.imports()) == 2


def test_set_user_validates(db):
    with pytest.raises(InputError, match="unknown label"):
        db.set_user("cbn.com", ["trustworthy"], "because")
    with pytest.raises(InputError, match="give a label"):
        db.set_user("cbn.com", [], "because")
    with pytest.raises(InputError, match="registrable domain"):
        db.set_user("localhost", ["fake"], "because")
    with pytest.raises(InputError, match="say why"):
        db.set_user("cbn.com", ["fake"], "   ")
    assert db.lookup("cbn.com").origin == "bundled:opensources"


# --- importers ----------------------------------------------------------------------------------


def test_opensources_json_normalises_types_and_counts_bad_rows():
    result = read(FIXTURES / "opensources.json", "opensources")
    entries = {e.key: e for e in result.entries}
    assert set(entries) == {"rt.com", "fakeplace.example.com", "typo.com", "funnypaper.com/humor"}
    assert entries["fakeplace.example.com"].labels == ["fake", "bias"]
    assert entries["typo.com"].labels == ["unreliable"]
    assert entries["funnypaper.com/humor"].labels == ["satire"]
    assert result.rows == 8 and result.imported == 4 and result.n_skipped == 4
    assert result.skipped == {
        "no valid domain": 1,  # an IP address
        "no recognised type": 1,  # only "blog"
        "malformed row": 1,  # not an object
        "duplicate domain": 1,  # same key as an earlier row
    }
    assert result.ignored_values == {"type 'blog'": 2}
    fake = entries["fakeplace.example.com"]
    assert fake.reasons[0].startswith("Listed as 'fake' by OpenSources: sources that entirely")
    assert fake.reasons[0].endswith("OpenSources note: Invents quotes.")
    assert fake.reasons[1].startswith("Listed as 'bias' by OpenSources")
    assert fake.notes == "Invents quotes."


def test_opensources_csv():
    result = read(FIXTURES / "opensources.csv", "opensources")
    entries = {e.key: e for e in result.entries}
    assert entries["sillyhoax.com"].labels == ["fake", "conspiracy"]
    assert entries["sillyhoax.com"].notes == 'false quotes, "hoaxes" and more'
    assert entries["silver-coin-investor.com"].labels == ["junksci"]
    assert result.skipped == {"no recognised type": 1, "malformed row": 1, "duplicate domain": 1}
    assert result.rows == 6 and result.imported == 3


def test_baly():
    result = read(FIXTURES / "baly.tsv", "baly")
    entries = {e.key: e for e in result.entries}
    assert entries["goodpaper.com"].labels == ["high_factuality", "left_center"]
    assert entries["partisan.example.net"].labels == ["low_factuality", "extreme_right"]
    assert entries["oddfact.org"].labels == ["center"]  # its fact value is unknown
    assert "rt.com" in entries  # from source_url: "rt.com-news" is not a domain
    assert entries["goodpaper.com"].reasons[0].startswith("Rated 'high' for factual reporting")
    assert result.skipped == {"no recognised rating": 1, "malformed row": 1, "no valid domain": 1}
    assert result.ignored_values == {
        "factual reporting 'somewhat'": 2,
        "political bias 'sideways'": 1,
    }


def test_mbfc():
    result = read(FIXTURES / "mbfc.csv", "mbfc")
    entries = {e.key: e for e in result.entries}
    assert entries["broadcaster.example.org"].labels == ["high_factuality", "center"]
    assert entries["broadcaster.example.org"].notes == "Broadcaster News; country: UK"
    assert entries["conspiro.com"].labels == ["low_factuality", "conspiracy", "junksci"]
    assert "conspiracy level 5 of 5" in entries["conspiro.com"].reasons[1]
    assert "'Very Low'" in entries["conspiro.com"].reasons[0]
    assert entries["bigsite.com"].labels == ["high_factuality", "right_center"]
    assert "'Mostly Factual'" in entries["bigsite.com"].reasons[0]
    assert entries["sciencey.org"].labels == ["high_factuality", "pro_science"]
    assert entries["brunswickpaper.com"].labels == ["high_factuality"]  # URL inside the cell
    assert entries["weird.com"].labels == ["left_center"]
    # a page on a shared platform, a section of a site with its own row, and a section with a
    # character of its own keep their path; the front page "/news" rates the whole host
    assert {"facebook.com/somepage", "bigsite.com/opinion", "magazine.com/humor/column"} <= set(
        entries
    )
    assert "facebook.com" not in entries and "magazine.com" not in entries
    assert result.skipped == {"no valid domain": 1, "no recognised rating": 1, "malformed row": 1}
    assert result.ignored_values == {"image_factual 'mbfcshiny'": 1}
    assert result.rows == 13 and result.imported == 10


def test_files_in_the_wrong_format_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="missing column"):
        read(FIXTURES / "mbfc.csv", "baly")
    with pytest.raises(InputError, match="no 'type' column"):
        read(FIXTURES / "baly.tsv", "opensources")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        read(bad, "opensources")
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "missing.csv", "mbfc")
    with pytest.raises(InputError, match="unknown format"):
        read(FIXTURES / "mbfc.csv", "xml")


# --- seed ---------------------------------------------------------------------------------------


def test_build_seed_and_reseed_on_upgrade(tmp_path):
    data = tmp_path / "opensources"
    data.mkdir()
    shutil.copy(FIXTURES / "opensources.json", data / "sources.json")
    seed, result = build_seed(data, tmp_path / "seed")
    assert result.imported == 4
    assert json.loads(seed.read_text())["records"][0]["key"] == "fakeplace.example.com"

    db_file = tmp_path / "db" / "sources.sqlite3"
    db = SourceDB(db_file, seed=seed, ratings=None)  # the OpenSources labels only
    assert db.lookup("typo.com").origin == "bundled:opensources"
    db.set_user("typo.com", ["reliable"], "Fine now.")
    db.close()

    # a new package version ships a different seed: the bundled tier follows, the user's entry stays
    (data / "sources.json").unlink()
    shutil.copy(FIXTURES / "opensources.csv", data / "sources.csv")
    build_seed(data, tmp_path / "seed")
    db = SourceDB(db_file, seed=seed, ratings=None)  # the OpenSources labels only
    assert db.lookup("sillyhoax.com").labels == ["fake", "conspiracy"]
    assert not db.lookup("fakeplace.example.com").found
    assert db.lookup("typo.com").origin == "user"
    assert db.counts() == {"user": 1, "bundled:opensources": 3}
    db.close()


def test_bundled_seed_is_consistent():
    seed = json.loads((Path(get_db().seed)).read_text(encoding="utf-8"))
    assert len(seed["records"]) > 800
    for record in seed["records"]:
        assert record["labels"] and set(record["labels"]) <= set(LABELS)
        assert len(record["reasons"]) == len(record["labels"])
        assert normalise_key(record["key"]) == record["key"]
    assert (Path(get_db().seed).parent / "OPENSOURCES-NOTICE.md").is_file()


def test_unwritable_home_falls_back_to_the_bundled_list(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSIFT_HOME", str(blocker))
    with caplog.at_level("WARNING", logger="newsift.sources.db"):
        assert lookup("rt.com").labels == ["state"]
    # A logged warning (shown on stderr when nothing else handles it), not a print.
    assert any("using the bundled list only" in r.getMessage() for r in caplog.records)
    with pytest.raises(DataError):
        get_db(writable=True)


# --- vocabulary ---------------------------------------------------------------------------------


def test_label_tables_agree():
    assert set(LABELS) == set(SEVERITY) == set(EFFECT)
    assert len(SEVERITY) == len(set(SEVERITY))
    assert all(-1.0 <= v <= 1.0 for v in EFFECT.values())


def test_most_severe():
    assert most_severe(["bias", "political", "fake"]) == "fake"
    assert most_severe(["left_center", "high_factuality"]) == "high_factuality"
    assert most_severe(["right", "mixed_factuality"]) == "mixed_factuality"
    assert most_severe(["satire", "low_factuality"]) == "low_factuality"
    assert most_severe(["unknown"]) is None


@pytest.mark.parametrize(
    "garbage", ["http://[", "://", "   ", "not a domain", "file:///tmp/x.html"]
)
def test_lookup_never_raises_on_garbage(garbage):
    info = lookup(garbage)
    assert not info.found and info.domain is None
