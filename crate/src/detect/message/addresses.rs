//! E-mail addresses and domains: whose is an address (the school's, a private
//! person's at a consumer provider, another organisation's)?

use crate::policy::Policy;
use std::collections::HashSet;

const PRIVATE_DOMAINS: &str = data_file!("message/private_mail_domains.txt");

/// The bare address of a recipient field: `Jan <jan@x.be>` → `jan@x.be`, lower-case.
pub fn bare(address: &str) -> String {
    let a = address.trim();
    let a = match (a.rfind('<'), a.rfind('>')) {
        (Some(open), Some(close)) if open < close => &a[open + 1..close],
        (Some(open), None) => &a[open + 1..],
        _ => a,
    };
    a.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | ',' | ';'))
        .trim_start_matches("mailto:")
        .to_lowercase()
}

/// The domain of a bare address, without a trailing dot; `None` without `@`.
pub fn domain(bare: &str) -> Option<&str> {
    let (local, d) = bare.rsplit_once('@')?;
    let d = d.trim_end_matches('.');
    (!local.is_empty() && !d.is_empty() && d.contains('.')).then_some(d)
}

/// What the policy (and the sending account) say about domains.
pub struct Domains {
    school: Vec<String>,
    private: HashSet<String>,
    school_accounts: HashSet<String>,
    group_addresses: HashSet<String>,
}

/// Which domains are "ours" for one scan.
pub enum Home<'a> {
    /// The school's domains from the policy.
    School,
    /// The school lists none, but the sender writes from an organisation's
    /// domain (not a consumer provider): colleagues share it.
    Account(&'a str),
    /// Nothing is known: only consumer-provider addresses are surely external.
    Unknown,
}

impl Domains {
    pub fn new(policy: &Policy) -> Domains {
        let clean = |s: &str| {
            s.trim()
                .trim_start_matches('@')
                .trim_end_matches('.')
                .to_lowercase()
        };
        let rules = &policy.message_rules;
        Domains {
            school: policy
                .school
                .domains
                .iter()
                .map(|d| clean(d))
                .filter(|d| !d.is_empty())
                .collect(),
            private: PRIVATE_DOMAINS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(clean)
                .chain(rules.private_domains.iter().map(|d| clean(d)))
                .filter(|d| !d.is_empty())
                .collect(),
            school_accounts: rules
                .private_account
                .school_accounts
                .iter()
                .map(|a| bare(a))
                .filter(|a| !a.is_empty())
                .collect(),
            group_addresses: rules
                .bcc
                .group_addresses
                .iter()
                .map(|a| bare(a))
                .filter(|a| !a.is_empty())
                .collect(),
        }
    }

    pub fn has_school_domains(&self) -> bool {
        !self.school.is_empty()
    }

    /// On one of the school's domains (or a subdomain of one).
    pub fn is_school(&self, domain: &str) -> bool {
        self.school.iter().any(|s| is_within(domain, s))
    }

    /// At a consumer mail provider (Gmail, Outlook.com, Telenet, Ziggo …).
    pub fn is_private(&self, domain: &str) -> bool {
        // Providers hand out subdomains too (`xs4all.nl`, `home.nl` mail hosts).
        let mut d = domain;
        loop {
            if self.private.contains(d) {
                return true;
            }
            match d.split_once('.') {
                Some((_, rest)) if rest.contains('.') => d = rest,
                _ => return false,
            }
        }
    }

    /// One of the school's own addresses on a consumer provider.
    pub fn is_school_account(&self, bare: &str) -> bool {
        self.school_accounts.contains(bare)
    }

    pub fn is_group_address(&self, bare: &str) -> bool {
        self.group_addresses.contains(bare)
    }

    /// What counts as "ours" when the account is `account` (a bare address).
    pub fn home<'a>(&self, account: Option<&'a str>) -> Home<'a> {
        if self.has_school_domains() {
            return Home::School;
        }
        match account.and_then(domain) {
            Some(d) if !self.is_private(d) => Home::Account(d),
            _ => Home::Unknown,
        }
    }

    /// An address of the school's own people (or the sender's organisation).
    pub fn is_internal(&self, home: &Home<'_>, bare: &str) -> bool {
        if self.is_school_account(bare) {
            return true;
        }
        let Some(d) = domain(bare) else {
            return false;
        };
        match home {
            Home::School => self.is_school(d),
            Home::Account(own) => is_within(d, own),
            Home::Unknown => false,
        }
    }

    /// An address surely outside the school: a private person's, or (when we
    /// know our own domains) any other domain.
    pub fn is_external(&self, home: &Home<'_>, bare: &str) -> bool {
        let Some(d) = domain(bare) else {
            return false;
        };
        if self.is_internal(home, bare) {
            return false;
        }
        match home {
            Home::Unknown => self.is_private(d),
            _ => true,
        }
    }
}

/// `domain` is `parent` or a subdomain of it.
fn is_within(domain: &str, parent: &str) -> bool {
    domain == parent
        || (domain.len() > parent.len()
            && domain.ends_with(parent)
            && domain.as_bytes()[domain.len() - parent.len() - 1] == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domains(json: &str) -> Domains {
        Domains::new(&Policy::from_json(json).unwrap())
    }

    #[test]
    fn bare_addresses() {
        assert_eq!(
            bare("Jan Peeters <Jan.Peeters@School.be>"),
            "jan.peeters@school.be"
        );
        assert_eq!(bare("  mailto:a@b.nl; "), "a@b.nl");
        assert_eq!(domain("a@b.nl."), Some("b.nl"));
        assert_eq!(domain("Ouders groep 5"), None);
        assert_eq!(domain("@b.nl"), None);
        assert_eq!(domain("a@localhost"), None);
    }

    #[test]
    fn school_and_private_domains() {
        let d = domains(r#"{"school": {"domains": ["@deklimop.nl", "skow.nl"]}}"#);
        assert!(d.is_school("deklimop.nl"));
        assert!(d.is_school("leerling.skow.nl"));
        assert!(!d.is_school("nietdeklimop.nl"));
        assert!(d.is_private("gmail.com"));
        assert!(d.is_private("telenet.be"));
        assert!(d.is_private("mail.ziggo.nl"));
        assert!(!d.is_private("kuleuven.be"));
        assert!(!d.is_private("com"));
    }

    #[test]
    fn internal_and_external() {
        let d = domains(r#"{"school": {"domains": ["deklimop.nl"]}}"#);
        let h = d.home(Some("x@gmail.com"));
        assert!(d.is_internal(&h, "juf@deklimop.nl"));
        assert!(d.is_external(&h, "ouder@gmail.com"));
        assert!(d.is_external(&h, "jan@bakker.nl"));
        assert!(!d.is_external(&h, "Ouders groep 5"));

        let d = domains("{}");
        let h = d.home(Some("meester@sintjozef.be"));
        assert!(d.is_internal(&h, "juf@sintjozef.be"));
        assert!(d.is_external(&h, "ouder@bakker.be"));
        let h = d.home(None);
        assert!(!d.is_internal(&h, "juf@sintjozef.be"));
        assert!(!d.is_external(&h, "juf@sintjozef.be"));
        assert!(d.is_external(&h, "ouder@hotmail.com"));
    }
}
