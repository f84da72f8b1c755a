"""The claims ledger: MSEC findings, claims, decisions (orders), payments, appeals, court rulings, archive."""
