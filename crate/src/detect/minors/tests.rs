use super::*;
use crate::context::ScanContext;
use crate::Scanner;

fn detector() -> Minors {
    Minors::new(&Policy::default()).unwrap()
}

#[test]
fn smoke() {
    let d = detector();
    let p = d.people(
        "Ilias (groep 6) had vandaag blauwe plekken.",
        Channel::Email,
    );
    assert_eq!(p, vec![("Ilias".to_string(), Who::Minor)]);
    let s = Scanner::with_default_policy();
    let f = s.scan(
        "Ilias (groep 6) had vandaag blauwe plekken.",
        &ScanContext::default(),
    );
    assert!(f.iter().any(|f| f.rule == "minor.untagged-name"), "{f:?}");
}

/// Debugging aid: `KW_IDS=d0001,d0002 cargo test -p kladwacht --lib minors::tests::dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    let d = detector();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/dev.jsonl");
    let ids = std::env::var("KW_IDS").unwrap_or_default();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        if !ids.split(',').any(|x| x == id) {
            continue;
        }
        let ch = Channel::parse(v["channel"].as_str().unwrap()).unwrap();
        let text = v["text"].as_str().unwrap();
        println!(
            "== {id} {ch} labels={} consented={}",
            v["labels"], v["consented"]
        );
        println!(
            "{}",
            text.chars()
                .take(300)
                .collect::<String>()
                .replace('\n', "⏎")
        );
        for (name, who) in d.people(text, ch) {
            println!("   {name:?} {who:?}");
        }
    }
}
