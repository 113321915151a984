//! `kladwacht consent import`: turns a school's consent export (CSV) into the
//! policy's `consent` register.
//!
//! Nothing is written when a row is malformed: every bad row is listed with
//! its line number, so the secretary fixes the export and runs it again.

use crate::{read_input, Fail};
use kladwacht::policy::consent::import_csv;
use std::path::PathBuf;

const USAGE: &str = "\
Usage: kladwacht consent import REGISTER.csv [--policy FILE [--write]]

Reads the register (columns name; consent ja/nee; optional class) and prints
the policy with its `consent` list replaced: the built-in policy, or FILE.
--write saves the result back into FILE instead of printing it.";

pub fn run(mut args: lexopt::Parser) -> Result<u8, Fail> {
    use lexopt::prelude::*;
    let mut sub: Option<String> = None;
    let mut register: Option<PathBuf> = None;
    let mut policy: Option<PathBuf> = None;
    let mut write = false;
    while let Some(arg) = args.next()? {
        match arg {
            Long("policy") | Short('p') => policy = Some(args.value()?.into()),
            Long("write") | Short('w') => write = true,
            Long("help") | Short('h') => {
                println!("{USAGE}");
                return Ok(0);
            }
            Value(v) if sub.is_none() => sub = Some(v.string()?),
            Value(v) if register.is_none() => register = Some(v.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    match sub.as_deref() {
        Some("import") => {}
        Some(other) => {
            return Err(Fail(format!(
                "unknown consent command `{other}`\n\n{USAGE}"
            )))
        }
        None => return Err(Fail(USAGE.to_string())),
    }
    let Some(register) = register else {
        return Err(Fail(format!(
            "which register? give the CSV file\n\n{USAGE}"
        )));
    };
    if write && policy.is_none() {
        return Err(Fail(
            "--write needs --policy FILE: the file to update".into(),
        ));
    }

    let (name, csv) = read_input(Some(&register))?;
    let import = import_csv(&csv);
    if !import.errors.is_empty() {
        let rows: Vec<String> = import
            .errors
            .iter()
            .map(|e| format!("  {name}:{}: {}", e.line, e.message))
            .collect();
        return Err(Fail(format!(
            "{} malformed row{} in the consent register; nothing was written:\n{}",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            rows.join("\n")
        )));
    }

    // Edit the policy as JSON so every other field stays exactly as written.
    let mut doc = match &policy {
        Some(p) => {
            let (pname, text) = read_input(Some(p))?;
            kladwacht::Policy::from_json(&text).map_err(|e| Fail(format!("{pname}: {e}")))?;
            serde_json::from_str::<serde_json::Value>(&text)
                .map_err(|e| Fail(format!("{pname}: {e}")))?
        }
        None => {
            serde_json::to_value(kladwacht::Policy::default()).map_err(|e| Fail(e.to_string()))?
        }
    };
    let entries = serde_json::to_value(&import.entries).map_err(|e| Fail(e.to_string()))?;
    doc.as_object_mut()
        .ok_or_else(|| Fail("the policy is not a JSON object".into()))?
        .insert("consent".into(), entries);
    let out = serde_json::to_string_pretty(&doc).map_err(|e| Fail(e.to_string()))? + "\n";
    kladwacht::Policy::from_json(&out).map_err(|e| Fail(e.to_string()))?;

    let given = import.entries.iter().filter(|e| e.consent).count();
    let summary = format!(
        "{name}: {} pupils, {given} with consent, {} without",
        import.entries.len(),
        import.entries.len() - given
    );
    match (write, policy) {
        (true, Some(p)) => {
            std::fs::write(&p, out)
                .map_err(|e| Fail(format!("cannot write {}: {e}", p.display())))?;
            eprintln!("{summary}; written to {}", p.display());
        }
        _ => {
            print!("{out}");
            eprintln!("{summary}");
        }
    }
    Ok(0)
}
