"""Corpus readers: JSON Lines, CSV, Parquet, directory trees and WARC -> Records / BadRecords."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsift.corpus import rows
from newsift.corpus.readers import count_records, expand, iter_records, parse_map
from newsift.corpus.readers.lines import count_nonblank_lines, numbered_lines
from newsift.corpus.records import BadRecord, Record, record_id
from newsift.errors import InputError
from newsift.ingest.files import MAX_BYTES

ARTICLE = (
    "The city council approved the new budget on Tuesday after a long debate. "
    "Officials said the plan would fund two schools and repair several bridges."
)


def _read(*inputs: str | Path, mapping: dict[str, str] | None = None) -> list[Record | BadRecord]:
    return list(iter_records([str(i) for i in inputs], mapping))


def _good(items: list[Record | BadRecord]) -> list[Record]:
    return [i for i in items if isinstance(i, Record)]


def _bad(items: list[Record | BadRecord]) -> list[BadRecord]:
    return [i for i in items if isinstance(i, BadRecord)]


def _jsonl(path: Path, *lines: str | bytes) -> Path:
    path.write_bytes(
        b"".join((ln if isinstance(ln, bytes) else ln.encode()) + b"\n" for ln in lines)
    )
    return path


# --- --map ---


def test_parse_map_renames_columns_to_fields():
    assert parse_map(["body=text", " headline = Title ", "link=url"]) == {
        "body": "text",
        "headline": "title",
        "link": "url",
    }
    assert parse_map([]) == {}


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("body", "not COLUMN=FIELD"),
        ("=text", "not COLUMN=FIELD"),
        ("body=", "not COLUMN=FIELD"),
        ("body=content", "unknown field 'content'"),
    ],
)
def test_parse_map_refuses_malformed_values(value, reason):
    with pytest.raises(InputError) as err:
        parse_map([value])
    assert err.value.input_name == "--map"
    assert reason in err.value.reason


def test_parse_map_refuses_two_columns_for_one_field():
    with pytest.raises(InputError, match="both map to 'text'"):
        parse_map(["body=text", "content=text"])
    with pytest.raises(InputError, match="mapped to both"):
        parse_map(["body=text", "body=html"])


# --- JSON Lines ---


def test_jsonl_good_and_bad_lines(tmp_path):
    path = _jsonl(
        tmp_path / "dump.jsonl",
        json.dumps({"id": "a1", "text": ARTICLE, "url": "https://news.example/a", "title": "T"}),
        "",
        "{broken json",
        json.dumps([1, 2]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": ARTICLE, "title": ["not", "a", "string"]}),
        b"\xff\xfe not utf-8",
        json.dumps({"id": 7, "html": f"<p>{ARTICLE}</p>", "date": "2024-05-01", "source": "ex"}),
        "   ",
    )
    items = _read(path)
    assert [i.position for i in items] == [f"line {n}" for n in (1, 3, 4, 5, 6, 7, 8)]
    first, last = _good(items)
    assert (first.id, first.text, first.url, first.title) == (
        "a1",
        ARTICLE,
        "https://news.example/a",
        "T",
    )
    assert first.input == str(path) and first.html is None
    assert (last.id, last.html, last.text, last.date, last.source) == (
        "7",
        f"<p>{ARTICLE}</p>",
        None,
        "2024-05-01",
        "ex",
    )
    reasons = [b.reason for b in _bad(items)]
    assert reasons[0] == "invalid JSON: Expecting property name enclosed in double quotes: column 2"
    assert reasons[1] == "not a JSON object: an array"
    assert reasons[2].startswith("no 'text' or 'html' field (has: title)")
    assert reasons[3] == "field 'title' is an array, not a string"
    assert reasons[4].startswith("not UTF-8 text")
    assert all("\n" not in r for r in reasons)
    assert count_records([str(path)]) == len(items) == 7


def test_jsonl_without_id_gets_a_stable_id_from_path_and_line(tmp_path):
    path = _jsonl(
        tmp_path / "a.ndjson",
        json.dumps({"text": ARTICLE}),
        json.dumps({"id": "", "text": ARTICLE}),
    )
    first, second = _read(path)
    assert first.id == record_id(str(path.resolve()), "line 1")
    assert second.id == record_id(str(path.resolve()), "line 2")
    assert [r.id for r in _read(path)] == [first.id, second.id]  # a rerun: the same ids


def test_map_renames_columns_and_a_mapped_column_wins(tmp_path):
    path = _jsonl(
        tmp_path / "nela.jsonl",
        json.dumps(
            {"content": ARTICLE, "headline": "H", "text": "ignored", "link": "https://a.example/x"}
        ),
        json.dumps({"text": "kept when content is absent"}),
    )
    mapped, fallback = _read(
        path, mapping=parse_map(["content=text", "headline=title", "link=url"])
    )
    assert (mapped.text, mapped.title, mapped.url) == (ARTICLE, "H", "https://a.example/x")
    assert fallback.text == "kept when content is absent"
    (unmapped, _) = _read(path)
    assert unmapped.text == "ignored" and unmapped.title is None


def test_jsonl_gz_and_a_truncated_gzip(tmp_path):
    lines = [json.dumps({"id": f"g{n}", "text": ARTICLE * 20}) for n in range(50)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    good = tmp_path / "dump.jsonl.gz"
    good.write_bytes(data)
    assert [r.id for r in _read(good)] == [f"g{n}" for n in range(50)]
    assert count_records([str(good)]) == 50
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = _read(cut)
    *read, last = items
    assert read and all(isinstance(r, Record) for r in read)
    assert isinstance(last, BadRecord) and last.reason.startswith("unreadable from here on")
    assert last.position == f"line {len(read) + 1}"


def test_long_lines_are_bounded_and_counted_in_chunks():
    stream = io.BytesIO(b"short\n" + b"x" * 100 + b"\nafter\n")
    assert list(numbered_lines(stream, limit=50)) == [(1, b"short\n"), (2, None), (3, b"after\n")]
    text = b"\xef\xbb\xbf\n" + b"a\n\n  \n" + b"b" * (3 << 20) + b"\nlast"
    assert count_nonblank_lines(io.BytesIO(text)) == 3


# --- CSV ---


def test_csv_rows_good_and_bad(tmp_path):
    long_text = "word " * 60_000  # 300 KB: over the csv module's default field limit
    path = tmp_path / "rows.csv"
    body = (
        "\r\nid,text,title,url\r\n"
        f'c1,"{ARTICLE}\nSecond paragraph, with a comma.",Title one,https://x.example/1\r\n'
        "\r\n"
        "c2,only three,fields\r\n"
        f"c3,{long_text},Long,\r\n"
    ).encode()
    path.write_bytes(b"\xef\xbb\xbf" + body + b"c4,caf\xe9 latin-1,T,\r\n,,empty,\r\n")
    items = _read(path)
    assert [i.position for i in items] == ["row 1", "row 2", "row 3", "row 4", "row 5"]
    one, three = _good(items)
    assert one.id == "c1" and one.text == f"{ARTICLE}\nSecond paragraph, with a comma."
    assert (one.title, one.url) == ("Title one", "https://x.example/1")
    assert three.text == long_text and three.url is None
    bad = {b.position: b.reason for b in _bad(items)}
    assert bad == {
        "row 2": "3 fields, the header has 4",
        "row 4": "not UTF-8 text",
        "row 5": "'text' and 'html' are empty",
    }
    assert count_records([str(path)]) == 5


def test_csv_that_cannot_be_parsed_on_ends_with_one_bad_record(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_bytes(b"text\nfine\nbad\rrow\nnever read\n")  # a bare CR: the parser gives up
    first, bad = _read(path)
    assert isinstance(first, Record) and first.text == "fine"
    assert isinstance(bad, BadRecord) and bad.position == "row 2"
    assert bad.reason == "unreadable from here on: a carriage return inside an unquoted field"
    assert count_records([str(path)]) is None


# --- Parquet ---


def _parquet(path: Path, select: str) -> Path:
    with duckdb.connect() as con:
        con.execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")
    return path


def test_parquet_rows_through_duckdb(tmp_path):
    path = _parquet(
        tmp_path / "articles.parquet",
        "SELECT * FROM (VALUES "
        f"(11, '{ARTICLE}', NULL, DATE '2024-03-01', 'news.example'), "
        "(12, NULL, NULL, NULL, NULL), "
        f"(NULL, NULL, '<p>{ARTICLE}</p>', NULL, 'other.example')"
        ") t(id, body, html, date, source)",
    )
    items = _read(path, mapping={"body": "text"})
    assert [i.position for i in items] == ["row 1", "row 2", "row 3"]
    first, third = _good(items)
    assert (first.id, first.text, first.date, first.source) == (
        "11",
        ARTICLE,
        "2024-03-01",
        "news.example",
    )
    assert third.html == f"<p>{ARTICLE}</p>" and third.id == record_id(str(path.resolve()), "row 3")
    (second,) = _bad(items)
    assert second.id == "12" and second.reason == "'text' and 'html' are empty"
    assert count_records([str(path)]) == 3


def test_parquet_without_usable_columns_and_a_corrupt_file(tmp_path):
    path = _parquet(tmp_path / "odd.parquet", "SELECT 'x' AS body, 'y' AS headline")
    (only,) = _read(path)
    assert isinstance(only, BadRecord) and "(has: body, headline)" in only.reason
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet at all")
    (bad,) = _read(junk)
    assert bad.position == "row 1" and bad.reason.startswith("unreadable from here on")
    assert count_records([str(junk)]) is None


# --- directory trees and article files ---


def _tree(root: Path) -> Path:
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "b" / "page.HTML").write_bytes(f"<html><body><p>{ARTICLE}</p></body></html>".encode())
    (root / "b" / "deep" / "story.json").write_text(json.dumps({"text": ARTICLE}), encoding="utf-8")
    (root / "b" / "deep" / "blob.htm").write_bytes(bytes(range(256)) * 4)  # binary junk
    (root / "b" / "notes.md").write_text("not an article")
    (root / "b" / ".hidden.txt").write_text("editor backup")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("not an article")
    return root


def test_directory_tree_nested_sorted_and_filtered(tmp_path):
    root = _tree(tmp_path / "corpus")
    items = _read(root)
    assert [i.position for i in items] == [
        "a.txt",
        "b/page.HTML",
        "b/deep/blob.htm",
        "b/deep/story.json",
    ]
    assert all(isinstance(i, Record) and i.input == str(root) for i in items)
    assert [i.content_type for i in items] == [
        "text/plain",
        "text/html",
        "text/html",
        "application/json",
    ]
    assert items[0].raw == ARTICLE.encode()
    assert items[0].id == record_id(str((root / "a.txt").resolve()), "file")
    assert count_records([str(root)]) == 4


def test_a_file_reached_twice_is_read_once(tmp_path):
    root = _tree(tmp_path / "corpus")
    items = _read(root / "a.txt", root, root / "b")
    assert [i.position for i in items] == [
        "a.txt",
        "b/page.HTML",
        "b/deep/blob.htm",
        "b/deep/story.json",
    ]
    assert items[0].input == str(root / "a.txt")
    assert count_records([str(root / "a.txt"), str(root), str(root / "b")]) == 4


def test_a_tree_file_over_the_size_limit_is_a_bad_record(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"a" * (MAX_BYTES + 1))
    (bad,) = _read(tmp_path)
    assert bad.position == "big.txt" and "too large" in bad.reason and "10.0 MB" in bad.reason


# --- expanding inputs ---


def test_expand_globs_several_inputs_order_and_duplicates(tmp_path):
    for name in ("b.jsonl", "a.jsonl", "notes.md"):
        (tmp_path / name).write_text("")
    (tmp_path / "crawl" / "2024").mkdir(parents=True)
    (tmp_path / "crawl" / "2024" / "x.warc.gz").write_bytes(b"")
    paths = expand(
        [str(tmp_path / "*"), str(tmp_path / "a.jsonl"), str(tmp_path / "crawl/**/*.warc.gz")]
    )
    assert paths == [
        tmp_path / "a.jsonl",
        tmp_path / "b.jsonl",
        tmp_path / "crawl",
        tmp_path / "crawl" / "2024" / "x.warc.gz",
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing.jsonl", "no such file or directory"),
        ("dumps/*.jsonl", "no file matches this pattern"),
        ("table.xlsx", "unsupported file type; supported: JSON Lines"),
        ("*.xlsx", "none of a supported type"),
    ],
)
def test_expand_refuses_bad_inputs_naming_them(tmp_path, name, reason):
    (tmp_path / "table.xlsx").write_bytes(b"PK")
    given = str(tmp_path / name)
    with pytest.raises(InputError) as err:
        expand([given])
    assert err.value.input_name == given and reason in err.value.reason
    with pytest.raises(InputError):
        iter_records([given])  # raised at the call, before any record is read


# --- WARC ---


def _http(
    status: str, content_type: str, extra: list[tuple[str, str]] | None = None
) -> StatusAndHeaders:
    return StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )


def _warc(path: Path) -> Path:
    html1 = f"<html><head><title>One</title></head><body><p>{ARTICLE}</p></body></html>".encode()
    html2 = f"<html><body><article><p>{ARTICLE} Again.</p></article></body></html>".encode()
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("t.warc.gz", {"software": "test"}))
        request = StatusAndHeaders(
            "GET /one HTTP/1.1", [("Host", "news.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record("https://news.example/one", "request", http_headers=request)
        )
        for uri, status, ctype, body, extra, date in (
            (
                "https://news.example/one",
                "200 OK",
                "text/html; charset=utf-8",
                html1,
                None,
                "2024-06-01T10:00:00Z",
            ),
            (
                "https://news.example/logo.png",
                "200 OK",
                "image/png",
                b"\x89PNG\r\n",
                None,
                "2024-06-01T10:00:01Z",
            ),
            (
                "https://news.example/old",
                "301 Moved",
                "text/html",
                b"<p>moved</p>",
                None,
                "2024-06-01T10:00:02Z",
            ),
            (
                "https://news.example/two",
                "200 OK",
                "application/xhtml+xml",
                gzip.compress(html2),
                [("Content-Encoding", "gzip")],
                "2024-06-02T08:30:00Z",
            ),
        ):
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=_http(status, ctype, extra),
                    warc_headers_dict={"WARC-Date": date},
                )
            )
    return path


def test_warc_yields_the_html_responses_only(tmp_path):
    path = _warc(tmp_path / "crawl.warc.gz")
    one, two = _read(path)
    assert (one.position, two.position) == ("record 3", "record 6")
    assert (one.url, one.date) == ("https://news.example/one", "2024-06-01T10:00:00Z")
    assert (two.url, two.date) == ("https://news.example/two", "2024-06-02T08:30:00Z")
    assert (
        one.content_type == "text/html; charset=utf-8"
        and two.content_type == "application/xhtml+xml"
    )
    assert one.raw.startswith(b"<html><head><title>One")
    assert two.raw.startswith(b"<html><body><article>")  # the gzip content encoding undone
    assert one.id.startswith("urn:uuid:") and one.id != two.id
    assert [r.id for r in _read(path)] == [one.id, two.id]  # the WARC's own ids: stable
    assert count_records([str(path)]) is None


def test_truncated_warc_gz_ends_with_one_bad_record(tmp_path):
    data = _warc(tmp_path / "full.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 40])  # into the last record
    items = _read(cut, tmp_path / "full.warc.gz")
    assert [type(i) for i in items] == [Record, BadRecord, Record, Record]
    bad = items[1]
    assert bad.input == str(cut) and bad.position == "record 6"
    assert bad.reason.startswith("truncated or corrupt WARC")


def test_stray_bytes_after_a_warc_record_are_an_error_row_not_stderr_noise(tmp_path, capfd):
    html = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n in (1, 2):
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{n}",
                "response",
                payload=io.BytesIO(html),
                http_headers=_http("200 OK", "text/html"),
            )
        )
    data = out.getvalue()
    second = data.index(b"WARC/1.0", 1)  # record 1 ends with its block, then CRLF CRLF
    path = tmp_path / "stray.warc"
    path.write_bytes(data[: second - 4] + b"<p>stray</p>" + data[second - 4 :])
    items = _read(path)
    assert capfd.readouterr().err == ""  # nothing tears through a progress bar
    assert [type(i) for i in items] == [Record, BadRecord, Record]
    bad = items[1]
    assert bad.position == "record 1" and "Content-Length is wrong" in bad.reason
    assert items[2].url == "https://news.example/2"  # the record after it is still read


@pytest.mark.parametrize(
    ("junk", "reason"),
    [
        (b"hello, not a warc\n", "Unknown archive format, first line:"),
        (b"this is not a WARC file\n", "not a WARC record (warcio read it as arc)"),
    ],
)
def test_garbage_named_warc_is_one_bad_record(tmp_path, junk, reason):
    path = tmp_path / "junk.warc"
    path.write_bytes(junk * 3)
    (bad,) = _read(path)
    assert bad.position == "record 1" and reason in bad.reason


# --- all together ---


def test_count_matches_what_is_read_and_ids_are_stable(tmp_path):
    root = _tree(tmp_path / "tree")
    jsonl = _jsonl(
        tmp_path / "d.jsonl", json.dumps({"text": ARTICLE}), "nope", json.dumps({"text": ARTICLE})
    )
    csv_path = tmp_path / "t.csv"
    csv_path.write_text(f"text\n{ARTICLE}\n", encoding="utf-8")
    inputs = [str(root), str(jsonl), str(csv_path)]
    first = list(iter_records(inputs))
    assert count_records(inputs) == len(first) == 4 + 3 + 1
    again = list(iter_records(inputs))
    assert [getattr(i, "id", None) for i in first] == [getattr(i, "id", None) for i in again]
    assert len({i.id for i in _good(first)}) == len(_good(first))
    warc = _warc(tmp_path / "c.warc.gz")
    assert count_records([*inputs, str(warc)]) is None


def test_records_become_article_and_error_rows(tmp_path):
    from newsift.analyzer import Analyzer

    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    jsonl = _jsonl(
        tmp_path / "d.jsonl",
        json.dumps({"id": "j1", "text": ARTICLE + " The mayor welcomed the vote."}),
        "{bad",
        json.dumps({"id": "j2", "title": "no body"}),
    )
    warc = _warc(tmp_path / "c.warc.gz")
    records = list(iter_records([str(tmp_path / "tree"), str(jsonl), str(warc)]))
    out = rows.analyse(Analyzer(), records, "r")
    assert sorted(a["id"] for a in out.articles) == sorted(r.id for r in _good(records))
    assert len(out.articles) == 4
    assert [(e["input"], e["position"]) for e in out.errors] == [
        (str(jsonl), "line 2"),
        (str(jsonl), "line 3"),
    ]
    by_id = {a["id"]: a for a in out.articles}
    assert by_id["j1"]["input"] == str(jsonl) and by_id["j1"]["position"] == "line 1"
    warc_rows = [a for a in out.articles if a["input"] == str(warc)]
    assert {a["url"] for a in warc_rows} == {"https://news.example/one", "https://news.example/two"}
