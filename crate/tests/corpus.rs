//! Accuracy floors on the labelled dev corpus (`../shared/corpus/dev.jsonl`)
//! and any corpus under `tests/corpus/`. Raise a floor when a detector improves;
//! never lower one to make a change pass.
#![cfg(not(target_arch = "wasm32"))]

use kladwacht::eval::{evaluate, read_corpus, Item};
use kladwacht::{Category, Scanner};
use std::path::PathBuf;

/// F1 floors per category at draft level.
const FLOORS: &[(Category, f64)] = &[
    (Category::Password, 0.95),
    (Category::Identifier, 0.95),
    // The sensitive-data detector (R2) and offensive language (R6).
    (Category::Medical, 0.93),
    (Category::Psychosocial, 0.93),
    (Category::Family, 0.95),
    (Category::Financial, 0.95),
    (Category::Offensive, 0.95),
];

/// Share of clean drafts with any finding at most.
const MAX_CLEAN_FALSE_ALARMS: f64 = 0.05;

fn corpus(path: PathBuf) -> Vec<Item> {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); the shared corpus must sit beside the checkout",
            path.display()
        )
    });
    read_corpus(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dev_corpus() -> Vec<Item> {
    corpus(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dev.jsonl"))
}

#[test]
fn dev_corpus_meets_the_floors() {
    let items = dev_corpus();
    assert!(items.len() > 300, "the dev corpus looks truncated");
    let report = evaluate(&Scanner::with_default_policy(), &items);
    let mut failures = Vec::new();
    for &(cat, floor) in FLOORS {
        let s = report.score(cat).expect("scored");
        if s.f1 < floor {
            failures.push(format!(
                "{cat}: F1 {:.3} < {floor} (missed {:?}, false alarms {:?})",
                s.f1, s.missed, s.false_alarms
            ));
        }
    }
    if report.clean_false_alarm_rate() > MAX_CLEAN_FALSE_ALARMS {
        failures.push(format!(
            "clean drafts flagged {:.3} > {MAX_CLEAN_FALSE_ALARMS}: {:?}",
            report.clean_false_alarm_rate(),
            report.clean_flagged_ids
        ));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
