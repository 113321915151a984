//! `kladwacht scan`: one draft as a report, or many as JSON lines.

use crate::{read_input, scanner, Fail};
use kladwacht::{Channel, Finding, ScanContext, Scanner, Severity};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

#[derive(PartialEq)]
enum Format {
    Text,
    Json,
}

pub fn run(mut args: lexopt::Parser) -> Result<u8, Fail> {
    use lexopt::prelude::*;
    let mut channel = Channel::Email;
    let mut policy: Option<PathBuf> = None;
    let mut format = Format::Text;
    let mut jsonl = false;
    let mut file: Option<PathBuf> = None;
    while let Some(arg) = args.next()? {
        match arg {
            Long("channel") | Short('c') => {
                let v = args.value()?.string()?;
                channel = Channel::parse(&v).ok_or_else(|| {
                    Fail(format!(
                        "unknown channel `{v}`: use email, social, chat or school"
                    ))
                })?;
            }
            Long("policy") | Short('p') => policy = Some(args.value()?.into()),
            Long("format") | Short('f') => {
                format = match args.value()?.string()?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        return Err(Fail(format!("unknown format `{other}`: use text or json")))
                    }
                }
            }
            Long("jsonl") => jsonl = true,
            Value(v) if file.is_none() => file = Some(v.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let scanner = scanner(policy.as_deref())?;
    let (name, input) = read_input(file.as_deref())?;
    if jsonl {
        return Ok(scan_jsonl(&scanner, &input));
    }
    let findings = scanner.scan(&input, &ScanContext::channel(channel));
    let out = std::io::stdout();
    let mut out = out.lock();
    match format {
        Format::Json => {
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&findings).unwrap_or_default()
            );
        }
        Format::Text => {
            let _ = write!(out, "{}", report(&name, &input, &findings));
        }
    }
    Ok(exit_code(&findings))
}

fn exit_code(findings: &[Finding]) -> u8 {
    u8::from(findings.iter().any(|f| f.severity >= Severity::Warn))
}

/// The batch contract: one JSON object per input line, in the same order.
fn scan_jsonl(scanner: &Scanner, input: &str) -> u8 {
    let out = std::io::stdout();
    let mut out = out.lock();
    let mut code = 0;
    for line in input.lines().filter(|l| !l.trim().is_empty()) {
        let result = match serde_json::from_str::<Value>(line) {
            Err(e) => json!({"id": Value::Null, "error": format!("invalid JSON: {e}")}),
            Ok(v) => scan_line(scanner, v),
        };
        if result.get("error").is_some() {
            code = 2;
        } else if result["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["severity"] != "info"))
            && code == 0
        {
            code = 1;
        }
        let _ = writeln!(out, "{result}");
    }
    code
}

fn scan_line(scanner: &Scanner, v: Value) -> Value {
    let id = v.get("id").cloned().unwrap_or(Value::Null);
    let Some(text) = v.get("text").and_then(Value::as_str) else {
        return json!({"id": id, "error": "field `text` is missing or not a string"});
    };
    let context: ScanContext = match serde_path_to_error::deserialize(&v) {
        Ok(c) => c,
        Err(e) => return json!({"id": id, "error": format!("field `{}`: {}", e.path(), e.inner())}),
    };
    let scanned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        scanner.scan(text, &context)
    }));
    match scanned {
        Ok(findings) => json!({"id": id, "findings": findings}),
        Err(_) => {
            json!({"id": id, "error": "internal error while scanning this draft (please report it)"})
        }
    }
}

/// The human report: each finding with its place, message, rule and advice.
fn report(name: &str, input: &str, findings: &[Finding]) -> String {
    if findings.is_empty() {
        return format!("{name}: geen bevindingen (no findings)\n");
    }
    let mut s = String::new();
    for f in findings {
        let line_start = input[..f.bytes.start].rfind('\n').map_or(0, |i| i + 1);
        let line_no = input[..f.bytes.start].matches('\n').count() + 1;
        let col = input[line_start..f.bytes.start].chars().count() + 1;
        let line_end = input[line_start..]
            .find('\n')
            .map_or(input.len(), |i| line_start + i);
        let line = &input[line_start..line_end];
        s += &format!(
            "{name}:{line_no}:{col}: {} {} [{} {}] {}\n",
            f.severity, f.category, f.policy_rule, f.rule, f.message
        );
        if !line.trim().is_empty() {
            let pad: String = input[line_start..f.bytes.start]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let marked_end = f.bytes.end.min(line_end);
            let width = input[f.bytes.start..marked_end].chars().count().max(1);
            s += &format!("    {line}\n    {pad}{}\n", "^".repeat(width));
        }
        s += &format!("    wat nu: {}\n", f.advice);
    }
    let worst = findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Info);
    s += &format!("{} bevinding(en), zwaarste: {worst}\n", findings.len());
    s
}
