#!/usr/bin/env python3
"""The tools people would use instead of Kladwacht, on the same drafts.

* Yelp detect-secrets (for `password`): every plugin and the default
  filters (`detect_secrets.settings.default_settings()`); each draft written
  to a file and scanned with `SecretsCollection.scan_file`, as
  `detect-secrets scan FILE` and its pre-commit hook do. A draft is
  `password` when any secret is reported.
* Microsoft presidio-analyzer (for `identifier`), offline: a blank spaCy `nl`
  pipeline saved to disk plus one component that sets each token's lemma to
  its lower-cased text (the context enhancer compares lemmas; a blank pipeline
  has none), `tldextract` without the suffix-list download, and only the
  recognizers for what `identifier` means (LABELS.md): CREDIT_CARD and
  IBAN_CODE (stock, with Dutch context words), PHONE_NUMBER with regions NL
  and BE, and two added pattern recognizers, NL_BSN (11-proef) and BE_RRN
  (mod 97) validated with python-stdnum. All drafts run as language `nl`
  (context words are Dutch and English). A draft is `identifier` when any
  result scores at least SCORE_THRESHOLD.

Scores are at draft level with the definition of `crate/src/eval.rs`.
Run with the bench venv's Python (`tests/bench/run.sh` sets it up):

    .venv-bench/bin/python tests/bench/peers.py --corpus ../shared/corpus/dev.jsonl \
        --drafts target/bench/drafts.json --work target/bench/peers --out target/bench/peers.json
"""

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time
from importlib import metadata

# Presidio reports a result only when its score is at least this (its default
# is 0: every match). Checksum-validated numbers (IBAN, card, BSN, RRN) score
# 1.0; a phone number scores 0.4, or 0.75 with a context word in the five
# tokens before it, so at 0.5 a phone number counts only with such a word —
# which keeps most schools' switchboard numbers in signatures out.
SCORE_THRESHOLD = 0.5

# Bench drafts the peers are timed on (the 1 MB ones take minutes in Python).
LATENCY_SIZES = ("1 KB", "5 KB", "50 KB")

CONTEXT = {
    "PHONE_NUMBER": [
        "telefoon", "telefoonnummer", "tel", "telnr", "gsm", "gsmnummer", "mobiel",
        "mobiele", "nummer", "bel", "bellen", "belt", "bereikbaar", "whatsapp", "sms",
        "phone", "mobile", "number", "call", "cell",
    ],
    "IBAN_CODE": [
        "iban", "rekening", "rekeningnummer", "bankrekening", "bankrekeningnummer",
        "overmaken", "storten", "overschrijven", "bank", "account",
    ],
    "CREDIT_CARD": [
        "creditcard", "kredietkaart", "kaart", "kaartnummer", "betaalkaart", "bankkaart",
        "bancontact", "visa", "mastercard", "maestro", "card", "credit",
    ],
    "NL_BSN": ["bsn", "burgerservicenummer", "sofinummer", "sofi", "citizen"],
    "BE_RRN": [
        "rijksregisternummer", "rijksregister", "rrn", "insz", "nationaal", "identificatienummer",
        "national",
    ],
}


def quiet():
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("tldextract").setLevel(logging.ERROR)


def read_corpus(path):
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                items.append(json.loads(line))
    return items


