"""Writes for court work: rulings, a measure's periods and end, requests to the court, stays and hearings.

The rules a GI lives by, in one place for the pages and the demo:
- a measure's `start` is its first period's start and its `end` the last period's end, so every list and
  signal reads the measure alone; an extension is a new period that starts the day after the last one
  ends, granted by its own ruling;
- a request to extend is due EXTENSION_REQUEST_LEAD_WEEKS before the end (`due_on`), and a granted
  extension that the court decides adds the period at once;
- only who writes the family's file records any of it, under the family's lock, with an access-log row.
By subject: `measures`, `requests`, `stays`, `hearings`; `casework.court.services` is their one import path.
"""

from ..selectors import COURT_KINDS
from .common import GRANTING_OUTCOMES, OPEN_ENDED_KINDS
from .hearings import hearing_change, hearing_plan, hearing_record_outcome
from .measures import measure_end, measure_extend, measure_open, ruling_record
from .requests import (
    court_request_create,
    court_request_decide,
    court_request_submit,
    court_request_withdraw,
)
from .stays import stay_record, stay_set_authorisation

__all__ = [
    "COURT_KINDS",
    "GRANTING_OUTCOMES",
    "OPEN_ENDED_KINDS",
    "court_request_create",
    "court_request_decide",
    "court_request_submit",
    "court_request_withdraw",
    "hearing_change",
    "hearing_plan",
    "hearing_record_outcome",
    "measure_end",
    "measure_extend",
    "measure_open",
    "ruling_record",
    "stay_record",
    "stay_set_authorisation",
]
