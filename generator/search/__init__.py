"""Search: the index of every published entry's words, made at build time for the Jelajahi page.

- `facets`: the filters and sorts the page offers, and each entry's values;
- `document`: what one entry gives the search (its text by field and weight, its place and
  synonym tokens, what a result shows);
- `index`: the index itself, as small files a browser fetches only as a query needs them.

ARCHITECTURE.md ("Search") explains the whole path, the browser's side included.
"""

from __future__ import annotations

from .filters import NO, SORTS, YES, Facet, columns, facets, filters_of
from .index import BUNDLE, MANIFEST, IndexJob, IndexResult, SearchIndexError, make_index, start_index, write_index

__all__ = ["BUNDLE", "MANIFEST", "NO", "SORTS", "YES", "Facet", "IndexJob", "IndexResult", "SearchIndexError",
           "columns", "facets", "filters_of", "make_index", "start_index", "write_index"]
