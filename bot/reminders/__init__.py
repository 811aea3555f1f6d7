"""Reminders: when they may go out (calendar), what a user typed means (when), meeting series
(series), the pacing Telegram's limits ask for (pacing), and the tick that delivers (delivery).
No Telegram here: the tick is handed a send function (bot/handlers/jobs.py)."""
