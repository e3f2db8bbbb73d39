"""What the browser tests do as a person would, shared: open a page and wait for its first
frame, type a value and press Enter, choose an option, and the goal's class once met."""

from __future__ import annotations

import re

from playwright.sync_api import Page

MET = re.compile(r"\bmet\b")
"""The story's goal box has this class once its check has turned green."""


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.__mlscope && window.__mlscope.stats.frames > 0")


def type_value(page: Page, name: str, value: str) -> None:
    """Type into a parameter's box (a number, a list) and press Enter."""
    box = page.locator(f'.control[data-param="{name}"] input.control-number, '
                       f'.control[data-param="{name}"] input.control-text')
    box.fill(value)
    box.press("Enter")


def choose(page: Page, name: str, value: str) -> None:
    page.locator(f'[data-param="{name}"] select').select_option(value)
