//! Settings of the whole-message rules (R7–R13): thresholds and word lists.
//!
//! The built-in word lists live in `data/message/`; what a school writes here
//! is added to them (terms are matched case-insensitively, as whole words).
//! The Rust defaults below equal `message_rules` in `data/policy/default.json`
//! (a test checks this), so a policy that sets one field keeps the others.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MessageRules {
    /// Mail providers whose addresses are private persons' (on top of
    /// `data/message/private_mail_domains.txt`): e.g. a regional provider.
    pub private_domains: Vec<String>,
    /// Job titles that count as "the writer's role" (R9 signature, R10
    /// personal title), on top of `data/message/roles.txt`.
    pub roles: Vec<String>,
    pub bcc: Bcc,
    pub private_account: PrivateAccount,
    pub signature: Signature,
    pub personal_title: PersonalTitle,
    pub confidential: Confidential,
    pub chain_mail: ChainMail,
    pub recording: Recording,
}

/// R7: group mail with addresses visible in To/CC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Bcc {
    /// More visible (To/CC) recipients than this, colleagues on the school's
    /// domains not counted, suggests BCC.
    pub max_visible: usize,
    /// More external parties than this side by side in To/CC suggests BCC.
    /// A party is one private address (Gmail, Telenet …) or one outside
    /// organisation (its colleagues already know each other's addresses).
    pub max_external_parties: usize,
    /// The school's group addresses (`ouders-groep5@school.nl`): in To/CC
    /// every member sees the list and can reply to all, so they belong in BCC.
    pub group_addresses: Vec<String>,
}

impl Default for Bcc {
    fn default() -> Self {
        Bcc {
            max_visible: 5,
            max_external_parties: 1,
            group_addresses: Vec::new(),
        }
    }
}

/// R8: school business from a private account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrivateAccount {
    /// How many different school-business terms (pupils, class, parents,
    /// grades …) make a draft school business; the school's name counts double.
    pub min_school_terms: usize,
    /// Addresses on a private provider that are the school's own
    /// (`bs.dekleine@gmail.com`): never reported as private.
    pub school_accounts: Vec<String>,
    /// School-business terms on top of `data/message/school_business.txt`.
    pub school_terms: Vec<String>,
}

impl Default for PrivateAccount {
    fn default() -> Self {
        PrivateAccount {
            min_school_terms: 2,
            school_accounts: Vec::new(),
            school_terms: Vec::new(),
        }
    }
}

/// A part of an e-mail signature (R9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignaturePart {
    /// First name and surname.
    Name,
    /// Job title.
    Role,
    /// The school's name.
    School,
    /// Address, phone number, website or e-mail address.
    Contact,
}

/// R9: the e-mail signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Signature {
    /// What a signature must carry.
    pub parts: Vec<SignaturePart>,
    /// A reply in a thread (the draft quotes an earlier message) whose own
    /// text is at most this many characters needs no full signature.
    pub reply_exempt_chars: usize,
}

impl Default for Signature {
    fn default() -> Self {
        Signature {
            parts: vec![
                SignaturePart::Name,
                SignaturePart::Role,
                SignaturePart::School,
                SignaturePart::Contact,
            ],
            reply_exempt_chars: 400,
        }
    }
}

/// R10: opinions about the school on social media.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PersonalTitle {
    /// Other names of the school or board (nicknames, abbreviations).
    pub school_names: Vec<String>,
    /// Personal-title lines on top of `data/message/personal_title.txt`.
    pub disclaimers: Vec<String>,
    /// Opinion markers on top of `data/message/opinion.txt`.
    pub opinions: Vec<String>,
}

/// R11: confidential information and negative remarks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Confidential {
    /// Confidentiality markers on top of `data/message/confidential.txt`.
    pub markers: Vec<String>,
    /// Report negative judgements about a named person on social media.
    pub negative_remarks: bool,
    /// Negative judgements on top of `data/message/negative_judgement.txt`.
    pub negative_words: Vec<String>,
}

impl Default for Confidential {
    fn default() -> Self {
        Confidential {
            markers: Vec::new(),
            negative_remarks: true,
            negative_words: Vec::new(),
        }
    }
}

/// R12: chain letters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChainMail {
    /// Phrases that alone make a chain letter, on top of `data/message/chain_mail.txt`.
    pub phrases: Vec<String>,
}

/// R13: lesson recordings on social media.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Recording {
    /// Phrases that mean a lesson recording, on top of `data/message/recording.txt`.
    pub phrases: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Policy;

    #[test]
    fn rust_defaults_equal_the_builtin_policy() {
        assert_eq!(Policy::default().message_rules, MessageRules::default());
    }

    #[test]
    fn a_partial_setting_keeps_the_other_defaults() {
        let p = Policy::from_json(r#"{"message_rules": {"bcc": {"max_visible": 10}}}"#).unwrap();
        assert_eq!(p.message_rules.bcc.max_visible, 10);
        assert_eq!(p.message_rules.bcc.max_external_parties, 1);
        assert_eq!(p.message_rules.signature, MessageRules::default().signature);
    }

    #[test]
    fn unknown_fields_are_named() {
        let e = Policy::from_json(r#"{"message_rules": {"bcc": {"max_visable": 10}}}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("message_rules.bcc") && e.contains("max_visable"),
            "{e}"
        );
        let e = Policy::from_json(r#"{"message_rules": {"signature": {"parts": ["naam"]}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("message_rules.signature.parts"), "{e}");
    }
}
