//! `cargo bench -p kladwacht --bench scan`: how fast `Scanner::scan` is on
//! realistic drafts, and how long building a `Scanner` takes.
//!
//! A plain harness (no criterion, to keep CI builds small). The drafts are
//! built from the labelled dev corpus (`../shared/corpus/dev.jsonl` beside the
//! checkout, or `KLADWACHT_CORPUS`): the clean drafts glued together for a
//! text with (almost) no findings, the labelled ones for a text dense with
//! findings, cut to 1 KB, 5 KB, 50 KB and 1 MB (binary units). Several
//! variants per size (each starting at another draft) so the timings are not
//! those of one lucky text.
//!
//! Reported per case: per-scan latency (median, p99) and throughput in MB/s
//! (MB = 2^20 bytes), and the median of the normalisation alone
//! (`Document::new`, which every scan starts with); `Scanner` construction
//! with the built-in policy and with a consent register of 2,000 names; and
//! the scan time of the dense drafts with that register versus none (the two
//! scanners alternate scan by scan, so load from other processes hits both).
//!
//! Output: a table on stdout, and JSON in `KLADWACHT_BENCH_OUT` (default
//! `target/bench/native.json`) plus every draft it timed in `drafts.json`
//! next to it, so the peers and the browser benchmark scan the same text.
//!
//! Without `--bench` (as `cargo test --benches` runs it) it does one quick
//! pass of every case up to 50 KB as a smoke test and writes nothing.
//!
//! Environment: `KLADWACHT_BENCH_SECS` — time budget per case (default 1.0).

use kladwacht::eval::{read_corpus, Item};
use kladwacht::text::Document;
use kladwacht::{Channel, Policy, ScanContext, Scanner};
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const SIZES: [(&str, usize, usize); 4] = [
    // label, bytes, variants
    ("1 KB", 1 << 10, 32),
    ("5 KB", 5 << 10, 16),
    ("50 KB", 50 << 10, 4),
    ("1 MB", 1 << 20, 1),
];

/// Names in the consent register of the second policy.
const REGISTER_SIZE: usize = 2000;

struct Config {
    /// Time budget per case.
    budget: Duration,
    min_iters: usize,
    max_iters: usize,
    /// Write JSON and drafts (only under `cargo bench`).
    write: bool,
    /// Largest draft timed (the smoke test skips 1 MB: debug builds are slow).
    max_bytes: usize,
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let budget = std::env::var("KLADWACHT_BENCH_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(1.0);
    let cfg = if bench {
        Config {
            budget: Duration::from_secs_f64(budget),
            min_iters: 20,
            max_iters: 200_000,
            write: true,
            max_bytes: usize::MAX,
        }
    } else {
        Config {
            budget: Duration::ZERO,
            min_iters: 1,
            max_iters: 1,
            write: false,
            max_bytes: 64 << 10,
        }
    };
    if let Err(e) = run(&cfg) {
        eprintln!("bench scan: {e}");
        std::process::exit(2);
    }
}

fn repo_root() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::canonicalize(&root).unwrap_or(root)
}

fn corpus_path() -> PathBuf {
    let path = std::env::var_os("KLADWACHT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus/dev.jsonl"));
    std::fs::canonicalize(&path).unwrap_or(path)
}

