"""Domain code never imports Telegram (deny by default); every text has Swedish and English."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]

# The Telegram layer: the only code that may talk to python-telegram-bot. Everything else under
# bot/ is domain code and is checked, so a new folder (forms, orders, reminders) is covered the
# day it appears. Adding a path here is a design decision, not a way to make the test pass.
TELEGRAM_LAYER = ["bot/handlers", "bot/app.py", "bot/transport.py", "bot/runner.py",
                  "bot/localapi", "bot/cli", "bot/benchmarks"]
# Importing these drags telegram in by the back door.
TELEGRAM_MODULES = ("telegram", "bot.handlers", "bot.app", "bot.transport", "bot.runner",
                    "bot.localapi")


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, root: Path = ROOT) -> set[str]:
    """Every module `path` imports, anywhere in the file (in functions too), as full names."""
    tree = ast.parse(path.read_text("utf-8"))
    package = _module_name(path, root)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing package
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names |= {f"{base}.{a.name}" for a in node.names}
    return names


def _is_telegram(name: str) -> bool:
    return any(name == m or name.startswith(m + ".") for m in TELEGRAM_MODULES)


def telegram_offenders(root: Path, allowed: list[str]) -> list[str]:
    """Modules under root/bot outside `allowed` that import telegram or the Telegram layer."""
    exempt = [root / a for a in allowed]
    offenders = []
    for path in sorted((root / "bot").rglob("*.py")):
        if any(path == e or e in path.parents for e in exempt):
            continue
        if any(_is_telegram(name) for name in _imports(path, root)):
            offenders.append(str(path.relative_to(root)))
    return offenders


def test_only_the_telegram_layer_imports_telegram():
    assert all((ROOT / a).exists() for a in TELEGRAM_LAYER), "a stale allow-list entry"
    assert not telegram_offenders(ROOT, TELEGRAM_LAYER)


def test_a_new_domain_folder_is_checked_without_being_listed(tmp_path):
    (tmp_path / "bot" / "handlers").mkdir(parents=True)
    (tmp_path / "bot" / "handlers" / "forms.py").write_text("from telegram import Update\n")
    (tmp_path / "bot" / "orders").mkdir()
    (tmp_path / "bot" / "orders" / "__init__.py").write_text("")
    (tmp_path / "bot" / "orders" / "plain.py").write_text("import json\n")
    (tmp_path / "bot" / "orders" / "direct.py").write_text(
        "def f():\n    import telegram.error\n")
    (tmp_path / "bot" / "orders" / "sideways.py").write_text("from ..handlers import forms\n")
    (tmp_path / "bot" / "orders" / "layer.py").write_text("from bot.app import register\n")
    assert telegram_offenders(tmp_path, ["bot/handlers"]) == [
        "bot/orders/direct.py", "bot/orders/layer.py", "bot/orders/sideways.py"]


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
