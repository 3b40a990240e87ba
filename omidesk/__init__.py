"""OMIDesk: a desktop client for the OMICard / NewerMail SMTP relay (沛盛資訊)."""

__version__ = "0.1.0"
APP_NAME = "OMIDesk"
ORG_NAME = "OMIDesk"
ORG_DOMAIN = "omidesk.example"
