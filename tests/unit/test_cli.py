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


@pytest.mark.parametrize(("flag", "value"), [("--workers", "0"), ("--max-sessions", "-3")])
def test_serve_refuses_no_workers_or_no_sessions_before_starting(capsys, flag, value):
    assert main(["serve", "--no-open", flag, value]) == 2
    assert f"mlscope serve: {flag} must be 1 or more; got {value}." in capsys.readouterr().err


def test_unknown_command_is_an_error():
    with pytest.raises(SystemExit) as e:
        main(["fly"])
    assert e.value.code == 2


def test_export_trains_and_writes_every_kth_epoch(tmp_path, capsys):
    from PIL import Image

    out = tmp_path / "spiral.gif"
    assert main(["export", "playground", "--set", "dataset=spiral", "--set", "hidden=8,8",
                 "--epochs", "20", "--every", "5", "--size", "200x160", "-q",
                 "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    with Image.open(out) as im:
        assert im.n_frames == 5 and im.size == (200, 160)


def test_export_sweeps_a_parameter(tmp_path):
    from PIL import Image

    out = tmp_path / "w.gif"
    assert main(["export", "house-prices", "--sweep", "weight=0:0.4", "--frames", "6", "-q",
                 "-o", str(out)]) == 0
    with Image.open(out) as im:
        assert im.n_frames == 6


@pytest.mark.parametrize(("args", "message"), [
    (["--set", "dataset=nope"], "dataset must be one of circle"),
    (["--set", "hidden"], "--set takes name=value"),
    (["--sweep", "noise"], "--sweep takes name=from:to"),
    (["--sweep", "noise=0:99"], "noise must be"),
    (["--frames", "0"], "frames must be a whole number from 1"),
])
def test_export_rejects_bad_parameters_by_the_apps_rules(tmp_path, capsys, args, message):
    out = tmp_path / "x.gif"
    assert main(["export", "playground", *args, "-q", "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_export_rejects_a_bad_size(capsys):
    with pytest.raises(SystemExit):
        main(["export", "playground", "--size", "big", "-o", "x.gif"])
    assert "WIDTHxHEIGHT" in capsys.readouterr().err
