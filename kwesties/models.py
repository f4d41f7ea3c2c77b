"""Kwesties and their escalation arrive with their own issue."""
