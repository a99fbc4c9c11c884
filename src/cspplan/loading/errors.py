"""Issue types for reading files (F codes) and for the schema (S codes)."""

from __future__ import annotations

from cspplan.issues import IssueType, Severity

# -- F: files and YAML -------------------------------------------------------------------------

UNREADABLE = IssueType(
    "F001",
    "unreadable-path",
    "Path cannot be read",
    "cannot read {target}: {reason}",
    description="A path named on the command line, or a file in a plan folder, does not "
    "exist or cannot be opened (permissions, a broken link, a folder where a file belongs).",
    io=True,
)
NOT_UTF8 = IssueType(
    "F002",
    "not-utf8",
    "File is not UTF-8 text",
    "the file is not UTF-8 text: byte 0x{byte:02x} cannot be decoded",
    description="Plan files must be UTF-8. Files saved from some Windows editors use a "
    "legacy code page; characters such as £ or curly quotes then break.",
    hint="re-save the file as UTF-8 in your editor",
)
EMPTY_FILE = IssueType(
    "F003",
    "empty-file",
    "File is empty",
    "the file is empty (or holds only comments)",
    description="An empty plan file is almost always a mistake: a save that failed or a "
    "file created and forgotten. Delete it or fill it in.",
)
YAML_SYNTAX = IssueType(
    "F004",
    "yaml-syntax",
    "YAML syntax error",
    "YAML syntax error: {problem}",
    description="The file is not well-formed YAML: an unclosed bracket or quote, a bad "
    "indent, a colon in unquoted text. The position is where the parser gave up; the "
    "mistake is often just before it.",
    hint="text containing ': ' or starting with a symbol needs quotes",
)
TAB_INDENT = IssueType(
    "F005",
    "tab-indentation",
    "Tab used for indentation",
    "a tab character is used for indentation; YAML allows only spaces",
    description="YAML forbids tabs in indentation. Editors that insert tabs produce files "
    "that look right but do not parse.",
    hint="replace the tab with spaces (two per level is the convention in plan files)",
)
DUPLICATE_KEY = IssueType(
    "F006",
    "duplicate-key",
    "Duplicate key",
    "the key '{key}' appears twice in the same mapping (first at line {first_line})",
    description="A key given twice silently loses one of the values in most YAML tools; "
    "cspplan refuses the file instead.",
)
DISALLOWED_TAG = IssueType(
    "F007",
    "disallowed-tag",
    "YAML tag not allowed",
    "the tag '{tag}' is not allowed: plan files hold plain data only",
    description="Tags such as !!python/object can make a YAML loader run code. cspplan "
    "loads plan files safely and refuses every tag beyond the standard data types.",
)
MULTIPLE_DOCUMENTS = IssueType(
    "F008",
    "multiple-documents",
    "More than one YAML document",
    "the file holds more than one YAML document ('---'); a plan file holds one",
    description="Each plan file holds a single YAML document.",
)
NOT_A_MAPPING = IssueType(
    "F009",
    "not-a-mapping",
    "File is not a mapping",
    "expected fields (a mapping) at the top of the file, found {found}",
    description="Every plan file is a mapping of field names to values.",
)
STRAY_FILE = IssueType(
    "F010",
    "stray-file",
    "File not part of the plan layout",
    "'{name}' is not part of the plan layout, so cspplan ignores it: {reason}",
    severity=Severity.WARNING,
    description="A YAML file inside a partnership folder that is neither partnership.yaml, "
    "an indicator under indicators/, a plan.yaml nor a theme under <year>/themes/.",
    hint="move it to where it belongs, or out of the plans folder",
)
NO_PLANS = IssueType(
    "F011",
    "no-plans",
    "No plans found",
    "no plans found under {target}: expected a folder containing partnership.yaml",
    description="The path holds no partnership folder. A plans repository has one folder "
    "per partnership, each with a partnership.yaml.",
    io=True,
)
OUTSIDE_PARTNERSHIP = IssueType(
    "F012",
    "outside-partnership",
    "File is not inside a partnership folder",
    "this file is not inside a partnership folder (no partnership.yaml above it)",
    description="Plan files are read as part of a partnership; a file on its own cannot be "
    "checked for references.",
    hint="validate the partnership folder, or move the file into one",
)
TOO_COMPLEX = IssueType(
    "F013",
    "too-complex",
    "Document too large or deeply nested",
    "the document is too {what} to be a plan file ({detail})",
    description="Aliases that expand enormously ('billion laughs') and absurdly deep "
    "nesting are refused quickly rather than exhausting memory.",
)
IMPOSSIBLE_DATE = IssueType(
    "F014",
    "impossible-date",
    "Date that does not exist",
    "'{value}' is written as a date, but there is no such day ({reason})",
    description="YAML reads a plain YYYY-MM-DD as a date, so a day that does not exist "
    "(30 February, month 13) cannot be read at all.",
    hint="correct the day, or quote the value if it is meant as text",
)
LINK_OUTSIDE = IssueType(
    "F017",
    "link-outside",
    "Link leads outside the plans",
    "this file is a link to {target}, outside {root}; cspplan does not read it",
    description="A plan file that is a symbolic link leading out of the folder that holds "
    "the partnerships could make cspplan read any file of the "
    "machine it runs on, a CI runner's secrets included, into its messages and documents. "
    "Links that stay inside (one partnership sharing another's file) are read as usual; "
    "a revision's links are held to the same rule by `diff --rev`.",
    hint="copy the file into the plans instead of linking to it",
    io=True,
)

# -- S: schema -------------------------------------------------------------------------------

UNKNOWN_FIELD = IssueType(
    "S001",
    "unknown-field",
    "Unknown field",
    "unknown field '{field}'",
    description="A field the model does not have. Misspelt field names would otherwise be "
    "silently ignored.",
)
MISSING_FIELD = IssueType(
    "S002",
    "missing-field",
    "Missing required field",
    "missing required field '{field}'",
    description="A field every item of this kind must have.",
)
WRONG_TYPE = IssueType(
    "S003",
    "wrong-type",
    "Wrong type",
    "expected {expected}, got {got}",
    description="A value of the wrong kind: text where a number belongs, a single item "
    "where a list belongs, and so on.",
)
INVALID_CHOICE = IssueType(
    "S004",
    "invalid-choice",
    "Not one of the allowed values",
    "'{value}' is not allowed here; choose one of: {choices}",
    description="A field with a fixed set of values (unit, polarity, status, kind).",
)
INVALID_PERIOD = IssueType(
    "S005",
    "invalid-period",
    "Invalid period",
    "{reason}",
    description="A period cspplan cannot read, or one that cannot exist (Q5, 2018/17).",
)
INVALID_VALUE = IssueType(
    "S006",
    "invalid-value",
    "Invalid value",
    "{reason}",
    description="A value of the right type that breaks a rule of the model: a range whose "
    "low end is above its high end, a number that is not finite, an observation with "
    "neither a value nor a status.",
)
ID_MISMATCH = IssueType(
    "S007",
    "id-mismatch",
    "Id does not match file name",
    "the id '{id}' does not match the {where} name '{name}'",
    description="Themes and indicators take their id from the file name, partnerships from "
    "the folder name; an id written in the file must agree.",
    hint="rename the file, or remove the id line",
)
INVALID_ID = IssueType(
    "S008",
    "invalid-id",
    "Invalid id",
    "'{value}' is not a valid id: use lower-case letters, digits and hyphens",
    description="Ids are used in references and file names, so they are restricted to "
    "lower-case letters, digits and hyphens, starting with a letter or digit.",
)