def score(items, predicted, category):
    """Draft-level precision/recall/F1 exactly as crate/src/eval.rs."""
    tp = fp = fn = 0
    missed, false_alarms = [], []
    for item, p in zip(items, predicted):
        t = category in item.get("labels", [])
        if p and t:
            tp += 1
        elif p:
            fp += 1
            false_alarms.append(str(item["id"]))
        elif t:
            fn += 1
            missed.append(str(item["id"]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "category": category,
        "support": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "missed": missed,
        "false_alarms": false_alarms,
    }


def pctl(samples, p):
    s = sorted(samples)
    if not s:
        return 0.0
    rank = min(len(s), max(1, -(-int(p * len(s) * 1000) // 1000)))
    return s[rank - 1]


def run_peer(name, category, flag, items, drafts, budget):
    """Times `flag(text) -> bool` on the corpus and on the bench drafts."""
    predicted = []
    started = time.perf_counter()
    for item in items:
        predicted.append(bool(flag(item["text"])))
    corpus_s = time.perf_counter() - started
    result = {
        "category": category,
        "drafts": len(items),
        "corpus_seconds": round(corpus_s, 3),
        "drafts_per_s": round(len(items) / corpus_s, 1) if corpus_s else 0.0,
        "score": score(items, predicted, category),
        "latency": [],
    }
    for kind in ("clean", "dense"):
        for size in LATENCY_SIZES:
            variants = drafts.get(kind, {}).get(size, [])
            if not variants:
                continue
            flag(variants[0])  # warm-up
            samples, nbytes, i = [], 0, 0
            t0 = time.perf_counter()
            while len(samples) < 3 or (time.perf_counter() - t0 < budget and len(samples) < 5000):
                d = variants[i % len(variants)]
                i += 1
                t = time.perf_counter()
                flag(d)
                samples.append(time.perf_counter() - t)
                nbytes += len(d.encode("utf-8"))
            total = sum(samples)
            result["latency"].append({
                "kind": kind,
                "size": size,
                "runs": len(samples),
                "median_us": round(statistics.median(samples) * 1e6, 1),
                "p99_us": round(pctl(samples, 0.99) * 1e6, 1),
                "mb_per_s": round(nbytes / (1 << 20) / total, 3) if total else 0.0,
            })
    print(
        f"  {name:<16} {category:<10} {result['drafts_per_s']:>8.1f} drafts/s  "
        f"P {result['score']['precision']:.3f}  R {result['score']['recall']:.3f}  "
        f"F1 {result['score']['f1']:.3f}",
        flush=True,
    )
    return result


def detect_secrets_peer(work):
    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    # The settings live as long as the context manager is open: keep it.
    global _DETECT_SECRETS_SETTINGS
    _DETECT_SECRETS_SETTINGS = default_settings()
    settings = _DETECT_SECRETS_SETTINGS.__enter__()
    plugins = sorted(p["name"] for p in settings.json()["plugins_used"])
    path = os.path.join(work, "draft.txt")

    def flag(text):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        secrets = SecretsCollection()
        secrets.scan_file(path)
        return any(True for _ in secrets)

    config = (
        f"detect-secrets {metadata.version('detect-secrets')}: all {len(plugins)} plugins and the "
        "default filters (`default_settings()`); each draft written to `draft.txt` and "
        "scanned with `SecretsCollection().scan_file` (what `detect-secrets scan draft.txt` "
        "and its pre-commit hook do; the file write is inside the timing); a draft counts as "
        "`password` when any secret is reported"
    )
    return flag, config, {"plugins": plugins}


def presidio_peer(work):
    import spacy
    import tldextract
    from spacy.language import Language
    from stdnum.be import nn as be_nn
    from stdnum.nl import bsn as nl_bsn

    # No suffix-list download (and no cache outside the work folder).
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
    )

    @Language.component("kladwacht_bench_lemma_lower")
    def lemma_lower(doc):
        for token in doc:
            token.lemma_ = token.lower_
        return doc

    model = os.path.join(work, "spacy-nl-blank")
    nlp = spacy.blank("nl")
    nlp.add_pipe("kladwacht_bench_lemma_lower")
    nlp.to_disk(model)

    class Checked(PatternRecognizer):
        def __init__(self, check, **kw):
            self._check = check
            super().__init__(**kw)

        def validate_result(self, pattern_text):
            return bool(self._check(pattern_text))

    bsn = Checked(
        nl_bsn.is_valid,
        supported_entity="NL_BSN",
        supported_language="nl",
        name="NlBsnRecognizer",
        patterns=[
            Pattern("BSN", r"\b\d{9}\b", 0.3),
            Pattern("BSN grouped", r"\b\d{3,4}[ .-]\d{2,3}[ .-]\d{2,3}\b", 0.3),
        ],
        context=CONTEXT["NL_BSN"],
    )
    rrn = Checked(
        be_nn.is_valid,
        supported_entity="BE_RRN",
        supported_language="nl",
        name="BeRrnRecognizer",
        patterns=[Pattern("RRN", r"\b\d{2}[ .]?\d{2}[ .]?\d{2}[ .-]?\d{3}[ .]?\d{2}\b", 0.3)],
        context=CONTEXT["BE_RRN"],
    )
    recognizers = [
        CreditCardRecognizer(supported_language="nl", context=CONTEXT["CREDIT_CARD"]),
        IbanRecognizer(supported_language="nl", context=CONTEXT["IBAN_CODE"]),
        PhoneRecognizer(
            supported_language="nl",
            supported_regions=("NL", "BE"),
            context=CONTEXT["PHONE_NUMBER"],
        ),
        bsn,
        rrn,
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["nl"])
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "nl", "model_name": model}],
    })
    engine = AnalyzerEngine(
        registry=registry,
        nlp_engine=provider.create_engine(),
        supported_languages=["nl"],
        default_score_threshold=SCORE_THRESHOLD,
    )
    engine.nlp_engine.nlp["nl"].max_length = 5_000_000
    entities = ["CREDIT_CARD", "IBAN_CODE", "PHONE_NUMBER", "NL_BSN", "BE_RRN"]

    def flag(text):
        return bool(engine.analyze(text=text, language="nl", entities=entities))

    config = (
        f"presidio-analyzer {metadata.version('presidio-analyzer')} with spaCy "
        f"{metadata.version('spacy')}: blank `nl` pipeline saved to disk "
        "(`spacy.blank(\"nl\").to_disk`) plus a component setting each token's lemma to its "
        "lower-cased text, `NlpEngineProvider` pointed at it; `tldextract.TLDExtract("
        "suffix_list_urls=())`; recognizers CREDIT_CARD, IBAN_CODE, PHONE_NUMBER (regions "
        "NL, BE) with Dutch and English context words, plus NL_BSN (11-proef) and BE_RRN "
        f"(mod 97) pattern recognizers validated with python-stdnum "
        f"{metadata.version('python-stdnum')}; every draft analysed as `nl`; a draft counts "
        f"as `identifier` when any result scores ≥ {SCORE_THRESHOLD}"
    )
    return flag, config, {"entities": entities, "score_threshold": SCORE_THRESHOLD,
                          "context_words": CONTEXT}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--drafts", help="drafts.json written by the native bench")
    ap.add_argument("--work", required=True, help="scratch folder (spaCy pipeline)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--budget", type=float, default=1.0, help="seconds per latency case")
    args = ap.parse_args()
    quiet()
    os.makedirs(args.work, exist_ok=True)
    items = read_corpus(args.corpus)
    drafts = {}
    if args.drafts and os.path.exists(args.drafts):
        with open(args.drafts, encoding="utf-8") as f:
            drafts = json.load(f)

    out = {
        "command": "tests/bench/run.sh (step peers): .venv-bench/bin/python tests/bench/peers.py",
        "python": platform.python_version(),
        "corpus": os.path.abspath(args.corpus),
        "peers": {},
    }
    print(f"peers on {len(items)} drafts of {args.corpus}", flush=True)
    for name, category, build in (
        ("detect-secrets", "password", lambda: detect_secrets_peer(args.work)),
        ("presidio", "identifier", lambda: presidio_peer(args.work)),
    ):
        t = time.perf_counter()
        flag, config, extra = build()
        setup_s = time.perf_counter() - t
        result = run_peer(name, category, flag, items, drafts, args.budget)
        result.update({"setup_seconds": round(setup_s, 3), "config": config, **extra})
        out["peers"][name] = result
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
