"""The sizes of the benchmark data set, from the issue's national target down to a test's tiny one."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    active: int  # active families
    contacts: int  # contacts over all families, active and closed
    log_rows: int  # rows in privacy_accesslogentry (a page view, or a family shown in today's shape)
    families_per_chunk: int
    log_rows_per_chunk: int
    sessions_weeks: int = 52  # weekly team sessions going back from today
    closed_ratio: float = 1 / 3  # closed families per active one (a GI keeps closed files for decades)
    team_count: int = 0  # 0: teams of about 200 active families

    @property
    def closed(self) -> int:
        return round(self.active * self.closed_ratio)

    @property
    def families(self) -> int:
        return self.active + self.closed

    @property
    def teams(self) -> int:
        # Teams of about 200 active families (150-250 by the team weights in shapes.py).
        return self.team_count or max(1, round(self.active / 200))

    @property
    def contacts_per_family(self) -> float:
        return self.contacts / self.families


SIZES = {
    s.name: s
    for s in [
        Size(
            "tiny",
            active=40,
            contacts=1_600,
            log_rows=3_000,
            families_per_chunk=20,
            log_rows_per_chunk=1_000,
            sessions_weeks=6,
            team_count=2,
        ),
        Size(
            "small",
            active=2_000,
            contacts=400_000,
            log_rows=2_000_000,
            families_per_chunk=1_000,
            log_rows_per_chunk=500_000,
        ),
        Size(
            "medium",
            active=10_000,
            contacts=2_000_000,
            log_rows=20_000_000,
            families_per_chunk=2_500,
            log_rows_per_chunk=1_000_000,
        ),
        Size(
            "national",
            active=50_000,
            contacts=10_000_000,
            log_rows=100_000_000,
            families_per_chunk=5_000,
            log_rows_per_chunk=2_000_000,
        ),
    ]
}
