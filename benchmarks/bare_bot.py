"""The bare aiogram bot bench_cold_start.py compares our start-up with: one /start handler.

The same client stack as ours (aiogram's aiohttp session against TELEGRAM_API_URL), nothing
else: what any aiogram bot pays to start.
"""

from __future__ import annotations

import asyncio
import os

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import Message

dispatcher = Dispatcher()


@dispatcher.message(CommandStart())
async def start(message: Message) -> None:
    await message.answer("Hello")


async def main() -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    async with Bot(os.environ["BOT_TOKEN"], session=session) as bot:
        await dispatcher.start_polling(bot, handle_signals=True)


if __name__ == "__main__":
    asyncio.run(main())
