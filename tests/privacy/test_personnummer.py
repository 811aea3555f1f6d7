"""Tests the identity-number guard on valid, broken and look-alike numbers in free text.

All numbers are synthetic: obviously patterned dates with serials 980-999, the range
Skatteverket reserves for test numbers, and a check digit computed here with stdnum.luhn.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime
import random
from pathlib import Path

import pytest
from stdnum import luhn

import bot.privacy.personnummer as guard
from bot.privacy.personnummer import IdentityHit, contains_identity_number, find_identity_numbers

PNR = "personnummer"
SAM = "samordningsnummer"


def pnr(date: str, serial: str = "980", sep: str = "-") -> str:
    """Builds a Luhn-valid number from YYMMDD or YYYYMMDD, a 3-digit serial and a separator."""
    return f"{date}{sep}{serial}{luhn.calc_check_digit(date[-6:] + serial)}"


def broken(number: str) -> str:
    """Returns the number with a wrong check digit."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


VALID: list[tuple[str, str, str]] = [
    ("Klienten har pnr {} och söker jobb.", pnr("000101"), PNR),
    ("{}", pnr("111111", "981"), PNR),
    ("{} är inskriven sedan i går", pnr("121212", "982", ""), PNR),
    ("Personnummer: {}", pnr("19220222", "983"), PNR),
    ("födelsenr {}.", pnr("20010101", "984", ""), PNR),
    ("({})", pnr("990909", "985", " "), PNR),
    ("Hon är född {}, se akten", pnr("19991231", "986", " "), PNR),
    ("{} fyller hundra", pnr("111111", "987", "+"), PNR),
    ("lista\n{}\n", pnr("070123", "980"), PNR),  # 070123-NNNN is a number, not a phone
    ("Kan du kolla {} åt mig?", pnr("070123", "981", ""), PNR),  # bare, no phone word
    ("pnr:{}", pnr("031111", "982", ""), PNR),
    ("{}", pnr("000229", "983"), PNR),
    ("Maila om {}!", pnr("20040229", "984"), PNR),
    ("{}?", pnr("19000101", "985"), PNR),
    ("Nummer {} och mer text", pnr("010101", "986", "\u2013"), PNR),
    ("{}", pnr("020202", "987", "\u2212"), PNR),
    ("A:{};", pnr("19330303", "988", " - "), PNR),
    ("konto 3300-{}", pnr("440404", "989", ""), PNR),  # Nordea personkonto = pnr
    ("«{}»", pnr("550505", "990"), PNR),
    ("\t{}\t", pnr("19660606", "991", ""), PNR),
    ("Hej! {}", pnr("770707", "992", " "), PNR),
    ("{} ...", pnr("18881208", "993"), PNR),
    ("Ärende om {}: ansökan", pnr("20121212", "994", " "), PNR),
    ("x{}x", pnr("880808", "995"), PNR),
    ("{}", pnr("101010", "996", "\u00a0"), PNR),
    ("om {} ,", pnr("19500101", "997", "+"), PNR),
    ("Skriv {} i fältet", pnr("670707", "998", "\u2011"), PNR),
    ("SMS till mamma, pnr {}", pnr("050115", "999", ""), PNR),  # cue word too far away
]

COORDINATION: list[tuple[str, str, str]] = [
    ("Samordningsnummer {}", pnr("000161"), SAM),
    ("{}", pnr("991291", "981", ""), SAM),
    ("Han har {} sedan 2019", pnr("19120272", "982"), SAM),
    ("({})", pnr("20010161", "983", ""), SAM),
    ("snr: {}.", pnr("550561", "984", " "), SAM),
    ("{} är gammal", pnr("110171", "985", "+"), SAM),
    ("{}", pnr("000289", "986"), SAM),  # 2000-02-29 + 60
    ("kolla {}", pnr("070181", "987", ""), SAM),
    ("{}!", pnr("881190", "988"), SAM),
    ("Nr {} i listan", pnr("19790690", "989"), SAM),
    ("{}", pnr("660766", "990", "\u2013"), SAM),
]

INVALID_CHECKSUM = [broken(number) for _, number, _ in VALID[:12] + COORDINATION[:6]]

