"""The knowledge packs hold every fact of the five guidelines, cited and quoted verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import ORGS
from bot.knowledge.loader import PACKS_DIR, PackError, load_pack_file, load_packs
from tests.helpers.seeds import fact_tokens, normalise, seed_text, token_in

REQUIRED = yaml.safe_load((Path(__file__).parent / "required_terms.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def packs():
    return load_packs()


class _OnePack(dict):
    """Loads a municipality's pack on first use, so one broken pack fails only its own tests."""

    def __missing__(self, org):
        self[org] = load_pack_file(PACKS_DIR / f"{org}.yaml")
        return self[org]


@pytest.fixture(scope="module")
def pack_of():
    return _OnePack()


def pack_text(pack) -> str:
    """Everything a staff member can read from a pack in Swedish: answers and glossary lines."""
    parts = [e.answer for e in pack.entries]
    parts += [f"{g.term} {g.expansion} {g.meaning}" for g in pack.glossary]
    return "\n".join(parts)


def test_all_five_municipalities_have_a_pack(packs):
    assert sorted(packs) == sorted(ORGS)


@pytest.mark.parametrize("org", ORGS)
def test_pack_has_at_least_thirty_entries(pack_of, org):
    assert len(pack_of[org].entries) >= 30


@pytest.mark.parametrize("org", ORGS)
def test_every_figure_and_reference_of_the_document_is_in_an_answer(pack_of, org):
    text = pack_text(pack_of[org])
    missing = sorted(t for t in fact_tokens(seed_text(org)) if not token_in(t, text))
    assert not missing, f"{org}: figures of the document missing from every answer: {missing}"


@pytest.mark.parametrize("org", ORGS)
def test_every_named_role_and_term_is_in_an_answer(pack_of, org):
    doc = normalise(seed_text(org))
    text = normalise(pack_text(pack_of[org]))
    not_in_doc = [t for t in REQUIRED[org] if normalise(t) not in doc]
    assert not not_in_doc, f"required_terms.yaml lists terms the document lacks: {not_in_doc}"
    missing = [t for t in REQUIRED[org] if normalise(t) not in text]
    assert not missing, f"{org}: roles and terms missing from every answer: {missing}"


@pytest.mark.parametrize("org", ORGS)
def test_every_quote_stands_verbatim_in_its_document(pack_of, org):
    doc = normalise(seed_text(org))
    wrong = [e.id for e in pack_of[org].entries if normalise(e.source.quote) not in doc]
    assert not wrong, f"quotes not found verbatim in the document: {wrong}"


@pytest.mark.parametrize("org", ORGS)
def test_every_section_is_a_heading_of_the_document_and_is_cited(pack_of, org):
    pack = pack_of[org]
    doc = normalise(seed_text(org))
    not_headings = [s for s in pack.document.sections if normalise(s) not in doc]
    assert not not_headings, f"sections not found in the document: {not_headings}"
    cited = {e.source.section for e in pack.entries}
    uncited = [s for s in pack.document.sections if s not in cited]
    assert not uncited, f"{org}: sections no entry answers from: {uncited}"


def test_entry_ids_are_unique_across_packs(packs):
    ids = [e.id for p in packs.values() for e in p.entries]
    assert len(ids) == len(set(ids))


def test_a_broken_pack_names_the_file_the_entry_and_the_field(tmp_path):
    raw = yaml.safe_load((PACKS_DIR / "ragunda.yaml").read_text("utf-8"))
    victim = raw["entries"][1]
    victim["answer"] = "x" * 900
    (tmp_path / "ragunda.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(PackError) as err:
        load_pack_file(tmp_path / "ragunda.yaml")
    message = str(err.value)
    assert "ragunda.yaml" in message and victim["id"] in message and "answer" in message


def test_an_unknown_related_id_is_refused(tmp_path):
    for org in ORGS:
        raw = yaml.safe_load((PACKS_DIR / f"{org}.yaml").read_text("utf-8"))
        if org == "avesta":
            raw["entries"][0]["related"] = ["avesta.finns.inte"]
        (tmp_path / f"{org}.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(PackError, match=r"avesta\.yaml: entry .*related.*avesta\.finns\.inte"):
        load_packs(tmp_path)


def test_a_file_that_is_not_yaml_is_refused_with_its_name(tmp_path):
    (tmp_path / "danderyd.yaml").write_text("entries: [unclosed", "utf-8")
    with pytest.raises(PackError, match="danderyd.yaml"):
        load_pack_file(tmp_path / "danderyd.yaml")
