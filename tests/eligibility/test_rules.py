"""The rules files: validated at load, faithful to the documents, documented, Telegram-free."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from bot import ORGS
from bot.eligibility.schema import RULES_DIR, RulesError, load_rules
from bot.knowledge.loader import load_packs
from tests.helpers.seeds import normalise, seed_text

ROOT = Path(__file__).resolve().parents[2]
SV_NUMBERS = {1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex"}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_every_municipality_has_rules_that_name_its_document(rules):
    _facts, sets = rules
    assert set(sets) == set(ORGS)
    packs = load_packs()
    for org, rs in sets.items():
        assert rs.document.title == packs[org].document.title
        assert rs.document.short_title == packs[org].document.short_title


def _headings(text: str) -> set[str]:
    """Every line of a document with markdown marks stripped: a section heading is one."""
    return {normalise(re.sub(r"[#*]", "", line)) for line in text.splitlines() if line.strip()}


def test_every_rule_cites_a_heading_and_quotes_its_document_verbatim(rules):
    _facts, sets = rules
    for org, rs in sets.items():
        text = seed_text(org)
        body, headings = normalise(text), _headings(text)
        for rule in rs.rules:
            assert normalise(rule.citation.section) in headings, (rule.id, rule.citation.section)
            assert normalise(rule.citation.quote) in body, (rule.id, rule.citation.quote)


def test_every_figure_in_a_rule_comes_from_its_quote(rules):
    """Bounds like 19-29, 30-64, 3 months and under 29 stand in the quoted sentence."""
    _facts, sets = rules
    for rs in sets.values():
        for rule in rs.rules:
            conds = [c for c in (rule.when, rule.condition) if c]
            while conds:
                c = conds.pop()
                conds += c.all or c.any or []
                for bound in (c.min, c.max, c.under):
                    if bound is None:
                        continue
                    n = int(bound)
                    quote = rule.citation.quote
                    assert str(n) in quote or SV_NUMBERS.get(n, "?") in quote, (rule.id, n)


def test_each_rules_file_documents_the_facts_it_reads_at_the_top(rules):
    _facts, sets = rules
    for org, rs in sets.items():
        head = (RULES_DIR / f"{org}.yaml").read_text("utf-8").split("\norg:")[0]
        for fact in {f for r in rs.rules for f in r.reads}:
            assert fact in head, (org, fact)


def _broken(tmp_path: Path, org: str, old: str, new: str) -> Path:
    for path in RULES_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / f"{org}.yaml"
    text = target.read_text("utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), "utf-8")
    return tmp_path


@pytest.mark.parametrize(("org", "old", "new", "expected"), [
    ("stockholm", "    on_fail: not_eligible\n    citation: {section: \"UVAS\"",
     "    on_fail: not_eligible\n    colour: red\n    citation: {section: \"UVAS\"",
     ["stockholm.yaml", "stockholm.uvas.age", "colour"]),
    ("danderyd", "condition: {fact: resident, equals: true}",
     "condition: {fact: residnet, equals: true}", ["danderyd.yaml", "danderyd.resident"]),
    ("stockholm", "    on_fail: other_decides\n    decided_by:",
     "    on_fail: other_decides\n    decided_byy:", ["stockholm.yaml", "stockholm.social_services"]),
    ("ragunda", "one_of: [arbetsformedlingen, star, ifo]", "one_of: [arbetsformedlingen, kyrkan]",
     ["ragunda.yaml", "ragunda.referral", "kyrkan"]),
    ("danderyd", "{fact: stability_months, min: 3}", "{fact: stability_months}",
     ["danderyd.yaml", "danderyd.stability"]),
    ("avesta", "reads: [needs_coordinated_support]", "reads: [needs_coordinated_support, age]",
     ["avesta.yaml", "avesta.coordinated_support", "reads"]),
])
def test_a_broken_rule_is_named_with_its_file(tmp_path, org, old, new, expected):
    with pytest.raises(RulesError) as info:
        load_rules(_broken(tmp_path, org, old, new))
    for part in expected:
        assert part in str(info.value)


def test_broken_yaml_names_the_file(tmp_path):
    with pytest.raises(RulesError, match="bjurholm.yaml"):
        load_rules(_broken(tmp_path, "bjurholm", "rules:", "rules: [\n"))


def test_the_package_is_domain_code_without_telegram():
    for path in (ROOT / "bot" / "eligibility").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(n.split(".")[0] == "telegram" for n in names), path


def test_the_rules_ship_as_package_data():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"bot.eligibility" = ["rules/*.yaml"]' in text
