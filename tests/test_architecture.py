"""Domain code never imports Telegram; every text users read has Swedish and English."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ["bot/knowledge", "bot/privacy", "bot/storage", "bot/access.py", "bot/invites.py",
          "bot/i18n.py", "bot/config.py", "bot/commands.py", "bot/outbox",
          "bot/staff_directory.py", "bot/retention.py", "bot/cli/ask_cmd.py", "bot/cli/kb_cmd.py"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_domain_code_never_imports_telegram():
    offenders = []
    for item in DOMAIN:
        path = ROOT / item
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        offenders += [str(f.relative_to(ROOT)) for f in files if "telegram" in _imports(f)]
    assert not offenders


def _catalog(lang: str):
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _used_keys() -> set[str]:
    keys = set()
    for _f, _l, msg, _c, _ctx in extract_from_dir(
        str(ROOT / "bot"), keywords={"t": None, "_": None}, comment_tags=()
    ):
        if isinstance(msg, str) and re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", msg):
            keys.add(msg)
    return keys


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_text_in_the_code_has_a_swedish_and_an_english_translation():
    used = _used_keys()
    assert len(used) > 20
    for lang in ("sv", "en"):
        catalog = _catalog(lang)
        missing = sorted(k for k in used if k not in catalog or not catalog[k].string)
        assert not missing, f"{lang}: no translation for {missing}"


def test_translations_keep_their_placeholders():
    sv, en = _catalog("sv"), _catalog("en")
    for message in sv:
        if message.id:
            assert _fields(message.string) == _fields(en[message.id].string), message.id


def test_both_catalogs_hold_the_same_texts():
    sv, en = _catalog("sv"), _catalog("en")
    sv_ids = {m.id for m in sv if m.id and m.string}
    en_ids = {m.id for m in en if m.id and m.string}
    assert sv_ids == en_ids
