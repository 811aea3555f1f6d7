"""Who may do what: the roles and their order. No Telegram here.

Which role each command needs lives in the command registry (bot/commands.py).
"""

from __future__ import annotations

ROLES = ("staff", "manager", "coordinator")


def role_rank(role: str) -> int:
    return ROLES.index(role) if role in ROLES else -1


def has_role(role: str, needed: str) -> bool:
    """Whether `role` is at least `needed`; roles are cumulative (a coordinator may do what
    staff may)."""
    return role_rank(role) >= role_rank(needed) >= 0
