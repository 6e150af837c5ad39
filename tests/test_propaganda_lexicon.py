"""The propaganda detector's lexicon: SemEval labels, exact spans, neutral uses left alone."""

from __future__ import annotations

from newsift.detectors.propaganda.detector import PropagandaDetector
from newsift.detectors.propaganda.lexicon import find_loaded_phrases, load_lexicon
from newsift.document import Document

_DETECTOR = PropagandaDetector()


def _found(text: str) -> list[tuple[str, str]]:
    doc = Document(text=text)
    findings = [f for f in _DETECTOR.detect(doc) if "lexicon" in (f.evidence or {})]
    assert all(f.category == "propaganda" and f.level == "span" for f in findings)
    assert all(f.evidence["definition"] for f in findings)
    return sorted(
        ((doc.text[f.start : f.end], f.label) for f in findings),
        key=lambda pair: doc.text.index(pair[0]),
    )


def test_loaded_words_and_name_calling_with_semeval_labels() -> None:
    text = (
        "Turkey's president has thrown what may be his final temper tantrum. Once again the "
        "Middle Eastern bully boy has sent his tanks, and the so-called international "
        "community looks away. These thugs are disgraceful, critics slammed the regime."
    )
    assert _found(text) == [
        ("temper tantrum", "Loaded_Language"),
        ("Middle Eastern bully boy", "Name_Calling,Labeling"),
        ("so-called", "Loaded_Language"),
        ("thugs", "Name_Calling,Labeling"),
        ("disgraceful", "Loaded_Language"),
        ("slammed", "Loaded_Language"),
        ("regime", "Loaded_Language"),
    ]


def test_common_neutral_uses_are_not_flagged() -> None:
    text = (
        "The new tax regime starts in April. The sanctions regime was extended. "
        "A car slammed into a wall. The bridge was destroyed by the flood. "
        "The nuclear meltdown at the plant was contained."
    )
    assert _found(text) == []


def test_quoted_words_are_the_speakers_not_the_outlets() -> None:
    assert _found('The minister called the protesters "thugs" on Monday.') == []


def test_name_calling_span_does_not_swallow_sentence_start() -> None:
    assert _found("Thugs attacked the office.") == [("Thugs", "Name_Calling,Labeling")]
    assert _found("Again. Thugs attacked.")[0] == ("Thugs", "Name_Calling,Labeling")


def test_lexicon_loads_both_labels() -> None:
    labels = {e.label for e in load_lexicon().entries.values()}
    assert labels == {"Loaded_Language", "Name_Calling,Labeling"}


def test_search_with_the_taggers_tokens_finds_the_same_phrases() -> None:
    from newsift.detectors.propaganda.features import tokenize

    text = (
        "The Middle Eastern bully boy sent his thugs. Thug-like cronies and the’traitors "
        "cheered, while anti-thug campaigners and a bully-boy regime's stooges watched. "
        "THUGS! O'clowns, puppets-in-chief, and Traitor."
    )
    plain = find_loaded_phrases(text)
    with_tokens = find_loaded_phrases(text, tok=tokenize(text))
    assert with_tokens == plain
    found = {text[h.start : h.end].lower() for h in plain}
    # after an apostrophe inside a token, at a token start, upper case, hyphenated phrase
    assert {"traitors", "thugs", "bully-boy", "stooges", "clowns"} <= found
    assert "thug" not in found  # "anti-thug" and "Thug-like" are one word with a hyphen
