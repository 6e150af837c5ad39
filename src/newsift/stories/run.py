"""One `newsift stories` run: load the state, assign the new articles, save, summarise."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsift.stories.articles import new_articles, open_corpus
from newsift.stories.assign import StoryAssigner
from newsift.stories.compare.load import compare_stories, has_claims_table
from newsift.stories.compare.summary import StorySummary, story_summary
from newsift.stories.store import assigned_ids, create_tables, load_state, save


@dataclass(frozen=True)
class StoryRow:
    id: int
    label: str
    first_date: str | None
    last_date: str | None
    articles: int
    outlets: int
    mean_score: float | None


@dataclass
class Outcome:
    assigned: int
    new_stories: int
    already: int
    missing: int  # articles whose text the inputs no longer give
    stories: list[StoryRow] = field(default_factory=list)  # largest first
    claim_rows: int = 0  # story_claims rows rewritten: claims x other outlets
    summaries: list[StorySummary] = field(default_factory=list)  # the largest stories' claims


def assign_corpus(
    corpus: Path,
    *,
    window_days: int,
    threshold: float,
    summaries: int = 0,
    multilingual: bool = False,
) -> Outcome:
    """Assign the corpus's articles not yet in a story, rewrite the `stories` table and the
    `story_claims` rows of the stories that changed; summarise the `summaries` largest.
    `multilingual`: with the sentence encoder's variant (stories.encoder)."""
    if multilingual:
        from newsift.stories.encoder import require_encoder

        require_encoder()
    con = open_corpus(corpus)
    try:
        first_comparison = not has_claims_table(con)
        create_tables(con)
        done = assigned_ids(con)
        stories, vocabulary = load_state(con)
        articles, missing = new_articles(corpus, con, done)
        if multilingual:
            from newsift.stories.encoder import MultilingualAssigner
            from newsift.stories.encoder_store import load_embeddings, save_embeddings

            embeddings = load_embeddings(con, corpus, stories)
            assigner = MultilingualAssigner(
                stories, vocabulary, window_days, threshold, embeddings=embeddings
            )
        else:
            assigner = StoryAssigner(
                stories, vocabulary, window_days=window_days, threshold=threshold
            )
        assignments = list(assigner.assign_all(articles))
        save(con, assigner, assignments)
        if multilingual:
            save_embeddings(con, assigner.stories, assigner.embeddings)
        # Right after the stories' transaction: a corpus assigned before claims were compared
        # gets all its stories compared once.
        changed = list(assigner.stories) if first_comparison else [a.story_id for a in assignments]
        claim_rows = compare_stories(corpus, con, changed)
        rows = [
            StoryRow(*row)
            for row in con.execute(
                "SELECT id, label, first_date, last_date, articles, outlets, mean_score "
                "FROM stories ORDER BY articles DESC, id"
            ).fetchall()
        ]
        summarised = [story_summary(con, row.id) for row in rows[:summaries]]
    finally:
        con.close()
    return Outcome(
        assigned=len(assignments),
        new_stories=sum(a.new_story for a in assignments),
        already=len(done),
        missing=missing,
        stories=rows,
        claim_rows=len(claim_rows),
        summaries=summarised,
    )
