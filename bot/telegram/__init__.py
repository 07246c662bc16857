"""The Telegram layer: the only part of the bot that imports python-telegram-bot.

`app.build_application(settings)` wires handlers to the pure core; `app.run_bot(settings)` runs it.
"""