fn run(cfg: &Config) -> Result<(), String> {
    let path = corpus_path();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {} ({e})", path.display()))?;
    let items = read_corpus(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let clean: Vec<&str> = items
        .iter()
        .filter(|i| i.labels.is_empty())
        .map(|i| i.text.as_str())
        .collect();
    let dense: Vec<&str> = items
        .iter()
        .filter(|i| !i.labels.is_empty())
        .map(|i| i.text.as_str())
        .collect();
    if clean.is_empty() || dense.is_empty() {
        return Err(format!(
            "{} has no clean or no labelled drafts",
            path.display()
        ));
    }

    let context = ScanContext::channel(Channel::Email);
    let register_json = consent_policy_json(&items, REGISTER_SIZE);

    println!(
        "kladwacht scan benchmark — corpus {} ({} drafts), budget {:.1} s per case",
        path.display(),
        items.len(),
        cfg.budget.as_secs_f64()
    );
    println!();

    // Construction.
    let built_default = time_it(cfg, || {
        black_box(Scanner::new(Policy::default()).map(|_| ()))
    });
    let built_register = time_it(cfg, || {
        let policy = Policy::from_json(&register_json);
        black_box(policy.and_then(Scanner::new).map(|_| ()))
    });
    Policy::from_json(&register_json).map_err(|e| format!("the consent policy: {e}"))?;
    println!("Scanner construction         median     p99   runs");
    for (name, s) in [
        ("built-in policy", &built_default),
        ("consent register of 2,000", &built_register),
    ] {
        println!(
            "  {name:<26} {:>7}  {:>7}  {:>5}",
            fmt_us(s.median_us),
            fmt_us(s.p99_us),
            s.runs
        );
    }
    println!();

    let scanner = Scanner::new(Policy::default()).map_err(|e| e.to_string())?;
    let with_register = Scanner::new(
        Policy::from_json(&register_json).map_err(|e| format!("the consent policy: {e}"))?,
    )
    .map_err(|e| e.to_string())?;

    // Scans.
    let mut drafts_out = serde_json::Map::new();
    let mut scans = Vec::new();
    println!(
        "Scanner::scan, channel email  median        p99     MB/s  findings    runs  Document::new"
    );
    for (kind, pool) in [("clean", &clean), ("dense", &dense)] {
        let mut per_size = serde_json::Map::new();
        for &(label, bytes, variants) in SIZES.iter().filter(|s| s.1 <= cfg.max_bytes) {
            let drafts = build_drafts(pool, bytes, variants);
            let s = time_scans(cfg, &scanner, &drafts, &context);
            let doc = time_documents(cfg, &drafts);
            print_scan(kind, label, &s, &doc);
            let mut row = scan_json(kind, label, bytes, drafts.len(), &s);
            row["normalise_median_us"] = json!(round(doc.median_us, 2));
            scans.push(row);
            per_size.insert(label.to_string(), json!(drafts));
        }
        drafts_out.insert(kind.to_string(), Value::Object(per_size));
    }
    println!();

    // Consent register: the dense drafts with and without 2,000 names.
    let mut consent = Vec::new();
    println!("dense drafts, consent register of 2,000 names vs none");
    for &(label, bytes, variants) in SIZES.iter().filter(|s| s.1 <= cfg.max_bytes) {
        let drafts = build_drafts(&dense, bytes, variants);
        let (none, reg) = time_pair(cfg, &scanner, &with_register, &drafts, &context);
        println!(
            "  {label:<6} none {:>8}  register {:>8}  ({:+.0} %)",
            fmt_us(none.median_us),
            fmt_us(reg.median_us),
            pct(reg.median_us, none.median_us)
        );
        consent.push(json!({
            "size": label,
            "bytes": bytes,
            "none": scan_json("dense", label, bytes, drafts.len(), &none),
            "register": scan_json("dense", label, bytes, drafts.len(), &reg),
        }));
    }

    // One category on, as each peer does one job: the policies in
    // tests/bench/policies/ turn every other category off.
    let mut only = Vec::new();
    println!();
    println!("dense drafts, one category on (tests/bench/policies/only-*.json)");
    for category in ["password", "identifier"] {
        let file = repo_root().join(format!("tests/bench/policies/only-{category}.json"));
        let json = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {} ({e})", file.display()))?;
        let policy = Policy::from_json(&json).map_err(|e| format!("{}: {e}", file.display()))?;
        let one = Scanner::new(policy).map_err(|e| e.to_string())?;
        for &(label, bytes, variants) in SIZES.iter().filter(|s| s.1 <= cfg.max_bytes.min(5 << 10))
        {
            let drafts = build_drafts(&dense, bytes, variants);
            let s = time_scans(cfg, &one, &drafts, &context);
            println!(
                "  {category:<10} {label:<6} {:>8}  ({:.1} findings per scan)",
                fmt_us(s.median_us),
                s.findings as f64 / s.runs.max(1) as f64
            );
            let mut row = scan_json("dense", label, bytes, drafts.len(), &s);
            row["category"] = json!(category);
            row["policy"] = json!(format!("tests/bench/policies/only-{category}.json"));
            only.push(row);
        }
    }

    if !cfg.write {
        return Ok(());
    }
    let out = std::env::var_os("KLADWACHT_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/bench/native.json"));
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let report = json!({
        "command": "cargo bench -p kladwacht --bench scan",
        "corpus": path.display().to_string(),
        "corpus_drafts": items.len(),
        "channel": "email",
        "budget_secs": cfg.budget.as_secs_f64(),
        "mb": "2^20 bytes",
        "construction": {
            "default": stats_json(&built_default),
            "consent_2000": stats_json(&built_register),
        },
        "scan": scans,
        "consent": consent,
        "only": only,
    });
    write_json(&out, &report)?;
    let drafts_path = out.with_file_name("drafts.json");
    write_json(&drafts_path, &Value::Object(drafts_out))?;
    println!();
    println!("wrote {} and {}", out.display(), drafts_path.display());
    Ok(())
}

