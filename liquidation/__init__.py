"""Liquidation of an employer (art. 255): capitalised payments, their transfer, the Social Fund's payments."""
