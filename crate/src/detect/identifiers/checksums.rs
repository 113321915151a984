//! Check digits of the identifiers R3 is about. Every function takes ASCII
//! digits (or IBAN characters) without separators and never panics.

/// Digits of `s` as numbers, or `None` if `s` holds anything else.
fn digits(s: &str) -> Option<Vec<u32>> {
    s.bytes()
        .map(|b| b.is_ascii_digit().then(|| u32::from(b - b'0')))
        .collect()
}

/// Weighted sum of the Dutch "11-proef": weights 9..2 and -1 for the last digit.
fn elf_proef_sum(d: &[u32]) -> i64 {
    let n = d.len();
    d.iter()
        .enumerate()
        .map(|(i, &x)| {
            if i + 1 == n {
                -i64::from(x)
            } else {
                i64::from(x) * (n - i) as i64
            }
        })
        .sum()
}

/// Dutch burgerservicenummer: 9 digits (8 with a dropped leading zero), sum ≡ 0 (mod 11).
pub fn bsn(s: &str) -> bool {
    let Some(mut d) = digits(s) else { return false };
    if d.len() == 8 {
        d.insert(0, 0);
    }
    d.len() == 9 && d.iter().any(|&x| x != 0) && elf_proef_sum(&d).rem_euclid(11) == 0
}

/// Dutch onderwijsnummer: 9 digits starting with `10`, same weights, sum ≡ 5 (mod 11).
pub fn onderwijsnummer(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    d.len() == 9 && d[0] == 1 && d[1] == 0 && elf_proef_sum(&d).rem_euclid(11) == 5
}

/// Belgian rijksregisternummer (and BIS number): `YYMMDD` `SSS` `CC`, where
/// `CC = 97 - (YYMMDDSSS mod 97)`, or for people born from 2000 on the same
/// with a `2` put in front. BIS numbers add 20 or 40 to the month.
pub fn rijksregisternummer(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.len() != 11 {
        return false;
    }
    let month = d[2] * 10 + d[3];
    let day = d[4] * 10 + d[5];
    let month_ok = matches!(month, 0..=12 | 20..=32 | 40..=52);
    if !month_ok || day > 31 {
        return false;
    }
    let serial = d[6] * 100 + d[7] * 10 + d[8];
    if serial == 0 || serial > 998 {
        return false;
    }
    let base: u64 = d[..9].iter().fold(0, |a, &x| a * 10 + u64::from(x));
    let check = u64::from(d[9] * 10 + d[10]);
    97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check
}

/// Luhn (mod 10) over all digits.
pub fn luhn(s: &str) -> bool {
    let Some(d) = digits(s) else { return false };
    if d.is_empty() {
        return false;
    }
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 {
                    y - 9
                } else {
                    y
                }
            } else {
                x
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The card brand a number's prefix and length belong to (issuer identification ranges).
pub fn card_brand(s: &str) -> Option<&'static str> {
    let n = s.len();
    if !(12..=19).contains(&n) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let p = |k: usize| s[..k].parse::<u32>().unwrap_or(0);
    let brand = if s.starts_with("6703") && matches!(n, 16..=19) {
        "Bancontact"
    } else if s.starts_with('4') && matches!(n, 13 | 16 | 19) {
        "Visa"
    } else if (matches!(p(2), 51..=55) || matches!(p(4), 2221..=2720)) && n == 16 {
        "Mastercard"
    } else if matches!(p(2), 34 | 37) && n == 15 {
        "American Express"
    } else if (s.starts_with("6011") || s.starts_with("65") || matches!(p(3), 644..=649))
        && matches!(n, 16..=19)
    {
        "Discover"
    } else if matches!(p(4), 3528..=3589) && matches!(n, 16..=19) {
        "JCB"
    } else if (matches!(p(3), 300..=305) || matches!(p(2), 36 | 38 | 39)) && matches!(n, 14..=19) {
        "Diners Club"
    } else if (s.starts_with("50") || matches!(p(2), 56..=69)) && matches!(n, 12..=19) {
        "Maestro"
    } else {
        return None;
    };
    Some(brand)
}

/// A payment card number: a known issuer range and a valid Luhn digit.
pub fn payment_card(s: &str) -> Option<&'static str> {
    card_brand(s).filter(|_| luhn(s))
}

