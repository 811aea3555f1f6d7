"""Telegram handlers: thin functions that parse an update, call domain code and render."""
