from omidesk.cli import main

raise SystemExit(main())
