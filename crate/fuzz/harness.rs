//! The fuzz harness, shared by the fuzz targets (`fuzz_targets/*.rs`) and the
//! regression tests (`crate/tests/fuzz_regressions.rs`): how fuzz bytes become
//! a draft and its context, and the properties every scan must have.
//!
//! Everything here uses only `kladwacht` and `std`, so a crash found by
//! `make fuzz` replays in `cargo test` with the same checks.
//!
//! # The `scan` input format
//!
//! Byte 0 is a set of flags; the rest is the draft, read as UTF-8 (invalid
//! bytes become U+FFFD). Inside it, U+0001 separates optional extra parts:
//!
//! ```text
//! FLAGS  text \x01 account \x01 recipients \x01 consented
//! ```
//!
//! * flags bits 0–1: channel (email, social, chat, school);
//!   bit 2: media attached; bit 3: scan with the school policy (domains,
//!   allowlist, consent register) instead of the built-in one; bit 4: also
//!   consent every capitalised word of the text; bits 5–7: how many
//!   made-up recipients to add when the recipients part is absent.
//! * recipients: separated by `,` or `;`, each optionally prefixed `cc:` or `bcc:`.
//! * consented: names separated by `,`.
//!
//! A seed file therefore reads as text with one leading flag character:
//! `@Beste ouders, …` is email with the built-in policy, `A…` social.

use kladwacht::text::utf16::utf16_len;
use kladwacht::{Channel, Finding, Policy, Recipient, RecipientField, ScanContext, Scanner};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A draft and the context to scan it in, decoded from fuzz bytes.
#[derive(Debug, Clone)]
pub struct Case {
    pub text: String,
    pub context: ScanContext,
    /// Scan with [`school_scanner`] rather than [`default_scanner`].
    pub school_policy: bool,
}

impl Case {
    pub fn scanner(&self) -> &'static Scanner {
        if self.school_policy {
            school_scanner()
        } else {
            default_scanner()
        }
    }
}

/// A school's policy as an IT admin would write it: it exercises the
/// allowlist, the consent register and the school's own domains.
pub const SCHOOL_POLICY: &str = r#"{
  "school": {
    "name": "Basisschool De Klimop",
    "domains": ["deklimop.nl", "skozwolle.nl"],
    "platform": "Social Schools",
    "board": "SKO Zwolle"
  },
  "privacy_contact": { "name": "Mw. J. Visser", "email": "privacy@deklimop.nl", "phone": "038-1234567" },
  "allowlist": {
    "phones": ["038-1234567", "+31 38 123 45 67"],
    "addresses": ["Klimopstraat 12, 8000 AA Zwolle"],
    "ibans": ["NL91 ABNA 0417 1643 00"]
  },
  "consent": [
    { "name": "Emma de Vries", "consent": true, "class": "groep 6" },
    { "name": "Noah Bakker", "consent": false },
    { "name": "Fatima", "consent": true }
  ],
  "severity": { "minor": { "email": "warn" } }
}"#;

pub fn default_scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::with_default_policy)
}

pub fn school_scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(|| {
        let policy = Policy::from_json(SCHOOL_POLICY).expect("the harness's school policy parses");
        Scanner::new(policy).expect("the harness's school policy builds")
    })
}

/// Decodes fuzz bytes into a draft and its context (see the module docs).
pub fn decode(data: &[u8]) -> Case {
    let (flags, rest) = match data.split_first() {
        Some((&f, rest)) => (f, rest),
        None => (0, &[][..]),
    };
    let all = String::from_utf8_lossy(rest);
    let mut parts = all.splitn(4, '\u{1}');
    let text = parts.next().unwrap_or("").to_string();
    let account = parts.next();
    let recipients = parts.next();
    let consented = parts.next();

    let mut context = ScanContext::channel(Channel::ALL[(flags & 0b11) as usize]);
    context.media_attached = flags & 0b100 != 0;
    context.account = account.map(str::to_string);
    match recipients {
        Some(list) => {
            context.recipients = list
                .split([',', ';'])
                .map(|r| {
                    let r = r.trim();
                    let (field, address) = if let Some(a) = r.strip_prefix("bcc:") {
                        (RecipientField::Bcc, a)
                    } else if let Some(a) = r.strip_prefix("cc:") {
                        (RecipientField::Cc, a)
                    } else {
                        (RecipientField::To, r)
                    };
                    Recipient {
                        address: address.to_string(),
                        field,
                    }
                })
                .collect();
        }
        None => {
            let n = (flags >> 5) as usize;
            context.recipients = (0..n)
                .map(|i| Recipient {
                    address: match i % 3 {
                        0 => format!("ouder{i}@gmail.com"),
                        1 => format!("collega{i}@deklimop.nl"),
                        _ => format!("fam.{i}@telenet.be"),
                    },
                    field: [RecipientField::To, RecipientField::Cc, RecipientField::Bcc][i % 3],
                })
                .collect();
        }
    }
    if let Some(names) = consented {
        context.consented = names.split(',').map(|n| n.trim().to_string()).collect();
    }
    if flags & 0b1_0000 != 0 {
        let capitalised = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .take(8)
            .map(str::to_string);
        context.consented.extend(capitalised);
    }
    Case {
        text,
        context,
        school_policy: flags & 0b1000 != 0,
    }
}

