//! `kladwacht rules`: the rule catalogue, generated from the rules themselves.

use crate::{scanner, Fail};
use kladwacht::{Channel, Scanner};
use serde_json::json;
use std::path::PathBuf;

pub fn run(mut args: lexopt::Parser) -> Result<u8, Fail> {
    use lexopt::prelude::*;
    let mut format = "text".to_string();
    let mut policy: Option<PathBuf> = None;
    while let Some(arg) = args.next()? {
        match arg {
            Long("format") | Short('f') => format = args.value()?.string()?,
            Long("policy") | Short('p') => policy = Some(args.value()?.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let scanner = scanner(policy.as_deref())?;
    let out = match format.as_str() {
        "text" => text(&scanner),
        "markdown" => markdown(&scanner),
        "json" => {
            serde_json::to_string_pretty(&json_catalogue(&scanner)).unwrap_or_default() + "\n"
        }
        other => {
            return Err(Fail(format!(
                "unknown format `{other}`: use text, markdown or json"
            )))
        }
    };
    print!("{out}");
    Ok(0)
}

fn severities(scanner: &Scanner, rule: &kladwacht::rule::Rule) -> String {
    Channel::ALL
        .iter()
        .map(|&ch| {
            let s = rule
                .severity(scanner.policy(), ch)
                .map_or("off", |s| s.as_str());
            format!("{ch} {s}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn text(scanner: &Scanner) -> String {
    let mut s = String::new();
    for r in scanner.rules() {
        s += &format!("{}  [{}] {}\n", r.id, r.policy_rule, r.category);
        s += &format!("  {}\n  {}\n", r.title.nl, r.title.en);
        s += &format!("  severity: {}\n", severities(scanner, r));
        if let Some(e) = r.fires.first() {
            s += &format!("  fires: {:?}\n", e.text());
        }
        if let Some(e) = r.quiet.first() {
            s += &format!("  quiet: {:?}\n", e.text());
        }
        s += "\n";
    }
    s
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ⏎ ")
}

fn markdown(scanner: &Scanner) -> String {
    let mut s = String::from(
        "| rule | policy | category | what fires | fires | stays quiet | email / social / chat / school |\n|---|---|---|---|---|---|---|\n",
    );
    for r in scanner.rules() {
        let sev: Vec<&str> = Channel::ALL
            .iter()
            .map(|&ch| {
                r.severity(scanner.policy(), ch)
                    .map_or("off", |s| s.as_str())
            })
            .collect();
        s += &format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            r.id,
            r.policy_rule,
            r.category,
            cell(&r.title.en),
            r.fires
                .first()
                .map(|e| format!("`{}`", cell(e.text())))
                .unwrap_or_default(),
            r.quiet
                .first()
                .map(|e| format!("`{}`", cell(e.text())))
                .unwrap_or_default(),
            sev.join(" / ")
        );
    }
    s
}

fn json_catalogue(scanner: &Scanner) -> serde_json::Value {
    let rules: Vec<_> = scanner
        .rules()
        .map(|r| {
            let sev: serde_json::Map<String, serde_json::Value> = Channel::ALL
                .iter()
                .map(|&ch| {
                    let s = r
                        .severity(scanner.policy(), ch)
                        .map_or("off", |s| s.as_str());
                    (ch.to_string(), json!(s))
                })
                .collect();
            json!({"rule": r, "severity": sev})
        })
        .collect();
    json!(rules)
}
