"""The identity guard on a corpus: ordinary staff messages with numbers, and identifiers in
awkward shapes. Prints the false-negative and false-positive rates (`pytest -s`)."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.privacy.personnummer import contains_identity_number

CORPUS = yaml.safe_load((Path(__file__).parent / "identity_corpus.yaml").read_text("utf-8"))
MAX_FALSE_POSITIVE_RATE = 0.02


def test_the_corpus_is_big_enough_to_measure_something() -> None:
    assert len(CORPUS["pass"]) >= 200
    assert len(CORPUS["refuse"]) >= 50


def test_no_identifier_gets_through_and_few_ordinary_messages_are_refused() -> None:
    missed = [text for text in CORPUS["refuse"] if not contains_identity_number(text)]
    refused = [text for text in CORPUS["pass"] if contains_identity_number(text)]
    fn_rate = len(missed) / len(CORPUS["refuse"])
    fp_rate = len(refused) / len(CORPUS["pass"])
    print(f"\nidentity guard: false negatives {len(missed)}/{len(CORPUS['refuse'])} "
          f"({fn_rate:.1%}), false positives {len(refused)}/{len(CORPUS['pass'])} "
          f"({fp_rate:.1%})")
    for text in refused:
        print(f"  refused although ordinary: {text!r}")
    assert missed == []
    assert fp_rate < MAX_FALSE_POSITIVE_RATE
