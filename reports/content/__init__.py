"""What a report holds, by kind: the weekly team report, the monthly team report, the board report."""
