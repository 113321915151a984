use super::*;
use crate::context::ScanContext;
use crate::Scanner;

#[test]
fn patterns_compile() {
    people::Patterns::new().unwrap();
}

fn detector() -> Minors {
    Minors::new(&Policy::default()).unwrap()
}

fn scanner_with(policy: Policy) -> Scanner {
    Scanner::new(policy).unwrap()
}

/// The names the scanner flags as untagged minors (rule `minor.untagged-*`).
fn flagged_by(s: &Scanner, text: &str, ctx: &ScanContext) -> Vec<String> {
    s.scan(text, ctx)
        .into_iter()
        .filter(|f| f.rule.starts_with("minor.untagged"))
        .map(|f| f.text)
        .collect()
}

fn flagged(text: &str, channel: Channel) -> Vec<String> {
    flagged_by(
        &Scanner::with_default_policy(),
        text,
        &ScanContext::channel(channel),
    )
}

fn who(text: &str, channel: Channel) -> Vec<(String, Who)> {
    detector().people(text, channel)
}

fn who_is(text: &str, channel: Channel, name: &str) -> Who {
    who(text, channel)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, w)| w)
        .unwrap_or(Who::NotPerson)
}

#[test]
fn smoke() {
    let d = detector();
    let p = d.people(
        "Ilias (groep 6) had vandaag blauwe plekken.",
        Channel::Email,
    );
    assert_eq!(p, vec![("Ilias".to_string(), Who::Minor)]);
    assert_eq!(
        flagged(
            "Ilias (groep 6) had vandaag blauwe plekken.",
            Channel::Email
        ),
        ["Ilias"]
    );
}

// --- names versus ordinary capitalised words

#[test]
fn capitalised_words_that_are_not_names() {
    for text in [
        "Morgen gaan de kinderen van groep 5 naar het museum.",
        "Op 5 december komt Sinterklaas naar school voor de kleuters.",
        "Met Pasen en Pinksteren zijn de leerlingen vrij.",
        "De schoolreis van groep 7 is in Juni, de sportdag in Mei.",
        "We verzamelen met de klas in de Anne Frankstraat om 8.30 uur.",
        "De leerlingen van 4B bezoeken het Anne Frank Huis.",
        "Onze leerlingen zongen in de Sint-Jozefkerk; daarna naar Sint-Niklaas.",
        "Beste ouders, de kinderen van KBS Sint Jozef gaan op kamp in de Ardennen.",
        "Leerlingen uit groep 8 maakten een werkstuk over Koning Willem-Alexander.",
        "De kleuters gaan op uitstap naar Gent en Brugge.",
        "Ben je morgen op school? De leerlingen van 3A hebben toets.",
        "Rekenen (groep 5) verschuift naar dinsdag.",
        "In de klas gebruiken we ChatGPT (groep 8) alleen met de juf.",
    ] {
        assert!(
            flagged(text, Channel::Social).is_empty(),
            "{text}: {:?}",
            who(text, Channel::Social)
        );
    }
}

#[test]
fn a_sentence_start_is_no_evidence_for_word_names() {
    // "Roos", "Storm" and "Ben" are names and words; at a sentence start only context makes them a name.
    assert_eq!(
        who_is(
            "Storm op komst: de leerlingen blijven binnen.",
            Channel::Email,
            "Storm"
        ),
        Who::NotPerson
    );
    assert_eq!(
        who_is("Ben jij morgen op de sportdag?", Channel::Chat, "Ben"),
        Who::NotPerson
    );
    assert_eq!(
        flagged("Roos (groep 4) is jarig vandaag!", Channel::Social),
        ["Roos"]
    );
    assert_eq!(
        flagged(
            "Proficiat aan Roos en Bas met hun zwemdiploma!",
            Channel::Social
        ),
        ["Roos", "Bas"]
    );
}

#[test]
fn unlisted_names_need_a_pupil_pattern() {
    assert_eq!(
        flagged(
            "Welkom aan Jaylani (groep 1) in onze klas!",
            Channel::Social
        ),
        ["Jaylani"]
    );
    assert_eq!(
        flagged("Kan iemand even letten op Tijani uit 4B?", Channel::Chat),
        ["Tijani"]
    );
    assert!(flagged(
        "De leerlingen bezochten Efteling en Duinrell.",
        Channel::Social
    )
    .is_empty());
}

