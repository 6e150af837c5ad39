"""Errors a user can act on. The CLI prints them as one line and exits with code 2."""

from __future__ import annotations


class NewsiftError(Exception):
    """Base class for every error newsift reports to a user."""


class InputError(NewsiftError):
    """An input (file, URL, text, corpus row) that cannot be analysed.

    The message always names the input so a batch log or a terminal line is enough to act on.
    """

    def __init__(self, input_name: str, reason: str) -> None:
        self.input_name = input_name
        self.reason = reason
        super().__init__(f"{input_name}: {reason}")


class FetchError(InputError):
    """A well-formed, permitted URL whose fetch failed upstream: DNS, connection, time limit,
    an HTTP error status, or a response that is not a readable article (type, size, redirects).

    Still an InputError (the CLI prints one line, exit 2); the API answers 502, not 422, since
    the client's request was valid and the failure lies with the server it named.
    """


class ModelError(NewsiftError):
    """A shipped or user-supplied model file is missing or malformed."""


class DataError(NewsiftError):
    """A dataset directory given to `train` or `bench` is missing files or malformed."""
