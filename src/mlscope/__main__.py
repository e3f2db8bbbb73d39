"""``python -m mlscope``: the same as the ``mlscope`` command."""

from mlscope.cli import main

raise SystemExit(main())
