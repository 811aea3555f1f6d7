"""Messages to people other than the acting user: who is told what (notices) and the
dispatcher that delivers the outbox table. No Telegram here: the send function is injected."""
