//! Every rule's documented examples are checked: each `fires` example fires
//! that rule, each `quiet` example does not. The catalogue cannot drift from
//! the behaviour.
#![cfg(not(target_arch = "wasm32"))]

use kladwacht::Scanner;
use std::collections::HashSet;

#[test]
fn rule_examples_behave_as_documented() {
    let scanner = Scanner::with_default_policy();
    let mut failures = Vec::new();
    let mut ids = HashSet::new();
    for rule in scanner.rules() {
        assert!(ids.insert(rule.id.clone()), "duplicate rule id {}", rule.id);
        assert!(
            !rule.fires.is_empty() && !rule.quiet.is_empty(),
            "rule {} needs at least one `fires` and one `quiet` example",
            rule.id
        );
        for ex in &rule.fires {
            let found = scanner.scan(ex.text(), &ex.context());
            if !found.iter().any(|f| f.rule == rule.id) {
                failures.push(format!(
                    "{} should fire on {:?}, got {:?}",
                    rule.id,
                    ex.text(),
                    rules_of(&found)
                ));
            }
        }
        for ex in &rule.quiet {
            let found = scanner.scan(ex.text(), &ex.context());
            if found.iter().any(|f| f.rule == rule.id) {
                failures.push(format!("{} should stay quiet on {:?}", rule.id, ex.text()));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn rules_of(found: &[kladwacht::Finding]) -> Vec<&str> {
    found.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn every_rule_has_messages_in_both_languages() {
    let scanner = Scanner::with_default_policy();
    for r in scanner.rules() {
        for (what, t) in [
            ("title", &r.title),
            ("message", &r.message),
            ("advice", &r.advice),
        ] {
            assert!(
                !t.nl.trim().is_empty() && !t.en.trim().is_empty(),
                "{}: empty {what}",
                r.id
            );
        }
        assert!(
            r.policy_rule.starts_with('R'),
            "{}: policy rule {:?}",
            r.id,
            r.policy_rule
        );
    }
}

/// Every message a rule's examples produce reads as a finished sentence, with
/// the built-in policy (no school name, platform or privacy contact) and with
/// a filled-in one: no placeholder left, nothing empty where a name belongs.
#[test]
fn filled_messages_read_well_with_and_without_a_school_policy() {
    let filled = kladwacht::Policy::from_json(
        r#"{"school": {"name": "De Klimop", "platform": "Smartschool"},
            "privacy_contact": {"name": "Mevr. Jansen", "email": "privacy@deklimop.nl"}}"#,
    )
    .unwrap();
    for (policy_name, scanner) in [
        ("built-in", Scanner::with_default_policy()),
        ("De Klimop", Scanner::new(filled).unwrap()),
    ] {
        let mut seen_contact = false;
        for rule in scanner.rules() {
            for ex in &rule.fires {
                for f in scanner.scan(ex.text(), &ex.context()) {
                    for text in [&f.message, &f.message_en, &f.advice, &f.advice_en] {
                        assert!(
                            !text.contains('{')
                                && !text.contains(" .")
                                && !text.contains(" ,")
                                && !text.contains("  "),
                            "{policy_name} policy, {}: {text:?}",
                            f.rule
                        );
                        seen_contact |= text.contains("privacyfunctionaris")
                            || text.contains("Mevr. Jansen, privacy@deklimop.nl");
                    }
                }
            }
        }
        assert!(seen_contact, "{policy_name}: no message names the contact");
    }
}
