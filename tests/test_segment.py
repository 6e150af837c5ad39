from newsift.text.segment import split_sentences, split_words


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_offsets_index_the_text_exactly():
    text = '  First one.  Second "quoted!" Third?\n\nFourth para without stop\nFifth.'
    for span in split_sentences(text):
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()


def test_abbreviations_and_initials_do_not_split():
    text = "Mr. Smith met Dr. J. Doe in the U.S. on Monday. They talked."
    assert texts(text) == ["Mr. Smith met Dr. J. Doe in the U.S. on Monday.", "They talked."]


def test_decimal_numbers_and_lowercase_continuations_do_not_split():
    text = "Growth was 3.5 per cent. it was said. Then it fell."
    assert texts(text) == ["Growth was 3.5 per cent. it was said.", "Then it fell."]


def test_line_breaks_are_hard_boundaries():
    assert texts("Headline without stop\nBody sentence one. Body two.") == [
        "Headline without stop",
        "Body sentence one.",
        "Body two.",
    ]


def test_quotes_close_sentences():
    assert texts('He said "stop." Then he left.') == ['He said "stop."', "Then he left."]


def test_sentences_open_and_close_with_other_languages_quotes_and_marks():
    assert texts("¿Dónde está? ¡Nadie lo sabe! «Es grave», dijo.") == [
        "¿Dónde está?",
        "¡Nadie lo sabe!",
        "«Es grave», dijo.",
    ]
    assert texts("Il a dit « non. » Puis il est parti.") == [
        "Il a dit « non. »",
        "Puis il est parti.",
    ]
    assert texts("Il a dit « non. »\nPuis.") == ["Il a dit « non. »", "Puis."]
    assert texts("Er sagte: „Das ist gut.“ Dann ging er. »Nein.« Sie blieb.") == [
        "Er sagte: „Das ist gut.“",
        "Dann ging er.",
        "»Nein.«",
        "Sie blieb.",
    ]


def test_empty_and_whitespace_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_words_keep_inner_hyphens_and_shift_offsets():
    words = split_words("well-known US-backed group's", offset=10)
    assert [w.text for w in words] == ["well-known", "US-backed", "group's"]
    assert words[0].start == 10


def test_upper_case_words_are_the_upper_case_tokens() -> None:
    from newsift.text.segment import split_words, upper_case_words

    text = (
        "NATO and the EU-led FORCE met. ABC-def, abc-DEF, aBC, O'NEILL's ÉCOLE école "
        "F-35 2024 I A-B-C x-RAY RAY-x DON'T WON’T ÀÉÎ _ US_ARMY tHE THE. ÜBER-cool BIG!"
    )
    expected = [w for w in split_words(text) if w.text.isupper()]
    found = upper_case_words(text)
    assert found == expected
    texts = [w.text for w in found]
    assert texts[:4] == ["NATO", "FORCE", "ÉCOLE", "F-35"]  # "EU-led" is one mixed-case word
    assert {"A-B-C", "DON'T", "WON’T", "ÀÉÎ", "US_ARMY", "THE", "BIG"} <= set(texts)
    assert not {"ABC-def", "abc-DEF", "ÜBER-cool", "2024", "O'NEILL's"} & set(texts)


def test_a_document_with_its_words_counted_can_be_pickled() -> None:
    import pickle

    from newsift.document import Document

    doc = Document(text="Officials said on Monday that the well-known plan was approved.")
    assert doc.word_count == 10  # "well-known" is one word
    assert doc.word_table.words[6:8] == ["well-known", "plan"]
    copy = pickle.loads(pickle.dumps(doc))  # a fetched Document goes to an analysis process
    assert copy.word_count == 10 and copy.word_table.words[0] == "Officials"


def test_the_word_table_matches_split_words_across_chunks() -> None:
    from newsift.text import segment

    text = "Officials said the well-known plan, O'Neill's, was approved. " * 20_000
    table = segment.word_table(text)  # more words than one chunk of matches
    spans = segment.split_words(text)
    assert len(table) == len(spans) > segment._WORD_CHUNK
    assert table.words == [s.text for s in spans]
    assert table.starts.tolist() == [s.start for s in spans]
    assert table.ends.tolist() == [s.end for s in spans]
    assert table.words[0] is table.words[8]  # a recurring word is stored once
