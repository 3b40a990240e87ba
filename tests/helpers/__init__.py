"""Shared test helpers: real local SMTP and DNS servers, a client config for them, running the
app as processes; and the tests of those helpers themselves."""
