//! R7 BCC: a group e-mail whose recipients see each other's addresses.
//!
//! Counted over the visible fields (To and CC; BCC is what we suggest):
//! * a group address of the school (policy `bcc.group_addresses`) in To/CC;
//! * more than `bcc.max_visible` recipients, colleagues on the school's
//!   domains not counted;
//! * more than `bcc.max_external_parties` outside parties side by side: each
//!   private address (Gmail, Telenet …) is a party, each other organisation
//!   one party (its people already know each other's addresses).
//!
//! "Ours" is the school's domains from the policy; when it lists none, the
//! sending account's own organisation domain. With neither, only addresses at
//! consumer providers are known to be external. E-mail only; the finding is
//! about the message as a whole (empty span at 0).

use super::addresses::{bare, domain};
use super::{Scan, Shared};
use crate::context::RecipientField;
use crate::detect::Hit;
use crate::error::Error;
use crate::finding::Channel;
use crate::policy::Policy;
use crate::rule::Rule;
use crate::scanner::{detail, rule_index};
use std::collections::BTreeSet;

pub struct Bcc {
    rule: usize,
    max_visible: usize,
    max_external_parties: usize,
}

impl Bcc {
    pub fn new(rules: &[Rule], policy: &Policy) -> Result<Self, Error> {
        let cfg = &policy.message_rules.bcc;
        Ok(Bcc {
            rule: rule_index(rules, "bcc.visible-recipients", super::RULES_FILE)?,
            max_visible: cfg.max_visible,
            max_external_parties: cfg.max_external_parties,
        })
    }

    pub fn detect(&self, scan: &Scan<'_>, shared: &Shared, out: &mut Vec<Hit>) {
        let ctx = scan.input.context;
        if ctx.channel != Channel::Email || ctx.recipients.is_empty() {
            return;
        }
        let visible: BTreeSet<String> = ctx
            .recipients
            .iter()
            .filter(|r| r.field != RecipientField::Bcc)
            .map(|r| bare(&r.address))
            .filter(|a| !a.is_empty())
            .collect();
        let domains = &shared.domains;
        let mut outside = 0;
        let mut parties: BTreeSet<String> = BTreeSet::new();
        let mut group: Option<&str> = None;
        for a in &visible {
            if domains.is_group_address(a) {
                group.get_or_insert(a);
                continue;
            }
            if domains.is_internal(&scan.home, a) {
                continue;
            }
            outside += 1;
            if domains.is_external(&scan.home, a) {
                let d = domain(a).unwrap_or_default();
                parties.insert(if domains.is_private(d) {
                    a.clone()
                } else {
                    format!("@{d}")
                });
            }
        }
        let text = if let Some(g) = group {
            detail(
                format!("het groepsadres {g} staat in Aan/CC"),
                format!("the group address {g} is in To/CC"),
            )
        } else if parties.len() > self.max_external_parties {
            let n = parties.len();
            detail(
                format!("{n} ontvangers van buiten de school staan zichtbaar in Aan/CC"),
                format!("{n} recipients from outside the school are visible in To/CC"),
            )
        } else if outside > self.max_visible {
            detail(
                format!("{outside} ontvangers staan zichtbaar in Aan/CC"),
                format!("{outside} recipients are visible in To/CC"),
            )
        } else {
            return;
        };
        let mut hit = Hit::new(self.rule, 0..0);
        hit.detail = Some(text);
        out.push(hit);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::context::RecipientField::{Bcc, Cc, To};
    use crate::finding::Channel;

    const TEXT: &str = "Beste ouders, vrijdag is er geen school.";

    fn run(policy: &str, account: Option<&str>, list: &[(&str, crate::RecipientField)]) -> usize {
        let s = scanner(policy);
        let mut ctx = context(Channel::Email);
        ctx.account = account.map(Into::into);
        ctx.recipients = recipients(list);
        of(s, TEXT, &ctx, "bcc.").len()
    }

    const SCHOOL: &str = r#"{"school": {"domains": ["deklimop.nl"]},
        "message_rules": {"bcc": {"group_addresses": ["ouders-groep5@deklimop.nl"]}}}"#;

    #[test]
    fn parents_side_by_side_fire() {
        assert_eq!(
            run("{}", None, &[("a@gmail.com", To), ("b@telenet.be", Cc)]),
            1
        );
        assert_eq!(
            run(SCHOOL, None, &[("a@philips.com", To), ("b@kpn.com", To)]),
            1
        );
        // The same parents in BCC: nothing visible.
        assert_eq!(
            run("{}", None, &[("a@gmail.com", Bcc), ("b@telenet.be", Bcc)]),
            0
        );
        // One parent is a normal mail.
        assert_eq!(
            run(
                SCHOOL,
                None,
                &[("a@gmail.com", To), ("juf@deklimop.nl", Cc)]
            ),
            0
        );
    }

    #[test]
    fn colleagues_and_one_organisation_are_fine() {
        let colleagues: Vec<(&str, crate::RecipientField)> = [
            "a@deklimop.nl",
            "b@deklimop.nl",
            "c@deklimop.nl",
            "d@deklimop.nl",
            "e@deklimop.nl",
            "f@deklimop.nl",
            "g@deklimop.nl",
        ]
        .iter()
        .map(|&a| (a, To))
        .collect();
        assert_eq!(run(SCHOOL, None, &colleagues), 0);
        // Without school domains, the account's own domain is "ours".
        let sender = Some("juf@deklimop.nl");
        assert_eq!(run("{}", sender, &colleagues), 0);
        assert_eq!(run("{}", None, &colleagues), 1, "seven unknown addresses");
        assert_eq!(
            run(
                SCHOOL,
                None,
                &[("jan@cc-zeist.nl", To), ("els@cc-zeist.nl", Cc)]
            ),
            0
        );
    }

    #[test]
    fn group_addresses_and_threshold() {
        assert_eq!(run(SCHOOL, None, &[("Ouders-Groep5@deklimop.nl", To)]), 1);
        assert_eq!(run(SCHOOL, None, &[("ouders-groep5@deklimop.nl", Bcc)]), 0);
        let p = r#"{"message_rules": {"bcc": {"max_visible": 2, "max_external_parties": 5}}}"#;
        assert_eq!(run(p, None, &[("a@x.nl", To), ("b@y.nl", To)]), 0);
        assert_eq!(
            run(p, None, &[("a@x.nl", To), ("b@y.nl", To), ("c@z.nl", Cc)]),
            1
        );
        assert_eq!(
            run(p, None, &[("a@gmail.com", To), ("b@gmail.com", To)]),
            0,
            "two private parties are within a limit of five"
        );
    }

    #[test]
    fn message_names_the_count_and_span_is_empty() {
        let s = scanner("{}");
        let mut ctx = context(Channel::Email);
        ctx.recipients = recipients(&[
            ("a@gmail.com", To),
            ("b@hotmail.com", To),
            ("c@skynet.be", To),
        ]);
        let f = of(s, TEXT, &ctx, "bcc.");
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("3 ontvangers van buiten de school"),
            "{}",
            f[0].message
        );
        assert_eq!((f[0].start, f[0].end), (0, 0));
        // Not on other channels.
        ctx.channel = Channel::Chat;
        assert!(of(s, TEXT, &ctx, "bcc.").is_empty());
    }
}
