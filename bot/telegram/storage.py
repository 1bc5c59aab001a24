"""A finite-state-machine storage that keeps nothing.

aiogram's default MemoryStorage makes an entry for every chat and person it sees and never lets
go of it. The bot has no conversation state, so nothing about anyone needs to be held.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey


class NoStorage(BaseStorage):
    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        return None

    async def get_state(self, key: StorageKey) -> str | None:
        return None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        return None

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return {}

    async def close(self) -> None:
        return None

