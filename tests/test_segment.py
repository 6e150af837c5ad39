from newsift.segment import split_sentences, split_words


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


def test_empty_and_whitespace_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_words_keep_inner_hyphens_and_shift_offsets():
    words = split_words("well-known US-backed group's", offset=10)
    assert [w.text for w in words] == ["well-known", "US-backed", "group's"]
    assert words[0].start == 10
