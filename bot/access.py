"""Who may do what: roles, and the lowest role each command and button needs. No Telegram here."""

from __future__ import annotations

ROLES = ("staff", "manager", "coordinator")

# The lowest role a command needs; roles are cumulative (a coordinator may do what staff may).
COMMAND_ROLE: dict[str, str] = {
    "start": "staff", "hjalp": "staff", "help": "staff", "kommun": "staff", "fraga": "staff",
    "sprak": "staff", "language": "staff", "avbryt": "staff", "cancel": "staff",
    "aktualisera": "staff", "arenden": "staff", "paminn": "staff", "paminnelser": "staff",
    "moten": "staff",
    "bestall": "manager", "mina_bestallningar": "manager", "avtal": "manager",
    "sammanstall": "coordinator", "obesvarade": "coordinator", "bjudin": "coordinator",
    "anvandare": "coordinator",
}


def role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def has_role(role: str, needed: str) -> bool:
    """Whether `role` is at least `needed`."""
    return role_rank(role) >= role_rank(needed) >= 0


def may_use(role: str, command: str) -> bool:
    """Whether a user of `role` may run `command` (unknown commands: nobody)."""
    needed = COMMAND_ROLE.get(command)
    return needed is not None and has_role(role, needed)
