"""Katalog Inovasi: the generator behind a public catalogue of public-service innovations.

The core modules (model, loader, validation, criteria, catalogue, exports, search records)
never import MkDocs; `generator.plugin` is the only MkDocs adapter.
"""

__version__ = "0.1.0"
