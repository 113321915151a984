use crate::context::ScanContext;
use crate::finding::Channel;
use crate::scanner::Scanner;

fn scanner() -> &'static Scanner {
    use std::sync::OnceLock;
    static S: OnceLock<Scanner> = OnceLock::new();
    S.get_or_init(Scanner::with_default_policy)
}

/// `(rule, text)` of every password finding.
fn found(text: &str) -> Vec<(String, String)> {
    scanner()
        .scan(text, &ScanContext::channel(Channel::Chat))
        .into_iter()
        .filter(|f| f.category == crate::Category::Password)
        .map(|f| (f.rule, f.text))
        .collect()
}

#[track_caller]
fn secret(text: &str, expected: &str) {
    let f = found(text);
    assert!(
        f.iter().any(|(_, t)| t == expected),
        "expected {expected:?} in {text:?}, got {f:?}"
    );
}

#[track_caller]
fn quiet(text: &str) {
    let f = found(text);
    assert!(f.is_empty(), "expected nothing in {text:?}, got {f:?}");
}

#[test]
fn keyword_then_value() {
    secret(
        "Het wachtwoord van de klas-iPad is Zonnebloem7!",
        "Zonnebloem7!",
    );
    secret("wachtwoord: Krokus!2025", "Krokus!2025");
    secret("pwd: b7F#2kQp!zL9", "b7F#2kQp!zL9");
    secret(
        "Wifi in de zaal: netwerk 'Eetfestijn', paswoord spaghetti2025.",
        "spaghetti2025",
    );
    secret(
        "Mijn inlog is j.devries en ww Tulp2023! maar het werkt niet",
        "Tulp2023!",
    );
    secret(
        "De inlogcode van de bankapp die ik aan jou overdraag is 783412; wijzig hem",
        "783412",
    );
    secret(
        "ouders loggen in met de code Ouderavond-25.",
        "Ouderavond-25",
    );
    secret(
        "w8w van het ouderportaal is nu Fiets&Bel2025 , niet doorsturen",
        "Fiets&Bel2025",
    );
    secret("The printer PIN for staff is 2468 from today.", "2468");
    secret("Paswoord van de klas-iPads is 2580, zeg het niet", "2580");
    secret(
        "je voorlopig paswoord Schooljaar2025!\nJe moet het wijzigen.",
        "Schooljaar2025!",
    );
    secret("Pincode: ４８２０ (getypt op mijn telefoon)", "４８２０");
    secret(
        "tijdelijk wachtwoord:\nRivier-Inval#2025\n",
        "Rivier-Inval#2025",
    );
    secret("het paswoord ZomerGent#77.", "ZomerGent#77");
}

#[test]
fn change_verbs_and_fillers() {
    secret(
        "Vanaf maandag is de code van het alarm aan de achterpoort gewijzigd naar 7391.",
        "7391",
    );
    secret("Kopieercode voor de bovenbouw is vanaf nu 4471.", "4471");
    secret(
        "De code van de kluis is 1-9-7-4, niet verder vertellen.",
        "1-9-7-4",
    );
    secret(
        "The password was changed to Lente2025 yesterday.",
        "Lente2025",
    );
}

#[test]
fn obfuscated_keywords_and_values() {
    secret("w@chtw00rd: Tulp12", "Tulp12");
    secret("het w a c h t w o o r d is Bloem88", "Bloem88");
    secret("pincode 0 4 8 1. Thanks!", "0 4 8 1");
    secret("code W a l v i s 8 7 (zonder spaties)", "W a l v i s 8 7");
    secret(
        "Het nieuwe paswoord is: Zon\u{00A0}ne\u{00A0}bloem\u{00A0}22 (zonder spaties).",
        "Zon\u{00A0}ne\u{00A0}bloem\u{00A0}22",
    );
    secret("wachtwoord: bloem\u{200B}47", "bloem\u{200B}47");
    secret(
        "admin wachtwoord = Bord\u{200B}2025\u{200B}!",
        "Bord\u{200B}2025\u{200B}!",
    );
    secret("activation code is 7 3 9 1 5 2.", "7 3 9 1 5 2");
}

#[test]
fn pairs() {
    secret(
        "gebruikersnaam: inval.deregenboog\nwachtwoord: Krokus!2025",
        "Krokus!2025",
    );
    secret(
        "Beheerdersaccount van het touchscreen in lokaal 12: admin / Bord2025!",
        "Bord2025!",
    );
    secret(
        "Login Bingel voor invallers: inval.bingel / Juf2025! 👍",
        "Juf2025!",
    );
    secret("Login Bingel: inval.bingel/Juf2025!", "Juf2025!");
    secret("je kan inloggen met juf.anja en Welkom2024!", "Welkom2024!");
    secret(
        "user: svc-rooster@school.nl\npwd: b7F#2kQp!zL9",
        "b7F#2kQp!zL9",
    );
    // The span is the secret, never the user name.
    let f = found("Login: jan.devries / Geheim123");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "Geheim123");
}

