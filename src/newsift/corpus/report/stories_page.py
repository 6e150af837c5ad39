"""The report's Stories section as HTML: per story, its outlets ranked by mean score and a
claim × outlet matrix whose cells carry a symbol and a colour (and, on hover, the evidence).

Labels, outlets, claims, evidence and notes are untrusted: all go through `_t` (html.escape).
"""

from __future__ import annotations

import html
import re

from newsift.corpus.report.stories import (
    CLAIMS_SHOWN,
    DISPUTES,
    NOT_COMPARED,
    OWN,
    SILENT,
    SUPPORTS,
    ClaimLine,
    StoriesFigures,
    StoryOutlet,
    StoryView,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # newlines stay: tooltips
CLAIM_CHARS = 140  # a longer claim is cut, its whole text on hover
CONFLICTS_SHOWN = 5

SYMBOLS = {SUPPORTS: "✓", DISPUTES: "✗", SILENT: "–", OWN: "●", NOT_COMPARED: "·"}
WORDS = {
    SUPPORTS: "supports",
    DISPUTES: "disputes",
    SILENT: "silent",
    OWN: "the claim's own outlet",
    NOT_COMPARED: "not compared (its text could not be read again)",
}


def _t(text: object) -> str:
    """Untrusted text as HTML text or attribute value (control characters dropped)."""
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


def _cut(text: str, chars: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _chip(outlet: StoryOutlet) -> str:
    return f'<span class="chip {outlet.band}">{_score(outlet.mean_score)}</span>'


def _dates(story: StoryView) -> str:
    days = [d for d in dict.fromkeys((story.first_date, story.last_date)) if d]
    return _t(" – ".join(days)) if days else '<span class="muted">undated</span>'


def _outlets_table(story: StoryView) -> str:
    rows = "".join(
        f'<tr><td class="num muted">{rank}</td>'
        f'<td class="name" title="{_t(o.name)}">{_t(o.name)}'
        f'<div class="tiny{"" if o.source.found else " muted"}">{_t(o.source.describe())}</div>'
        f'</td><td class="num">{o.articles:,}</td><td class="num">{_chip(o)}</td></tr>'
        for rank, o in enumerate(story.outlets, 1)
    )
    return (
        '<table class="story-outlets"><thead><tr><th class="num">#</th>'
        '<th>Outlet <span class="muted">(source record)</span></th>'
        '<th class="num">Articles</th><th class="num">Mean score</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


def _tooltip(claim: ClaimLine, outlet: str) -> str:
    cell = claim.cell(outlet)
    lines = [f"{outlet}: {WORDS[cell.verdict]}"]
    lines += [x for x in (cell.conflict, cell.note) if x]
    if cell.evidence:
        lines.append(f"Its sentence: {_cut(cell.evidence, 400)}")
    return "\n".join(lines)


def _claim_cell(claim: ClaimLine) -> str:
    text = " ".join(claim.claim.split())
    lone = (
        ' <span class="lone" title="No other outlet of the story supports this claim">'
        "only this outlet</span>"
        if claim.lone
        else ""
    )
    return (
        f'<td class="claim"><span title="{_t(text)}">{_t(_cut(text, CLAIM_CHARS))}</span>'
        f'<div class="tiny">{_t(claim.outlet)}{lone}</div></td>'
    )


def _matrix_row(claim: ClaimLine, outlets: list[StoryOutlet]) -> str:
    cells = "".join(
        f'<td class="verdict v-{claim.cell(o.name).verdict}" '
        f'title="{_t(_tooltip(claim, o.name))}">{SYMBOLS[claim.cell(o.name).verdict]}</td>'
        for o in outlets
    )
    return f'<tr class="{"lone-row" if claim.lone else ""}">{_claim_cell(claim)}{cells}</tr>'


def _conflicts(story: StoryView) -> str:
    """The figures that disagree, in words: what the matrix's ✗ cells say on hover."""
    found = list(
        dict.fromkeys(
            (c.outlet, cell.conflict)
            for c in story.claims
            for cell in c.cells.values()
            if cell.verdict == DISPUTES and cell.conflict
        )
    )
    if not found:
        return ""
    items = "".join(
        f"<li><b>{_t(outlet)}</b>: {_t(_cut(conflict, 240))}</li>"
        for outlet, conflict in found[:CONFLICTS_SHOWN]
    )
    more = len(found) - CONFLICTS_SHOWN
    extra = f'<li class="muted">and {more:,} more</li>' if more > 0 else ""
    return f'<div class="conflicts"><b>Conflicting figures</b><ul>{items}{extra}</ul></div>'


def _matrix(story: StoryView, compared: bool) -> str:
    if not compared:
        return (
            '<p class="note">Claims not compared yet: run <code>newsift stories</code> again '
            "to fill <code>story_claims</code>.</p>"
        )
    if not story.claims:
        return '<p class="note">No check-worthy claim in this story\'s articles.</p>'
    heads = "".join(
        f'<th class="outlet-col" title="{_t(o.name)}"><span>{_t(_cut(o.name, 28))}</span>'
        f"{_chip(o)}</th>"
        for o in story.outlets
    )
    rows = "".join(_matrix_row(c, story.outlets) for c in story.claims)
    hidden = story.claims_total - len(story.claims)
    more = (
        f'<p class="caption">… and {hidden:,} more claims, less disputed (the '
        f"{len(story.claims)} shown are the most disputed, then those resting on one outlet).</p>"
        if hidden > 0
        else ""
    )
    return (
        '<div class="matrix-wrap"><table class="matrix"><thead><tr>'
        f'<th class="claim">Claim <span class="muted">(its outlet)</span></th>{heads}</tr>'
        f"</thead><tbody>{rows}</tbody></table></div>{more}{_conflicts(story)}"
    )


def _story(story: StoryView, compared: bool) -> str:
    tally = (
        f"{story.claims_total:,} claims · {story.disputed_total:,} disputed · "
        f"{story.lone_total:,} resting on one outlet"
        if compared
        else ""
    )
    return (
        f'<article class="story" id="story-{story.id}"><header class="story-head">'
        f"<h3>{_t(story.label or f'Story {story.id}')}</h3>"
        f'<div class="story-meta">{_dates(story)} · {story.articles:,} articles · '
        f"{len(story.outlets):,} outlets · mean score {_score(story.mean_score)}"
        f"{' · ' + tally if tally else ''}</div></header>"
        f'<div class="story-body"><div><h4>Outlets by mean score</h4>{_outlets_table(story)}'
        f"</div><div><h4>Claims × outlets</h4>{_matrix(story, compared)}</div></div></article>"
    )


LEGEND = (
    '<div class="legend" aria-label="Legend">'
    + "".join(
        f'<span><span class="key v-{v}">{SYMBOLS[v]}</span> {WORDS[v]}</span>'
        for v in (SUPPORTS, DISPUTES, SILENT, OWN)
    )
    + '<span><span class="lone">only this outlet</span> no other outlet supports the claim</span>'
    '<span class="muted">Hover a cell for the outlet\'s sentence and the figures that '
    "disagree.</span></div>"
)


SECTION_HEAD = '<section class="card stories" id="stories"><h2>Stories</h2>'


def _note(text: str) -> str:
    return f'{SECTION_HEAD}<p class="note">{text}</p></section>'


def stories_section(figures: StoriesFigures) -> str:
    """The Stories card: a line when there is nothing to show, else the largest stories."""
    if not figures.available:
        return _note("No stories yet: run <code>newsift stories CORPUS</code>.")
    if figures.error:
        return _note(f"The stories tables could not be read: {_t(figures.error)}")
    if not figures.stories:
        return _note(
            f"{figures.total:,} stories, none told by two outlets or more: nothing to compare."
        )
    intro = (
        f'<p class="caption">{figures.total:,} stories, {figures.multi_outlet:,} told by two '
        f"outlets or more; the {len(figures.stories)} with the most outlets below. Up to "
        f"{CLAIMS_SHOWN} claims per story.</p>"
    )
    body = "".join(_story(s, figures.compared) for s in figures.stories)
    return f"{SECTION_HEAD}{intro}{LEGEND}{body}</section>"
