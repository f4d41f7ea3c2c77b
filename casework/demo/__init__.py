"""Demo data for `manage.py demo_data`: a believable organisation with families and their history.

Three teams (more with `--teams`), about thirty staff in every role, and a few
hundred families (`--families`), each with members, network, a legal measure
per child, the ISC phases, assignments, versions of the gezinsplan with
agreements, and six to eighteen months of contacts whose two scores follow a
trajectory: rising, stalling, falling, or a crisis dip and recovery, with the
centrale lijn lagging behind the actuele veiligheid.

Demo data is generated history, not user actions: it is built in memory and
written with `bulk_create` in chunks of families, never through
`casework.services`, which would write an access-log row per change (and take
minutes). History timestamps (`created_at`, `at`) are the moment the event
happened, not now. The denormalised fields on Family (phase, phase_since,
closed_on, manager, current_plan) agree with the history rows, as the services
would leave them.

The command refuses to run when families exist, unless `--append` (a further
organisation with usernames ending in "-2", "-3", ... and new dossier numbers)
or `--if-empty` (do nothing, for `make run`) is given. The same `--seed` on the
same day gives the same data. For benchmarks: `--families 5000
--contacts-per-month 16` makes about a million contacts in a few minutes on
PostgreSQL (the contact participants go in with COPY there); memory stays flat
whatever the size.
"""
