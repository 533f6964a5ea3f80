"""Official documents attached to notices (issue 23): their text, read out of the caller's process
with limits (`isolated.read_isolated`), and the fields of a Vietnamese official document
(`fields.parse_fields`). Pure: bytes in, records out; never the database, never Scrapy."""

from portal_archive.documents.fields import DocumentFields, parse_fields
from portal_archive.documents.reader import DocumentText, Limits, read_document

__all__ = ["DocumentFields", "DocumentText", "Limits", "parse_fields", "read_document"]
