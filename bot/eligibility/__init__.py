"""Eligibility rules as data (rules/*.yaml), one pure evaluate(), and scenario questions."""

from bot.eligibility.evaluate import Facts, Verdict, evaluate
from bot.eligibility.schema import RulesError, load_rules

__all__ = ["Facts", "RulesError", "Verdict", "evaluate", "load_rules"]