#[test]
fn wifi_keys() {
    secret(
        "De nieuwe wifi-sleutel voor het personeelsnetwerk 'VBS-Staff' is K3rstb00m#Gent.",
        "K3rstb00m#Gent",
    );
    secret(
        "het gastennetwerk is 'Campus-Gast' en de sleutel is Gast!Wifi-8842.",
        "Gast!Wifi-8842",
    );
    secret(
        "Wifi: 'Feestzaal', code Ｑｕｉｚ２０２５. Veel succes!",
        "Ｑｕｉｚ２０２５",
    );
    secret(
        "Our guest Wi-Fi is ISA-Guest, password: Welcome2025.",
        "Welcome2025",
    );
    secret("wifi: Schoolnet / sleutel: Appel-Peer-77", "Appel-Peer-77");
}

#[test]
fn described_without_keyword() {
    secret(
        "Schoolplein!2024 (met hoofdletter S en uitroepteken). Niet in de app zetten",
        "Schoolplein!2024",
    );
    quiet("Schrijf je naam met een hoofdletter, bijvoorbeeld in Word365.");
}

#[test]
fn secret_formats() {
    secret(
        "Mailchimp API-key is 7d1e6b2c94f0a3e58b4c2f1d9a7e6c53-us21. Zet hem in de .env",
        "7d1e6b2c94f0a3e58b4c2f1d9a7e6c53-us21",
    );
    secret("aws: AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE");
}

#[test]
fn hard_negatives() {
    quiet("Wachtwoord vergeten? Klik hier.");
    quiet("Kies een sterk wachtwoord van minstens 12 tekens.");
    quiet("Het paswoord moet minstens 12 tekens lang zijn en mag niet hetzelfde zijn als de vorige drie.");
    quiet("Het wachtwoord is gewijzigd.");
    quiet("Ik stuur je het wachtwoord via Smartschool.");
    quiet(
        "Wie zijn paswoord vergeten is, kan het zelf opnieuw instellen via 'Paswoord vergeten?'.",
    );
    quiet("Vraag een nieuw wachtwoord aan via https://ouders.school.nl/wachtwoord-vergeten.");
    quiet("Wat was het wachtwoord van de wifi in de gymzaal ook alweer? Iemand?");
    quiet("Gebruik liever een zin van een paar woorden dan iets als 'Welkom01'.");
    quiet("Je ontvangt geen wachtwoord per mail: klik op de activatielink.");
    quiet("Je activatiecode ontvang je via een aparte sms. Deel die code met niemand.");
    quiet("In artikel 6 over paswoorden: een paswoord wordt nooit gedeeld.");
    quiet("IT will never ask you for your password by email. Reset it at https://passwordreset.microsoftonline.com.");
    quiet("De postcode is 3811 KL.");
    quiet("De dresscode voor het gala is: gala-chic.");
    quiet("Het examen begint om 12.30 uur, de code is 12.30.");
    quiet("Hij zit sinds 2023 in de WW, dus www.uwv.nl helpt.");
    quiet("The key is 12 characters long.");
    quiet("Code rood: de school blijft dicht.");
    quiet("Het wachtwoord is persoonlijk.");
}

#[test]
fn never_panics_on_odd_input() {
    for t in [
        "wachtwoord",
        "wachtwoord:",
        "ww",
        "ww:",
        ":",
        "pin ",
        "code\n\n",
        "wachtwoord is",
        "wachtwoord: é",
        "wachtwoord: 𝐀𝐁𝐂𝟏𝟐𝟑𝟒",
        "login",
        "login:",
        "login: a /",
        "hoofdletter",
        "sleutel is",
        "wachtwoord\u{200B}:\u{200B}",
        "code W a",
        "-----BEGIN RSA PRIVATE KEY-----",
        "w a c h t w o o r d",
        "pass:",
        "pass: ",
        "Ｐａｓｓ：ａｂｃ１２３４",
    ] {
        let _ = found(t);
    }
}

#[test]
fn a_greeting_after_the_value_is_not_its_unit() {
    // "dag" is a unit ("7 dag"), but not across the end of a sentence.
    secret("Wachtwoord: Zonnebloem7! Dag, Chloë", "Zonnebloem7!");
    secret("De code is 4821. Dag allemaal", "4821");
    quiet("De code is 2 dagen geldig");
}
