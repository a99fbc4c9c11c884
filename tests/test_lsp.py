"""`cspplan lsp` over real stdio: a small JSON-RPC client starts the server as a process and
talks to it as an editor would, on a copy of the shipped plans and on broken copies."""

from __future__ import annotations

import json
import queue
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SHIPPED

THEME = Path("safer-cornwall/2018-19/themes/reoffending.yaml")
INDICATOR_LINE = 24  # 0-based: '  - indicator: youth-first-time-entrants-rate'
INDICATOR_ID = "youth-first-time-entrants-rate"


class Client:
    """Just enough of an LSP client: requests, notifications, and waiting for what the
    server sends (every message is kept, in order)."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cspplan", "lsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=root,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                header = stream.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                name, _, value = header.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any] | None) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)
        assert "error" not in reply, reply
        return reply["result"]

    def wait(self, wanted: Callable[[dict[str, Any]], bool], timeout: float = 30) -> dict:
        for message in self.seen:
            if wanted(message):
                self.seen.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if wanted(message):
                return message
            self.seen.append(message)

    def diagnostics(self, uri: str, version: int) -> list[dict[str, Any]]:
        message = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )
        )
        return message["params"]["diagnostics"]

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", {})
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp") / "plans"
    shutil.copytree(SHIPPED, root)
    return root


@pytest.fixture(scope="module")
def client(plans: Path) -> Iterator[Client]:
    client = Client(plans.parent)
    client.request("initialize", {"processId": None, "rootUri": plans.as_uri(), "capabilities": {}})
    client.notify("initialized", {})
    yield client
    client.close()


def opened(client: Client, path: Path) -> tuple[str, str, list[dict[str, Any]]]:
    uri, text = path.as_uri(), path.read_text(encoding="utf-8")
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    )
    return uri, text, client.diagnostics(uri, 1)


def changed(client: Client, uri: str, version: int, text: str) -> list[dict[str, Any]]:
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
    )
    return client.diagnostics(uri, version)


def test_an_edit_gets_validates_problem_on_its_line(client: Client, plans: Path) -> None:
    uri, text, found = opened(client, plans / THEME)
    assert [d for d in found if d["severity"] == 1] == []

    broken = text.replace(f"indicator: {INDICATOR_ID}", "indicator: youth-first-time-entrants")
    found = changed(client, uri, 2, broken)
    (unknown,) = [d for d in found if d["code"] == "R003"]
    assert unknown["severity"] == 1 and unknown["source"] == "cspplan"
    assert "youth-first-time-entrants" in unknown["message"]
    column = broken.splitlines()[INDICATOR_LINE].index("youth")
    assert unknown["range"] == {
        "start": {"line": INDICATOR_LINE, "character": column},
        "end": {"line": INDICATOR_LINE, "character": column + len("youth-first-time-entrants")},
    }
    assert "hint:" in unknown["message"]  # 'did you mean' the real id

    assert [d for d in changed(client, uri, 3, text) if d["severity"] == 1] == []


def test_a_broken_copy_gets_its_syntax_error(client: Client, plans: Path) -> None:
    path = plans / "safer-cornwall/2018-19/themes/hate-crime.yaml"
    uri, text, _ = opened(client, path)
    found = changed(client, uri, 2, text.replace("title: Hate crime", "title: [Hate crime"))
    assert any(d["code"].startswith("F") and d["severity"] == 1 for d in found)
    assert path.read_text(encoding="utf-8") == text  # the editor's text, not the file, changed


def test_completion_offers_the_partnerships_indicator_ids(client: Client, plans: Path) -> None:
    uri, text, _ = opened(client, plans / THEME)
    lines = text.splitlines()
    lines[INDICATOR_LINE] = "  - indicator: "
    changed(client, uri, 10, "\n".join(lines) + "\n")
    result = client.request(
        "textDocument/completion",
        {
            "textDocument": {"uri": uri},
            "position": {"line": INDICATOR_LINE, "character": len(lines[INDICATOR_LINE])},
        },
    )
    labels = {item["label"] for item in result["items"]}
    indicators = {p.stem for p in (plans / "safer-cornwall/indicators").glob("*.yaml")}
    assert labels == indicators


def test_completion_of_people_and_last_years_ids(client: Client, plans: Path) -> None:
    path = plans / "safer-cornwall/2018-19/themes/hate-crime.yaml"
    uri, text, _ = opened(client, path)
    lines = text.splitlines()
    person = next(i for i, line in enumerate(lines) if "- person:" in line)
    lineage = next(i for i, line in enumerate(lines) if "renamed_from" in line)

    def labels(line: int, character: int) -> set[str]:
        result = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        return {item["label"] for item in result["items"]}

    assert "dina-holder" in labels(person, len(lines[person]))
    assert "hate-crime-sub-group" in labels(lineage, lines[lineage].index("hate-crime-sub"))


def test_hover_on_a_code_an_indicator_and_a_field(client: Client, plans: Path) -> None:
    uri, text, _ = opened(client, plans / THEME)
    changed(client, uri, 20, "# R003 is ignored here\n" + text)

    def hover(line: int, character: int) -> str:
        result = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        return result["contents"]["value"]

    assert "unknown-indicator" in hover(0, 3)
    shown = hover(INDICATOR_LINE + 1, 20)
    assert "Rate of first time entrants" in shown and "Latest figure" in shown
    assert "Status 2018/19" in shown
    assert hover(INDICATOR_LINE + 2, 6) == "`wording`: The performance measure as printed."


def test_diagnostics_follow_an_edit_within_a_fraction_of_a_second(
    client: Client, plans: Path
) -> None:
    uri, text, _ = opened(client, plans / THEME)
    broken = text.replace(f"indicator: {INDICATOR_ID}", "indicator: no-such-indicator")
    times = []
    for version in range(100, 110):
        started = time.perf_counter()
        changed(client, uri, version, broken if version % 2 else text)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"didChange -> publishDiagnostics, median of {len(times)}: {median * 1000:.0f} ms")
    assert median < 1.5


def test_completion_of_periods(client: Client, plans: Path) -> None:
    uri, text, _ = opened(client, plans / THEME)
    lines = text.splitlines()
    baseline = next(i for i, line in enumerate(lines) if "baseline: 2014/15" in line)
    result = client.request(
        "textDocument/completion",
        {
            "textDocument": {"uri": uri},
            "position": {"line": baseline, "character": lines[baseline].index("2014")},
        },
    )
    labels = [item["label"] for item in result["items"]]
    assert {"2018/19", "Q2 2018/19", "2014/15"} <= set(labels)
    assert labels.index("2018/19") < labels.index("2014/15")  # latest first


def test_yaml_that_is_no_plan_file_is_left_alone(client: Client, plans: Path) -> None:
    other = plans.parent / "docker-compose.yaml"
    other.write_text("services: {web: {image: nginx}}\n", encoding="utf-8")
    uri = other.as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "a: 1\n"}},
    )
    plan = plans / THEME  # a plan file opened after it still gets its diagnostics
    assert [d for d in opened(client, plan)[2] if d["severity"] == 1] == []
    assert not any(
        m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        for m in client.seen
    )


def test_the_overlay_replaces_a_files_bytes_only_inside_the_block(tmp_path: Path) -> None:
    from cspplan.loading.reader import overlaid, read_file

    path = tmp_path / "a.yaml"
    path.write_text("id: on-disk\n", encoding="utf-8")
    with overlaid({path: "id: in-the-editor\n"}):
        assert read_file(path)[0].data == {"id": "in-the-editor"}
    assert read_file(path)[0].data == {"id": "on-disk"}


def test_diagnostics_quote_plan_text_without_bidi_controls(client: Client, plans: Path) -> None:
    """An action title holding RIGHT-TO-LEFT OVERRIDE would read backwards in the editor's
    message that quotes it (C001, due after the plan year); the message reads as typed."""
    uri, text, _ = opened(client, plans / "safer-cornwall/2017-18/themes/alcohol-related-harm.yaml")
    broken = text.replace("Local Alcohol Action Area 2", "Local Alcohol \u202eAction Area 2")
    messages = [d["message"] for d in changed(client, uri, 2, broken)]
    assert any("'Local Alcohol Action Area 2' is due Mar 2019" in m for m in messages), messages
    assert not any("\u202e" in message for message in messages)
    changed(client, uri, 3, text)
