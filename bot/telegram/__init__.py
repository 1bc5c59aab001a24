"""The Telegram front end: a thin aiogram adapter over :mod:`bot.conversation`."""