/// IBAN (ISO 13616): upper-case country code, two check digits, BBAN; the
/// length must be `len` and the number with the first four moved to the end,
/// letters as 10..35, must be ≡ 1 (mod 97).
pub fn iban(s: &str, len: usize) -> bool {
    let b = s.as_bytes();
    if b.len() != len || len < 5 {
        return false;
    }
    if !b[..2].iter().all(u8::is_ascii_alphabetic) || !b[2..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in b[4..].iter().chain(&b[..4]) {
        let v = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c.to_ascii_uppercase() - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changes the digit at `i` by one (mod 10).
    fn off_by_one(s: &str, i: usize) -> String {
        let mut b = s.as_bytes().to_vec();
        b[i] = b'0' + (b[i] - b'0' + 1) % 10;
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn bsn_vectors() {
        for ok in ["111222333", "123456782", "999999990", "12345672"] {
            assert!(bsn(ok), "{ok}");
        }
        for i in 0..9 {
            assert!(!bsn(&off_by_one("123456782", i)), "digit {i}");
        }
        assert!(!bsn("000000000"));
        assert!(!bsn("12345678a"));
        assert!(!bsn("1234567820"));
    }

    #[test]
    fn onderwijsnummer_vectors() {
        // 101234561: 9+0+7+12+15+16+15+12-1 = 85 ≡ 8 — not valid; search a valid one:
        let valid = (0..1_000_000u32)
            .map(|n| format!("10{n:07}"))
            .find(|s| onderwijsnummer(s))
            .unwrap();
        assert!(onderwijsnummer(&valid));
        assert!(!bsn(&valid), "an onderwijsnummer is never a BSN");
        assert!(!onderwijsnummer(&off_by_one(&valid, 8)));
        assert!(!onderwijsnummer("201234567"));
    }

    #[test]
    fn rijksregisternummer_vectors() {
        // Born 1985-03-14, serial 118: 850314118 mod 97 = 90 → check 07.
        assert!(rijksregisternummer("85031411807"));
        assert!(!rijksregisternummer("85031411827"));
        // Born 2012-06-19, serial 898: (2_000_000_000 + 120619898) mod 97 = 78 → 19.
        assert!(rijksregisternummer("12061989819"));
        // The same without the 2000 rule would need another check digit.
        assert_eq!(97 - 120_619_898u64 % 97, 97 - 120_619_898 % 97);
        for i in 0..11 {
            let bad = off_by_one("12061989819", i);
            assert!(!rijksregisternummer(&bad), "{bad}");
        }
        // BIS number: month + 40.
        let base = 854314118u64;
        let bis = format!("{base:09}{:02}", 97 - base % 97);
        assert!(rijksregisternummer(&bis));
        // Month 13 is no month.
        let base = 851314118u64;
        let bad = format!("{base:09}{:02}", 97 - base % 97);
        assert!(!rijksregisternummer(&bad));
    }

    #[test]
    fn card_vectors() {
        // Well-known public test numbers.
        assert_eq!(payment_card("4111111111111111"), Some("Visa"));
        assert_eq!(payment_card("5555555555554444"), Some("Mastercard"));
        assert_eq!(payment_card("2223003122003222"), Some("Mastercard"));
        assert_eq!(payment_card("378282246310005"), Some("American Express"));
        assert_eq!(payment_card("6011111111111117"), Some("Discover"));
        assert_eq!(payment_card("3530111333300000"), Some("JCB"));
        for i in 0..16 {
            assert_eq!(payment_card(&off_by_one("4111111111111111", i)), None);
        }
        // A Luhn-valid number outside the issuer ranges is no card.
        assert!(luhn("1234567812345670"));
        assert_eq!(payment_card("1234567812345670"), None);
        // Bancontact: 17 digits starting 6703.
        let base = "6703000000000000";
        let bc = (0..10)
            .map(|d| format!("{base}{d}"))
            .find(|s| luhn(s))
            .unwrap();
        assert_eq!(payment_card(&bc), Some("Bancontact"));
    }

    #[test]
    fn iban_vectors() {
        // Examples from the IBAN registry.
        assert!(iban("NL91ABNA0417164300", 18));
        assert!(iban("BE68539007547034", 16));
        assert!(iban("DE89370400440532013000", 22));
        assert!(iban("GB29NWBK60161331926819", 22));
        assert!(iban("FR1420041010050500013M02606", 27));
        assert!(iban("nl91abna0417164300", 18), "case does not matter");
        assert!(
            !iban("NL91ABNA0417164300", 22),
            "wrong length for the country"
        );
        assert!(!iban("NL91ABNA0417164301", 18));
        assert!(!iban("NL92ABNA0417164300", 18));
        assert!(!iban("BE68539007547035", 16));
    }
}
