"""What a Word file says about itself: author, title, dates and language, and a zip that is
the same byte for byte when made twice from the same plan at the same `SOURCE_DATE_EPOCH`.

python-docx's own template says author "python-docx", created 2013, language en-US; a
council's template (`--reference-docx`) carries the template's own title, author and dates.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from typing import Any

from cspplan.exceptions import UsageError

LANGUAGE = "en-GB"
"""For documents without a council template, and for a template that sets no language."""

_TEXT_LIMIT = 255
"""The longest text a core property may hold (python-docx refuses more)."""

_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
"""A zip file's dates start in 1980."""


def document_time(environ: dict[str, str] | None = None) -> datetime:
    """Now, or the moment `SOURCE_DATE_EPOCH` names (seconds since 1970, UTC), so that a
    build system can make the same document twice and get the same bytes."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if value is None or value == "":
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH is '{value}': expected a whole number of seconds since "
            "1970-01-01 00:00 UTC"
        ) from None


def describe(document: Any, *, title: str, author: str, when: datetime, own_style: bool) -> None:
    """Set the core properties to this document's, clearing what the template said."""
    core = document.core_properties
    core.title = title[:_TEXT_LIMIT]
    core.author = core.last_modified_by = author[:_TEXT_LIMIT]
    for name in ("subject", "keywords", "comments", "category", "content_status"):
        setattr(core, name, "")
    core.created = core.modified = when
    core.revision = 1
    core.language = _set_language(document, own_style)
    _drop_thumbnail(document)
    _name_application(document)


def _drop_thumbnail(document: Any) -> None:
    """The template's thumbnail is a picture of the template's first page (for python-docx's,
    a blank portrait page): a file manager would show it as this document's preview."""
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype.endswith("/thumbnail"):
            package.rels.pop(key)


def _name_application(document: Any) -> None:
    """docProps/app.xml names the program that wrote the file: cspplan, not the "Microsoft
    Macintosh Word" python-docx's template says (python-docx keeps this part only as bytes)."""
    from lxml import etree

    for part in document.part.package.iter_parts():
        if str(part.partname) != "/docProps/app.xml":
            continue
        root = etree.fromstring(part.blob, safe_parser())
        namespace = etree.QName(root).namespace
        application = root.find(f"{{{namespace}}}Application")
        if application is None:
            application = etree.SubElement(root, f"{{{namespace}}}Application")
        application.text = "cspplan"
        version = root.find(f"{{{namespace}}}AppVersion")
        if version is not None:
            root.remove(version)  # Word's version number, which cspplan is not
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_language(document: Any, own_style: bool) -> str:
    """The language of the text: en-GB, or what a council's template declares (a Welsh
    council's cy-GB, say). Set in the default run properties, where Word looks for it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    properties = run_default.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_default.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    declared = lang.get(qn("w:val"))
    language = LANGUAGE if own_style or not declared else declared
    lang.set(qn("w:val"), language)
    if own_style:
        _house_language(document, language)
    return language


def _house_language(document: Any, language: str) -> None:
    """python-docx's template also says en-US for theme fonts and in the copy of the styles
    Word 2010 reads (stylesWithEffects.xml, a part python-docx keeps only as bytes)."""
    from docx.oxml.ns import qn
    from lxml import etree

    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), language)
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/stylesWithEffects.xml":
            continue
        root = etree.fromstring(part.blob, safe_parser())
        for lang in root.iter(qn("w:lang")):
            lang.set(qn("w:val"), language)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def fixed_dates(data: bytes, when: datetime) -> bytes:
    """The same zip with every entry dated `when`: zip entries carry the time they were
    written, which would make two renders of the same plan differ."""
    import zipfile

    stamp = max(when, _ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            dated = zipfile.ZipInfo(entry.filename, date_time=stamp)
            dated.compress_type = zipfile.ZIP_DEFLATED
            dated.external_attr = entry.external_attr
            target.writestr(dated, source.read(entry))
    return out.getvalue()


REFERENCE_LIMIT = 100_000_000
"""The most a council's template may unpack to (every part together, as its zip declares):
a real one, logos and fonts included, is a few megabytes. python-docx reads every part
into memory, so a zip bomb (gigabytes of zeros in a kilobyte) is refused before it is
opened. zipfile stops at the declared size, so a zip that lies about it cannot read more."""

REFERENCE_ENTRIES = 10_000
"""The most parts a council's template may hold (a real one has a few dozen)."""


def check_reference(path: Any) -> None:
    """Refuse a `--reference-docx` that is not a Word file, would unpack to more than
    `REFERENCE_LIMIT`, or whose XML declares a DOCTYPE (XML entities: a "billion laughs"
    that expands to gigabytes, or an external entity that reads a file of this machine into
    the document). Word never writes a DOCTYPE, so any is refused rather than expanded."""
    import zipfile
    import zlib

    from lxml import etree

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        reason = "not a zip file" if isinstance(error, zipfile.BadZipFile) else error
        raise UsageError(f"{path}: not a Word document ({reason})") from None
    with archive:
        entries = archive.infolist()
        names = {entry.filename for entry in entries}
        missing = [
            name for name in ("[Content_Types].xml", "word/document.xml") if name not in names
        ]
        if missing:
            raise UsageError(f"{path}: not a Word document (it has no {missing[0]})")
        if len(entries) > REFERENCE_ENTRIES:
            raise UsageError(
                f"{path}: holds {len(entries):,} parts; a Word template has a few dozen "
                f"(at most {REFERENCE_ENTRIES:,} are read)"
            )
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > REFERENCE_LIMIT:
            raise UsageError(
                f"{path}: would unpack to {unpacked / 1e6:,.0f} MB (a zip bomb?); a Word "
                f"template is at most {REFERENCE_LIMIT // 1_000_000} MB"
            )
        parser = safe_parser()
        for entry in entries:
            if not entry.filename.lower().endswith((".xml", ".rels")):
                continue
            entities = UsageError(
                f"{path}: {entry.filename} declares a DOCTYPE (XML entities), which Word "
                "never writes; refused rather than expanded"
            )
            try:
                data = archive.read(entry)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
                raise UsageError(f"{path}: {entry.filename} is damaged ({error})") from None
            try:
                tree = etree.fromstring(data, parser).getroottree()
            except (etree.XMLSyntaxError, ValueError) as error:
                if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                    raise entities from None  # libxml2 stopped a billion laughs itself
                raise UsageError(
                    f"{path}: {entry.filename} is not readable XML ({error})"
                ) from None
            if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
                raise entities


def safe_parser() -> Any:
    """An lxml parser that expands no entity, loads no DTD and reads nothing from the
    network or the disk: for XML from a council's template."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
