"""Documents from plan data: Jinja templates write Markdown, and the Word writer turns
that same Markdown into a .docx, so each document has one source of truth.

`context` gathers what a template needs; `templates` runs them in Jinja's sandbox;
`charts` draws series with matplotlib; `word` writes the .docx; `documents` puts it
together and returns the files to write.
"""
