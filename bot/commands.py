"""The one command registry: every chat command's name, aliases, role, menu place and help order.

The Telegram menus, /hjalp's list, the role check of each command, the set of commands that
exist yet and the names the handlers answer to are all derived from COMMANDS. No Telegram here.

Roles are cumulative (bot/access.py: staff < manager < coordinator), so "lowest role staff"
lets managers and coordinators in too. /bestall is for managers and staff (issue 12), which
makes its lowest role staff; /avtal and /sammanstall are the coordinators'.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.access import ROLES, has_role


@dataclass(frozen=True)
class Command:
    """One chat command. Its description is the locales key `cmd.<name>` in every language."""

    name: str  # the Swedish name, also the key of its description
    role: str | None  # the lowest role; None: anyone, admitted or not (only /start)
    menu: bool = False  # in Telegram's command menu (for the roles that may use it)
    available: bool = False  # built yet: offered in /hjalp, the menu, and answered
    aliases: dict[str, str] = field(default_factory=dict)  # language -> that language's name

    @property
    def description_key(self) -> str:
        return "cmd." + self.name

    def shown_as(self, lang: str) -> str:
        """The name a user reading `lang` sees (English readers see /help, not /hjalp)."""
        return self.aliases.get(lang, self.name)

    @property
    def names(self) -> list[str]:
        """Every name the command answers to, whatever the user's language."""
        return [self.name, *(a for a in self.aliases.values() if a != self.name)]


# In help order: what staff meet first comes first.
COMMANDS: tuple[Command, ...] = (
    Command("start", None, available=True),
    Command("fraga", "staff", menu=True, available=True),
    Command("kommun", "staff", menu=True, available=True),
    Command("aktualisera", "staff", menu=True, available=True),
    Command("arenden", "staff", menu=True, available=True),
    Command("paminn", "staff", menu=True, available=True),
    Command("paminnelser", "staff", menu=True, available=True),
    Command("moten", "coordinator", menu=True, available=True),
    Command("bestall", "staff", menu=True, available=True),
    Command("mina_bestallningar", "staff", menu=True, available=True),
    Command("avtal", "coordinator", menu=True, available=True),
    Command("sammanstall", "coordinator", menu=True, available=True),
    Command("obesvarade", "coordinator", menu=True, available=True),
    Command("bjudin", "coordinator", menu=True, available=True),
    Command("anvandare", "coordinator", menu=True, available=True),
    Command("sprak", "staff", menu=True, available=True, aliases={"en": "language"}),
    Command("avbryt", "staff", menu=True, available=True, aliases={"en": "cancel"}),
    Command("hjalp", "staff", menu=True, available=True, aliases={"en": "help"}),
)

_BY_NAME: dict[str, Command] = {n: c for c in COMMANDS for n in c.names}
# Only commands that exist yet are offered and answered; later features flip `available`.
AVAILABLE: frozenset[str] = frozenset(c.name for c in COMMANDS if c.available)


def get(name: str) -> Command | None:
    """The command a name or alias stands for."""
    return _BY_NAME.get(name)


def role_of(name: str) -> str | None:
    """The lowest role a command (by name or alias) needs.

    Raises:
        KeyError: for a name the registry does not know (a typo in a handler's declaration).
    """
    return _BY_NAME[name].role


def may_use(role: str, name: str) -> bool:
    """Whether a user of `role` may run the command `name` (unknown commands: nobody)."""
    command = _BY_NAME.get(name)
    if command is None:
        return False
    return command.role is None or has_role(role, command.role)


def _for(role: str) -> list[Command]:
    return [c for c in COMMANDS if c.available and c.role is not None and has_role(role, c.role)]


def help_list(role: str, lang: str) -> list[tuple[str, str]]:
    """(name as shown in `lang`, description key) for /hjalp, in help order."""
    return [(c.shown_as(lang), c.description_key) for c in _for(role)]


def menu(role: str, lang: str) -> list[tuple[str, str]]:
    """(name as shown in `lang`, description key) for Telegram's menu of a `role` user."""
    return [(c.shown_as(lang), c.description_key) for c in _for(role) if c.menu]


def roles_with_own_menu() -> list[str]:
    """Roles whose menu differs from staff's: they get a per-chat menu at admission."""
    staff = menu("staff", "sv")
    return [r for r in ROLES if menu(r, "sv") != staff]
