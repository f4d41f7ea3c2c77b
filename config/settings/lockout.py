"""The log-in lock-out's settings (accounts.lockout), imported by base.py: a subject of its own."""

import datetime as dt

import environ

env = environ.Env()

# Guessing passwords (accounts.lockout, README "Security"): after 5 failures for one user name, browsers
# without a device cookie for that user wait 15 minutes at that address; a browser that logged in as that
# user before (a signed device cookie) has its own counter, so nobody locks a colleague out by typing their
# name. Any user_login_failed counts (a wrong password, a wrong second-factor code).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_LOCKOUT_PARAMETERS = "accounts.lockout.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# A refused try during a lock-out is not counted: the wait ends AXES_COOLOFF_TIME after the last counted
# failure, and a colleague trying at a spraying address does not make its wait longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
LOCKOUT_DEVICE_COOKIE_NAME = "gg_apparaat"
LOCKOUT_DEVICE_COOKIE_DAYS = env.int("LOCKOUT_DEVICE_COOKIE_DAYS", default=365)
# Spraying: failures (untrusted browsers) for this many different user names from one address within the
# window block untrusted log-ins from it for BASE seconds, doubling per further user name, at most MAX.
LOCKOUT_SPRAY_USERNAMES = env.int("LOCKOUT_SPRAY_USERNAMES", default=5)
LOCKOUT_SPRAY_WINDOW_MINUTES = env.int("LOCKOUT_SPRAY_WINDOW_MINUTES", default=15)
LOCKOUT_SPRAY_BASE_SECONDS = env.int("LOCKOUT_SPRAY_BASE_SECONDS", default=30)
LOCKOUT_SPRAY_MAX_SECONDS = env.int("LOCKOUT_SPRAY_MAX_SECONDS", default=15 * 60)
