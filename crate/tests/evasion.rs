//! The evasion suite: ways people (or autocorrect) hide what they type, per
//! category, in a table (`tests/evasion.tsv`). Each row says whether the
//! scanner catches it (`caught`) or knowingly does not (`not-caught`, with the
//! reason); the test fails when a row behaves otherwise, in either direction,
//! so the table stays true.
//!
//! * A row is *caught* when the scan has a finding of the row's category.
//! * Rows of a category no detector fires yet (a placeholder detector) are
//!   *pending*: reported, not asserted.
//! * `cargo test --test evasion -- --nocapture` prints the technique ×
//!   category summary (Markdown, for the README).
//! * `EVASION_BLESS=1 cargo test --test evasion` flips `not-caught` rows that
//!   are now caught to `caught` (an improvement). A `caught` row that is
//!   missed is a regression and is never blessed: fix it, or mark the row
//!   `not-caught` by hand with the reason.
//! * The README's `## Evasion` section is generated from the table (the
//!   summary and the reason of every row not caught); a test fails when it is
//!   stale, and `EVASION_BLESS=1` rewrites that section (only that one).
//! * At least 90 % of the rows must be caught (issue 10).
#![cfg(not(target_arch = "wasm32"))]

use kladwacht::{Category, Channel, ScanContext, Scanner};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

const TABLE: &str = "tests/evasion.tsv";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Caught,
    NotCaught,
}

#[derive(Debug, Clone)]
struct Row {
    line: usize,
    category: Category,
    technique: String,
    channel: Channel,
    expect: Expect,
    input: String,
    note: String,
}

fn table_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(TABLE)
}

/// `\n`, `\t`, `\\` and `\u{…}` in a cell; everything else as written.
fn unescape(cell: &str, line: usize) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                assert_eq!(chars.next(), Some('{'), "{TABLE}:{line}: \\u needs {{…}}");
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("{TABLE}:{line}: bad \\u{{{hex}}}"));
                out.push(cp);
            }
            other => panic!("{TABLE}:{line}: unknown escape \\{other:?}"),
        }
    }
    out
}

fn read_table(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = raw.split('\t').collect();
        assert!(
            cells.len() == 5 || cells.len() == 6,
            "{TABLE}:{line}: want category, technique, channel, expect, input[, note]; got {} cells",
            cells.len()
        );
        let category = Category::parse(cells[0])
            .unwrap_or_else(|| panic!("{TABLE}:{line}: unknown category {:?}", cells[0]));
        let channel = Channel::parse(cells[2])
            .unwrap_or_else(|| panic!("{TABLE}:{line}: unknown channel {:?}", cells[2]));
        let expect = match cells[3] {
            "caught" => Expect::Caught,
            "not-caught" => Expect::NotCaught,
            other => panic!("{TABLE}:{line}: expect is `caught` or `not-caught`, not {other:?}"),
        };
        let note = cells
            .get(5)
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        assert!(
            expect == Expect::Caught || !note.is_empty(),
            "{TABLE}:{line}: a `not-caught` row says why in its note"
        );
        rows.push(Row {
            line,
            category,
            technique: cells[1].to_string(),
            channel,
            expect,
            input: unescape(cells[4], line),
            note,
        });
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Caught,
    Missed,
    /// No detector fires this category yet.
    Pending,
}

fn run(scanner: &Scanner, rows: &[Row]) -> Vec<Outcome> {
    let live: BTreeSet<Category> = scanner.rules().map(|r| r.category).collect();
    rows.iter()
        .map(|row| {
            if !live.contains(&row.category) {
                return Outcome::Pending;
            }
            let found = scanner.scan(&row.input, &ScanContext::channel(row.channel));
            if found.iter().any(|f| f.category == row.category) {
                Outcome::Caught
            } else {
                Outcome::Missed
            }
        })
        .collect()
}