#[test]
fn surnames_and_particles() {
    assert_eq!(
        flagged("Daan van de Coterlet (groep 5) is ziek.", Channel::Email),
        ["Daan van de Coterlet"]
    );
    assert_eq!(
        flagged(
            "Bij Nand Van Assche uit het zesde leerjaar staan rekeningen open.",
            Channel::Email
        ),
        ["Nand Van Assche"]
    );
    assert_eq!(
        flagged("Emma V. uit groep 6 mag eerder weg.", Channel::Email),
        ["Emma V."]
    );
    // "van de" before a lower-case word is no surname
    assert_eq!(
        flagged(
            "Sem uit groep 3 van de Regenboog is gevallen.",
            Channel::Chat
        ),
        ["Sem"]
    );
}

#[test]
fn obfuscated_names_map_back_to_what_was_typed() {
    let text = "Let op bij gym: L\u{200B}i\u{200B}n\u{200B}a (groep 5) heeft astma.";
    assert_eq!(
        flagged(text, Channel::Email),
        ["L\u{200B}i\u{200B}n\u{200B}a"]
    );
    assert_eq!(
        flagged(
            "Notitie: Y a r a (groep 2) krijgt een hoortoestel.",
            Channel::School
        ),
        ["Y a r a"]
    );
}

// --- minors versus adults

#[test]
fn titles_roles_and_kin_mark_adults() {
    let text = "Beste collega's,\n\nJuf Anja en meester Tom gaan mee op schoolreis met groep 6. Mevrouw De Vries en meneer Jansen rijden. Collega Pieter neemt de klas over.\n\nGroet,\nDirectie";
    assert!(
        flagged(text, Channel::Email).is_empty(),
        "{:?}",
        who(text, Channel::Email)
    );
    let text = "De moeder van Emma belde: Emma (groep 3) is ziek.";
    assert_eq!(flagged(text, Channel::Chat), ["Emma", "Emma"]);
    let text = "Hoi Petra,\n\nDe invaller van groep 4 (Sanne Bosman) kan niet inloggen in ParnasSys.\n\nGroet,\nMonique";
    assert!(
        flagged(text, Channel::Email).is_empty(),
        "{:?}",
        who(text, Channel::Email)
    );
    let text =
        "Het CLB-anker van onze school is Eline Wuyts; zij helpt de leerlingen elke dinsdag.";
    assert!(
        flagged(text, Channel::Email).is_empty(),
        "{:?}",
        who(text, Channel::Email)
    );
}

#[test]
fn greeting_and_signature_are_adults() {
    let text = "Beste Tom,\n\nKun jij de toetsen van groep 8 nakijken?\n\nMet vriendelijke groeten,\nPieter Claes\nLeerkracht geschiedenis";
    assert!(
        flagged(text, Channel::Email).is_empty(),
        "{:?}",
        who(text, Channel::Email)
    );
    let text = "Dag mama van Lotte,\n\nLotte mag morgen haar zwemgerief meebrengen.\n\nGroetjes, juf Sanne";
    assert_eq!(flagged(text, Channel::School), ["Lotte", "Lotte"]);
    let text = "Hoi Ellen,\n\nSem (groep 7) heeft zijn jas laten liggen.\n\nGroet, Anja";
    assert_eq!(flagged(text, Channel::Email), ["Sem"]);
    let text = "Wim,\n\nDie jongen van 4C heeft weer de les verstoord.\n\nPatrick";
    assert!(flagged(text, Channel::Email).is_empty());
}

#[test]
fn colleagues_asked_to_do_something_are_adults() {
    let text = "Hoi allemaal,\n\nKarin, wil jij de bus voor groep 8 bevestigen? En Joost, kun jij de EHBO-doos meenemen? Spreek anders Lieselot of mij aan.\n\nGroet,\nErik";
    assert!(
        flagged(text, Channel::Email).is_empty(),
        "{:?}",
        who(text, Channel::Email)
    );
    let text = "Voor de schoolreis kunt u zich opgeven bij Hanneke op het secretariaat.";
    assert!(
        flagged(text, Channel::School).is_empty(),
        "{:?}",
        who(text, Channel::School)
    );
    let text = "Kun jij morgen de klas van Ilse overnemen? De leerlingen hebben gym.";
    assert!(
        flagged(text, Channel::Chat).is_empty(),
        "{:?}",
        who(text, Channel::Chat)
    );
}

#[test]
fn names_of_adults_by_generation_need_evidence() {
    // "Gerard" in a mail about the camp is the head teacher, not a pupil
    let text = "Hoi Erik,\n\nHet kampgeld voor groep 8 is binnen. Gerard wil het programma vrijdag zien.\n\nGroet,\nHanneke";
    assert!(flagged(text, Channel::Email).is_empty());
    assert_eq!(
        flagged("Gerard (groep 5) is jarig!", Channel::Social),
        ["Gerard"]
    );
}

