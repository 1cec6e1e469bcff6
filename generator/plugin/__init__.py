"""The MkDocs adapter (`plugins: [katalog]`): the only part of the generator that imports MkDocs."""

from .plugin import KatalogPlugin

__all__ = ["KatalogPlugin"]
