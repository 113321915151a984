use crate::context::ScanContext;
use crate::finding::Channel;
use crate::policy::Policy;
use crate::scanner::Scanner;

fn scanner() -> &'static Scanner {
    use std::sync::OnceLock;
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::with_default_policy)
}

/// The texts of identifier findings, with their rule ids.
fn found(text: &str) -> Vec<(String, String)> {
    scanner()
        .scan(text, &ScanContext::channel(Channel::Email))
        .into_iter()
        .filter(|f| f.category == crate::Category::Identifier)
        .map(|f| (f.rule, f.text))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(_, t)| t).collect()
}

#[track_caller]
fn fires(text: &str, rule: &str, span: &str) {
    let f = found(text);
    assert!(
        f.iter().any(|(r, t)| r == rule && t == span),
        "expected {rule} on {span:?} in {text:?}, got {f:?}"
    );
}

#[track_caller]
fn quiet(text: &str) {
    let f = found(text);
    assert!(f.is_empty(), "expected nothing in {text:?}, got {f:?}");
}

#[test]
fn bsn_with_separators_widths_and_breaks() {
    fires("BSN: 725763863", "identifier.bsn", "725763863");
    fires("bsn 7257.63.863 graag", "identifier.bsn", "7257.63.863");
    fires(
        "BSN 725 763\n863 (van het formulier)",
        "identifier.bsn",
        "725 763\n863",
    );
    fires(
        "BSN ７２５７６３８６３.",
        "identifier.bsn",
        "７２５７６３８６３",
    );
    fires(
        "BSN 7257\u{00A0}63\u{00A0}863",
        "identifier.bsn",
        "7257\u{00A0}63\u{00A0}863",
    );
    // A BSN with its leading zero dropped counts only when named.
    fires("burgerservicenummer 12345672", "identifier.bsn", "12345672");
    quiet("Ordernummer 12345672");
}

#[test]
fn bsn_one_digit_off_and_labelled_numbers_stay_quiet() {
    quiet("BSN: 725763864");
    quiet("BSN: 725763853");
    quiet("De factuur met nummer 725763863 is doorgezet.");
    quiet("Uw kenmerk: 725763863");
    quiet("Zo ziet een BSN eruit (voorbeeld, ongeldig): 725763863");
}

#[test]
fn onderwijsnummer() {
    let valid = (0..1_000_000u32)
        .map(|n| format!("10{n:07}"))
        .find(|s| super::checksums::onderwijsnummer(s))
        .unwrap();
    fires(
        &format!("Onderwijsnummer: {valid}"),
        "identifier.bsn",
        &valid,
    );
}

#[test]
fn rijksregisternummer_formats() {
    fires(
        "rijksregisternummer 15.03.08-123.02",
        "identifier.rijksregisternummer",
        "15.03.08-123.02",
    );
    fires(
        "RRN: 150308 123 02",
        "identifier.rijksregisternummer",
        "150308 123 02",
    );
    fires(
        "Rijksregisternummer: 84112324533",
        "identifier.rijksregisternummer",
        "84112324533",
    );
    fires(
        "volgens de kids-ID ０９.０８.２７-８７８.４１",
        "identifier.rijksregisternummer",
        "０９.０８.２７-８７８.４１",
    );
    // BIS number (month + 40).
    fires(
        "BIS-nummer 90.45.03-017.61",
        "identifier.rijksregisternummer",
        "90.45.03-017.61",
    );
    quiet("rijksregisternummer 15.03.08-123.03");
    quiet("Onze referentie is 85.03.14-118.27 (gelieve te vermelden).");
    quiet("Het dossier staat onder nummer 18.01.06-620.84.");
}

#[test]
fn ibans_of_people_and_of_organisations() {
    fires(
        "naar haar rekening NL44 RABO 0123 4567 89 graag",
        "identifier.iban",
        "NL44 RABO 0123 4567 89",
    );
    fires(
        "Rekening: NL44\u{00A0}RABO\u{00A0}0123\u{00A0}4567\u{00A0}89 t.n.v. S. Jansen",
        "identifier.iban",
        "NL44\u{00A0}RABO\u{00A0}0123\u{00A0}4567\u{00A0}89",
    );
    fires(
        "Het juiste nummer is BE22 7310 1234 5647. Sorry!",
        "identifier.iban",
        "BE22 7310 1234 5647",
    );
    fires(
        "IBAN DE89370400440532013000",
        "identifier.iban",
        "DE89370400440532013000",
    );
    fires(
        "GB29 NWBK 6016 1331 9268 19 is my UK account",
        "identifier.iban",
        "GB29 NWBK 6016 1331 9268 19",
    );
    // Wrong check digits, wrong length.
    quiet("naar mijn rekening NL45 RABO 0123 4567 89");
    quiet("naar mijn rekening NL44 RABO 0123 4567 8");
    // The school's and the parents' council's accounts.
    quiet("Betalen op NL44 RABO 0123 4567 89 t.n.v. Stichting Ouderraad De Linde, o.v.v. kamp.");
    quiet("via overschrijving op rekeningnummer BE22 7310 1234 5647 van vzw Scholengroep Kempen");
    quiet("to the school account NL44 RABO 0123 4567 89 with reference 'trip'");
    quiet("Storten kan op de rekening van de oudervereniging: BE22 7310 1234 5647");
}

