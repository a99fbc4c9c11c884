"""Status words: how a partnership says each status band the engine computes.

Words are data (`status_rules.labels` in partnership.yaml), never code: cspplan itself
knows only the default Green / Amber / Red. Sets a new partnership can copy ship in
`templates/status-words/`, and the JSON schema and `cspplan init` show them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cspplan.model.base import PlanModel, Text
from cspplan.shipped import templates_dir

BANDS = ("green", "amber", "red", "monitoring", "no_data", "cannot_assess")
"""The bands a partnership can name, as `status.bands.Band` spells them (a test checks)."""

RAG_NAME = "rag"
"""The default words' name: `labels: rag` in a partnership.yaml, `--labels rag`."""

SET_NAME = r"^[a-z0-9][a-z0-9_-]*$"


def _set_name(value: Any) -> Any:
    if isinstance(value, str) and not re.match(SET_NAME, value):
        raise PydanticCustomError(
            "status_words_name",
            "'{value}' is not a name for a set of status words: use lower-case letters, "
            "digits, '_' and '-', e.g. 'our_words'",
            {"value": value},
        )
    return value


class StatusWords(PlanModel):
    """The words a partnership's reports use for each status band the engine computes.

    Bands are what cspplan works out; words are only how a partnership says them, so they
    are data, never code. A band left out keeps its Green / Amber / Red word; a file that
    says nothing gets all of them. The examples are sets to copy.
    """

    model_config = ConfigDict(frozen=True)

    name: Annotated[
        str | None,
        BeforeValidator(_set_name),
        WithJsonSchema({"type": "string", "pattern": SET_NAME}),
    ] = Field(
        None,
        description="A short name for this set of words, e.g. 'our_words' (shown as "
        "`labels` in `cspplan status --format json`; `--labels NAME` picks it). Default: 'rag' "
        "for the Green / Amber / Red words, otherwise 'partnership'.",
    )
    green: Text = Field("Green", description="Target met.")
    amber: Text = Field("Amber", description="Short of the target by no more than the tolerance.")
    red: Text = Field("Red", description="Short of the target by more than the tolerance.")
    monitoring: Text = Field(
        "Monitoring", description="No target to judge against (none set, TBC, or free text)."
    )
    no_data: Text = Field("No data", description="A target, but no figure yet: never red.")
    cannot_assess: Text = Field(
        "Cannot assess", description="A target and a figure that cannot be compared."
    )

    @field_validator(*BANDS)
    @classmethod
    def _not_blank(cls, word: str) -> str:
        if not word.strip():
            raise ValueError("a status word cannot be blank")
        return word

    @model_validator(mode="after")
    def _one_word_each(self) -> StatusWords:
        bands_of: dict[str, list[str]] = {}
        for band, word in self.words().items():
            bands_of.setdefault(word.strip().casefold(), []).append(band)
        shared = [bands for bands in bands_of.values() if len(bands) > 1]
        if shared:
            raise ValueError(
                f"{' and '.join(shared[0])} have the same word '{getattr(self, shared[0][0])}': "
                "each band needs its own, or reports could not tell them apart"
            )
        return self

    @property
    def called(self) -> str:
        """The set's name: as given, else 'rag' for the default words, else 'partnership'."""
        if self.name is not None:
            return self.name
        return RAG_NAME if self.words() == StatusWords().words() else "partnership"

    def words(self) -> dict[str, str]:
        """Band value (as `status.bands.Band` spells it) -> word."""
        return {band: getattr(self, band) for band in BANDS}

    def word(self, band: str) -> str:
        return getattr(self, str(band))


def named_words(value: Any) -> Any:
    """`labels: rag` (as files before status words were data said it) is the default set;
    any other name is refused, since cspplan keeps no partnership's words of its own."""
    if isinstance(value, str):
        if value == RAG_NAME:
            return {}
        raise PydanticCustomError(
            "status_words",
            "'{value}' is not a set of status words cspplan knows (only 'rag'): write a word "
            "for each band under it (green, amber, red, monitoring, no_data, cannot_assess; "
            "schemas/partnership.schema.json has examples to copy)",
            {"value": value},
        )
    return value


def rag_or_words(schema: dict[str, Any]) -> None:
    """The schema says `labels` may be the name 'rag' or a set of words."""
    reference = {key: schema.pop(key) for key in ("$ref", "allOf") if key in schema}
    schema["oneOf"] = [
        {"const": RAG_NAME, "description": "Green, Amber, Red (the default)."},
        reference if "$ref" in reference else reference["allOf"][0],
    ]


EXAMPLES = templates_dir() / "status-words"
"""Sets of status words to copy, one YAML file each (`templates/status-words/`)."""


def example_files() -> dict[str, str]:
    """File name -> text of each shipped set, in name order."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.yaml"))}


def examples() -> list[dict[str, str]]:
    """The shipped sets as plain data (for the schema's `examples`), each checked."""
    from ruamel.yaml import YAML

    loaded = [YAML(typ="safe", pure=True).load(text) for text in example_files().values()]
    return [StatusWords.model_validate(data).model_dump(exclude_none=True) for data in loaded]