fn write_json(path: &std::path::Path, value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// `variants` drafts of exactly `bytes` bytes (cut on a character boundary):
/// corpus texts joined by blank lines, variant `v` starting at another text.
fn build_drafts(pool: &[&str], bytes: usize, variants: usize) -> Vec<String> {
    let step = (pool.len() / variants.max(1)).max(1);
    (0..variants)
        .map(|v| {
            let mut s = String::with_capacity(bytes + 4096);
            let mut i = v * step;
            while s.len() < bytes {
                if !s.is_empty() {
                    s.push_str("\n\n");
                }
                s.push_str(pool[i % pool.len()]);
                i += 1;
            }
            let mut cut = bytes.min(s.len());
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            s.truncate(cut);
            s
        })
        .collect()
}

/// A policy document whose consent register holds `n` names: every named
/// child of the corpus (so the register is consulted where it matters) and
/// then first name × surname combinations, one in ten refusing consent.
fn consent_policy_json(items: &[Item], n: usize) -> String {
    let mut first: Vec<String> = Vec::new();
    for item in items {
        for name in &item.context.consented {
            first.push(name.clone());
        }
    }
    first.extend(corpus_minor_names());
    first.sort();
    first.dedup();
    const SURNAMES: [&str; 24] = [
        "de Vries",
        "Jansen",
        "Peeters",
        "Janssens",
        "Bakker",
        "Maes",
        "Visser",
        "Claes",
        "Smit",
        "Wouters",
        "Meijer",
        "Mertens",
        "de Boer",
        "Willems",
        "Mulder",
        "Goossens",
        "El Amrani",
        "Yilmaz",
        "Dekker",
        "Vermeulen",
        "Bos",
        "Dubois",
        "Hendriks",
        "Lambrechts",
    ];
    let mut names: Vec<String> = first.iter().take(n).cloned().collect();
    'fill: for surname in SURNAMES {
        for f in &first {
            if names.len() >= n {
                break 'fill;
            }
            let given = f.split_whitespace().next().unwrap_or(f);
            names.push(format!("{given} {surname}"));
        }
    }
    // A corpus without names still gets a register of the right size.
    let mut k = 0;
    while names.len() < n {
        names.push(format!("Leerling{k} Testnaam"));
        k += 1;
    }
    let consent: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| json!({"name": name, "consent": i % 10 != 9}))
        .collect();
    json!({ "consent": consent }).to_string()
}

/// The `minor` spans of the corpus (names of children as written).
fn corpus_minor_names() -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(corpus_path()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if let Some(spans) = v.pointer("/spans/minor").and_then(Value::as_array) {
            out.extend(
                spans
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|s| !s.starts_with('@'))
                    .map(str::to_string),
            );
        }
    }
    out
}

struct Stats {
    runs: usize,
    median_us: f64,
    p99_us: f64,
    total: Duration,
    bytes: usize,
    findings: usize,
}

impl Stats {
    fn mb_per_s(&self) -> f64 {
        let secs = self.total.as_secs_f64();
        if secs == 0.0 {
            0.0
        } else {
            self.bytes as f64 / (1u64 << 20) as f64 / secs
        }
    }
}

fn stats(mut samples: Vec<Duration>, bytes: usize, findings: usize) -> Stats {
    samples.sort_unstable();
    let total = samples.iter().sum();
    let q = |p: f64| -> f64 {
        if samples.is_empty() {
            return 0.0;
        }
        // Nearest rank.
        let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
        samples[rank - 1].as_secs_f64() * 1e6
    };
    Stats {
        runs: samples.len(),
        median_us: q(0.5),
        p99_us: q(0.99),
        total,
        bytes,
        findings,
    }
}

