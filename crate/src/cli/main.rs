//! `kladwacht`: the command-line face of the core.
//!
//! Exit codes: 0 clean, 1 findings at `warn` or above, 2 usage or input errors.

mod consent;
mod eval;
mod rules;
mod scan;

use std::process::ExitCode;

const USAGE: &str = "\
kladwacht — finds what school policies forbid in a draft, before it is sent

Usage:
  kladwacht scan [--channel C] [--policy FILE] [--format text|json] [FILE]
  kladwacht scan --jsonl [--policy FILE] [FILE]
  kladwacht rules [--format text|markdown|json] [--policy FILE]
  kladwacht consent import REGISTER.csv [--policy FILE [--write]]
  kladwacht eval CORPUS.jsonl [--policy FILE] [--min-f1 CATEGORY=0.9]... [--max-clean-fp 0.05] [--format text|json]

Channels: email (default), social, chat, school. Input is read from FILE, or stdin when none is given.
Exit codes: 0 clean, 1 findings at warn or above, 2 usage or input errors.";

/// A user-facing error: printed as `kladwacht: …`, exit code 2.
pub struct Fail(pub String);

impl From<lexopt::Error> for Fail {
    fn from(e: lexopt::Error) -> Self {
        Fail(format!("{e}\n\n{USAGE}"))
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(cmd) = args.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest = lexopt::Parser::from_args(args);
    let result = match cmd.to_str() {
        Some("scan") => scan::run(rest),
        Some("rules") => rules::run(rest),
        Some("eval") => eval::run(rest),
        Some("consent") => consent::run(rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(0)
        }
        Some("-V" | "--version") => {
            println!("kladwacht {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        _ => Err(Fail(format!("unknown command {cmd:?}\n\n{USAGE}"))),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fail(msg)) => {
            eprintln!("kladwacht: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Reads FILE (or stdin for `None` / `-`) as UTF-8; invalid UTF-8 says where.
pub fn read_input(path: Option<&std::path::Path>) -> Result<(String, String), Fail> {
    use std::io::Read;
    let (name, bytes) = match path {
        Some(p) if p.as_os_str() != "-" => {
            let b =
                std::fs::read(p).map_err(|e| Fail(format!("cannot read {}: {e}", p.display())))?;
            (p.display().to_string(), b)
        }
        _ => {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| Fail(format!("cannot read stdin: {e}")))?;
            ("stdin".to_string(), b)
        }
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok((name, s)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Fail(format!(
                "{name} is not valid UTF-8: invalid byte 0x{:02x} at byte offset {at} (line {line}); save the file as UTF-8 and try again",
                bytes[at]
            )))
        }
    }
}

/// Builds a scanner from `--policy FILE` or the built-in policy.
pub fn scanner(policy: Option<&std::path::Path>) -> Result<kladwacht::Scanner, Fail> {
    let policy = match policy {
        None => kladwacht::Policy::default(),
        Some(p) => {
            let (name, text) = read_input(Some(p))?;
            kladwacht::Policy::from_json(&text).map_err(|e| Fail(format!("{name}: {e}")))?
        }
    };
    kladwacht::Scanner::new(policy).map_err(|e| Fail(e.to_string()))
}
