"""The pure core: the FAQ, the cleaned message, triage, matching and the reply text. No I/O, no Telegram."""
