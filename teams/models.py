"""Team sessions and the team dashboard arrive with their own issue; teams and memberships live in accounts."""
