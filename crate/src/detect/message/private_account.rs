//! R8 private account: school business sent from a private account.
//!
//! The account is private when the school lists its domains and the account
//! is on none of them, or (when it lists none) when the account is at a
//! consumer provider (Gmail, Outlook.com, Hotmail, Telenet, Skynet, Ziggo,
//! KPN …, `data/message/private_mail_domains.txt`): such an address is never
//! the school's own, unless the policy lists it in
//! `private_account.school_accounts`. The draft is school business when it
//! has `min_school_terms` different school words (pupils, classes, parents,
//! grades …) or names the school. About the message as a whole: empty span.

use super::addresses::domain;
use super::{Scan, Shared};
use crate::detect::Hit;
use crate::error::Error;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::scanner::{detail, rule_index};

pub struct PrivateAccount {
    rule: usize,
}

impl PrivateAccount {
    pub fn new(rules: &[Rule], _policy: &Policy) -> Result<Self, Error> {
        Ok(PrivateAccount {
            rule: rule_index(rules, "private-account.school-business", super::RULES_FILE)?,
        })
    }

    pub fn detect(&self, scan: &Scan<'_>, shared: &Shared, out: &mut Vec<Hit>) {
        let Some(account) = scan.account else {
            return;
        };
        if !is_private_account(shared, account) || !shared.is_school_business(scan.text) {
            return;
        }
        let mut hit = Hit::new(self.rule, 0..0);
        hit.detail = Some(detail(account, account));
        out.push(hit);
    }
}

/// The sending account is a private one (see the module docs).
pub fn is_private_account(shared: &Shared, account: &str) -> bool {
    let domains = &shared.domains;
    let Some(d) = domain(account) else {
        return false;
    };
    if domains.is_school_account(account) {
        return false;
    }
    if domains.has_school_domains() {
        !domains.is_school(d)
    } else {
        domains.is_private(d)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::finding::Channel;

    const BUSINESS: &str = "Beste ouders, de rapporten van groep 6 worden vrijdag meegegeven.";
    const PRIVATE: &str = "Hoi Sanne, zin om zaterdag te gaan wandelen?";

    fn fires(policy: &str, account: &str, text: &str) -> bool {
        let s = scanner(policy);
        !of(
            s,
            text,
            &with_account(Channel::Email, account),
            "private-account.",
        )
        .is_empty()
    }

    #[test]
    fn consumer_providers_without_school_domains() {
        assert!(fires("{}", "juf.anja@gmail.com", BUSINESS));
        assert!(fires("{}", "Anja <anja@telenet.be>", BUSINESS));
        assert!(fires("{}", "anja@ZIGGO.NL", BUSINESS));
        assert!(!fires("{}", "juf.anja@gmail.com", PRIVATE));
        assert!(!fires("{}", "anja@obsdevlindertuin.nl", BUSINESS));
        assert!(!fires("{}", "not an address", BUSINESS));
    }

    #[test]
    fn with_school_domains_every_other_domain_is_private() {
        let p = r#"{"school": {"name": "OBS De Vlindertuin", "domains": ["obsdevlindertuin.nl"]}}"#;
        assert!(fires(p, "anja@gmail.com", BUSINESS));
        assert!(fires(p, "anja@mijnbedrijf.nl", BUSINESS));
        assert!(!fires(p, "anja@obsdevlindertuin.nl", BUSINESS));
        // The school's name alone makes it school business.
        assert!(fires(
            p,
            "anja@gmail.com",
            "Hoi, zie ik je morgen op De Vlindertuin?"
        ));
    }

    #[test]
    fn a_school_account_at_a_provider_and_the_message() {
        let p = r#"{"message_rules": {"private_account": {"school_accounts": ["bs.dekleine@gmail.com"]}}}"#;
        assert!(!fires(p, "bs.dekleine@gmail.com", BUSINESS));
        let s = scanner("{}");
        let f = of(
            s,
            BUSINESS,
            &with_account(Channel::Email, "anja@gmail.com"),
            "private-account.",
        );
        assert!(f[0].message.contains("anja@gmail.com"), "{}", f[0].message);
        assert_eq!((f[0].start, f[0].end), (0, 0));
        assert!(of(s, BUSINESS, &context(Channel::Email), "private-account.").is_empty());
    }
}
