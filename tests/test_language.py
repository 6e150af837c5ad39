"""Language identification, and detectors that only run on the languages they support."""

from __future__ import annotations

import json
import pickle
import time
from dataclasses import asdict

import pytest

from newsift.document import Document
from newsift.findings import SCHEMA_VERSION, Report, Skipped, report_json_schema
from newsift.ingest.language import MIN_LETTERS, SAMPLE_CHARS, identify, name_of, sample

# Written in Russian, not translated: a council story that ends with a donation appeal.
RUSSIAN = (
    "Городской совет утвердил бюджет\n\n"
    "Во вторник городской совет большинством голосов утвердил бюджет на следующий год. "
    "По словам председателя комиссии, основные расходы пойдут на ремонт школ и дорог. "
    "Депутаты оппозиции заявили, что проект готовили в спешке и без общественного "
    "обсуждения. Мэрия сообщила, что первые работы начнутся весной.\n\n"
    "Поддержите нас: нам нужно собрать 100 000 рублей, чтобы и дальше писать о городе."
)
ENGLISH = (
    "The city council approved next year's budget on Tuesday. "
    "Most of the money will go to repairing schools and roads, the committee chair said. "
    "Opposition members said the plan was rushed."
)
SHORT_ARTICLES = {
    "fr": "Le conseil municipal a voté mardi le budget de l'année prochaine. La plupart des "
    "fonds serviront à rénover les écoles et les routes.",
    "de": "Der Stadtrat hat am Dienstag den Haushalt für das nächste Jahr beschlossen. Das "
    "meiste Geld fließt in die Sanierung von Schulen und Straßen.",
    "es": "El ayuntamiento aprobó el martes el presupuesto del año que viene. La mayor parte "
    "del dinero se destinará a reparar escuelas y carreteras.",
    "it": "Il consiglio comunale ha approvato martedì il bilancio del prossimo anno. Gran parte "
    "dei fondi servirà a ristrutturare scuole e strade.",
    "pt": "A câmara municipal aprovou na terça-feira o orçamento do próximo ano. A maior parte "
    "do dinheiro vai para a reparação de escolas e estradas.",
}


def english_only(analyzer) -> set[str]:
    return {d.name for d in analyzer.detectors if d.languages == frozenset({"en"})}


# --- identification -------------------------------------------------------------------------


def test_russian_and_english_are_identified_with_high_confidence():
    ru, en = identify(RUSSIAN), identify(ENGLISH)
    assert ru.code == "ru" and ru.confidence is not None and ru.confidence > 0.9
    assert en.code == "en" and en.confidence is not None and en.confidence > 0.9


@pytest.mark.parametrize("code", sorted(SHORT_ARTICLES))
def test_short_articles_in_other_languages_are_identified(code):
    guess = identify(SHORT_ARTICLES[code])
    assert guess.code == code
    assert 0.5 <= guess.confidence <= 1.0


@pytest.mark.parametrize("text", ["Hello world", "12 345 678 !!! 2024-01-01", "", "Шок!"])
def test_too_little_text_is_not_identified(text):
    assert sum(c.isalpha() for c in text) < MIN_LETTERS
    assert identify(text).code is None


def test_the_title_counts_and_the_sample_is_capped():
    # A headline alone is short, but with a body it is judged together with it.
    assert sample("body", "title") == "title\nbody"
    huge = ENGLISH * 200_000  # ~30 MB
    assert len(sample(huge)) == SAMPLE_CHARS
    identify(ENGLISH)  # load the model outside the timing
    started = time.perf_counter()
    guess = identify(huge)
    assert time.perf_counter() - started < 0.5
    assert guess.code == "en"
    assert guess == identify(huge)  # the same text, the same answer


def test_language_names():
    assert name_of("ru") == "Russian" and name_of("de") == "German"
    assert name_of("pcm") == "pcm"  # no name in the table: the code itself
    assert name_of(None) == "an unidentified language"


# --- Document ---------------------------------------------------------------------------------


def test_every_document_has_a_language_even_when_built_directly():
    doc = Document(text=SHORT_ARTICLES["fr"])
    assert doc.language == "fr"
    assert doc.language_confidence is not None and doc.language_confidence > 0.5
    copy = pickle.loads(pickle.dumps(Document(text=RUSSIAN)))  # as sent to an analysis process
    assert copy.language == "ru"


def test_a_language_given_by_hand_is_kept():
    doc = Document(text=ENGLISH, language="de")
    assert doc.language == "de"
    assert doc.language_confidence is None  # not measured
    both = Document(text=ENGLISH, language="ru", language_confidence=0.7)
    assert (both.language, both.language_confidence) == ("ru", 0.7)


def test_ingest_sets_the_language():
    from newsift.ingest import from_string

    assert from_string(RUSSIAN).language == "ru"
    assert from_string(f"<html><body><p>{SHORT_ARTICLES['es']}</p></body></html>").language == "es"


# --- Analyzer ---------------------------------------------------------------------------------


def test_russian_article_gets_no_english_model_verdicts(analyzer):
    report = analyzer.analyze(RUSSIAN)
    assert report.article.language == "ru"
    assert report.article.language_confidence > 0.9
    skipped_names = {s.detector for s in report.skipped}
    assert english_only(analyzer) >= {"clickbait", "propaganda", "claims", "hyperpartisan"}
    assert english_only(analyzer) <= skipped_names
    assert not [f for f in report.findings if f.detector in skipped_names]
    for s in report.skipped:
        assert "the article is in Russian (ru)" in s.reason
        assert s.detector not in report.detectors  # `detectors` lists those that ran
    assert "source" in report.detectors and "text_quality" in report.detectors
    # the score rests only on detectors that ran
    signals = {c.signal for c in report.reliability.contributions}
    assert not signals & {"hyperpartisan_tone", "clickbait_headline", "manipulative_wording"}
    reasons = {s.detector: s.reason for s in report.skipped}
    assert reasons["hyperpartisan"].startswith("trained on English text only")


