"""Knowledge packs (guideline answers as validated data) and their search. No Telegram here."""
