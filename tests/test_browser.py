"""The view in a real browser: headless Chromium driven over the DevTools protocol.

Opens the written HTML from disk, checks that nothing fails in the console, clicks a
node with the mouse and reads its evidence in the side panel, switches the labels'
language, and saves a screenshot to out/view-screenshot.png."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.graph.serve import make_server
from khabar.graph.view import write_view

websocket = pytest.importorskip("websocket", reason="websocket-client is in the test extra")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(scripts/install-test-deps.sh installs it as root)")
WIDTH, HEIGHT = 1400, 900


class Browser:
    """One page of a headless Chromium, spoken to over the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", f"--window-size={WIDTH},{HEIGHT}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._port(profile / "DevToolsActivePort")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1,
                  mobile=False)

    def _port(self, path: Path) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if path.exists() and path.read_text().strip():
                return int(path.read_text().split()[0])
            if self.process.poll() is not None:
                pytest.fail("chromium exited at start")
            time.sleep(0.1)
        pytest.fail("chromium did not open its DevTools port")

    def call(self, method: str, **params: object) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression: str) -> object:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions, failed loads and dialogs seen so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                args = params.get("args", [])
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in args))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params.get('message')}")
        return found

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _sample_store():
    try:
        from tests.test_view import sample_store
    except ImportError:  # tests/ run as top-level modules
        from test_view import sample_store
    return sample_store()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "view.html"
    write_view(_sample_store(), page)
    chrome = Browser(folder / "profile")
    try:
        chrome.call("Page.navigate", url=page.as_uri())
        chrome.wait_for("document.readyState === 'complete' && !!window.khabarView && khabarView.ready")
        chrome.wait_for("khabarView.stabilized")
        yield chrome
    finally:
        chrome.close()


def _node_id(browser: Browser, english: str) -> str:
    return browser.evaluate(f"Object.keys(khabarView.data.nodes).find(k => khabarView.data.nodes[k].en === "
                            f"{json.dumps(english)})")


def _type(browser: Browser, text: str) -> None:
    browser.evaluate("(() => { const s = document.getElementById('kb-search');"
                     f"s.value = {json.dumps(text)}; s.dispatchEvent(new Event('input')); }})()")


def test_no_console_errors_after_layout(browser: Browser) -> None:
    assert browser.problems() == []
    shown = browser.evaluate("khabarView.nodes.get().filter(n => !n.hidden).length")
    assert shown >= 5
    settled = browser.evaluate("khabarView.network.physics.physicsEnabled")
    assert settled is False, "physics stops once the layout has settled"


def test_clicking_a_node_shows_its_evidence(browser: Browser) -> None:
    node = _node_id(browser, "Esmail Qaani")
    browser.evaluate("khabarView.network.fit(); true")
    x, y = browser.evaluate(f"""(() => {{
        const id = {json.dumps(node)};
        const p = khabarView.network.canvasToDOM(khabarView.network.getPositions([id])[id]);
        const box = document.getElementById('mynetwork').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }})()""")
    browser.click(x, y)
    browser.wait_for(f"khabarView.network.getSelectedNodes()[0] === {json.dumps(node)}", 10)
    panel = browser.evaluate("document.getElementById('kb-panel-body').textContent")
    assert "إسماعيل قاآني" in panel and "Esmail Qaani" in panel
    assert "وصل قائد فيلق القدس إسماعيل قاآني إلى بغداد" in panel, "the evidence sentence is shown"
    assert "2020-11-24" in panel and "Wikidata Q6700" in panel
    hrefs = browser.evaluate("[...document.querySelectorAll('#kb-panel-body a')].map(a => a.href)")
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)


