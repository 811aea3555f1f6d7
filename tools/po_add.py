"""Adds or updates keys in both catalogs: python tools/po_add.py FILE.yaml (key: {sv, en})."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1] / "locales"


def main(path: str) -> None:
    entries = yaml.safe_load(Path(path).read_text("utf-8"))
    for lang in ("sv", "en"):
        po = ROOT / lang / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        if po.exists():
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="AME-assistenten", version="0.1",
                              charset="utf-8")
        catalog.fuzzy = False
        for key, texts in entries.items():
            catalog.add(key, texts[lang])
        with po.open("wb") as fh:
            write_po(fh, catalog, width=99, sort_output=True, omit_header=False)


if __name__ == "__main__":
    main(sys.argv[1])
