"""Everything OMIDesk does minus the pixels. Nothing under this package may import Qt."""
