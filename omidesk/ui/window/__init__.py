"""The main window's parts: the lazy tab deck, the status bar, the menus, the saved state."""
