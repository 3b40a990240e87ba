"""Qt widgets: they render core objects and await core coroutines; no SMTP or MIME logic here."""