/// Scans and checks every property a scan must have; returns the findings.
///
/// Findings lie within the text on character boundaries, sorted by start;
/// `text` is exactly the slice; the UTF-16 offsets are those of the byte
/// offsets; every finding names a rule of the scanner with the same
/// category; no message keeps an unfilled placeholder; the findings
/// serialise to JSON (what the CLI and wasm hand on); and a second scan
/// gives the same findings.
pub fn check_scan(scanner: &Scanner, text: &str, context: &ScanContext) -> Vec<Finding> {
    let findings = scanner.scan(text, context);
    check_findings(scanner, text, &findings);
    let again = scanner.scan(text, context);
    assert!(findings == again, "scan is not deterministic on {text:?}");
    findings
}

/// The per-finding properties of [`check_scan`], for findings already in hand.
pub fn check_findings(scanner: &Scanner, text: &str, findings: &[Finding]) {
    let mut last = 0;
    // UTF-16 offset of `last`, carried along (findings are sorted by start), so
    // checking 100,000 findings of a 10 MB draft stays linear.
    let mut last_utf16 = 0;
    for f in findings {
        assert!(
            f.bytes.start <= f.bytes.end && f.bytes.end <= text.len(),
            "finding out of bounds: {f:?} (text is {} bytes)",
            text.len()
        );
        assert!(
            text.is_char_boundary(f.bytes.start) && text.is_char_boundary(f.bytes.end),
            "finding not on character boundaries: {f:?}"
        );
        assert_eq!(
            f.text,
            text[f.bytes.clone()],
            "finding text is not its slice"
        );
        assert!(f.bytes.start >= last, "findings not sorted by start");
        let start_utf16 = last_utf16 + utf16_len(&text[last..f.bytes.start]);
        last = f.bytes.start;
        last_utf16 = start_utf16;
        assert_eq!(f.start, start_utf16, "UTF-16 start disagrees: {f:?}");
        assert_eq!(
            f.end,
            start_utf16 + utf16_len(&text[f.bytes.clone()]),
            "UTF-16 end disagrees: {f:?}"
        );
        let rule = scanner.rules().find(|r| r.id == f.rule);
        assert!(
            rule.is_some_and(|r| r.category == f.category),
            "finding names an unknown rule or the wrong category: {} / {}",
            f.rule,
            f.category
        );
        for (what, m) in [
            ("message", &f.message),
            ("message_en", &f.message_en),
            ("advice", &f.advice),
            ("advice_en", &f.advice_en),
        ] {
            for p in ["{school}", "{platform}", "{contact}", "{detail}"] {
                assert!(!m.contains(p), "{} {what} keeps {p}: {m:?}", f.rule);
            }
        }
    }
    serde_json::to_string(findings).expect("findings serialise to JSON");
}

/// Decodes fuzz bytes and checks the scan (the `scan` target).
pub fn scan_bytes(data: &[u8]) {
    let case = decode(data);
    check_scan(case.scanner(), &case.text, &case.context);
}