def test_article_markup_shows_as_text(browser: Browser) -> None:
    node = browser.evaluate("Object.keys(khabarView.data.events).find(k => khabarView.data.events[k].cls === "
                            "'Condemnation')")
    assert browser.evaluate(f"khabarView.select({json.dumps(node)})")
    panel = browser.evaluate("document.getElementById('kb-panel-body').textContent")
    assert "<script>alert(1)</script>" in panel
    assert browser.evaluate("document.querySelectorAll('#kb-panel-body script').length") == 0
    link = browser.evaluate("[...document.querySelectorAll('#kb-panel-body a')].map(a => a.href)")
    assert all(not href.startswith("javascript:") for href in link)
    assert browser.problems() == [], "nothing ran"


def test_language_toggle_switches_every_label(browser: Browser) -> None:
    before = browser.evaluate("khabarView.edges.get().map(e => e.label)")
    assert "زار" in before
    browser.evaluate("document.getElementById('kb-lang').click(); true")
    after = browser.evaluate("khabarView.edges.get().map(e => e.label)")
    assert "visited" in after and "زار" not in after
    assert "Esmail Qaani" in browser.evaluate("khabarView.nodes.get().map(n => n.label)")
    browser.evaluate("document.getElementById('kb-lang').click(); true")
    assert "زار" in browser.evaluate("khabarView.edges.get().map(e => e.label)")


def test_search_and_filters(browser: Browser) -> None:
    qaani = _node_id(browser, "Esmail Qaani")
    assert browser.evaluate("khabarView.search('اسماعيل قاانى')")[0] == qaani
    assert browser.evaluate("khabarView.search('qaani')")[0] == qaani
    _type(browser, "بغداد")
    assert "بغداد" in browser.evaluate("document.getElementById('kb-results').textContent")
    visible = "khabarView.nodes.get().filter(n => !n.hidden).map(n => n.id)"
    everything = browser.evaluate(visible)
    browser.evaluate("khabarView.state.kinds.Person = false; khabarView.applyFilters(); true")
    assert qaani not in browser.evaluate(visible)
    browser.evaluate("khabarView.state.kinds.Person = true; khabarView.state.to = '2020-11-30';"
                     "khabarView.applyFilters(); true")
    november = browser.evaluate(visible)
    sadr = browser.evaluate("Object.keys(khabarView.data.nodes).find(k => khabarView.data.nodes[k].ar === "
                            "'مقتدى الصدر')")
    assert qaani in november and sadr in everything and sadr not in november, "only December mentions him"
    browser.evaluate("khabarView.state.to = ''; khabarView.applyFilters(); true")
    assert sorted(browser.evaluate(visible)) == sorted(everything)
    browser.evaluate("khabarView.setColour('community'); true")
    colours = browser.evaluate("new Set(khabarView.nodes.get().map(n => n.color.background)).size")
    assert colours >= 2
    browser.evaluate("khabarView.setColour('class'); true")


def test_screenshot(browser: Browser) -> None:
    node = _node_id(browser, "Esmail Qaani")
    _type(browser, "")
    browser.evaluate(f"khabarView.select({json.dumps(node)}); true")
    time.sleep(0.4)
    browser.evaluate("khabarView.network.fit(); true")
    time.sleep(0.3)
    shot = browser.call("Page.captureScreenshot", format="png")
    out = ROOT / "out" / "view-screenshot.png"
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(base64.b64decode(shot["data"]))
    assert out.stat().st_size > 10_000
    assert browser.problems() == []


def test_query_page_runs_a_saved_query(tmp_path: Path) -> None:
    server = make_server(_sample_store(), port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chrome = Browser(tmp_path / "profile")
    try:
        chrome.call("Page.navigate", url=server.url)
        chrome.wait_for("document.readyState === 'complete' && document.querySelectorAll('#examples button').length")
        chrome.evaluate("[...document.querySelectorAll('#examples button')]"
                        ".find(b => b.firstChild.textContent === 'visits').click(); true")
        chrome.wait_for("document.querySelectorAll('#results tr').length > 1", 30)
        table = chrome.evaluate("document.getElementById('results').textContent")
        assert "بغداد" in table or "Baghdad" in table
        assert "row" in chrome.evaluate("document.getElementById('status').textContent")
        assert chrome.problems() == []
    finally:
        chrome.close()
        server.shutdown()
        server.server_close()