/// The technique × category summary, as Markdown.
fn summary(rows: &[Row], outcomes: &[Outcome]) -> String {
    const CATEGORIES: [Category; 8] = kladwacht::eval::LABELLED;
    let mut techniques: Vec<&str> = Vec::new();
    // (technique, category) → (caught, asserted rows, pending rows)
    let mut cells: BTreeMap<(&str, Category), (usize, usize, usize)> = BTreeMap::new();
    for (row, outcome) in rows.iter().zip(outcomes) {
        if !techniques.contains(&row.technique.as_str()) {
            techniques.push(&row.technique);
        }
        let cell = cells.entry((&row.technique, row.category)).or_default();
        match outcome {
            Outcome::Caught => {
                cell.0 += 1;
                cell.1 += 1;
            }
            Outcome::Missed => cell.1 += 1,
            Outcome::Pending => cell.2 += 1,
        }
    }
    let mut md = String::from("| technique |");
    for c in CATEGORIES {
        md.push_str(&format!(" {c} |"));
    }
    md.push_str(" caught |\n|---|");
    md.push_str(&"---|".repeat(CATEGORIES.len() + 1));
    md.push('\n');
    for t in &techniques {
        md.push_str(&format!("| {t} |"));
        let (mut caught, mut total) = (0, 0);
        for c in CATEGORIES {
            let cell = match cells.get(&(*t, c)) {
                None => "·".to_string(),
                Some(&(_, 0, p)) if p > 0 => "…".to_string(),
                Some(&(k, n, _)) if k == n => "✓".repeat(n.min(3)),
                Some(&(0, _, _)) => "✗".to_string(),
                Some(&(k, n, _)) => format!("{k}/{n}"),
            };
            if let Some(&(k, n, _)) = cells.get(&(*t, c)) {
                caught += k;
                total += n;
            }
            md.push_str(&format!(" {cell} |"));
        }
        md.push_str(&format!(" {caught}/{total} |\n"));
    }
    let caught = outcomes.iter().filter(|o| **o == Outcome::Caught).count();
    let asserted = outcomes.iter().filter(|o| **o != Outcome::Pending).count();
    let pending = outcomes.len() - asserted;
    md.push_str(&format!(
        "\n{caught} of {asserted} rows caught ({:.0} %){}. ✓ caught (one mark per row, up to three), \
         ✗ not caught (knowingly: see the note in `crate/tests/evasion.tsv`), k/n partly, · no row, … detector not merged yet.\n",
        100.0 * caught as f64 / asserted.max(1) as f64,
        if pending > 0 {
            format!(", {pending} pending")
        } else {
            String::new()
        }
    ));
    md
}

/// The README's `## Evasion` section: what the suite is, the summary, and why
/// each row not caught is knowingly so.
fn readme_section(rows: &[Row], outcomes: &[Outcome]) -> String {
    let mut md = String::from("## Evasion\n\n");
    md.push_str(&format!(
        "`crate/tests/evasion.rs` runs a table of {} ways people (or autocorrect) hide what \
         they type, per category (`crate/tests/evasion.tsv`): invisible and odd characters, \
         look-alike and styled letters, leetspeak, spaced letters, numbers split over \
         separators or lines, a password on the line after its keyword, HTML entities. \
         Each row says whether the scanner catches it or knowingly does not, and the test \
         fails when a row behaves otherwise, so this summary (generated from the table by \
         `EVASION_BLESS=1 cargo test --test evasion`) stays true. At least 90 % of the rows \
         must be caught.\n\n",
        rows.len()
    ));
    md.push_str(&summary(rows, outcomes));
    md.push_str("\nKnowingly not caught, and why:\n\n");
    for (row, outcome) in rows.iter().zip(outcomes) {
        if *outcome == Outcome::Missed {
            md.push_str(&format!(
                "- {} / {}: {}\n",
                row.category, row.technique, row.note
            ));
        }
    }
    md.push('\n');
    md
}

/// Where the `## Evasion` section is in the README (or goes: before `## Performance`).
fn readme_span(readme: &str) -> std::ops::Range<usize> {
    match readme.find("\n## Evasion\n") {
        Some(i) => {
            let start = i + 1;
            let end = readme[start + 1..]
                .find("\n## ")
                .map_or(readme.len(), |j| start + 1 + j + 1);
            start..end
        }
        None => {
            let at = readme
                .find("\n## Performance\n")
                .map(|i| i + 1)
                .expect("README.md has a `## Performance` section");
            at..at
        }
    }
}

/// Rewrites the table with `not-caught` rows that are now caught set to `caught`.
fn bless(text: &str, rows: &[Row], outcomes: &[Outcome]) -> (String, usize) {
    let improved: BTreeSet<usize> = rows
        .iter()
        .zip(outcomes)
        .filter(|(r, o)| r.expect == Expect::NotCaught && **o == Outcome::Caught)
        .map(|(r, _)| r.line)
        .collect();
    let mut out = String::with_capacity(text.len());
    for (i, raw) in text.lines().enumerate() {
        if improved.contains(&(i + 1)) {
            let mut cells: Vec<&str> = raw.split('\t').collect();
            cells[3] = "caught";
            cells.truncate(5);
            out.push_str(&cells.join("\t"));
        } else {
            out.push_str(raw);
        }
        out.push('\n');
    }
    (out, improved.len())
}

