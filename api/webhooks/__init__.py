"""Webhooks: where they may point, how each POST is made and signed, and the delivery queue."""