def test_russian_donation_appeal_is_found(analyzer):
    # Relies on the Russian cue lists of the fundraising detector (issue 9, point 3).
    report = analyzer.analyze(RUSSIAN)
    appeals = [f for f in report.findings if f.category == "fundraising"]
    assert appeals, report.skipped
    assert "Поддержите нас" in RUSSIAN[appeals[0].start : appeals[0].end]


def test_english_article_runs_every_detector(analyzer):
    report = analyzer.analyze(ENGLISH)
    assert report.article.language == "en"
    assert report.skipped == []
    assert set(report.detectors) == {d.name for d in analyzer.detectors}


def test_unidentified_language_runs_every_detector(analyzer):
    report = analyzer.analyze("SHOCKING!!! Read now")
    assert report.article.language is None
    assert report.skipped == []


def test_a_batch_of_mixed_languages_skips_per_document(analyzer):
    en, ru = analyzer.analyze_documents([Document(text=ENGLISH), Document(text=RUSSIAN)])
    assert en.skipped == [] and ru.skipped
    assert english_only(analyzer) <= {s.detector for s in ru.skipped}
    alone = analyzer.analyze_document(Document(text=ENGLISH))
    assert [f.to_dict() for f in en.findings] == [f.to_dict() for f in alone.findings]


# --- report JSON and schema -----------------------------------------------------------------


def test_report_json_has_the_new_fields(analyzer):
    data = json.loads(analyzer.analyze(RUSSIAN).to_json())
    assert data["schema_version"] == SCHEMA_VERSION == "1.3"
    assert data["article"]["language"] == "ru"
    assert 0.9 < data["article"]["language_confidence"] <= 1.0
    assert all(set(s) == {"detector", "reason"} for s in data["skipped"])
    assert "clickbait" in {s["detector"] for s in data["skipped"]}


def test_to_dict_matches_asdict_with_skips(analyzer):
    report = analyzer.analyze(RUSSIAN)
    assert report.skipped
    # "coverage" (analyze --corpus) is left out when unset, so reports without it are unchanged.
    assert report.to_dict() == {k: v for k, v in asdict(report).items() if k != "coverage"}


def test_api_encoder_writes_the_same_fields(analyzer):
    from newsift.api.service import encode_json

    report = analyzer.analyze(RUSSIAN)
    assert json.loads(encode_json(report)) == json.loads(report.to_json())


def test_schema_has_the_new_fields(run_cli):
    schema = report_json_schema()
    defs = schema["$defs"]
    assert {"language", "language_confidence"} <= set(defs["ArticleInfo"]["properties"])
    assert "skipped" in schema["properties"]
    assert set(defs["Skipped"]["required"]) == {"detector", "reason"}
    assert schema["$id"].endswith("report-1.3.json")
    result = run_cli("schema")
    assert result.code == 0
    printed = json.loads(result.out)
    assert "skipped" in printed["properties"]
    assert "language" in printed["$defs"]["ArticleInfo"]["properties"]


def test_api_reports_language_and_skips(analyzer):
    from fastapi.testclient import TestClient

    from newsift.api import Settings, create_app

    with TestClient(create_app(Settings(warm_up=False), analyzer=analyzer)) as client:
        body = client.post("/v1/analyze", json={"text": RUSSIAN}).json()
    assert body["article"]["language"] == "ru"
    assert any(s["detector"] == "hyperpartisan" for s in body["skipped"])


# --- rendering --------------------------------------------------------------------------------


def test_terminal_and_html_say_which_detectors_were_skipped(analyzer):
    from newsift.render.html import render_html
    from newsift.render.language import skip_line
    from newsift.render.terminal import render_terminal

    report = analyzer.analyze(RUSSIAN)
    line = skip_line(report)
    assert line is not None and line.startswith("Skipped (article in Russian): ")
    assert "hyperpartisan" in line and "trained on English text only" in line
    assert "\n" not in line
    text = render_terminal(report, record=True)
    assert "Skipped (article in Russian)" in text
    assert "Russian (ru, confidence" in text
    page = render_html(report)
    assert "Skipped (article in Russian): " in page
    assert 'lang="ru"' in page

    english = analyzer.analyze(ENGLISH)
    assert skip_line(english) is None
    assert "Skipped" not in render_terminal(english, record=True)
    assert "Skipped" not in render_html(english)


def test_skip_reasons_are_escaped_in_html(analyzer):
    from dataclasses import replace

    from newsift.render.html import render_html

    report = analyzer.analyze(ENGLISH)
    hostile = replace(report, skipped=[Skipped("<b>x</b>", "<script>alert(1)</script>")])
    assert isinstance(hostile, Report)
    page = render_html(hostile)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cached_model_answers_exactly_as_py3langid(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from newsift.ingest import language

    monkeypatch.setenv("NEWSIFT_CACHE", str(tmp_path))
    cached = language._from_cache()  # unpacks into tmp_path
    assert language._cache_dir().is_dir()
    again = language._from_cache()  # memory-maps what it unpacked
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in [RUSSIAN, ENGLISH, *SHORT_ARTICLES.values(), "x"]:
        assert cached.rank(text)[:5] == again.rank(text)[:5] == reference.rank(text)[:5]
    # a damaged cache is refused, removed, and unpacked again on the next call
    (language._cache_dir() / "ptc.npy").write_bytes(b"damaged")
    with pytest.raises(ValueError):
        language._from_cache()
    assert not language._cache_dir().exists()
    assert language._from_cache().rank(ENGLISH)[0][0] == "en"
