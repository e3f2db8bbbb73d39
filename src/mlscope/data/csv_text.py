"""Reading CSV text the user uploads into rows of cells, robustly: the one place that knows
about byte-order marks, line endings, separators, size limits and the csv module's errors.

Accepted: a UTF-8 byte-order mark, CR, LF or CRLF line endings, commas, or semicolons or tabs
with decimal commas (a spreadsheet's export in many locales), a title line above the rows.
Refused, with a message that says what and where: more than MAX_CHARS characters (before
any parsing), NUL bytes, fields over MAX_FIELD characters, a file with no values.
"""

from __future__ import annotations

import csv
import io
import re

from mlscope.core.params import ParamError

MAX_CHARS = 4_000_000
"""An upload is refused above this many characters before it is parsed (5,000 rows of a
few numbers are about 100 kB; the websocket takes 1 MiB)."""
MAX_FIELD = 1_000
"""A cell longer than this is not a number or a name; it is refused."""


SEPARATORS = (",", ";", "\t")
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+([eE][+-]?\d+)?")
"""A number written with a decimal comma (1,5): what a spreadsheet in many locales writes
when its separator is a semicolon or a tab."""


def separator(text: str) -> str:
    """The separator that splits the rows into the same number of columns (at least 2):
    first one that does so for every line, header included, then one that does so below
    a title line; a comma where several do."""
    lines = [line for line in text.split("\n", 40)[:40] if line.strip()][:21]

    def steady(sep: str, rows: list[str]) -> bool:
        counts = {line.count(sep) for line in rows}
        return len(counts) == 1 and counts.pop() >= 1

    for rows in (lines, lines[1:]):
        found = [sep for sep in SEPARATORS if rows and steady(sep, rows)]
        if found:
            return found[0]
    return ","


def read_rows(text: object, field: str, expected: str) -> list[tuple[int, list[str]]]:
    """The non-empty rows of ``text`` with their line numbers (1-based), cells stripped;
    ParamError naming ``field`` if it is not text, too long, empty or unreadable
    (``expected`` says what the rows should hold)."""
    if not isinstance(text, str):
        raise ParamError(field, "an upload must send the file's text.")
    if len(text) > MAX_CHARS:
        raise ParamError(field, f"the file has {len(text):,} characters; at most "
                                f"{MAX_CHARS:,} are read. Keep fewer rows.")
    if "\x00" in text:
        raise ParamError(field, "the file has NUL bytes: it is not text (a spreadsheet's "
                                "own format, a zip?). Save it as CSV.")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParamError(field, f"the file is empty; expected rows of {expected}.")
    sep = separator(text)
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    rows = []
    try:
        for r in reader:
            cells = [c.strip() for c in r]
            if sep != ",":  # 1,5 is one and a half here
                cells = [c.replace(",", ".") if DECIMAL_COMMA.fullmatch(c) else c
                         for c in cells]
            if any(cells):
                long = next((c for c in cells if len(c) > MAX_FIELD), None)
                if long is not None:
                    raise ParamError(field, f"line {reader.line_num}: a cell of {len(long):,} "
                                            f"characters; expected {expected}.")
                rows.append((reader.line_num, cells))
    except csv.Error as err:
        if "field larger" in str(err):
            raise ParamError(field, f"line {reader.line_num}: a cell of more than "
                                    f"{csv.field_size_limit():,} characters; expected "
                                    f"{expected}.") from None
        raise ParamError(field, f"line {reader.line_num}: not readable as CSV ({err}).") from None
    if not rows:
        raise ParamError(field, f"the file has no values; expected rows of {expected}.")
    return rows
