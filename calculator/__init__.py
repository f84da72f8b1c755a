"""The calculator: the calculation contract's page, API and CLI onto the one engine (stores nothing)."""
