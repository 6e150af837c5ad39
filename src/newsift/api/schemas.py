"""Request and response bodies of the HTTP API (pydantic models give validation and OpenAPI).

Reports themselves are described by the `Report` dataclass of `newsift.findings`, so the API and
`newsift schema` share one definition.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

_INPUT_FIELDS = ("text", "html", "url", "file_base64")


class AnalyzeRequest(BaseModel):
    """One article: exactly one of `text`, `html`, `url` or `file_base64`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"text": "Officials said on Monday that ...", "title": "Council approves budget"},
                {"url": "https://example.org/news/story", "claim": "The budget was cut"},
            ]
        },
    )

    text: str | None = Field(None, description="The article as plain text (never parsed as HTML).")
    html: str | None = Field(None, description="The article page as HTML; the body is extracted.")
    url: str | None = Field(None, description="An http(s) address to fetch the article from.")
    file_base64: str | None = Field(
        None,
        description="An uploaded file's raw bytes, base64-encoded: decoded on the server as "
        "the CLI decodes files (BOM, declared charset checked, else detected), so a page in a "
        "legacy or wrongly declared encoding is read right and the repair is reported.",
    )
    filename: str | None = Field(
        None, description="The uploaded file's name: its suffix (.html, .txt, .json) sets its type."
    )
    title: str | None = Field(None, description="The headline, when not part of the input.")
    claim: str | None = Field(None, description="A claim to report the article's stance toward.")

    @model_validator(mode="after")
    def _exactly_one_input(self) -> AnalyzeRequest:
        given = [name for name in _INPUT_FIELDS if getattr(self, name)]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(f"give exactly one of text, html, url or file_base64 (found: {found})")
        if self.url is not None and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError("url must start with http:// or https://")
        return self

    @property
    def kind(self) -> str:
        return next(name for name in _INPUT_FIELDS if getattr(self, name))


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[AnalyzeRequest] = Field(
        ..., min_length=1, description="The articles; at most the server's batch limit."
    )


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class BatchItem(BaseModel):
    """One batch result: a report, or the error that stopped this document (others go on)."""

    index: int
    ok: bool
    report: dict[str, Any] | None = Field(None, description="A Report (see /v1/schema).")
    error: ErrorDetail | None = None


class BatchResponse(BaseModel):
    results: list[BatchItem]


class CategoryInfo(BaseModel):
    name: str
    description: str


class SourceLabelInfo(BaseModel):
    name: str
    description: str
    effect: float = Field(description="Negative lowers trust, positive raises it.")


class TechniqueInfo(BaseModel):
    name: str = Field(description="The SemEval-2020 Task 11 technique name, as in labels.")
    readable: str
    definition: str


class Meta(BaseModel):
    """What the web page needs to know to draw any detector, including ones added later."""

    version: str
    schema_version: str
    categories: list[CategoryInfo]
    detectors: dict[str, str]
    source_labels: list[SourceLabelInfo]
    techniques: list[TechniqueInfo]
    max_body_bytes: int
    max_batch: int
    store: bool
    corpus: str | None = Field(
        None, description="The corpus every report's coverage comes from (`serve --corpus`)."
    )


class AnalysisSummary(BaseModel):
    id: str
    created_at: str
    title: str | None
    url: str | None
    domain: str | None
    source_name: str | None
    word_count: int | None
    score: float | None
    band: str | None


class AnalysisList(BaseModel):
    items: list[AnalysisSummary]
    total: int
    limit: int
    offset: int


class Health(BaseModel):
    status: str
    version: str
    detectors: int
    corpus: str | None = Field(None, description="The corpus of `serve --corpus`, if any.")
