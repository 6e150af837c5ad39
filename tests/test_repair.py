"""Encoding repair: true mojibake is undone and recorded; clean text is never touched."""

from __future__ import annotations

import pytest

from newsift.ingest import from_text
from newsift.ingest.repair import repair_text


def _check_offsets(text: str, repairs) -> None:
    for r in repairs:
        assert text[r.start : r.end] == r.after


def test_required_example_mac_cyrillic_caption() -> None:
    text, repairs = repair_text("–осси€. ћосква")
    assert text == "Россия. Москва"
    assert len(repairs) == 1
    r = repairs[0]
    assert r.kind == "cyrillic_codepage"
    assert (r.before, r.after) == ("–осси€. ћосква", "Россия. Москва")
    assert r.explanation == "Windows-1251 text that was decoded as Mac Cyrillic"
    assert (r.start, r.end) == (0, len("Россия. Москва"))


def test_caption_inside_english_text_keeps_offsets() -> None:
    original = "Crowds gathered on Sunday.\n\nPhoto: –осси€. ћосква (Reuters)"
    text, repairs = repair_text(original)
    assert text == "Crowds gathered on Sunday.\n\nPhoto: Россия. Москва (Reuters)"
    assert [r.after for r in repairs] == ["Россия. Москва"]
    _check_offsets(text, repairs)


RUSSIAN = "Президент России Владимир Путин заявил в четверг, что переговоры продолжатся."


@pytest.mark.parametrize(
    ("written_as", "read_as", "explanation"),
    [
        ("cp1251", "mac_cyrillic", "Windows-1251 text that was decoded as Mac Cyrillic"),
        ("cp1251", "cp1252", "Windows-1251 text that was decoded as Windows-1252"),
        ("koi8_r", "cp1251", "KOI8-R text that was decoded as Windows-1251"),
        ("cp1251", "koi8_r", "Windows-1251 text that was decoded as KOI8-R"),
        ("mac_cyrillic", "cp1251", "Mac Cyrillic text that was decoded as Windows-1251"),
        # Latin-1 and Windows-1252 agree on these bytes; the more common name is reported.
        ("koi8_r", "latin_1", "KOI8-R text that was decoded as Windows-1252"),
    ],
)
def test_cyrillic_codepage_confusions(written_as: str, read_as: str, explanation: str) -> None:
    damaged = RUSSIAN.encode(written_as).decode(read_as)
    assert damaged != RUSSIAN
    text, repairs = repair_text(damaged)
    assert text == RUSSIAN
    assert {r.kind for r in repairs} == {"cyrillic_codepage"}
    assert {r.explanation for r in repairs} == {explanation}
    _check_offsets(text, repairs)


@pytest.mark.parametrize(
    "original",
    [
        "Київ, Україна — столиця",  # Ukrainian
        "София е столицата на България",  # Bulgarian
        "Ещё одна новость: объём экспорта вырос на 5%.",  # ё and a figure
        "Фото: ТАСС / Сергей Иванов",  # an agency credit in capitals
    ],
)
def test_other_languages_and_shapes_of_cyrillic_mojibake(original: str) -> None:
    damaged = original.encode("cp1251").decode("mac_cyrillic")
    assert repair_text(damaged)[0] == original
    damaged = original.encode("cp1251").decode("cp1252")
    assert repair_text(damaged)[0] == original


@pytest.mark.parametrize(
    ("damaged", "repaired", "explanation"),
    [
        ("The cafÃ© is closed.", "The café is closed.", "UTF-8 text that was decoded as"),
        ("He said â€œnoâ€\x9d twice.", "He said “no” twice.", "UTF-8 text that was decoded as"),
        ("Prices rose â€” again.", "Prices rose — again.", "UTF-8 text that was decoded as"),
        ("Ð\x9fÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€", "Привет, мир", "UTF-8 text that was decoded as"),
        ("AT&amp;T shares fell", "AT&T shares fell", "HTML character references decoded"),
    ],
)
def test_ftfy_repairs(damaged: str, repaired: str, explanation: str) -> None:
    text, repairs = repair_text(damaged)
    assert text == repaired
    assert repairs and all(r.kind == "ftfy" for r in repairs)
    assert all(r.explanation.startswith(explanation) for r in repairs)
    _check_offsets(text, repairs)