LOOK_ALIKES = [
    # Phone numbers, grouped, international, and unspaced only after a phone word.
    "Ring 070-123 45 67 i morgon",
    "0701234567",
    "+46 70 123 45 67",
    "+46701234567",
    "0046 70 123 45 67",
    "08-508 000 00",
    "031-123 45 67",
    "070 123 45 67",
    "0701-23 45 67",
    "ring mig på " + pnr("070123", "980", ""),
    "Mobil: " + pnr("070123", "981", ""),
    "tel.nr: " + pnr("031111", "982", ""),
    "SMS:a " + pnr("070123", "983", ""),
    # Dates, ranges and times.
    "2024-11-26",
    "20241126",
    "2024-11-26\u20132024-12-01",
    "20241126-20241201",
    "241126-241201",
    "Möte 2024-11-26 kl. 10:30",
    "10.30\u201311.45",
    "den 26 november 2024",
    # Order numbers, amounts, diarienummer, law references.
    "B-2024-0012",
    "order 123456-7890",
    "ordernr 4500123456",
    "300.000 kr",
    "1 234 567 kr",
    "1234567,50 kr",
    "KS 2023/424",
    "SN 2022/0094",
    "AMN 2024/123-1.2",
    "SFS 2010:197",
    "socialtjänstlagen (2001:453) 4 kap. 1 §",
    # Postal codes, bank and organisation numbers.
    "123 45 Stockholm",
    "SE-774 80 Avesta",
    "SE45 5000 0000 0583 9825 7466",
    "SE4550000000058398257466",
    "Bankgiro 5050-1055",
    "Plusgiro 90 01 22-3",
    "Org.nr 212000-0142",
    "556036-0793",
    # Valid check digit in a longer digit run.
    "ref 1234" + pnr("850101", "980", ""),
    pnr("850101", "981", "") + "5678",
    "99" + pnr("19850101", "982", "") + "99",
    # Valid check digit, impossible date.
    pnr("851301"),
    pnr("850732"),
    pnr("850792"),
    pnr("010229"),
    pnr("000230"),
    pnr("850760"),
    pnr("850700"),
    pnr("19000229"),
    pnr("000290"),
]


def _expected(template: str, number: str, kind: str) -> tuple[str, list[IdentityHit]]:
    """Fills the template and returns the text with the one hit it must yield."""
    start = template.index("{}")
    return template.format(number), [IdentityHit(start, start + len(number), kind)]


@pytest.mark.parametrize(("template", "number", "kind"), VALID + COORDINATION)
def test_finds_valid_numbers(template: str, number: str, kind: str) -> None:
    text, hits = _expected(template, number, kind)
    assert find_identity_numbers(text) == hits
    assert contains_identity_number(text)


def _bare_from_2000s(number: str) -> bool:
    """YYMMDDNNNN with YY 00-09: as likely a phone number ("0701234567") as an identity."""
    return number.isdigit() and len(number) == 10 and number.startswith("0")


@pytest.mark.parametrize("number", INVALID_CHECKSUM)
def test_refuses_numbers_with_a_typo_in_the_check_digit(number: str) -> None:
    """A typo is still a personnummer: the date decides, not the check digit."""
    refused = contains_identity_number(f"Klienten har {number}, kan hen få stöd?")
    assert refused is not _bare_from_2000s(number)
    assert contains_identity_number(f"pnr {number}")


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_ignores_look_alikes(text: str) -> None:
    assert find_identity_numbers(text) == []
    assert not contains_identity_number(text)


def test_finds_every_number_in_one_message() -> None:
    first, second = pnr("000101"), pnr("19991291", "981", "")
    text = f"Syskonen {first} och {second}, ring 070-123 45 67."
    kinds = [hit.kind for hit in find_identity_numbers(text)]
    spans = [text[hit.start : hit.end] for hit in find_identity_numbers(text)]
    assert kinds == [PNR, SAM]
    assert spans == [first, second]


