//! Unit tests of the sensitive-data and offensive-language detector: real
//! positives, topical negatives, look-alikes and the hard pairs.

use crate::{Category, Channel, ScanContext, Scanner, Severity};
use std::sync::OnceLock;

fn scanner() -> &'static Scanner {
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::with_default_policy)
}

const MINE: [Category; 5] = [
    Category::Medical,
    Category::Psychosocial,
    Category::Family,
    Category::Financial,
    Category::Offensive,
];

/// The categories of this detector found in `text` (e-mail).
fn cats(text: &str) -> Vec<Category> {
    cats_on(text, Channel::Email)
}

fn cats_on(text: &str, channel: Channel) -> Vec<Category> {
    let mut v: Vec<Category> = scanner()
        .scan(text, &ScanContext::channel(channel))
        .into_iter()
        .map(|f| f.category)
        .filter(|c| MINE.contains(c))
        .collect();
    v.sort();
    v.dedup();
    v
}

#[track_caller]
fn fires(text: &str, c: Category) {
    assert!(
        cats(text).contains(&c),
        "{c} should fire on {text:?}, got {:?}",
        cats(text)
    );
}

#[track_caller]
fn quiet(text: &str, c: Category) {
    assert!(
        !cats(text).contains(&c),
        "{c} should stay quiet on {text:?}"
    );
}

/// The findings of this detector's categories on `channel`.
fn findings(text: &str, channel: Channel) -> Vec<crate::Finding> {
    scanner()
        .scan(text, &ScanContext::channel(channel))
        .into_iter()
        .filter(|f| MINE.contains(&f.category))
        .collect()
}

#[test]
fn medical_about_a_person() {
    for t in [
        "Emma uit groep 6 heeft epilepsie en had vorige week een aanval.",
        "Lander heeft zaterdag zijn arm gebroken, hij heeft zes weken gips.",
        "Mijn moeder heeft kanker en ligt in het ziekenhuis.",
        "Ik ben zwanger!",
        "Lina heeft astma!!",
        "lig op de bank met 39 graden koorts en keelontsteking",
        "Jonas gebruikt sinds kort Concerta.",
        "Bij Lotte is dyscalculie vastgesteld.",
        "Hij krijgt insuline via een pomp sinds hij diabetespatiëntje is.",
        "De ADHD-medicatie van Jayden zit in zijn tas.",
        "Kobe (2B): na overleg met de ouders vermoeden van ASS.",
        "Oliver has a severe nut allergy; his EpiPen is in his backpack.",
        "Get well soon, Jake! We can't wait to have you back after your surgery.",
        "Ze is astmapatiënt en heeft haar puffer vergeten.",
    ] {
        fires(t, Category::Medical);
    }
}

#[test]
fn medical_topics_stay_quiet() {
    for t in [
        "De lessenreeks over diabetes en astma begint volgende week.",
        "Herinnering: de EHBO-cursus over epilepsie is woensdagmiddag.",
        "We oefenen wat te doen bij een epileptische aanval.",
        "Als een kind koorts heeft, blijft het thuis.",
        "Leerlingen met dyslexie krijgen voorleessoftware.",
        "Leerlingen met een medische verklaring mogen hun medicijnen afgeven.",
        "Voor het biologieproject heb ik astma en epilepsie uitgewerkt.",
        "De opbrengst gaat naar de kankerbestrijding.",
        "Alle medewerkers kunnen een griepprik halen.",
        "The school nurse will give a talk about asthma to all classes.",
    ] {
        quiet(t, Category::Medical);
    }
}

#[test]
fn short_abbreviations_only_as_whole_words() {
    fires(
        "Kobe heeft ASS, het CLB start met diagnostiek.",
        Category::Medical,
    );
    fires("Hij heeft ADD.", Category::Medical);
    quiet("Hij zit in alle klassen van de school.", Category::Medical);
    quiet("Please add his new address to the list.", Category::Medical);
    quiet("Hij vindt het ass-kicking leuk.", Category::Medical);
    quiet(
        "Hij is de beste van de klas: hij telt op, add en subtract.",
        Category::Medical,
    );
}