def test_ftfy_repairs_are_one_per_damaged_word() -> None:
    text, repairs = repair_text("The cafÃ© in ZÃ¼rich is open.")
    assert text == "The café in Zürich is open."
    assert [(r.before, r.after) for r in repairs] == [("cafÃ©", "café"), ("ZÃ¼rich", "Zürich")]
    _check_offsets(text, repairs)


CLEAN = [
    "The euro (€) fell – again — to $1.05; “quotes” and ‘single quotes’… © 2024 Reuters ®",
    "Il a été à Paris où il a déjà vu l’été. Ça va? À bientôt, garçon! Crème brûlée.",
    "Die Größe der Straße überrascht Mädchen und Jungen in Zürich.",
    "Президент России заявил, что «переговоры» продолжатся — ещё объём, Москва.",
    "Київ — столиця України, їжак, ґанок, єдність.",
    "Београд је главни град Србије, ћирилица и латиница.",
    "Македонија: мислење, добивање, јавност, ќерки, ѕидови.",
    "Señor Muñoz visitó Ærø, Łódź and İstanbul; Ελληνικά γράμματα; 東京 ＡＢＣ",
    "Plain ASCII text with an ampersand & and <angle> brackets.",
    "Компания Apple и iPhone 15 Pro — новинки 2024 г.; СССР, КПСС, ВЦИОМ, МИД РФ, «Ъ».",
    "Цена — 5 €/кг, т.е. дешевле; № 5 «Ведомости»; ±5 °C, 10² м², π ≈ 3,14 😀",
    "Қазақстан Республикасы — әлемдегі ең үлкен елдердің бірі.",
    "ÉTATS-UNIS: LA CRISE CONTINUE À L’ÉTÉ; ŁÓDŹ I GDAŃSK; Şanlıurfa; Tiếng Việt có dấu",
]


@pytest.mark.parametrize("clean", CLEAN)
def test_clean_text_is_unchanged(clean: str) -> None:
    text, repairs = repair_text(clean)
    assert text == clean
    assert repairs == []


def test_line_breaks_normalised_silently() -> None:
    text, repairs = repair_text("one\r\ntwo\rthree")
    assert text == "one\ntwo\nthree"
    assert repairs == []


def test_document_lists_repairs_with_offsets_into_text() -> None:
    doc = from_text("Moscow marks holiday\n\nCrowds filled the square on Sunday.\n\n–осси€. ћосква")
    assert doc.title == "Moscow marks holiday"
    assert doc.text.endswith("Россия. Москва")
    assert [r.kind for r in doc.repairs] == ["cyrillic_codepage"]
    _check_offsets(doc.text, doc.repairs)


def test_damaged_title_is_repaired() -> None:
    doc = from_text("CafÃ© prices soar\n\nThe price of coffee rose again this week.")
    assert doc.title == "Café prices soar"


def test_typography_only_lines_skip_ftfy_but_damage_does_not() -> None:
    from newsift.ingest.repair import _ftfy_could_change

    assert not _ftfy_could_change("It’s “fine” – really — she said…")
    assert _ftfy_could_change("It’s cafÃ© time")  # mojibake beside curly quotes
    assert _ftfy_could_change("“Fish &amp; chips”")  # an HTML entity
    assert _ftfy_could_change("“Smart” ‘quotes’ â€œbrokenâ€\x9d")
    text, repairs = repair_text("It’s “fine”.\nHe said â€œhelloâ€\x9d to cafÃ© owners.")
    assert text == "It’s “fine”.\nHe said “hello” to café owners."
    assert [r.after for r in repairs] == ["“hello”", "café"]
