"""The pages of the family file, a module per what they show.

`lists` ("Mijn gezinnen"), `family` (the family page), `contacts`, `plan` (the
gezinsplan), `parts` (members, network, measures), `manage` (the teamleider's
pages and phase changes) and `access_log`; the partners' pages live with their
subject in `casework.partners.views`. Every page that shows a family's data
goes through `helpers.render_family`, which logs the view.
"""