/// The calling thread's CPU time where the platform has one (64-bit Linux),
/// so that time spent descheduled on a busy machine does not count.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn thread_cpu_time() -> Option<Duration> {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec of the platform's layout
    // (64-bit Linux: two 64-bit fields); clock_gettime only writes to it.
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    ok.then(|| Duration::new(t.tv_sec as u64, t.tv_nsec as u32))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// Time taken by `f`: the thread's CPU time where available, else wall time.
pub fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let wall = Instant::now();
    let cpu = thread_cpu_time();
    let out = f();
    let elapsed = match (cpu, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    (elapsed, out)
}

/// The fastest of `runs` scans of `text`.
fn best_time(scanner: &Scanner, text: &str, context: &ScanContext, runs: usize) -> Duration {
    (0..runs)
        .map(|_| timed(|| std::hint::black_box(scanner.scan(text, context))).0)
        .min()
        .unwrap_or_default()
}

/// `unit` repeated until the result has at least `bytes` bytes.
pub fn repeat_to(unit: &str, bytes: usize) -> String {
    if unit.is_empty() {
        return String::new();
    }
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// Time grows linearly with size: scanning `unit` repeated to 4·n bytes takes
/// at most `factor` times as long as repeated to n bytes (plus `slack` for
/// timer noise). A noisy machine gets three tries before this fails.
pub fn check_linear(
    scanner: &Scanner,
    unit: &str,
    context: &ScanContext,
    n: usize,
    factor: f64,
    slack: Duration,
) {
    if unit.trim().is_empty() {
        return;
    }
    let small = repeat_to(unit, n);
    let large = repeat_to(unit, 4 * n);
    let mut report = String::new();
    for _ in 0..3 {
        let t1 = best_time(scanner, &small, context, 3);
        let t4 = best_time(scanner, &large, context, 3);
        if t4.as_secs_f64() <= factor * t1.as_secs_f64() + slack.as_secs_f64() {
            return;
        }
        report = format!(
            "{} bytes took {t1:?}, {} bytes took {t4:?} (over {factor}× + {slack:?})",
            small.len(),
            large.len()
        );
    }
    panic!("scan time grows faster than the input on unit {unit:?}: {report}");
}

/// Decodes fuzz bytes as a repeated unit and checks linear time (the `scan_linear` target).
pub fn scan_linear_bytes(data: &[u8]) {
    let case = decode(data);
    let unit = case.text.chars().take(256).collect::<String>();
    check_linear(
        case.scanner(),
        &unit,
        &case.context,
        4 * 1024,
        8.0,
        Duration::from_millis(3),
    );
}

/// A few drafts every built policy is tried on.
const POLICY_PROBES: [&str; 4] = [
    "Beste ouders, het wachtwoord van de klas-iPad is Zonnebloem7!",
    "Emma de Vries (groep 6) heeft ADHD. Bel 06-12345678 of mail ouder@gmail.com.",
    "Noah Bakker en Fatima op de foto. IBAN NL91 ABNA 0417 1643 00, BSN 111222333.",
    "",
];

/// Policy documents (the `policy` target): reading never panics; a policy
/// that reads builds a scanner or a named error; a built scanner scans with
/// every property; a policy written back as JSON reads as the same policy.
/// The same bytes are also read as a scan context (the CLI's JSON lines).
pub fn policy_bytes(data: &[u8]) {
    let json = String::from_utf8_lossy(data);
    if let Ok(policy) = Policy::from_json(&json) {
        let written = serde_json::to_string(&policy).expect("a policy serialises");
        let back = Policy::from_json(&written)
            .unwrap_or_else(|e| panic!("a written policy does not read back: {e}\n{written}"));
        assert!(back == policy, "policy changes on a round trip:\n{written}");
        if let Ok(scanner) = Scanner::new(policy) {
            for (i, probe) in POLICY_PROBES.iter().enumerate() {
                let context = ScanContext::channel(Channel::ALL[i % 4]);
                check_scan(&scanner, probe, &context);
            }
        }
    }
    if let Ok(context) = serde_json::from_str::<ScanContext>(&json) {
        check_scan(default_scanner(), POLICY_PROBES[1], &context);
    }
}

/// Consent-register CSV imports (the `consent_csv` target): the bytes, read
/// as UTF-8, are imported with every property checked by [`check_consent_csv`].
pub fn consent_csv_bytes(data: &[u8]) {
    check_consent_csv(&String::from_utf8_lossy(data));
}

/// What `import_csv` guarantees for any text:
///
/// * no panic, and the same result twice;
/// * every error names a line of the input (1-based, counted by `\n` after a
///   leading byte-order mark), a non-blank one unless the file is blank (then
///   the one error is at line 1), at most one error per line, in file order;
/// * every non-blank line is accounted for: it is an entry, an error, the
///   header (at most one line), or a row whose fields are all blank (only
///   separators, quotes and spaces);
/// * entries are usable: a non-empty name with single spaces and nothing
///   around it, a class that is trimmed and non-empty when present;
/// * `parse_csv` agrees: the entries when there is no error, else the first error;
/// * the entries, written back as a `naam;toestemming;klas` CSV with quoted
///   fields, import as the same entries with no error;
/// * the entries build a consent index that answers a look-up of each name.
pub fn check_consent_csv(text: &str) {
    use kladwacht::policy::consent::{import_csv, parse_csv, ConsentIndex, NameKey};

    let import = import_csv(text);
    assert_eq!(import, import_csv(text), "import is not deterministic");

    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let lines: Vec<&str> = body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let non_blank = |l: &str| !l.trim().is_empty();
    let rows = lines.iter().filter(|l| non_blank(l)).count();
    let only_blank_fields = lines
        .iter()
        .filter(|l| non_blank(l))
        .filter(|l| {
            l.chars()
                .all(|c| c.is_whitespace() || matches!(c, '"' | ';' | ',' | '\t'))
        })
        .count();

    if rows == 0 {
        assert!(import.entries.is_empty(), "entries from a blank file");
        assert_eq!(import.errors.len(), 1, "a blank file is one error");
        assert_eq!(
            import.errors[0].line, 1,
            "a blank file's error is at line 1"
        );
    }
    let mut last = 0;
    for e in &import.errors {
        assert!(
            e.line >= 1 && e.line <= lines.len(),
            "error at line {} of {}: {}",
            e.line,
            lines.len(),
            e.message
        );
        assert!(
            e.line > last,
            "errors out of order or two on line {}",
            e.line
        );
        last = e.line;
        assert!(!e.message.is_empty(), "an error without a message");
        if rows > 0 {
            assert!(
                non_blank(lines[e.line - 1]),
                "error on blank line {}",
                e.line
            );
        }
    }
    let reported = import.entries.len() + import.errors.len();
    if rows > 0 {
        assert!(
            reported <= rows,
            "{reported} entries and errors from {rows} non-blank lines"
        );
        assert!(
            reported + 1 + only_blank_fields >= rows,
            "lines lost: {rows} non-blank lines, {} entries, {} errors, \
             {only_blank_fields} rows of blank fields, one header at most",
            import.entries.len(),
            import.errors.len()
        );
    }
    for entry in &import.entries {
        let name = &entry.name;
        assert!(!name.is_empty(), "an entry without a name");
        assert_eq!(
            name.split_whitespace().collect::<Vec<_>>().join(" "),
            *name,
            "name not trimmed to single spaces"
        );
        if let Some(class) = &entry.class {
            assert!(!class.is_empty(), "an empty class");
            assert_eq!(class.trim(), class, "class not trimmed");
        }
    }

    match parse_csv(text) {
        Ok(entries) => {
            assert!(import.errors.is_empty(), "parse_csv passed over an error");
            assert_eq!(entries, import.entries, "parse_csv read other entries");
        }
        Err(kladwacht::Error::ConsentCsv { line, message }) => {
            let first = import
                .errors
                .first()
                .expect("parse_csv failed without an error");
            assert_eq!((line, &message), (first.line, &first.message));
        }
        Err(e) => panic!("parse_csv failed with another error: {e}"),
    }

    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut written = String::from("naam;toestemming;klas\n");
    for entry in &import.entries {
        written.push_str(&format!(
            "{};{};{}\n",
            quote(&entry.name),
            if entry.consent { "ja" } else { "nee" },
            quote(entry.class.as_deref().unwrap_or(""))
        ));
    }
    let again = import_csv(&written);
    assert!(
        again.errors.is_empty(),
        "a written register does not read back: {:?}\n{written}",
        again.errors
    );
    assert_eq!(
        again.entries, import.entries,
        "entries change on a round trip"
    );

    let index = ConsentIndex::new(&import.entries);
    for entry in &import.entries {
        std::hint::black_box(index.lookup(&NameKey::parse(&entry.name), entry.class.as_deref()));
    }
}
