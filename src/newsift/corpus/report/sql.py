"""SQL fragments the report's queries share, so that every figure counts the same way."""

from __future__ import annotations

# An article's outlet: its registered domain, else the corpus's own name for the source.
OUTLET_SQL = "coalesce(nullif(trim(domain), ''), nullif(trim(source), ''), '(no outlet)')"

# ISO-like dates: the YYYY-MM-DD prefix counts, the rest (time, zone) is ignored.
DATE_SQL = "TRY_CAST(nullif(regexp_extract(date, '^\\s*(\\d{4}-\\d{2}-\\d{2})', 1), '') AS DATE)"
# Dates outside these years are taken for broken metadata, not news.
PLAUSIBLE_DATES = "BETWEEN DATE '1800-01-01' AND DATE '2199-12-31'"

# Sentence-level propaganda findings say "this sentence reads like propaganda", not which
# technique: the technique figures leave them out.
NOT_A_TECHNIQUE = ("propaganda_sentence",)

# A finding `f` that is a propaganda technique in the outlet's own voice (not quoted speech or
# page furniture). Corpora written before the `voice` column read voice from `quoted`.
OWN_TECHNIQUE_WHERE = (
    "f.category = 'propaganda' AND f.label IS NOT NULL "
    f"AND f.label NOT IN ({', '.join(repr(x) for x in NOT_A_TECHNIQUE)}) "
    "AND coalesce(f.voice, CASE WHEN f.quoted THEN 'quoted' ELSE 'own' END) = 'own'"
)
