"""The frozen app's entry point (build.spec): the same as the `omidesk` command."""

from omidesk.entry import main

raise SystemExit(main())
