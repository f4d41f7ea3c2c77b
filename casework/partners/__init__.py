"""Partners, the help they deliver (inzet) and the sharing bases that let them see part of a family's file."""
