"""The pygls language server: diagnostics as you type, completion of ids, hover.

Each edit marks the open file's partnership for checking; one task checks marked
partnerships in a worker thread (edits that arrive meanwhile are folded into the next
run), so the editor never waits on a check and never sees a stale one last.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from cspplan import __version__
from cspplan.bidi import without_controls
from cspplan.issues import Issue
from cspplan.lsp.completion import choices, key_at
from cspplan.lsp.diagnostics import check_scope, is_error, message_of, scope_of, span_of
from cspplan.lsp.hover import hover_text, word_at
from cspplan.model.collection import LoadedPartnership


class PlanServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("cspplan", __version__)
        self.plans: dict[Path, LoadedPartnership] = {}
        """The last partnership that loaded, by scope (kept when an edit breaks it)."""
        self.dirty: set[Path] = set()
        self.worker: asyncio.Task[None] | None = None

    def open_yaml(self) -> dict[Path, tuple[str, str, int | None]]:
        """Each open YAML buffer: path -> (uri, text, version), taken at one moment."""
        return {
            Path(document.path): (document.uri, document.source, document.version)
            for document in self.workspace.text_documents.values()
            if document.path.endswith((".yaml", ".yml"))
        }

    def mark(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        scope = scope_of(Path(document.path)) if document.path.endswith((".yaml", ".yml")) else None
        if scope is None:
            return
        self.dirty.add(scope)
        if self.worker is None or self.worker.done():
            self.worker = asyncio.get_running_loop().create_task(self.refresh())

    async def refresh(self) -> None:
        """Check marked scopes until none is left; each run publishes, for every open file
        of the scope, the problems of the text and version it was checked with."""
        while self.dirty:
            scope = self.dirty.pop()
            buffers = self.open_yaml()
            texts = {path: text for path, (_, text, _) in buffers.items()}
            checked = await asyncio.to_thread(check_scope, scope, texts)
            for csp in checked.workspace.partnerships:
                self.plans[scope] = csp
            for path, (uri, text, version) in buffers.items():
                if scope_of(path) != scope:
                    continue
                issues = checked.by_file.get(path.resolve(), [])
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(
                        uri=uri,
                        version=version,
                        diagnostics=[_diagnostic(issue, text) for issue in issues],
                    )
                )

    def partnership_for(self, path: Path) -> LoadedPartnership | None:
        scope = scope_of(path)
        return self.plans.get(scope) if scope is not None else None


def _diagnostic(issue: Issue, text: str) -> types.Diagnostic:
    span = span_of(issue, text)
    return types.Diagnostic(
        range=types.Range(
            start=types.Position(line=span.line, character=span.start),
            end=types.Position(line=span.line, character=span.end),
        ),
        message=message_of(issue),
        severity=(
            types.DiagnosticSeverity.Error if is_error(issue) else types.DiagnosticSeverity.Warning
        ),
        code=issue.code,
        source="cspplan",
    )


server = PlanServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: PlanServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.mark(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: PlanServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.mark(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: PlanServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.mark(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: PlanServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[" ", ",", "[", "-", ":"]),
)
def completion(ls: PlanServer, params: types.CompletionParams) -> types.CompletionList:
    document = ls.workspace.get_text_document(params.text_document.uri)
    path = Path(document.path)
    csp = ls.partnership_for(path)
    line, character = params.position.line, params.position.character
    lines = document.lines
    found = (
        choices(csp, path, key_at([x.rstrip("\r\n") for x in lines], line, character))
        if csp
        else []
    )
    word = word_at(lines[line], character) if line < len(lines) else None
    start = word[1] if word is not None and word[1] < character else character
    replace = types.Range(
        start=types.Position(line=line, character=start),
        end=types.Position(line=line, character=character),
    )
    return types.CompletionList(
        is_incomplete=False,
        items=[
            types.CompletionItem(
                label=choice.label,
                kind=types.CompletionItemKind.Value,
                detail=f"{choice.kind}: {choice.detail}" if choice.detail else choice.kind,
                text_edit=types.TextEdit(range=replace, new_text=choice.label),
            )
            for choice in found
        ],
    )


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: PlanServer, params: types.HoverParams) -> types.Hover | None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    path = Path(document.path)
    text = hover_text(
        ls.partnership_for(path),
        path,
        document.source,
        params.position.line,
        params.position.character,
    )
    if text is None:
        return None
    shown = without_controls(text)  # plan text in the order it was typed
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=shown))


def serve() -> None:
    """Talk LSP over stdin and stdout until the editor says exit."""
    server.start_io()