#[test]
fn iban_allowlist_normalises_both_sides() {
    let mut policy = Policy::default();
    policy.allowlist.ibans = vec!["nl44rabo0123456789".into()];
    policy.allowlist.phones = vec!["+31 (0)20-123 4567".into()];
    policy.allowlist.addresses = vec!["Kerkstraat 12, 1234 AB Dorp".into()];
    let s = Scanner::new(policy).unwrap();
    let ctx = ScanContext::channel(Channel::Email);
    for text in [
        "mijn rekening NL44 RABO 0123 4567 89",
        "Bel mijn collega thuis op 020 1234567",
        "Mijn adres: Kerkstraat 12, 1234 AB Dorp",
    ] {
        let f: Vec<_> = s
            .scan(text, &ctx)
            .into_iter()
            .filter(|f| f.category == crate::Category::Identifier)
            .collect();
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

#[test]
fn payment_cards() {
    fires(
        "creditcard 4556 7321 0098 7658 exp 08/27",
        "identifier.payment-card",
        "4556 7321 0098 7658",
    );
    fires(
        "card: 5498123456789013",
        "identifier.payment-card",
        "5498123456789013",
    );
    fires(
        "kaartnummer ４５５６ ７３２１ ００９８ ７６５８",
        "identifier.payment-card",
        "４５５６ ７３２１ ００９８ ７６５８",
    );
    fires(
        "Bancontact 6703 1234 5678 9012 1",
        "identifier.payment-card",
        "6703 1234 5678 9012 1",
    );
    quiet("creditcard 4556 7321 0098 7659");
    quiet("Bestelnummer 4556 7321 0098 7658, levering 12 februari.");
}

#[test]
fn phones_private_and_organisational() {
    fires(
        "Bel haar mama op 0496/15.92.85. Merci!",
        "identifier.phone",
        "0496/15.92.85",
    );
    fires("moeder: 06 18639139", "identifier.phone", "06 18639139");
    fires("opa: +31 6 27765516", "identifier.phone", "+31 6 27765516");
    fires("GSM: 0471 78 66 89", "identifier.phone", "0471 78 66 89");
    fires(
        "Haar nummer is 0031 6 12 34 56 78",
        "identifier.phone",
        "0031 6 12 34 56 78",
    );
    fires(
        "mobiel: +31 (0)6-1234 5678",
        "identifier.phone",
        "+31 (0)6-1234 5678",
    );
    fires(
        "Bel me thuis op 020-1234567",
        "identifier.phone",
        "020-1234567",
    );
    fires(
        "papa's nummer: +32 478 12 34 56",
        "identifier.phone",
        "+32 478 12 34 56",
    );
    // Landlines without a person, service numbers, signatures.
    quiet("Vacature! Bel 03 455 12 80 voor meer info.");
    quiet("Reception: call the school office on +31 20 345 6780.");
    quiet("Bel gratis 0800-0123 of 0900 1234567.");
    quiet("Met vriendelijke groet,\nJan\nDirecteur OBS De Regenboog\nMolenweg 2, 4001 RS Tiel\n0344-612890");
    quiet("CBS De Wegwijzer | Kerkstraat 18 | 9101 AB Dokkum | 06-12345678");
    // Not phones: times, dates, amounts, codes.
    quiet("Van 08.30-12.00 uur en 13.00-15.30 uur.");
    quiet("Datum: 06-12-2024, kenmerk ZK-06123-B.");
}

#[test]
fn addresses() {
    fires(
        "Nieuw woonadres: Lindenlaan 85, 4103 NJ Schoonebeek.",
        "identifier.home-address",
        "Lindenlaan 85, 4103 NJ Schoonebeek",
    );
    fires(
        "Het nieuwe adres is:\n\nDijkstraat 116\n4603 NY Borgsweer\n",
        "identifier.home-address",
        "Dijkstraat 116\n4603 NY Borgsweer",
    );
    fires(
        "Ze wonen nu op Pastoor Cooremansstraat 105 bus 6, 1750 Lennik.",
        "identifier.home-address",
        "Pastoor Cooremansstraat 105 bus 6, 1750 Lennik",
    );
    fires(
        "Ophalen op Sportlaan 5 in Zeist.",
        "identifier.home-address",
        "Sportlaan 5",
    );
    fires(
        "Mijn adres: Zwanenvliet 104",
        "identifier.home-address",
        "Zwanenvliet 104",
    );
    quiet("Basisschool De Klimop\nDorpsstraat 14, 3951 AB Maarn\n📞 0343-441278");
    quiet("Directeur Sint-Victorinstituut\nTurnhoutsebaan 90, 2200 Herentals | 014 21 30 40");
    quiet("De griepprik is op het bestuursbureau, Stationsplein 4.");
    quiet("Op het schoolplein 10 minuten extra spelen.");
    quiet("Ze wonen in de Dijkweg, vlak bij school.");
}

#[test]
fn birth_dates() {
    fires(
        "Aylin is geboren op 3 augustus 2014.",
        "identifier.birth-date",
        "3 augustus 2014",
    );
    fires(
        "Geboortedatum: 14-02-2018",
        "identifier.birth-date",
        "14-02-2018",
    );
    fires(
        "Mila Bruggeman (°12/03/2017) zwemt mee.",
        "identifier.birth-date",
        "12/03/2017",
    );
    fires(
        "Date of birth: born 21 November 2015 in Lyon",
        "identifier.birth-date",
        "21 November 2015",
    );
    fires("geb. 09-10-2011", "identifier.birth-date", "09-10-2011");
    quiet("Kinderen geboren tussen 1 oktober 2021 en 30 september 2022 mogen komen.");
    quiet("Op 14-02-2025 om 22:14 schreef Ruben:");
    quiet("Ze is jarig op 12 maart.");
}

#[test]
fn never_panics_on_odd_numbers() {
    for t in [
        "+",
        "+3",
        "(0)",
        "06-",
        "-06",
        "NL",
        "NL91",
        "NL91 ",
        "BE68 5390 0754 70",
        "0\n0\n0",
        "1.2.3.4.5.6.7.8.9.0.1.2.3.4.5.6.7.8.9.0.1.2.3",
        "€1234567890",
        "°",
        "geboren °",
        "Kerkstraat",
        "Kerkstraat 1,",
        "straat 1",
        "é1é2é3é4é5é6é7é8é9",
    ] {
        let _ = texts(t);
    }
}

/// Time of the two detectors on 1 MB of realistic drafts (the dev corpus
/// repeated), next to the time it takes just to normalise the text.
/// Run with `cargo test --release --lib timing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_per_megabyte() {
    use crate::detect::{credentials::Credentials, Detector, Input, KeywordHit};
    use crate::text::Document;
    use std::time::Instant;
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/dev.jsonl"
    ))
    .unwrap_or_default();
    let texts: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    if texts.is_empty() {
        return;
    }
    let mut text = String::new();
    while text.len() < 1 << 20 {
        for t in &texts {
            text.push_str(t);
            text.push_str("\n\n");
        }
    }
    let policy = Policy::default();
    let ids = super::Identifiers::new(&policy).unwrap();
    let creds = Credentials::new(&policy).unwrap();
    let kws = creds.keywords();
    let ac = aho_corasick::AhoCorasick::new(&kws).unwrap();
    let ctx = ScanContext::default();
    let best = |f: &mut dyn FnMut()| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let t_doc = best(&mut || {
        let _ = Document::new(&text);
    });
    let doc = Document::new(&text);
    let hits: Vec<KeywordHit> = ac
        .find_overlapping_iter(&doc.keys.text)
        .map(|m| KeywordHit {
            keyword: m.pattern().as_usize(),
            keys: m.start()..m.end(),
        })
        .collect();
    let input = Input {
        doc: &doc,
        context: &ctx,
        policy: &policy,
        keywords: &hits,
    };
    let no_hits = Input {
        keywords: &[],
        ..input
    };
    let mut out = Vec::new();
    let t_ids = best(&mut || {
        out.clear();
        ids.detect(&no_hits, &mut out);
    });
    let t_creds = best(&mut || {
        out.clear();
        creds.detect(&input, &mut out);
    });
    let norm = &doc.norm.text;
    let mut n = 0;
    let t = best(&mut || n = super::number_runs(norm, &ids.iban_lengths).1.len());
    eprintln!("  number runs: {t:?} ({n})");
    let t = best(&mut || n = ids.patterns().street_hint_re.find_iter(norm).count());
    eprintln!("  street hints: {t:?} ({n})");
    let t = best(&mut || n = ids.birth_ac.find_all(norm).len());
    eprintln!("  birth words: {t:?} ({n})");
    eprintln!(
        "{} bytes: normalise {t_doc:?}, identifiers {t_ids:?}, credentials {t_creds:?} ({} keyword hits)",
        text.len(),
        hits.len()
    );
}

/// The address and date regexes compile on first use; a broken one must fail here, not in a scan.
#[test]
fn patterns_compile() {
    super::Patterns::new().unwrap();
}
