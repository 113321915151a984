//! Dutch and Belgian telephone numbers: from digits (with or without an
//! international prefix) to a national number and its kind.

/// What a number is, by its national prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneKind {
    /// NL `06`, BE `045x`–`049x`: almost always one person's phone.
    Mobile,
    /// A fixed line: a home, or as often an office or a school.
    Landline,
    /// 0800 / 0900 and the like: always an organisation.
    Service,
    /// Another country's number, written with its international prefix.
    Foreign,
}

/// The national form (`0` + significant number) and kind of a number.
///
/// `digits` are the digits as written; `plus` says whether a `+` came first;
/// `trunk_dropped` whether a `(0)` after the country code was left out of `digits`.
pub fn classify(digits: &str, plus: bool) -> Option<(String, PhoneKind)> {
    let (country, rest) = if plus {
        split_country(digits)?
    } else if let Some(d) = digits.strip_prefix("00") {
        split_country(d)?
    } else {
        ("", digits)
    };
    match country {
        "31" => {
            let national = format!("0{}", rest.strip_prefix('0').unwrap_or(rest));
            nl(&national).map(|k| (national, k))
        }
        "32" => {
            let national = format!("0{}", rest.strip_prefix('0').unwrap_or(rest));
            be(&national).map(|k| (national, k))
        }
        "" => {
            if !rest.starts_with('0') || rest.starts_with("00") {
                return None;
            }
            let kind = match rest.len() {
                10 if rest.starts_with("04") => be(rest),
                10 => nl(rest),
                9 => be(rest),
                _ => None,
            }?;
            Some((rest.to_string(), kind))
        }
        _ => {
            let n = rest.trim_start_matches('0').len();
            (6..=12)
                .contains(&n)
                .then(|| (format!("+{country}{rest}"), PhoneKind::Foreign))
        }
    }
}

/// Splits a country calling code (1–3 digits) off an international number.
fn split_country(d: &str) -> Option<(&str, &str)> {
    if d.len() < 8 || d.len() > 15 {
        return None;
    }
    let one = ["1", "7"];
    let two = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    if one.contains(&&d[..1]) {
        return Some((&d[..1], &d[1..]));
    }
    if two.contains(&&d[..2]) {
        return Some((&d[..2], &d[2..]));
    }
    Some((&d[..3], &d[3..]))
}

/// A Dutch national number (10 digits starting with 0).
fn nl(n: &str) -> Option<PhoneKind> {
    if n.len() != 10 && !(n.starts_with("0800") || n.starts_with("090")) {
        return None;
    }
    let b = n.as_bytes();
    match (b.get(1)?, b.get(2)?) {
        (b'6', b'6') => None, // pagers
        (b'6', _) => (n.len() == 10).then_some(PhoneKind::Mobile),
        (b'8', b'0') | (b'9', _) => Some(PhoneKind::Service),
        (b'8', b'4' | b'5' | b'7' | b'8') => Some(PhoneKind::Landline),
        (b'1'..=b'5' | b'7', _) => Some(PhoneKind::Landline),
        _ => None,
    }
}

/// A Belgian national number (mobile 10 digits `04[5-9]…`, fixed 9 digits).
fn be(n: &str) -> Option<PhoneKind> {
    let b = n.as_bytes();
    if b.first() != Some(&b'0') {
        return None;
    }
    match n.len() {
        10 if matches!(b[1..3], [b'4', b'5'..=b'9']) => Some(PhoneKind::Mobile),
        9 if n.starts_with("0800") || n.starts_with("090") || n.starts_with("070") => {
            Some(PhoneKind::Service)
        }
        9 if (b'1'..=b'9').contains(&b[1]) => Some(PhoneKind::Landline),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PhoneKind::*;

    #[test]
    fn dutch_numbers() {
        assert_eq!(
            classify("0612345678", false),
            Some(("0612345678".into(), Mobile))
        );
        assert_eq!(
            classify("31612345678", true),
            Some(("0612345678".into(), Mobile))
        );
        assert_eq!(
            classify("0031612345678", false),
            Some(("0612345678".into(), Mobile))
        );
        assert_eq!(
            classify("0201234567", false),
            Some(("0201234567".into(), Landline))
        );
        assert_eq!(
            classify("31201234567", true),
            Some(("0201234567".into(), Landline))
        );
        assert_eq!(
            classify("08001234", false),
            None,
            "too short for a fixed line"
        );
        assert_eq!(classify("0800123456", false).map(|x| x.1), Some(Service));
        assert_eq!(
            classify("061234567", false).map(|x| x.1),
            Some(Landline),
            "9 digits is Belgian"
        );
        assert_eq!(classify("06123456789", false), None);
    }

    #[test]
    fn belgian_numbers() {
        assert_eq!(
            classify("0470123456", false),
            Some(("0470123456".into(), Mobile))
        );
        assert_eq!(
            classify("32470123456", true),
            Some(("0470123456".into(), Mobile))
        );
        assert_eq!(
            classify("0032470123456", false),
            Some(("0470123456".into(), Mobile))
        );
        assert_eq!(
            classify("034551280", false),
            Some(("034551280".into(), Landline))
        );
        assert_eq!(
            classify("3232205510", true),
            Some(("032205510".into(), Landline))
        );
        assert_eq!(
            classify("0412345678", false),
            None,
            "04 + 10 digits below 045 is no number"
        );
    }

    #[test]
    fn other_countries_and_junk() {
        assert_eq!(classify("33612345678", true).map(|x| x.1), Some(Foreign));
        assert_eq!(classify("12345678", false), None);
        assert_eq!(classify("2024", false), None);
    }
}
