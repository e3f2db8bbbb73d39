"""Malformed CSV, uploaded as a user would (the API's act("upload_csv", text) and the
page's websocket): only commas, binary bytes read as text, a 128 kB field, CR-only line
endings, a byte-order mark without a header, semicolons or tabs, 100 MB of rows. They used
to raise a raw IndexError or csv.Error, or cost 24 s and 3 GB before a refusal. Each now gets
a clear message naming what is wrong (and where), separators and line endings that are
unambiguous are read, and the data shown before stays."""

from __future__ import annotations

import random

import pytest

from mlscope.core.params import ParamError
from mlscope.core.protocol import MAX_MESSAGE_BYTES
from mlscope.explorables.classic.dbscan import DBSCAN
from mlscope.explorables.classic.kmeans import KMeans
from mlscope.explorables.classic.pca import PCA
from mlscope.explorables.classic.tsne import TSNE
from mlscope.explorables.deep.playground import Playground
from tests.protocol.peer import Peer

GOOD = "x1,x2,label\n1,2,0\n-1,-2,1\n3,1,0\n-2,-1,1\n0.5,2.5,0\n"
noise = random.Random(0)
BAD = {
    "only commas": (",,,\n,,,\n,,\n", "no values"),
    "binary": (bytes(noise.randrange(256) for _ in range(4000)).decode("latin-1"),
               "NUL bytes|line \\d+"),
    "a zip": ("PK\x03\x04\x14\x00\x00\x00\x08\x00" + "\x00" * 50, "NUL bytes"),
    "huge field": ("x1,x2,label\n1,2," + "9" * 140_000 + "\n",
                   "line 2: a cell of more than 131,072 characters"),
    "100 MB": ("1,2,0\n" * 17_000_000, "102,000,000 characters; at most 4,000,000"),
    "text labels": ("1,2,cat\n3,4,dog\n", "line 1: label must be a number; got 'cat'"),
    "one column": ("1\n2\n3\n", "line 1: expected 3 columns"),
}
ACCEPTED = {
    "CR only": GOOD.replace("\n", "\r"),
    "CRLF": GOOD.replace("\n", "\r\n"),
    "semicolons": GOOD.replace(",", ";"),
    "tabs": GOOD.replace(",", "\t"),
    "decimal places in quotes": '"x1","x2","label"\n"1.5","2",0\n-1,-2,1\n',
    "semicolons and decimal commas": "x1;x2;label\r\n1,5;2;0\r\n-1;-2;1\r\n",
    "semicolons and decimal commas, no header": "1,5;2;0\n-1;-2;1\n",
    "tabs and decimal commas": "\ufeffx1\tx2\tlabel\n1,5\t2\t0\n-1\t-2\t1\n",
    "a title line with a semicolon": "My data; 2024\n1.5,2,0\n-1,-2,1\n3,1,0\n",
}


@pytest.mark.parametrize("name", BAD)
def test_the_playground_refuses_a_bad_file_clearly_and_keeps_its_data(name):
    text, message = BAD[name]
    ex = Playground(step="free")
    ex.act("upload_csv", GOOD)
    before = ex.p.data
    with pytest.raises(ParamError, match=message) as err:
        ex.act("upload_csv", text)
    assert err.value.field == "data" and len(err.value.message) < 200
    assert ex.p.data == before and ex.p.dataset == "custom"


@pytest.mark.parametrize("name", ACCEPTED)
def test_unambiguous_separators_and_line_endings_are_read(name):
    ex = Playground(step="free")
    ex.act("upload_csv", ACCEPTED[name])
    decimal = any(w in name for w in ("quotes", "commas", "title"))
    assert ex.p.dataset == "custom" and ex.p.data[0][:2] == (1.5 if decimal else 1, 2)


@pytest.mark.parametrize(("values", "task"), [
    ("0 10 20", "regression"), ("1 2 3 4 5", "regression"), ("-1000000 1000000", "regression"),
    ("0 1 2", "classification"), ("1 -1", "classification")])
def test_whole_numbers_that_are_not_classes_are_values(values, task):
    ys = values.split()
    ex = Playground(step="free")
    ex.act("upload_csv", "".join(f"{k},{-k},{y}\n" for k, y in enumerate(ys * 3)))
    assert ex.task == task


def test_a_byte_order_mark_without_a_header_keeps_the_first_row():
    ex = Playground(step="free")
    ex.act("upload_csv", "\ufeff1,2,0\n-1,-2,1\n3,1,0\n")
    assert [p[:2] for p in ex.p.data] == [(1, 2), (-1, -2), (3, 1)]


@pytest.mark.parametrize("cls", [PCA, TSNE, KMeans, DBSCAN], ids=lambda c: c.slug)
@pytest.mark.parametrize("name", ["only commas", "binary", "a zip", "huge field", "100 MB"])
def test_every_upload_refuses_the_same_files_the_same_way(cls, name):
    text, message = BAD[name]
    ex = cls()
    frame_before = ex.values
    with pytest.raises(ParamError, match=message) as err:
        ex.act("upload_csv", text)
    assert len(err.value.message) < 200
    assert ex.values == frame_before


def test_over_the_socket_a_bad_file_is_an_error_and_a_too_big_one_does_not_drop_it(client):
    with client.websocket_connect("/ws/playground") as ws:
        p = Peer(ws)
        frame = p.frame_after(type="hello", params={"step": "free"})
        p.send(type="ack", seq=frame["seq"])
        got = p.exchange(10, type="action", id=1, name="upload_csv", value=",,,\n,,\n")
        assert [m["field"] for m in got] == ["data"]
        got = p.exchange(11, type="action", id=2, name="upload_csv",
                         value="1,2,0\n" * (MAX_MESSAGE_BYTES // 6 + 10))
        assert [m["field"] for m in got] == ["message"]
        frame = p.frame_after(type="action", id=12, name="upload_csv", value=GOOD)
        assert frame["params"]["dataset"] == "custom" and len(frame["params"]["data"]) == 5
