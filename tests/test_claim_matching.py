"""Claim matching's own term rules (compare.terms, compare.matching) and the verdict's name
variants (compare.verdict.name_present), on small made-up sentences."""

from __future__ import annotations

from newsift.stories.compare.matching import MATCH_THRESHOLD, Sentence, SentenceIndex
from newsift.stories.compare.terms import (
    assertion_words,
    claim_terms,
    shares_assertion,
    strip_boilerplate,
)
from newsift.stories.compare.verdict import missing_names, name_present


def _index(*texts: tuple[str, str]) -> SentenceIndex:
    return SentenceIndex([Sentence(outlet, outlet, text) for outlet, text in texts])


def test_boilerplate_is_cut_before_terms_are_counted() -> None:
    glued = "Sign up for our daily newsletter. The mayor opened the bridge on Monday."
    assert strip_boilerplate(glued).strip() == "The mayor opened the bridge on Monday."
    terms = claim_terms("Once registered, you can read every story. Click here to see more.")
    assert not any(t.startswith("w:regis") or t.startswith("w:click") for t in terms)


def test_attribution_words_do_not_count() -> None:
    terms = claim_terms(
        "The spokesman told reporters, according to a statement, that talks failed."
    )
    assert {"w:spoke", "w:told", "w:accor", "w:state", "w:repor"}.isdisjoint(terms)
    assert {"w:talks", "w:faile"} <= set(terms)
    # The word itself is dropped, not its prefix: "state" of a state of emergency stays.
    assert "w:state" in claim_terms("The governor declared a state of emergency.")


def test_names_figures_and_times_are_no_assertion_words() -> None:
    words = assertion_words("Mayor Anna Koval, 48, met 3,000 farmers on Wednesday afternoon.")
    assert words.lower == {"met", "farme"}
    assert words.capitalised == {"anna", "koval"}  # a title ("Mayor") and a weekday are left out
    assert assertion_words("Prime Minister Modi visited Delhi.").capitalised == {"modi", "delhi"}


def test_a_shared_assertion_word_is_written_in_lower_case_somewhere() -> None:
    claim = assertion_words("Cosmo Pulls Bachelor Cover Amid Claims")  # a glued title
    assert shares_assertion(claim, assertion_words("The magazine pulls the cover."))
    assert not shares_assertion(claim, assertion_words("Cosmo Pulls Bachelor Cover"))
    assert shares_assertion(claim, assertion_words("Cosmo Pulls Bachelor Cover"), {"cover"})
    # A name capitalised in both texts is not an assertion word.
    assert not shares_assertion(
        assertion_words("Prime Minister Narendra Modi cracked down on absenteeism."),
        assertion_words("Prime Minister Narendra Modi visited New Delhi."),
    )


def test_same_names_another_statement_do_not_match() -> None:
    index = _index(
        ("a", "President Ilham Aliyev said the pipeline will open in June."),
        ("b", "President Ilham Aliyev said in his message that the elections were fair."),
        ("b", "The pipeline will open in June, President Ilham Aliyev said."),
        ("c", "President Ilham Aliyev said in his message to the nation on Friday."),
        ("c", "Aliyev thanked the voters."),
    )
    claim = "President Ilham Aliyev said the pipeline will open in June."
    b, c = index.best_per_outlet(claim, ["b", "c"])
    assert b.sentence is not None and b.sentence.text.startswith("The pipeline will open")
    assert b.similarity >= MATCH_THRESHOLD
    # Outlet c shares only the attribution: no assertion word, similarity 0, no match.
    assert c.sentence is None and c.similarity == 0.0
    assert index.similarity(claim, "President Ilham Aliyev said in his message to the nation.") == 0


def test_a_side_figure_alone_does_not_match() -> None:
    index = _index(
        ("a", "Medicaid was expanded in 25 states, at a cost of millions."),
        ("b", "Premiums rose by 25 percent, the insurers said."),
    )
    claim = "Premiums rose by 25 percent, costing millions."
    assert index.similarity(claim, index.sentences[0].text) == 0  # only "25" and "millions"
    assert index.similarity(claim, index.sentences[1].text) >= MATCH_THRESHOLD


def test_a_capitalised_word_counts_when_the_story_writes_it_in_lower_case() -> None:
    index = _index(
        ("a", "Texas Turkey Farm Contaminated With Ebola"),
        ("b", "Texas Turkey Farm Contaminated With Ebola"),
        ("b", "The farm said the turkeys were contaminated."),
    )
    title = "Texas Turkey Farm Contaminated With Ebola"
    assert index.similarity(title, title) > 0.99  # "contaminated", "farm": lower case in b
    assert index.similarity(title, "Governor Greg Abbott of Texas spoke.") == 0


def test_related_sentences_still_need_no_shared_assertion_word() -> None:
    index = _index(("a", "By Thursday 23 people had died, officials said."))
    (match,) = index.best_per_outlet("The wildfire has killed 90 people, insiders say.", ["a"])
    assert match.sentence is None  # no assertion word in common ("people" is one, killed/died not)
    assert [s.text for s in match.related] == ["By Thursday 23 people had died, officials said."]


def test_name_variants_count_as_named() -> None:
    assert name_present("CENTCOM", "U.S. Central Command said on Tuesday") is True
    assert name_present("Central Command", "CENTCOM confirmed the strike") is True
    assert name_present("NATO", "the North Atlantic Treaty Organization met") is True
    assert name_present("NY Post", "the Post reported") is True
    assert name_present("Mike Brown", "Michael Brown was shot") is True
    assert name_present("Trump’s", "Trump said") is True
    assert name_present("Kai", "the dog was found") is False
    assert name_present("Northern Front", "Rebels killed 200 soldiers") is False


def test_titles_and_weekdays_are_not_names() -> None:
    assert name_present("Wednesday", "nothing here") is None
    assert name_present("Sen", "nothing here") is None
    claim = "Sen. Grassley asked on Wednesday for the Wall Street Journal column to be read."
    assert missing_names(claim, "Grassley wants a Journal column read.") == []


def test_a_label_no_outlet_gives_stays_missing() -> None:
    claim = "Fighters of the US-backed militia blocked an aid convoy on the road to Marrowby."
    others = "Armed men blocked an aid convoy near Marrowby, according to the United Nations."
    assert missing_names(claim, others) == ["US"]


def test_a_signature_line_is_not_compared_as_a_claim() -> None:
    from newsift.stories.compare.story import Claim, StoryText, compare_story

    texts = [
        StoryText("a", "one.example", "The council voted on Monday to close the Orrin bridge."),
        StoryText("b", "two.example", "On Monday the council voted to close the Orrin bridge."),
    ]
    claims = [
        Claim("a", "one.example", "— President Donald Trump"),
        Claim("a", "one.example", "The council voted on Monday to close the Orrin bridge."),
    ]
    rows = compare_story(1, texts, claims)
    assert [r.claim for r in rows] == [claims[1].text]