#[test]
fn evasions_behave_as_the_table_says() {
    let text = std::fs::read_to_string(table_path()).expect("crate/tests/evasion.tsv");
    let rows = read_table(&text);
    assert!(rows.len() >= 100, "the evasion table looks truncated");
    let scanner = Scanner::with_default_policy();
    let outcomes = run(&scanner, &rows);
    println!("{}", summary(&rows, &outcomes));

    if std::env::var_os("EVASION_BLESS").is_some() {
        let (blessed, n) = bless(&text, &rows, &outcomes);
        if n > 0 {
            std::fs::write(table_path(), blessed).expect("write the evasion table");
            eprintln!("EVASION_BLESS: {n} row(s) now `caught`");
        }
    }

    let mut regressions = Vec::new();
    let mut improvements = Vec::new();
    for (row, outcome) in rows.iter().zip(&outcomes) {
        let what = format!(
            "{TABLE}:{}: {} / {} ({}) {:?}",
            row.line, row.category, row.technique, row.channel, row.input
        );
        match (row.expect, outcome) {
            (Expect::Caught, Outcome::Missed) => regressions.push(what),
            (Expect::NotCaught, Outcome::Caught) => {
                improvements.push(format!("{what} (was: {})", row.note))
            }
            _ => {}
        }
    }
    let mut msg = String::new();
    if !regressions.is_empty() {
        msg.push_str(&format!(
            "\n{} row(s) marked `caught` are missed (fix the detector, or mark the row `not-caught` with the reason):\n  {}\n",
            regressions.len(),
            regressions.join("\n  ")
        ));
    }
    if !improvements.is_empty() && std::env::var_os("EVASION_BLESS").is_none() {
        msg.push_str(&format!(
            "\n{} row(s) marked `not-caught` are caught now (run EVASION_BLESS=1 cargo test --test evasion to update the table):\n  {}\n",
            improvements.len(),
            improvements.join("\n  ")
        ));
    }
    assert!(msg.is_empty(), "{msg}");
}

#[test]
fn the_readme_summarises_the_table() {
    let text = std::fs::read_to_string(table_path()).expect("crate/tests/evasion.tsv");
    let rows = read_table(&text);
    let outcomes = run(&Scanner::with_default_policy(), &rows);
    let caught = outcomes.iter().filter(|o| **o == Outcome::Caught).count();
    let asserted = outcomes.iter().filter(|o| **o != Outcome::Pending).count();
    assert!(
        caught * 10 >= asserted * 9,
        "only {caught} of {asserted} evasion rows caught (at least 90 % required)"
    );
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let span = readme_span(&readme);
    let want = readme_section(&rows, &outcomes);
    if readme[span.clone()] == want {
        return;
    }
    if std::env::var_os("EVASION_BLESS").is_some() {
        let mut new = readme.clone();
        new.replace_range(span, &want);
        std::fs::write(&path, new).expect("write README.md");
        eprintln!("EVASION_BLESS: README.md `## Evasion` section rewritten");
        return;
    }
    panic!(
        "README.md's `## Evasion` section is stale; run EVASION_BLESS=1 cargo test --test evasion. Want:\n{want}"
    );
}

#[test]
fn the_table_covers_every_category_and_technique() {
    let text = std::fs::read_to_string(table_path()).expect("crate/tests/evasion.tsv");
    let rows = read_table(&text);
    for c in kladwacht::eval::LABELLED {
        let n = rows.iter().filter(|r| r.category == c).count();
        assert!(n >= 8, "{TABLE}: only {n} rows for {c}");
        assert!(
            rows.iter()
                .any(|r| r.category == c && r.technique == "plain"),
            "{TABLE}: {c} needs a `plain` control row"
        );
    }
    for technique in [
        "zero-width",
        "soft-hyphen",
        "odd-space",
        "full-width",
        "math-letters",
        "look-alike",
        "leetspeak",
        "spaced-letters",
        "split-number",
        "next-line",
        "html-entity",
    ] {
        assert!(
            rows.iter().any(|r| r.technique == technique),
            "{TABLE}: no `{technique}` row"
        );
    }
    // Every row is distinct.
    let mut seen = BTreeSet::new();
    for r in &rows {
        assert!(
            seen.insert((r.category, r.input.clone(), r.channel)),
            "{TABLE}:{}: duplicate row",
            r.line
        );
    }
}

#[test]
fn escapes_are_read() {
    assert_eq!(unescape(r"a\u{200B}b\nc\\d\te", 1), "a\u{200B}b\nc\\d\te");
}
