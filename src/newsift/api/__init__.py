"""The web service: `create_app(settings)` builds the FastAPI app that `newsift serve` runs."""

from newsift.api.app import create_app
from newsift.api.settings import Settings

__all__ = ["Settings", "create_app"]
