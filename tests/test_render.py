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
