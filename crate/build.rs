//! Copies `data/` into `OUT_DIR` with what only people read taken out, so the
//! browser build carries less: comment lines of the word lists become empty
//! lines and JSON loses its indentation. Line numbers stay the same, so an
//! error in a data file still names the right line of the file in `data/`.
//! The sources in `data/` stay as they are, comments, sources and licences
//! included.

use std::fs;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let from = Path::new(&manifest).join("data");
    println!("cargo:rerun-if-changed=data");
    copy(&from, &Path::new(&out).join("data"));
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries =
        fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            copy(&path, &target);
            continue;
        }
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} is not UTF-8 text: {e}", path.display()));
        let slim = match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => map_lines(&text, |l| {
                if l.trim_start().starts_with('#') {
                    ""
                } else {
                    l
                }
            }),
            // Whitespace at the start of a JSON line always lies between tokens
            // (a JSON string cannot contain a raw line break).
            Some("json") => map_lines(&text, str::trim_start),
            _ => text.clone(),
        };
        fs::write(&target, slim)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
    }
}

fn map_lines(text: &str, f: impl Fn(&str) -> &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b.strip_suffix('\r').unwrap_or(b), "\n"),
            None => (line, ""),
        };
        out.push_str(f(body));
        out.push_str(end);
    }
    out
}
