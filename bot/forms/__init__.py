"""Forms as data (defs/*.yaml), one pure engine, and the finishers that save a confirmed form."""

from bot.forms.engine import (
           Accepted,
           Answers,
           Ended,
           Rejected,
           back,
           change,
           next_step,
           submit,
           summary,
)
from bot.forms.loader import forms_for, load_forms
from bot.forms.schema import Form, FormsError, Step

__all__ = ["Accepted", "Answers", "Ended", "Form", "FormsError", "Rejected", "Step", "back",
           "change", "forms_for", "load_forms", "next_step", "submit", "summary"]
