"""The method's thresholds (signals, phase norms, sharing after help, kwestie levels), imported by base.py."""

import environ

env = environ.Env()

# Team dashboard: when a family becomes a candidate for the team session.
# Settings, not constants in code; each may be overridden from the environment.
TEAM_SIGNALS = {
    "SAFETY_LOW_AT_MOST": env.int("SIGNAL_SAFETY_LOW_AT_MOST", default=4),
    "SAFETY_DROP_AT_LEAST": env.int("SIGNAL_SAFETY_DROP_AT_LEAST", default=2),
    "LIJN_STALLED_WEEKS": env.int("SIGNAL_LIJN_STALLED_WEEKS", default=8),
    "NO_CONTACT_DAYS": env.int("SIGNAL_NO_CONTACT_DAYS", default=14),
    "MEASURE_ENDING_WEEKS": env.int("SIGNAL_MEASURE_ENDING_WEEKS", default=8),
    "TURNING_18_MONTHS": env.int("SIGNAL_TURNING_18_MONTHS", default=6),
    "DISCUSSED_WEEKS": env.int("SIGNAL_DISCUSSED_WEEKS", default=8),
}

# Default days per ISC phase before "longer in phase than the norm" fires; a team
# may set its own norm per phase (teams.PhaseNorm, in the admin).
TEAM_PHASE_NORM_DAYS = {"aanmelding": 14, "betrekken": 56, "ondersteunen": 240, "generaliseren": 120}

# A partner's sharing basis ends by itself this many days after its last inzet
# for the family ended (DESIGN.md section 4: only while it works with the family).
SHARING_ENDS_AFTER_INZET_DAYS = env.int("SHARING_ENDS_AFTER_INZET_DAYS", default=30)

# Kwesties: expected handling time per level, in days, before a kwestie is
# marked overdue and its owner is notified. Escalating stays a human decision.
KWESTIE_LEVEL_DAYS = {
    "team": env.int("KWESTIE_TEAM_DAYS", default=14),
    "teamleider": env.int("KWESTIE_TEAMLEIDER_DAYS", default=28),
    "bestuur": env.int("KWESTIE_BESTUUR_DAYS", default=91),
}
