"""Guards that keep confidential client data, such as identity numbers, out of the bot."""
