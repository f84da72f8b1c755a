"""The change feed (issue 13): what happened to the records in the caller's scope, in order, read from
the append-only audit log, so another system follows Emgek without polling every list."""
