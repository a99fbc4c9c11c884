"""`cspplan lsp`: a language server giving validate's problems, ids and help while typing.

pygls is imported only by `server.py`; the other modules are plain functions of text,
positions and loaded plans, so they are tested without an editor.
"""
