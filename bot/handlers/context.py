"""The typed callback context: handlers reach the services as `context.services`."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext

from bot.services import Services
from bot.transport import AssistantBot


class BotContext(CallbackContext[AssistantBot, dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with the application's services as a typed property."""

    def __init__(self, application: Application, chat_id: int | None = None,
                 user_id: int | None = None) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        return self.application.bot_data["services"]
