"""Test helpers: seed documents, fake Bot API, update factories."""