#[test]
fn compounds_and_inflections() {
    fires("Emma heeft een notenallergie.", Category::Medical);
    fires(
        "Hij ligt in een echtscheidingsprocedure met zijn vrouw.",
        Category::Family,
    );
    fires("Zijn ouders zijn gescheiden.", Category::Family);
    fires("Ik denk dat Ilias gepest wordt.", Category::Psychosocial);
    fires(
        "Ze heeft allergieën voor noten en pinda's.",
        Category::Medical,
    );
    fires("Sem heeft zijn pilletjes niet genomen.", Category::Medical);
    // a form inside an unrelated word
    quiet("Ik vertrouw hem volledig.", Category::Family);
    quiet(
        "Zij kreeg een onderscheiding voor haar inzet.",
        Category::Family,
    );
    quiet("Kun je de pesto meenemen?", Category::Psychosocial);
    quiet("Wie verzorgt de catering?", Category::Offensive);
}

#[test]
fn psychosocial_and_topics() {
    for t in [
        "Noa wordt al weken buitengesloten in de groepsapp.",
        "Rayan is preventief geschorst.",
        "Femke vertelde dat ze suïcidale gedachten heeft.",
        "Heb vandaag Veilig Thuis gebeld over Zeynep.",
        "Leo has been self-harming again.",
        "Tim spijbelt vaak, de leerplichtambtenaar is ingeschakeld.",
        "Die Dylan uit 8b is een etterbak. Pest de halve klas.",
    ] {
        fires(t, Category::Psychosocial);
    }
    for t in [
        "Van 22 tot 26 september doen we mee met de Week tegen Pesten.",
        "Het zorgteam heeft dit schooljaar vaste inloopuren op dinsdag.",
        "Ons pestprotocol staat op de website.",
        "Het CLB komt dinsdag voor de vaccinaties.",
        "Kinderen die gepest worden, kunnen terecht bij de vertrouwenspersoon.",
        "Rijksregisternummer van Elise voor het CLB-formulier: volgt.",
    ] {
        quiet(t, Category::Psychosocial);
    }
}

#[test]
fn services_need_another_detail() {
    // "zorgcoördinator" alone does not disclose anything …
    quiet(
        "Ik bel morgen de zorgcoördinator over Kenzo.",
        Category::Psychosocial,
    );
    // … after a disclosure it is part of it.
    fires(
        "Kenzo zei dat hij thuis geslagen wordt. Ik bel nu de zorgcoördinator.",
        Category::Psychosocial,
    );
}

#[test]
fn family_and_financial() {
    fires(
        "De ouders van Febe zijn aan het scheiden.",
        Category::Family,
    );
    fires("Haar vader zit in de gevangenis.", Category::Family);
    fires("Lina woont sinds maandag bij haar tante.", Category::Family);
    fires("Jake's dad passed away last weekend.", Category::Family);
    quiet(
        "Informatieavond over scheiden voor alle ouders.",
        Category::Family,
    );
    quiet("Ons rouwprotocol werd herwerkt.", Category::Family);
    quiet(
        "Bij het overlijden van een leerling neemt de directie contact op met het gezin.",
        Category::Family,
    );
    quiet("Je man en kinderen zijn ook welkom!", Category::Family);

    fires(
        "De ouders van Sem kunnen het schoolreisje niet betalen.",
        Category::Financial,
    );
    fires("Moeder zit in de bijstand.", Category::Financial);
    fires(
        "Het gezin krijgt voedselpakketten van de voedselbank.",
        Category::Financial,
    );
    fires(
        "Mijn rekening staat rood en de deurwaarder is geweest.",
        Category::Financial,
    );
    fires(
        "Beste ouders van Sem,\n\nDe overblijfkosten over september staan nog open. Wilt u dit voldoen?",
        Category::Financial,
    );
    quiet(
        "De bosklassen kosten 165 euro per leerling.",
        Category::Financial,
    );
    quiet(
        "Wie moeilijkheden heeft met betalen, kan contact opnemen; er is een afbetalingsplan mogelijk.",
        Category::Financial,
    );
    quiet(
        "Stichting Leergeld helpt gezinnen met schoolkosten.",
        Category::Financial,
    );
}