fn time_it<T>(cfg: &Config, mut f: impl FnMut() -> T) -> Stats {
    black_box(f());
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < cfg.max_iters
        && (samples.len() < cfg.min_iters.min(200) || started.elapsed() < cfg.budget)
    {
        let t = Instant::now();
        black_box(f());
        samples.push(t.elapsed());
    }
    stats(samples, 0, 0)
}

/// Times `f` on the drafts in turn (after one warm-up pass); `f` returns the
/// number of findings.
fn time_drafts(cfg: &Config, drafts: &[String], mut f: impl FnMut(&str) -> usize) -> Stats {
    for d in drafts {
        black_box(f(d));
    }
    let started = Instant::now();
    let mut samples = Vec::new();
    let mut bytes = 0;
    let mut findings = 0;
    let mut i = 0;
    while samples.len() < cfg.max_iters
        && (samples.len() < cfg.min_iters || started.elapsed() < cfg.budget)
    {
        let d = &drafts[i % drafts.len()];
        i += 1;
        let t = Instant::now();
        findings += black_box(f(black_box(d)));
        samples.push(t.elapsed());
        bytes += d.len();
    }
    stats(samples, bytes, findings)
}

fn time_scans(cfg: &Config, scanner: &Scanner, drafts: &[String], ctx: &ScanContext) -> Stats {
    time_drafts(cfg, drafts, |d| scanner.scan(d, ctx).len())
}

/// The normalisation every scan starts with (`Document::new`), alone.
fn time_documents(cfg: &Config, drafts: &[String]) -> Stats {
    time_drafts(cfg, drafts, |d| {
        black_box(Document::new(d));
        0
    })
}

/// Two scanners on the same drafts, alternating scan by scan so that load
/// from other processes hits both alike.
fn time_pair(
    cfg: &Config,
    a: &Scanner,
    b: &Scanner,
    drafts: &[String],
    ctx: &ScanContext,
) -> (Stats, Stats) {
    for d in drafts {
        black_box(a.scan(d, ctx));
        black_box(b.scan(d, ctx));
    }
    let started = Instant::now();
    let (mut sa, mut sb) = (Vec::new(), Vec::new());
    let (mut fa, mut fb) = (0, 0);
    let mut bytes = 0;
    let mut i = 0;
    while sa.len() < cfg.max_iters
        && (sa.len() < cfg.min_iters || started.elapsed() < 2 * cfg.budget)
    {
        let d = &drafts[i % drafts.len()];
        i += 1;
        let t = Instant::now();
        fa += black_box(a.scan(black_box(d), ctx)).len();
        sa.push(t.elapsed());
        let t = Instant::now();
        fb += black_box(b.scan(black_box(d), ctx)).len();
        sb.push(t.elapsed());
        bytes += d.len();
    }
    (stats(sa, bytes, fa), stats(sb, bytes, fb))
}

fn stats_json(s: &Stats) -> Value {
    json!({
        "runs": s.runs,
        "median_us": round(s.median_us, 2),
        "p99_us": round(s.p99_us, 2),
    })
}

fn scan_json(kind: &str, label: &str, bytes: usize, variants: usize, s: &Stats) -> Value {
    json!({
        "kind": kind,
        "size": label,
        "bytes": bytes,
        "variants": variants,
        "runs": s.runs,
        "median_us": round(s.median_us, 2),
        "p99_us": round(s.p99_us, 2),
        "mb_per_s": round(s.mb_per_s(), 1),
        "findings_per_scan": round(s.findings as f64 / s.runs.max(1) as f64, 2),
    })
}

fn print_scan(kind: &str, label: &str, s: &Stats, doc: &Stats) {
    println!(
        "  {kind:<6} {label:<6}   {:>9}  {:>9}  {:>7.1}  {:>8.1}  {:>6}  {:>9}",
        fmt_us(s.median_us),
        fmt_us(s.p99_us),
        s.mb_per_s(),
        s.findings as f64 / s.runs.max(1) as f64,
        s.runs,
        fmt_us(doc.median_us),
    );
}

fn fmt_us(us: f64) -> String {
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

fn pct(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        100.0 * (a - b) / b
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}
