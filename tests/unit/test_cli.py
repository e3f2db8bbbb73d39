"""The mlscope command."""

import pytest

from mlscope.cli import main


def test_list_shows_explorables_and_parameter_ranges(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "house-prices  (deep)" in out
    assert "weight" in out and "[0.0, 0.4]" in out and "default 0.1" in out


def test_serve_binds_loopback_by_default(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    assert "default 127.0.0.1" in capsys.readouterr().out


def test_unknown_command_is_an_error():
    with pytest.raises(SystemExit) as e:
        main(["fly"])
    assert e.value.code == 2
