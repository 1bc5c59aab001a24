"""Settings from environment variables (and ``.env`` when present), validated by pydantic."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.model.locales import parse_locale

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      case_sensitive=False)

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    reply_retry_seconds: float = Field(default=60.0, gt=0, le=3600)
    database_path: Path = ROOT / "data" / "counts.sqlite3"
    database_url: SecretStr | None = None
    content_dir: Path = ROOT / "content"
    locales_dir: Path = ROOT / "locales"
    default_locale: str = "en"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    counts_flush_seconds: float = Field(default=30.0, gt=0, le=3600)
    language_memory: int = Field(default=50_000, ge=100)
    rate_limit_per_minute: float = Field(default=30.0, gt=0)
    rate_limit_burst: int = Field(default=10, ge=1)
    shutdown_grace_seconds: float = Field(default=10.0, ge=0, le=120)
    reload_watch: bool = False
    reload_watch_seconds: float = Field(default=2.0, gt=0, le=3600)
    host: str = "0.0.0.0"
    port: int = Field(default=8080, ge=1, le=65535)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None

    @property
    def last_good_dir(self) -> Path:
        """Where a copy of the last content that loaded cleanly is kept (next to the counts)."""
        return self.database_path.parent / "last-good-content"

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not _TOKEN.match(value.strip()):
            raise ValueError("expected a token like 123456789:ABC-def from @BotFather")
        return value.strip()

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("expected an http:// or https:// base URL")
        return value.rstrip("/")

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _webhook_url(cls, value: object) -> object:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not re.match(r"^https://[^\s/]+", value):
            raise ValueError("expected the public https:// URL Telegram should post updates to")
        return value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: object) -> object:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", value):
            raise ValueError("expected 16-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("database_url", mode="before")
    @classmethod
    def _database_url(cls, value: object) -> object:
        """Only the scheme is checked; the message never repeats the URL (it holds a password)."""
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not re.match(r"^postgres(?:ql)?://\S+$", value.strip()):
            raise ValueError("expected a URL like postgresql://user:password@host:5432/database")
        return value.strip()

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        locale = parse_locale(value)
        if locale is None:
            raise ValueError("expected en, zh-Hans or zh-Hant")
        return locale

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _admins(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            if not all(re.fullmatch(r"-?\d+", p) for p in parts):
                raise ValueError("expected Telegram user ids separated by commas")
            return frozenset(int(p) for p in parts)
        return value


class SettingsError(Exception):
    """A bad setting, phrased in one line that names the environment variable."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"Invalid setting {name}: {message}") from None
