"""A local stand-in for the Telegram Bot API over real HTTP (terminal chat and tests)."""
