"""Compensation for workplace injury and death: Labour Code of the Kyrgyz Republic, arts. 225-272."""
