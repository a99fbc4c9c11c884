"""One module per kind of page; each registers its pages with `@page_kind`."""
