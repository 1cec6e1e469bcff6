"""Search: the index of every published entry's words, made at build time for the Jelajahi page.

- `facets`: the filters and sorts the page offers, and each entry's values;
- `document`: what one entry gives the search (its text by field and weight, its place and
  synonym tokens, what a result shows);
- `analysis`: each entry's words as the index counts them, kept between builds so that a warm
  build reads again only the entries that changed;
- `index`: the index itself, as small files a browser fetches only as a query needs them;
- `patch`: a warm build's index where a few entries changed, made from the previous one: only
  the files those entries touch.

ARCHITECTURE.md ("Search") explains the whole path, the browser's side included.
"""

from __future__ import annotations

from ..catalogue import BodyChanged
from .document import Item, item, light
from .filters import NO, SORTS, YES, Facet, columns, facets, filters_of
from .index import BUNDLE, MANIFEST, IndexResult, NeedsWhole, make_index, unchanged

__all__ = ["BUNDLE", "MANIFEST", "NO", "SORTS", "YES", "BodyChanged", "Facet", "IndexResult", "Item",
           "NeedsWhole", "columns", "facets", "filters_of", "item", "light", "make_index", "unchanged"]
