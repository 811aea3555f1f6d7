"""Intake cases: what a confirmed intake form saves, its follow-up and decision-end reminders,
and following up, extending and closing a case. No Telegram, no client identity."""
