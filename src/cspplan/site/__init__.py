"""The static web site of the plans (`cspplan site`): one page per item at a stable URL,
built from the same status engine as the documents, as plain files that work from disk.

`urls` says where every page lives; `pages` is what a page kind hands the builder; each
module of `kinds/` makes one kind of page; `html` runs the templates in `templates/site/`;
`build` gathers every page and writes the folder whole or not at all.
"""