#[test]
fn negation_lowers_but_a_past_condition_still_discloses() {
    let sev = |t: &str| {
        findings(t, Channel::Email)
            .into_iter()
            .find(|f| f.category == Category::Medical)
            .map(|f| f.severity)
    };
    assert_eq!(sev("Hij heeft ADHD."), Some(Severity::Warn));
    assert_eq!(sev("Hij heeft geen ADHD."), Some(Severity::Info));
    assert_eq!(sev("Ze is niet meer depressief."), Some(Severity::Warn));
    assert_eq!(
        sev("Als hij weer een epileptische aanval krijgt, bel 112."),
        Some(Severity::Info)
    );
}

#[test]
fn channel_weights() {
    let text = "Emma uit groep 6 heeft epilepsie.";
    let on = |ch| {
        findings(text, ch)
            .into_iter()
            .find(|f| f.category == Category::Medical)
            .unwrap()
    };
    assert_eq!(on(Channel::School).severity, Severity::Info);
    assert_eq!(on(Channel::Email).severity, Severity::Warn);
    assert_eq!(on(Channel::Chat).severity, Severity::Warn);
    assert_eq!(on(Channel::Social).severity, Severity::Block);
    assert!(
        on(Channel::School).message.contains("hoort"),
        "{}",
        on(Channel::School).message
    );
    assert!(on(Channel::Email).advice.contains("niet via e-mail"));
}

#[test]
fn kanker_the_illness_and_the_curse() {
    let both = |t: &str| cats(t);
    assert_eq!(both("Zijn moeder heeft kanker."), [Category::Medical]);
    assert_eq!(
        both("Bij haar werd borstkanker vastgesteld."),
        [Category::Medical]
    );
    assert_eq!(both("Wat een kankerjoch is dat."), [Category::Offensive]);
    assert_eq!(
        both("Die kanker-leraar geeft me weer een onvoldoende."),
        [Category::Offensive]
    );
    assert_eq!(
        both("Krijg de kanker met je regels."),
        [Category::Offensive]
    );
    assert_eq!(
        both("De kankerpatiënt mocht naar huis."),
        Vec::<Category>::new()
    );
}

#[test]
fn offensive_language() {
    for t in [
        "Die kl00tzak van 3B heeft mijn band lek gestoken.",
        "Die t y f u s l i j e r heeft het weer uitgesteld.",
        "Die moeder is echt een heks.",
        "Mevrouw, hou uw bakkes. Domme koe.",
        "Die directeur is ne vuile hypocriet.",
        "Ik weet waar je woont.",
        "Ik kom u wel eens opwachten na school.",
        "Die Marokkaantjes zijn altijd hetzelfde, stelen en liegen.",
        "Die gelukszoekers moeten terug naar hun eigen zandbak.",
        "Lekker kontje, die nieuwe stagiaire.",
        "She can inspect me anytime, if you know what I mean.",
        "That useless retard from facilities.",
        "Die s\u{200b}l\u{200b}e\u{200b}t van de boekhouding.",
    ] {
        fires(t, Category::Offensive);
    }
    for t in [
        "Ik kan mij niet vinden in uw stelling; laten we het bespreken.",
        "Medewerkers posten geen beledigende, discriminerende of racistische berichten.",
        "Voor carnaval verkleedt juf Anja zich als heks.",
        "Op de kinderboerderij zagen we een koe en een varken.",
        "Pas maar op voor de gladheid.",
        "Ik wacht je op bij de ingang.",
        "Onze nieuwe leerling komt uit Marokko.",
    ] {
        quiet(t, Category::Offensive);
    }
}

