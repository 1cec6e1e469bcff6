"""The site's pages as HTML, built from the catalogue by pure functions (no MkDocs import).

`pages.site` lists the pages; each module here builds one kind. The MkDocs adapter only
places the results into the theme; another builder could do the same.
"""
