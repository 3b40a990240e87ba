"""The frozen app's entry point (build.spec): the same as the `omidesk` command."""

from omidesk.cli import main

raise SystemExit(main())