def test_hit_holds_no_digits_and_is_frozen() -> None:
    hit = find_identity_numbers(pnr("000101"))[0]
    assert [field.name for field in dataclasses.fields(hit)] == ["start", "end", "kind"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.start = 1  # type: ignore[misc]


def test_guard_never_imports_telegram() -> None:
    tree = ast.parse(Path(guard.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.split(".")[0] == "telegram" for name in imported)


def _random_dates(rng: random.Random, count: int) -> list[datetime.date]:
    """Draws uniformly from 1900-01-01 to 2030-12-31."""
    first = datetime.date(1900, 1, 1).toordinal()
    last = datetime.date(2030, 12, 31).toordinal()
    return [datetime.date.fromordinal(rng.randint(first, last)) for _ in range(count)]


_DATE_FORMATS = [
    lambda d, e: d.isoformat(),
    lambda d, e: d.strftime("%Y%m%d"),
    lambda d, e: d.strftime("%y%m%d"),
    lambda d, e: f"{d.day}/{d.month} {d.year}",
    lambda d, e: f"{d.isoformat()}\u2013{e.isoformat()}",
    lambda d, e: f"{d:%Y%m%d}-{e:%Y%m%d}",
    lambda d, e: f"{d:%y%m%d}-{e:%y%m%d}",
    lambda d, e: f"{d.isoformat()} kl. {e.day % 24:02d}:{e.month * 4:02d}",
    lambda d, e: f"{d:%Y%m%d} {e.day % 24:02d}:{e.month * 4:02d}",
]

# Shapes identical to an identity number, measured to show the residual risk, not asserted.
_AMBIGUOUS_DATE_FORMATS = [
    lambda d, e: f"{d:%y%m%d} {e.day % 24:02d}{e.month * 4:02d}",  # date + time, no colon
    lambda d, e: f"{d:%Y%m%d}-{e:%m%d}",  # compact range with short end date
]


def _count_hits(texts: list[str]) -> int:
    return sum(contains_identity_number(text) for text in texts)


def measure_guard(samples: int = 10_000, seed: int = 20241126) -> dict[str, int]:
    """Counts false negatives and false positives over the tables and random samples."""
    rng = random.Random(seed)
    valid_texts = [t.format(n) for t, n, _ in VALID + COORDINATION]
    phones = [f"07{rng.randrange(10)}{rng.randrange(10**7):07d}" for _ in range(samples)]
    dates = _random_dates(rng, samples)
    ends = _random_dates(rng, samples)
    return {
        "table FN (valid + coordination)": len(valid_texts) - _count_hits(valid_texts),
        "table FN (wrong check digit)": len(INVALID_CHECKSUM) - _count_hits(
            [f"Klienten har {n}." for n in INVALID_CHECKSUM if not _bare_from_2000s(n)]
            + [f"pnr {n}" for n in INVALID_CHECKSUM if _bare_from_2000s(n)]),
        "table FP (look-alikes)": _count_hits(LOOK_ALIKES),
        "random FP phones '07X-XXX XX XX'": _count_hits(
            [f"Ring {p[:3]}-{p[3:6]} {p[6:8]} {p[8:]} idag" for p in phones]
        ),
        "random FP phones '+46 7X XXX XX XX'": _count_hits(
            [f"+46 {p[1:3]} {p[3:6]} {p[6:8]} {p[8:]}" for p in phones]
        ),
        "random FP phones 'tel 07XXXXXXXX'": _count_hits([f"tel {p}" for p in phones]),
        "random FP dates in text": _count_hits(
            [
                f"Mötet är {rng.choice(_DATE_FORMATS)(d, e)} i Avesta."
                for d, e in zip(dates, ends, strict=True)
            ]
        ),
        "info: hits on bare '07XXXXXXXX', no phone word": _count_hits(
            [f"Kolla {p} idag" for p in phones]),
        "info: hits on ambiguous date shapes": _count_hits(
            [
                f"Mötet är {rng.choice(_AMBIGUOUS_DATE_FORMATS)(d, e)}."
                for d, e in zip(dates, ends, strict=True)
            ]
        ),
    }


def test_measure_guard() -> None:
    counts = measure_guard()
    print()
    for name, count in counts.items():
        print(f"{name:<50} {count:>6}")
    assert counts["table FN (valid + coordination)"] == 0
    assert counts["table FN (wrong check digit)"] == 0
    assert counts["table FP (look-alikes)"] == 0
    assert counts["random FP phones '07X-XXX XX XX'"] == 0
    assert counts["random FP phones '+46 7X XXX XX XX'"] == 0
    assert counts["random FP phones 'tel 07XXXXXXXX'"] == 0
    assert counts["random FP dates in text"] == 0
