//! Draft-level evaluation against a labelled corpus (`../shared/corpus/LABELS.md`):
//! a draft's predicted categories (those of its findings) against its `labels`.
//! Used by `kladwacht eval`, the corpus tests and the benchmarks.
#![cfg(not(target_arch = "wasm32"))]

use crate::context::ScanContext;
use crate::finding::Category;
use crate::scanner::Scanner;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// The categories a corpus labels (the others are whole-message rules).
pub const LABELLED: [Category; 8] = [
    Category::Password,
    Category::Identifier,
    Category::Medical,
    Category::Psychosocial,
    Category::Family,
    Category::Financial,
    Category::Minor,
    Category::Offensive,
];

/// One corpus line. Unknown fields (`lang`, `spans`, `note`) are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: serde_json::Value,
    pub text: String,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(flatten)]
    pub context: ScanContext,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub category: String,
    pub support: usize,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Ids of the drafts it got wrong, for tuning.
    pub missed: Vec<String>,
    pub false_alarms: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub drafts: usize,
    pub scores: Vec<Score>,
    pub clean: usize,
    /// Clean drafts (no labels) with any finding at all.
    pub clean_flagged: usize,
    pub clean_flagged_ids: Vec<String>,
    /// Clean drafts with a finding of a whole-message rule (R7–R13).
    pub clean_flagged_by_message_rules: usize,
    pub slowest_id: String,
    pub slowest_micros: u128,
    pub total_micros: u128,
}

impl Report {
    pub fn clean_false_alarm_rate(&self) -> f64 {
        ratio(self.clean_flagged, self.clean)
    }

    pub fn score(&self, category: Category) -> Option<&Score> {
        self.scores.iter().find(|s| s.category == category.as_str())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn id_string(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Parses a JSONL corpus; the error names the line.
pub fn read_corpus(jsonl: &str) -> Result<Vec<Item>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Scores `scanner` on `items`. Times are those of a warm scanner: a first,
/// untimed pass builds what the scanner compiles on first use (phrase
/// regexes, automata), as a long-running extension has long done, so
/// `total_micros` and the slowest draft measure scanning, not construction.
pub fn evaluate(scanner: &Scanner, items: &[Item]) -> Report {
    for item in items {
        std::hint::black_box(scanner.scan(&item.text, &item.context));
    }
    let mut scores: Vec<Score> = LABELLED
        .iter()
        .map(|c| Score {
            category: c.as_str().to_string(),
            ..Default::default()
        })
        .collect();
    let mut report = Report {
        drafts: items.len(),
        ..Default::default()
    };
    let mut slowest = Duration::ZERO;
    let started = Instant::now();
    for item in items {
        let t = Instant::now();
        let findings = scanner.scan(&item.text, &item.context);
        let took = t.elapsed();
        let id = id_string(&item.id);
        if took >= slowest {
            slowest = took;
            report.slowest_id = id.clone();
        }
        let predicted: BTreeSet<&str> = findings.iter().map(|f| f.category.as_str()).collect();
        let truth: BTreeSet<&str> = item.labels.iter().map(String::as_str).collect();
        for s in &mut scores {
            let p = predicted.contains(s.category.as_str());
            let t = truth.contains(s.category.as_str());
            s.support += t as usize;
            match (p, t) {
                (true, true) => s.tp += 1,
                (true, false) => {
                    s.fp += 1;
                    s.false_alarms.push(id.clone());
                }
                (false, true) => {
                    s.fn_ += 1;
                    s.missed.push(id.clone());
                }
                (false, false) => {}
            }
        }
        if truth.is_empty() {
            report.clean += 1;
            if !findings.is_empty() {
                report.clean_flagged += 1;
                report.clean_flagged_ids.push(id);
                if findings.iter().any(|f| !LABELLED.contains(&f.category)) {
                    report.clean_flagged_by_message_rules += 1;
                }
            }
        }
    }
    for s in &mut scores {
        s.precision = ratio(s.tp, s.tp + s.fp);
        s.recall = ratio(s.tp, s.tp + s.fn_);
        s.f1 = if s.precision + s.recall == 0.0 {
            0.0
        } else {
            2.0 * s.precision * s.recall / (s.precision + s.recall)
        };
    }
    report.scores = scores;
    report.slowest_micros = slowest.as_micros();
    report.total_micros = started.elapsed().as_micros();
    report
}
