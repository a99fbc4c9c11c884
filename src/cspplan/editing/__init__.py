"""Changing plan files in place: formatting, recording figures, importing spreadsheets,
rolling a plan into a new year and starting a repository. Every change goes through
`yaml_file`, so hand-written lines the change does not touch are kept byte for byte."""
