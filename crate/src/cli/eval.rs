//! `kladwacht eval`: precision, recall and F1 per category on a labelled corpus.

use crate::{read_input, scanner, Fail};
use kladwacht::eval::{evaluate, read_corpus};
use kladwacht::Category;
use std::path::PathBuf;

pub fn run(mut args: lexopt::Parser) -> Result<u8, Fail> {
    use lexopt::prelude::*;
    let mut corpus: Option<PathBuf> = None;
    let mut policy: Option<PathBuf> = None;
    let mut floors: Vec<(Category, f64)> = Vec::new();
    let mut max_clean_fp: Option<f64> = None;
    let mut json = false;
    while let Some(arg) = args.next()? {
        match arg {
            Long("policy") | Short('p') => policy = Some(args.value()?.into()),
            Long("min-f1") => {
                let v = args.value()?.string()?;
                let (c, f) = v
                    .split_once('=')
                    .ok_or_else(|| Fail(format!("--min-f1 takes CATEGORY=NUMBER, not `{v}`")))?;
                let c =
                    Category::parse(c).ok_or_else(|| Fail(format!("unknown category `{c}`")))?;
                let f: f64 = f
                    .parse()
                    .map_err(|_| Fail(format!("`{f}` is not a number")))?;
                floors.push((c, f));
            }
            Long("max-clean-fp") => {
                let v = args.value()?.string()?;
                max_clean_fp = Some(
                    v.parse()
                        .map_err(|_| Fail(format!("`{v}` is not a number")))?,
                );
            }
            Long("format") | Short('f') => json = args.value()?.string()? == "json",
            Value(v) if corpus.is_none() => corpus = Some(v.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let corpus = corpus.ok_or_else(|| Fail("eval needs a CORPUS.jsonl file".into()))?;
    let scanner = scanner(policy.as_deref())?;
    let (name, text) = read_input(Some(&corpus))?;
    let items = read_corpus(&text).map_err(|e| Fail(format!("{name}: {e}")))?;
    let report = evaluate(&scanner, &items);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        println!(
            "{:<14} {:>7} {:>4} {:>4} {:>4} {:>9} {:>7} {:>6}",
            "category", "support", "tp", "fp", "fn", "precision", "recall", "f1"
        );
        for s in &report.scores {
            println!(
                "{:<14} {:>7} {:>4} {:>4} {:>4} {:>9.3} {:>7.3} {:>6.3}",
                s.category, s.support, s.tp, s.fp, s.fn_, s.precision, s.recall, s.f1
            );
        }
        println!(
            "clean drafts with any finding: {}/{} ({:.1} %); by whole-message rules: {}",
            report.clean_flagged,
            report.clean,
            100.0 * report.clean_false_alarm_rate(),
            report.clean_flagged_by_message_rules
        );
        println!(
            "drafts: {}, total {:.1} ms, slowest {} ({} µs)",
            report.drafts,
            report.total_micros as f64 / 1000.0,
            report.slowest_id,
            report.slowest_micros
        );
    }
    let mut failed = Vec::new();
    for (c, floor) in &floors {
        let f1 = report.score(*c).map_or(0.0, |s| s.f1);
        if f1 < *floor {
            failed.push(format!("{c} F1 {f1:.3} < {floor}"));
        }
    }
    if let Some(max) = max_clean_fp {
        if report.clean_false_alarm_rate() > max {
            failed.push(format!(
                "clean false alarms {:.3} > {max}",
                report.clean_false_alarm_rate()
            ));
        }
    }
    if failed.is_empty() {
        Ok(0)
    } else {
        eprintln!("kladwacht: below the floor: {}", failed.join("; "));
        Ok(1)
    }
}
