"""The freshness loop: organizations confirm and correct their own records through signed links,
curators decide on what they propose, and reminders go out by e-mail before records go stale.
No Flask here; the organization's pages and the curators' are in portal/outreach and
portal/staff/outreach.py. See docs/outreach.md.

Modules: `links` (signed, expiring, revocable tokens), `records` (what a link reaches),
`proposals` (confirm, propose, end; accept, reject), `reminders` (who is due, the daily run),
`mail` (SMTP), `health` (the loop's figures).
"""
