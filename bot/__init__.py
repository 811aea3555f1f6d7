"""AME-assistenten: a Telegram assistant for municipal labour-market units."""

ORGS = ("ragunda", "bjurholm", "avesta", "danderyd", "stockholm")
