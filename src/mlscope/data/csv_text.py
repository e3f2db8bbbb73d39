"""Reading CSV text the user uploads into rows of cells, robustly: the one place that knows
about byte-order marks, line endings, separators, size limits and the csv module's errors.

Accepted: a UTF-8 byte-order mark, CR, LF or CRLF line endings, commas, or semicolons or tabs
where the first line has no comma (a spreadsheet's export in many locales). Refused, with a
message that says what and where: more than MAX_CHARS characters (before any parsing), NUL
bytes, fields over MAX_FIELD characters, a file with no values.
"""

from __future__ import annotations

import csv
import io

from mlscope.core.params import ParamError

MAX_CHARS = 4_000_000
"""An upload is refused above this many characters before it is parsed (5,000 rows of a
few numbers are about 100 kB; the websocket takes 1 MiB)."""
MAX_FIELD = 1_000
"""A cell longer than this is not a number or a name; it is refused."""


def separator(text: str) -> str:
    """"," unless the first non-empty line has no comma and a semicolon or a tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "," in first:
        return ","
    if ";" in first:
        return ";"
    return "\t" if "\t" in first else ","


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
    reader = csv.reader(io.StringIO(text), delimiter=separator(text))
    rows = []
    try:
        for r in reader:
            cells = [c.strip() for c in r]
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
