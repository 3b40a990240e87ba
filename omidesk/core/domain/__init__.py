"""Sender-domain readiness (manual §2): SPF, DMARC and DKIM of the From domain."""
