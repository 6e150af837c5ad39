from newsift.findings import Finding
from newsift.render.html import render_html
from newsift.render.segments import highlight_segments
from newsift.render.terminal import render_terminal
from test_findings import make_report

TEXT = "Donate now. They are thugs <script>alert(1)</script> indeed."


def findings() -> list[Finding]:
    thugs = TEXT.index("thugs")
    return [
        Finding("fundraising", "fundraising", "donation_appeal", "Asks for money.", 0.9, 0, 11),
        Finding(
            "propaganda",
            "propaganda",
            "Name_Calling,Labeling",
            "Labels a group <insultingly>.",
            0.8,
            thugs,
            thugs + 5,
            evidence={"definition": "Labelling the object of the propaganda."},
        ),
        Finding("claims", "claims", "check_worthy", "A claim.", 0.7, 12, len(TEXT), "sentence"),
    ]


def test_segments_cover_text_and_prefer_the_narrowest_span():
    fs = findings()
    segments = highlight_segments(TEXT, fs)
    assert "".join(TEXT[s.start : s.end] for s in segments) == TEXT
    thugs = next(s for s in segments if TEXT[s.start : s.end] == "thugs")
    assert thugs.findings == (1, 2)  # span finding first, then the covering sentence


def _covering_by_brute_force(text: str, fs: list[Finding]) -> list[tuple[int, int, tuple]]:
    """The definition: every piece between boundaries, with every finding that covers it."""
    n = len(text)
    located = [i for i, f in enumerate(fs) if f.start is not None and f.end != f.start]
    cuts = sorted({0, n} | {max(0, min(x, n)) for i in located for x in (fs[i].start, fs[i].end)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        cover = [i for i in located if fs[i].start <= a and fs[i].end >= b]
        cover.sort(key=lambda i: (fs[i].level != "span", fs[i].end - fs[i].start))
        out.append((a, b, tuple(cover)))
    return out


def test_segments_match_their_definition_on_overlapping_findings():
    import random

    rng = random.Random(7)
    text = "x" * 200
    for _ in range(200):
        fs = []
        for _ in range(rng.randint(0, 12)):
            a, b = sorted(rng.randint(0, 210) for _ in range(2))  # past the end too
            level = rng.choice(["span", "sentence"])
            fs.append(Finding("d", "c", "l", "e", 0.5, a, b if rng.random() > 0.1 else a, level))
        got = [(s.start, s.end, s.findings) for s in highlight_segments(text, fs)]
        assert got == _covering_by_brute_force(text, fs)


def test_html_escapes_article_text_and_explanations():
    page = render_html(make_report(TEXT, findings()))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>title</b>" not in page
    assert "&lt;insultingly&gt;" in page
    assert "Labelling the object of the propaganda." in page  # the definition is in the tooltip
    assert 'class="cat-fundraising"' in page


def test_terminal_report_lists_score_findings_and_source():
    out = render_terminal(make_report(TEXT, findings()), record=True)
    assert "42/100" in out
    assert "MIXED" in out
    assert "donation_appeal" in out
    assert "example.org" in out
    assert "not in the reputation database" in out


def test_a_long_report_prints_in_pieces_with_the_same_lines(monkeypatch):
    from newsift.render import terminal

    text = "\n".join(f"Donate now, line {i}. They are thugs here." for i in range(40))
    fs = [
        Finding("fundraising", "fundraising", "donation_appeal", "Asks.", 0.9, i, i + 10)
        for i in range(0, len(text), 42)
    ]
    whole = render_terminal(make_report(text, fs), record=True)
    monkeypatch.setattr(terminal, "FINDINGS_PER_PRINT", 3)
    monkeypatch.setattr(terminal, "ARTICLE_CHARS_PER_PRINT", 100)
    pieces = render_terminal(make_report(text, fs), record=True)

    def findings_section(out: str) -> list[str]:
        lines = out.splitlines()
        end = next(i for i, line in enumerate(lines) if "Article (highlighted)" in line)
        return lines[lines.index("Findings") : end]

    assert findings_section(whole) == findings_section(pieces)
    assert findings_section(pieces).count("      Asks.") == len(fs)
    assert pieces.count("donation_appeal") == whole.count("donation_appeal") == len(fs)
    article = [line for line in pieces.splitlines() if line.startswith("Donate now, line")]
    assert article == text.splitlines()  # every line once, none cut or joined
    assert "Article (highlighted)" in pieces
