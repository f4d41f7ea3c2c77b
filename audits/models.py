"""Audits, the reflection instrument and team reports arrive with their own issue."""