#[test]
fn pupils_by_context() {
    assert_eq!(
        flagged(
            "Milan had vanochtend weer een driftbui en gooide een stoel door de klas.",
            Channel::Chat
        ),
        ["Milan"]
    );
    assert_eq!(
        flagged(
            "Zara's parents are separating; her grandma picks her up.",
            Channel::Chat
        ),
        ["Zara's"]
    );
    assert_eq!(
        flagged(
            "Onze leerling Kato verloor haar GSM op de speelplaats.",
            Channel::Social
        ),
        ["Kato"]
    );
    assert_eq!(
        flagged("Sem (9) won de tekenwedstrijd!", Channel::Social),
        ["Sem"]
    );
    assert_eq!(
        flagged(
            "Proficiat aan Fien, Kobe en Ilyas met hun tekeningen!",
            Channel::Social
        ),
        ["Fien", "Kobe", "Ilyas"]
    );
    // no pupil context: a person, not flagged
    assert!(flagged(
        "Koffie staat klaar in de teamkamer. Gefeliciteerd Ans!",
        Channel::Chat
    )
    .is_empty());
    assert!(flagged(
        "Merci voor de taart, fijne verjaardag nog, Sofie!",
        Channel::Chat
    )
    .is_empty());
}

#[test]
fn handles_of_pupils() {
    assert_eq!(
        flagged(
            "Trots op onze brugklasser @lisa_tekent, haar strip staat in de krant!",
            Channel::Social
        ),
        ["@lisa_tekent"]
    );
    assert!(flagged(
        "Volg ons op @obsdeklimop of mail info@deklimop.nl.",
        Channel::Social
    )
    .is_empty());
}

// --- consent

#[test]
fn the_drafts_consented_list_tags_children() {
    let s = Scanner::with_default_policy();
    let text = "Gefeliciteerd Julia, Mohamed en Fenna met jullie zwemdiploma!";
    let mut ctx = ScanContext::channel(Channel::Social);
    ctx.consented = vec!["Julia".into(), "fenna".into()];
    assert_eq!(flagged_by(&s, text, &ctx), ["Mohamed"]);
    ctx.consented.push("Mohamed".into());
    assert!(flagged_by(&s, text, &ctx).is_empty());
}

#[test]
fn the_policy_register_tags_and_refuses() {
    let mut policy = Policy::default();
    policy.consent = vec![
        crate::policy::ConsentEntry {
            name: "Emma Visser".into(),
            consent: true,
            class: Some("6B".into()),
        },
        crate::policy::ConsentEntry {
            name: "Noah de Vries".into(),
            consent: false,
            class: None,
        },
    ];
    let s = scanner_with(policy);
    let ctx = ScanContext::channel(Channel::Social);
    assert!(flagged_by(&s, "Emma Visser (groep 6B) won de tekenwedstrijd!", &ctx).is_empty());
    assert!(flagged_by(&s, "Emma (6B) won de tekenwedstrijd!", &ctx).is_empty());
    // another Emma is another child
    assert_eq!(
        flagged_by(&s, "Emma de Groot (groep 6) won de tekenwedstrijd!", &ctx),
        ["Emma de Groot"]
    );
    assert_eq!(
        flagged_by(&s, "Emma (groep 4) won de tekenwedstrijd!", &ctx),
        ["Emma"]
    );
    // an explicit refusal says so
    let f = s.scan("Proficiat Noah (groep 6) met je diploma!", &ctx);
    let refused = f
        .iter()
        .find(|f| f.rule == "minor.untagged-name")
        .expect("flagged");
    assert!(
        refused.message.contains("géén toestemming"),
        "{}",
        refused.message
    );
    assert_eq!(refused.severity, crate::Severity::Block);
}

#[test]
fn severity_follows_the_channel() {
    use crate::Severity;
    let s = Scanner::with_default_policy();
    let text = "Sem uit groep 3 is gevallen op de speelplaats.";
    let sev = |ch| {
        s.scan(text, &ScanContext::channel(ch))
            .into_iter()
            .find(|f| f.rule == "minor.untagged-name")
            .map(|f| f.severity)
    };
    assert_eq!(sev(Channel::Social), Some(Severity::Block));
    assert_eq!(sev(Channel::Chat), Some(Severity::Warn));
    assert_eq!(sev(Channel::Email), Some(Severity::Info));
    assert_eq!(sev(Channel::School), Some(Severity::Info));
}

