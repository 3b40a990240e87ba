"""The guided first run: login and password → every combination tested (one login) → the
sender's domain checked → a test message to an address the user gives → a saved profile, or the
diagnosis and a redacted report for IT. The controller owns the state; the dialog renders it."""
