from omidesk.entry import main

raise SystemExit(main())