#[test]
fn spans_point_at_the_typed_words() {
    let text = "Die k@nk3rl1jers hebben het gedaan en Emma\u{00a0}heeft astma.";
    let f = findings(text, Channel::Email);
    let texts: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
    assert!(texts.contains(&"k@nk3rl1jers"), "{texts:?}");
    assert!(texts.contains(&"astma"), "{texts:?}");
    for f in &f {
        assert_eq!(&text[f.bytes.clone()], f.text);
    }
}

#[test]
fn policy_adds_and_removes_terms() {
    let policy = crate::Policy::from_json(
        r#"{"lexicons": {
            "medical": {"add": ["ziekte van lyme"], "remove": ["hoofdpijn"]},
            "offensive": {"add": ["[threat] ik pak je $"]}
        }}"#,
    )
    .unwrap();
    let s = Scanner::new(policy).unwrap();
    let cats = |t: &str| -> Vec<Category> {
        s.scan(t, &ScanContext::default())
            .into_iter()
            .map(|f| f.category)
            .collect()
    };
    assert!(cats("Hij heeft de ziekte van Lyme.").contains(&Category::Medical));
    assert!(!cats("Ze heeft vaak hoofdpijn.").contains(&Category::Medical));
    let threat = s.scan("Ik pak je.", &ScanContext::default());
    assert!(
        threat.iter().any(|f| f.rule == "offensive.threat"),
        "{threat:?}"
    );
    // Groups of the built-in file are available to added lines.
    let p = crate::Policy::from_json(
        r#"{"lexicons": {"medical": {"add": ["@lichaamsdeel gekneusd"]}}}"#,
    )
    .unwrap();
    assert!(Scanner::new(p).is_ok());
    // A section in an R2 lexicon is an error that names the field.
    let p =
        crate::Policy::from_json(r#"{"lexicons": {"family": {"add": ["[threat] x"]}}}"#).unwrap();
    match Scanner::new(p) {
        Err(crate::Error::Policy { field, .. }) => assert_eq!(field, "lexicons.family.add[0]"),
        Err(e) => panic!("unexpected {e:?}"),
        Ok(_) => panic!("should fail"),
    }
}

#[test]
fn never_panics_on_odd_input() {
    for t in [
        "",
        "a",
        "ADHD",
        "kanker-",
        "-kanker",
        "@",
        "...",
        "zijn",
        "pas maar op",
        "\u{200b}\u{200b}",
        "Ｅｍｍａ ｈｅｅｆｔ ａｓｔｍａ",
        "é".repeat(3000).as_str(),
        "kanker".repeat(500).as_str(),
    ] {
        let _ = findings(t, Channel::Social);
    }
}

/// Speed on a large draft: `cargo test --release --lib speed -- --ignored --nocapture`
/// (set KLADWACHT_SPEED_FILE to time a file of your own).
#[test]
#[ignore]
fn speed() {
    let text = match std::env::var("KLADWACHT_SPEED_FILE") {
        Ok(p) => std::fs::read_to_string(p).unwrap(),
        Err(_) => {
            let block = "Beste ouders, de uitstap kost 20 euro. Emma (groep 6) heeft ADHD en \
                         haar vader zit in de gevangenis. Wat een tering klas. De les over \
                         diabetes is morgen. Het zorgteam heeft spreekuur op dinsdag.\n";
            block.repeat((1 << 20) / block.len() + 1)
        }
    };
    let s = scanner();
    let ctx = ScanContext::channel(Channel::Email);
    let mut best = std::time::Duration::MAX;
    for _ in 0..10 {
        let t = std::time::Instant::now();
        let n = s.scan(&text, &ctx).len();
        best = best.min(t.elapsed());
        let _ = n;
    }
    eprintln!("{} bytes: best {:?}", text.len(), best);
}
