"""群發 / Mailing: the tab (tab.py) wires a controller (controller.py: the list, the journal,
the run) to panels that render and say what the user asks for, and never see the controller."""