// --- photos

#[test]
fn names_with_photos_and_the_consent_reminder() {
    let s = Scanner::with_default_policy();
    let mut ctx = ScanContext::channel(Channel::Social);
    ctx.media_attached = true;
    ctx.consented = vec!["Fenna".into(), "Luuk".into()];
    let f = s.scan(
        "Fenna, Luuk en Hiba lazen hun gedicht voor! Juf Anja was trots.",
        &ctx,
    );
    let rules: Vec<(&str, &str)> = f
        .iter()
        .map(|f| (f.rule.as_str(), f.text.as_str()))
        .collect();
    assert!(rules.contains(&("minor.photo-consent", "")), "{rules:?}");
    assert!(
        rules.contains(&("minor.names-with-photo", "Fenna")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("minor.names-with-photo", "Luuk")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("minor.untagged-name", "Hiba")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("minor.names-with-photo", "Anja")),
        "{rules:?}"
    );
    let reminder = f.iter().find(|f| f.rule == "minor.photo-consent").unwrap();
    assert_eq!((reminder.start, reminder.end), (0, 0));
    // R5's warning for the names; the consent reminder stays at `info`, even
    // on social media where a named pupil blocks.
    let severity = |rule: &str, text: &str| {
        f.iter()
            .find(|f| f.rule == rule && f.text == text)
            .map(|f| f.severity)
    };
    assert_eq!(
        severity("minor.photo-consent", ""),
        Some(crate::finding::Severity::Info)
    );
    assert_eq!(
        severity("minor.names-with-photo", "Fenna"),
        Some(crate::finding::Severity::Warn)
    );
    assert_eq!(
        severity("minor.untagged-name", "Hiba"),
        Some(crate::finding::Severity::Block)
    );
    // no media, or not social: no photo rules
    ctx.media_attached = false;
    assert!(!s
        .scan("Fenna las haar gedicht voor!", &ctx)
        .iter()
        .any(|f| f.rule.contains("photo")));
}

#[test]
fn never_panics_on_odd_input() {
    let s = Scanner::with_default_policy();
    for text in [
        "@",
        "@@",
        "@_",
        "E",
        "Emma",
        "Emma ",
        "Emma (",
        "Emma (1",
        "Emma V.",
        "Emma van",
        "Emma van de",
        "'s",
        "Zara's",
        "L i",
        "Y a r a",
        "Beste\n",
        "Groet,\n",
        "\n\n\nEmma\n",
        "Emma-",
        "-Emma",
        "Émmä (groep 6)",
        "ＥＭＭＡ (groep 6)",
        "Emma\u{200B}",
        "\u{200B}Emma (3B)",
        "Van: Emma <",
    ] {
        for ch in Channel::ALL {
            let mut ctx = ScanContext::channel(ch);
            ctx.media_attached = true;
            let _ = s.scan(text, &ctx);
        }
    }
}

/// Debugging aid: `KW_IDS=d0001,d0002 cargo test -p kladwacht --lib minors::tests::dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    let d = detector();
    let path = std::env::var("KW_FILE").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus/dev.jsonl").to_string()
    });
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

/// Timing aid: `KW_BIG=/tmp/big.txt cargo test --release -p kladwacht --lib minors::tests::timing -- --ignored --nocapture`
#[test]
#[ignore]
fn timing() {
    let text = std::fs::read_to_string(std::env::var("KW_BIG").unwrap()).unwrap();
    let d = detector();
    let policy = Policy::default();
    for ch in [Channel::Email, Channel::Social] {
        let ctx = ScanContext::channel(ch);
        let mut best = std::time::Duration::MAX;
        let mut best_doc = std::time::Duration::MAX;
        let mut hits = 0;
        let iters: usize = std::env::var("KW_ITERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5);
        for _ in 0..iters {
            let t = std::time::Instant::now();
            let doc = crate::text::Document::new(&text);
            let t_doc = t.elapsed();
            if std::env::var("KW_ONLY_DOC").is_ok() {
                continue;
            }
            let t = std::time::Instant::now();
            let mut out = Vec::new();
            d.detect(
                &Input {
                    doc: &doc,
                    context: &ctx,
                    policy: &policy,
                    keywords: &[],
                },
                &mut out,
            );
            best = best.min(t.elapsed());
            hits = out.len();
            best_doc = best_doc.min(t_doc);
        }
        println!(
            "{ch}: {} bytes, {hits} hits, best {:?} (Document::new {:?})",
            text.len(),
            best,
            best_doc
        );
    }
}
