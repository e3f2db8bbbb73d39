"""The explorable live in a real JupyterLab (headless Chromium), through the kernel comm.

Recipe: ../shared/NOTES-jupyter-e2e.md. JupyterLab runs on 127.0.0.1 with isolated config
and runtime folders; a notebook cell shows the explorable; the test moves its slider like a
person, reads the numbers, asks the kernel what Python sees, and sets a value from Python.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from playwright.sync_api import Page, expect

from mlscope.explorables.deep.house_prices import HousePrices
from tests.conftest import free_port

pytestmark = [pytest.mark.browser, pytest.mark.notebook]


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    cfg = root / "config"
    (cfg / "labconfig").mkdir(parents=True)
    (cfg / "labconfig" / "page_config.json").write_text(json.dumps({"disabledExtensions": {
        "@jupyterlab/apputils-extension:announcements": True,
        "@jupyterlab/extensionmanager-extension:plugin": True}}))
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        'import mlscope\nw = mlscope.show("house-prices", weight=0.18, bias=0)\nw')]
    nbformat.write(nb, root / "house.ipynb")
    # a run recorded in the notebook, then shown by its last expression
    run = nbformat.v4.new_notebook()
    run.metadata["kernelspec"] = nb.metadata["kernelspec"]
    store = str(root / "store")
    run.cells = [nbformat.v4.new_code_cell(
        "import mlscope, torch\n"
        "torch.manual_seed(0)\n"
        "x = torch.randn(200, 2); y = (x[:, 0] > 0).long()\n"
        "model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.Tanh(), "
        "torch.nn.Linear(4, 2))\n"
        "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        f"with mlscope.watch(model, probe=(x, y), run='nb', store={store!r}, every=10,\n"
        "                   overwrite=True) as w:\n"
        "    for step in range(60):\n"
        "        opt.zero_grad(); loss = torch.nn.functional.cross_entropy(model(x), y)\n"
        "        loss.backward(); opt.step(); w.log(step, loss=loss.item())\n"
        f"mlscope.runs({store!r})['nb']")]
    nbformat.write(run, root / "run.ipynb")
    port = free_port()
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(cfg), "JUPYTER_RUNTIME_DIR": str(root / "rt"),
           "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(root / "ws")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--port-retries=0", "--allow-root", f"--ServerApp.root_dir={root}",
         "--IdentityProvider.token=", "--PasswordIdentityProvider.hashed_password=",
         "--ServerApp.password_required=False", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def run_python(page: Page, code: str) -> str:
    """Run code in the notebook's kernel; return what it printed."""
    return page.evaluate("""async (code) => {
        const kernel = jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        let out = "";
        const future = kernel.requestExecute({ code });
        future.onIOPub = (msg) => { if (msg.header.msg_type === "stream") out += msg.content.text; };
        await future.done;
        return out;
    }""", code)


def test_explorable_runs_live_in_jupyterlab(page: Page, jupyter):
    page.goto(jupyter + "/lab/tree/house.ipynb?reset")
    page.wait_for_function("""() => {
        const w = window.jupyterapp && jupyterapp.shell.currentWidget;
        const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
        return k && k.status === "idle" && k.connectionStatus === "connected";
    }""", timeout=60_000)
    for _ in range(2):  # the kernel may report idle a moment before it really is
        page.evaluate("() => { jupyterapp.commands.execute('notebook:run-all-cells'); }")
        try:
            page.wait_for_selector(".mlscope-widget .data-table tfoot", timeout=20_000)
            break
        except Exception:
            continue
    widget = page.locator(".mlscope-widget")
    foot = widget.locator('[data-view="table"] tfoot td').last
    start = HousePrices(weight=0.18, bias=0.0)
    expect(foot).to_have_text(f"{start.error:,.1f}")
    canvas = widget.locator('[data-view="fit"] canvas.plot-front')
    before = canvas.evaluate("c => c.toDataURL()")

    # A person drags the weight slider to the left.
    slider = widget.locator('input[name="weight"]')
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    x0 = box["x"] + box["width"] * 0.45
    page.mouse.move(x0, y)
    page.mouse.down()
    for k in range(1, 9):
        page.mouse.move(x0 - k * box["width"] * 0.03, y)
    page.mouse.up()
    expect(foot).not_to_have_text(f"{start.error:,.1f}")
    shown_w = float(widget.locator('[data-param="weight"] .control-number').input_value())
    assert shown_w < 0.18
    expect(foot).to_have_text(f"{HousePrices(weight=shown_w, bias=0.0).error:,.1f}")
    assert canvas.evaluate("c => c.toDataURL()") != before

    # Python sees the value the slider set (fast moves coalesce: compare the final one).
    seen = float(run_python(page, 'print(w.values["weight"])'))
    assert seen == pytest.approx(shown_w, rel=1e-5)

    # Setting a value from Python moves the slider and the numbers.
    run_python(page, "w.set(weight=0.06, bias=240)")
    expect(widget.locator('[data-param="weight"] .control-number')).to_have_value("0.0600")
    expect(foot).to_have_text(f"{HousePrices(weight=0.06, bias=240.0).error:,.1f}")
    expect(widget.locator('[data-view="goal"] .message')).to_contain_text("Goal reached")


def test_a_recorded_run_shows_its_timeline_in_jupyterlab(page: Page, jupyter):
    """A run recorded in the notebook and left as a cell's value is its timeline, live:
    the step slider dragged in the widget moves every view."""
    page.goto(jupyter + "/lab/tree/run.ipynb?reset")
    page.wait_for_function("""() => {
        const w = window.jupyterapp && jupyterapp.shell.currentWidget;
        const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
        return k && k.status === "idle" && k.connectionStatus === "connected";
    }""", timeout=60_000)
    for _ in range(2):
        page.evaluate("() => { jupyterapp.commands.execute('notebook:run-all-cells'); }")
        try:
            page.wait_for_selector('.mlscope-widget [data-view="curve"] h3', timeout=40_000)
            break
        except Exception:
            continue
    widget = page.locator(".mlscope-widget")
    expect(widget.locator('[data-view="curve"] h3')).to_contain_text("loss at step 59")
    # a person drags the step slider to its start: every view goes back with it
    slider = widget.locator('input[name="at"]')
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.98, y)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(box["x"] + box["width"] * (0.98 - k * 0.11), y)
    page.mouse.up()
    expect(widget.locator('[data-view="curve"] h3')).to_contain_text("loss at step 0:")
    expect(widget.locator('[data-view="boundary"] h3')).to_have_text(
        "Decision surface at step 0")
    assert float(widget.locator('[data-param="at"] .control-number').input_value()) == 0
