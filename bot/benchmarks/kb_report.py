"""`bench kb`: the knowledge search against a BM25 baseline, at today's size and scaled up,
and the fresh question sets by kind.

Needs the `[bench]` extra (rank-bm25); `bot/cli/bench_cmd.py` imports this module only when the
command runs, so a plain install's command line never does.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from bot.knowledge import benchmark as bm
from bot.knowledge import grading
from bot.knowledge.baseline import Bm25Baseline, seeds_dir
from bot.knowledge.loader import PackError, load_packs
from bot.knowledge.search import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
# The independent sets, written from the documents by people who never saw the packs:
# Every set but the untouched one is tuning material: fresh_dev, fresh_holdout, fresh_final and
# fresh_r6 were tuned on, fresh_r6_final was measured once before and once after round 6 (so it
# is spent too), and fresh_r7 is the next round's tuning set. fresh_r7_final is only ever
# measured: `--set all` leaves it out and `--misses` never lists it (issue 16).
BENCH_DIR = ROOT / "tests" / "bench"
FRESH_SETS = {name: BENCH_DIR / f"{name}.yaml" for name in (
    "fresh_dev", "fresh_holdout", "fresh_final", "fresh_r6", "fresh_r6_final", "fresh_r7",
    "fresh_r7_final")}
IN_ALL = ("fresh_dev", "fresh_holdout", "fresh_final", "fresh_r6", "fresh_r6_final", "fresh_r7")
UNTOUCHED = ("fresh_r7_final",)


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def _row(name: str, ours: str, base: str = "", ratio: str = "") -> None:
    print(f"  {name:<34} {ours:>16} {base:>16} {ratio:>8}")


def _outcome_rows(ours: bm.Outcome, base: bm.Outcome | None) -> None:
    def both(label: str, f) -> None:  # noqa: ANN001 - a small accessor
        a = f(ours)
        b = f(base) if base else None
        _row(label, str(a), "" if b is None else str(b),
             "" if b is None or isinstance(a, str) else _ratio(float(a), float(b)))

    both("answered right", lambda o: f"{o.answered_right}/{o.answerable}")
    _row("", f"{ours.answered_right / max(1, ours.answerable):.1%}",
         f"{base.answered_right / max(1, base.answerable):.1%}" if base else "",
         _ratio(ours.answered_right, base.answered_right) if base else "")
    both("abstained right", lambda o: f"{o.abstained_right}/{o.must_abstain}")
    both("wrong-confident (answered wrongly)", lambda o: o.wrong_confident)
    both("latency p50 (ms)", lambda o: round(o.pct(50), 3))
    both("latency p95 (ms)", lambda o: round(o.pct(95), 3))


def run_kb(args: argparse.Namespace) -> int:
    if args.qset in FRESH_SETS and not FRESH_SETS[args.qset].is_file():
        print(f"bench kb: no question file for {args.qset} ({FRESH_SETS[args.qset]})",
              file=sys.stderr)
        return 2
    try:
        t0 = time.perf_counter()
        packs = load_packs(args.packs)
        load_s = time.perf_counter() - t0
    except PackError as exc:
        print(f"knowledge pack error:\n{exc}")
        return 2
    kb, build_s, peak = bm.measure_build(lambda: KnowledgeBase.from_packs(packs).prepare())
    print(f"packs: {', '.join(f'{o} {len(p.entries)}' for o, p in packs.items())} "
          f"= {kb.size()} entries")
    right, total, misses = bm.self_retrieval(kb, packs)
    print(f"phrasing self-retrieval (top-1, answered): {right}/{total} = {right / total:.1%}")
    for line in misses[:10]:
        print(f"  miss {line}")

    if args.qset != "old":
        missing = _fresh(kb, args)
        if args.qset != "all":
            return 2 if missing else 0
    questions = bm.load_questions(args.questions) if args.questions.is_file() else []
    questions = bm.split_questions([q for q in questions if q.org in packs], args.split)
    seeds = seeds_dir(ROOT)
    baseline = Bm25Baseline.from_seeds(seeds, packs) if seeds else None
    if baseline is None:
        print("BM25 baseline skipped: no seed documents ($SEEDS_DIR or ../shared/seeds)")
    print()
    print(f"== x1: {len(questions)} questions ({args.split}) from {args.questions} ==")
    base_out = None
    if questions:
        kb.ask(questions[0].q, questions[0].org)  # warm the caches once
        ours, labelled = bm.run_ours(kb, questions)
        if not labelled:
            print("  (no `entries` labels yet: 'answered right' = same municipality and section)")
        if baseline:
            rows = bm.baseline_hits(baseline, questions)
            threshold = bm.baseline_threshold(questions, rows)
            base_out = bm.baseline_outcome(questions, rows, threshold)
            print(f"  (BM25 right = top paragraph holds every `must` phrase; abstains below "
                  f"{threshold:.2f}, calibrated on this very set)")
        _row("", "ours", "BM25" if baseline else "", "ratio" if baseline else "")
        _outcome_rows(ours, base_out)
        print(f"  honest gaps: {ours.honest_gaps} ({bm.HONEST_GAP_RULE})")
        _kinds("old set by kind (labelled)", grading.old_by_kind(kb, questions))
    else:
        print("  no question set found; figures below use the packs' phrasings")
    _row("start-up: load YAML + build (s)", f"{load_s + build_s:.3f}")
    _row("start-up: build index (s)", f"{build_s:.3f}")
    _row("peak memory while building", _mb(peak))
    if baseline and seeds is not None:
        _, b_s, b_peak = bm.measure_build(lambda: Bm25Baseline.from_seeds(seeds, packs))
        _row("BM25 build (s) / peak memory", f"{b_s:.3f}", _mb(b_peak))

    if args.scale > 1:
        _scaled(args.scale, packs, questions, seeds)
    if args.calibrate:
        _calibration(packs)
        if questions:
            _question_sweep(kb, questions)
    print(f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


def _scaled(scale: int, packs: dict, questions: list[bm.Question], seeds: Path | None) -> None:
    big = bm.replicate(packs, scale)
    kb, build_s, peak = bm.measure_build(lambda: KnowledgeBase.from_packs(big).prepare())
    print(f"\n== x{scale}: {kb.size()} entries ==")
    probe = questions or [bm.Question(p, org, "sv", "answer", org, (), "", None)
                          for org, pack in packs.items() for e in pack.entries
                          for p in e.phrasings[:1]]
    kb.ask(probe[0].q, probe[0].org)
    ours, _ = bm.run_ours(kb, probe)
    base_out = None
    if seeds:
        baseline = Bm25Baseline.from_seeds(seeds, packs)
        big_base = Bm25Baseline({o: ps * scale for o, ps in baseline._paragraphs.items()})
        rows = bm.baseline_hits(big_base, probe)
        base_out = bm.baseline_outcome(probe, rows, 0.0)
    _row("", "ours", "BM25" if base_out else "", "ratio" if base_out else "")
    if questions:
        _row("answered right", f"{ours.answered_right}/{ours.answerable}")
        _row("abstained right", f"{ours.abstained_right}/{ours.must_abstain}")
        _row("wrong-confident", str(ours.wrong_confident))
        _row("honest gaps", str(ours.honest_gaps))
    for label, q in (("latency p50 (ms)", 50), ("latency p95 (ms)", 95)):
        a = ours.pct(q)
        b = base_out.pct(q) if base_out else None
        _row(label, f"{a:.3f}", "" if b is None else f"{b:.3f}",
             "" if b is None else _ratio(a, b))
    _row("start-up: build index (s)", f"{build_s:.3f}")
    _row("peak memory while building", _mb(peak))


def _calibration(packs: dict) -> None:
    from bot.knowledge.calibration import heldout_samples, threshold_table

    samples = heldout_samples(packs)
    print("\n== calibration: held-out phrasings (+ misspelt copies) and out-of-scope ==")
    print("  evidence   answered-right  answered-wrong  out-of-scope-answered")
    for row in threshold_table(samples):
        print(f"  {row['evidence']:>8.2f}   {row['right']:>13.1%}  {row['wrong']:>14.1%}  "
              f"{row['oos_answered']:>20.1%}")


def _question_sweep(kb: KnowledgeBase, questions: list[bm.Question]) -> None:
    """Confidence thresholds on the labelled question set: what each would answer."""
    if any(q.entries is None for q in questions if q.expect == "answer"):
        return
    rows = []
    for q in questions:
        reply = kb.ask(q.q, q.org, q.lang)
        top = reply.cards[0].entry_id if reply.cards else None
        if top is None:
            ranked = kb.rank_question(q.q, q.org, q.lang)
            top = ranked[0].entry_id if ranked else None
        right = None if q.expect == "abstain" else bm.base_id(top or "") in (q.entries or ())
        rows.append((reply.score, right))
    print("\n== calibration: the labelled question set (top-1 whatever the threshold) ==")
    print("  confidence  answered-right  answered-wrong  must-abstain-answered")
    for k in range(3, 10):
        t = k / 10
        print(f"  {t:>10.1f}  {sum(r is True and s >= t for s, r in rows):>14}  "
              f"{sum(r is False and s >= t for s, r in rows):>14}  "
              f"{sum(r is None and s >= t for s, r in rows):>21}")


def _kinds(title: str, result: grading.SetResult) -> None:
    """One row per kind and a total: answered right, abstained right, confidently wrong."""
    print(f"  -- {title} --")
    print(f"  {'kind':<12} {'answered right':>18} {'abstained right':>16} {'wrong':>6} "
          f"{'right':>7}")
    rows = [(k, result.by_kind[k]) for k in grading.KINDS if k in result.by_kind]
    for kind, t in [*rows, ("all", result.total())]:
        right = f"{t.right}/{t.answerable}" if t.answerable else "-"
        share = f"{t.right / t.answerable:.1%}" if t.answerable else ""
        abst = f"{t.abstained_right}/{t.must_abstain}" if t.must_abstain else "-"
        print(f"  {kind:<12} {right:>10} {share:>7} {abst:>16} {t.wrong:>6} {t.score():>7.1%}")
    total = result.total()
    if total.parts_unanswered:
        print(f"  two-part: {total.parts_unanswered} parts said to have no answer")


def _fresh(kb: KnowledgeBase, args: argparse.Namespace) -> bool:
    """Print each asked fresh set by kind; True when a set's file is missing (one line each)."""
    names = list(IN_ALL) if args.qset == "all" else [args.qset]
    missing = False
    for name in names:
        path = FRESH_SETS[name]
        if not path.is_file():
            print(f"bench kb: no question file for {name} ({path})", file=sys.stderr)
            missing = True
            continue
        questions = [q for q in grading.load_fresh(path) if kb.has_org(q.org)]
        latencies: list[float] = []
        result = grading.run_set(kb, questions, latencies)
        total = result.total()
        ordered = sorted(latencies)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0
        print(f"\n== {name}: {len(questions)} questions from {path.name} ==")
        _kinds(name, result)
        wrong_share = total.wrong / max(1, total.answerable + total.must_abstain)
        print(f"  answered right {total.right}/{total.answerable} = "
              f"{total.right / max(1, total.answerable):.1%}; must-abstain "
              f"{total.abstained_right}/{total.must_abstain}; confidently wrong {total.wrong} "
              f"({wrong_share:.1%}); latency p95 {p95:.3f} ms")
        if args.misses and name not in UNTOUCHED:  # the tuning sets only
            for line in result.misses:
                print(f"  miss {line}")
    return missing
