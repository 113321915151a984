//! Secrets with a recognisable shape: private-key blocks, JSON Web Tokens and
//! the API keys of common cloud and chat services. Matched on the original
//! text (case matters in these formats), only when one of their prefixes
//! occurs in the draft.

use crate::error::Error;
use regex::Regex;
use std::ops::Range;

/// Lower-case prefixes (as they read in the `keys` view) that gate the search.
pub const PREFIXES: &[&str] = &[
    "-----begin",
    "eyj",
    "akia",
    "asia",
    "aiza",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xox",
    "hooks.slack.com",
    "sk_live",
    "sk_test",
    "rk_live",
    "rk_test",
    "sk-",
    "-us",
    "sg.",
    "npm_",
    ":aa",
    "accountkey=",
    "sharedaccesskey=",
    "ya29.",
];

/// `(regex, Dutch name, English name)` of each format.
const FORMATS: &[(&str, &str, &str)] = &[
    (
        r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        "JSON Web Token (inlogtoken)",
        "JSON Web Token (login token)",
    ),
    (
        r"(?:AKIA|ASIA)[0-9A-Z]{16}",
        "AWS-toegangssleutel",
        "AWS access key",
    ),
    (
        r"AIza[0-9A-Za-z_-]{35}",
        "Google API-sleutel",
        "Google API key",
    ),
    (
        r"gh[pousr]_[A-Za-z0-9]{36,}",
        "GitHub-token",
        "GitHub token",
    ),
    (
        r"github_pat_[A-Za-z0-9_]{22,}",
        "GitHub-token",
        "GitHub token",
    ),
    (r"glpat-[A-Za-z0-9_-]{20,}", "GitLab-token", "GitLab token"),
    (
        r"xox[abposr]-[A-Za-z0-9-]{10,}",
        "Slack-token",
        "Slack token",
    ),
    (
        r"https://hooks\.slack\.com/services/[A-Za-z0-9_/-]{20,}",
        "Slack-webhook",
        "Slack webhook",
    ),
    (
        r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}",
        "Stripe-sleutel",
        "Stripe key",
    ),
    (
        r"sk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,}",
        "API-sleutel (OpenAI-stijl)",
        "API key (OpenAI style)",
    ),
    (
        r"[0-9a-f]{32}-us[0-9]{1,2}",
        "Mailchimp API-sleutel",
        "Mailchimp API key",
    ),
    (
        r"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}",
        "SendGrid API-sleutel",
        "SendGrid API key",
    ),
    (r"npm_[A-Za-z0-9]{36}", "npm-token", "npm token"),
    (
        r"[0-9]{8,10}:AA[A-Za-z0-9_-]{33}",
        "Telegram-bottoken",
        "Telegram bot token",
    ),
    (
        r"(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}={0,2}",
        "Azure-sleutel",
        "Azure key",
    ),
    (
        r"ya29\.[0-9A-Za-z_-]{20,}",
        "Google OAuth-token",
        "Google OAuth token",
    ),
];

pub struct SecretFormats {
    re: Regex,
    header: Regex,
}

/// A found secret: original byte range and the names of its format.
pub struct Secret {
    pub range: Range<usize>,
    pub nl: &'static str,
    pub en: &'static str,
}

impl SecretFormats {
    pub fn new() -> Result<SecretFormats, Error> {
        let alternation = FORMATS
            .iter()
            .map(|(re, _, _)| format!("({re})"))
            .collect::<Vec<_>>()
            .join("|");
        let re = Regex::new(&format!(r"\b(?:{alternation})")).map_err(|e| Error::Builtin {
            file: "credentials secret formats".into(),
            message: e.to_string(),
        })?;
        let header =
            Regex::new(r"^-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----").map_err(|e| {
                Error::Builtin {
                    file: "credentials private key header".into(),
                    message: e.to_string(),
                }
            })?;
        Ok(SecretFormats { re, header })
    }

    /// Every secret of a known format in `original`.
    pub fn find(&self, original: &str, out: &mut Vec<Secret>) {
        for caps in self.re.captures_iter(original) {
            let Some(all) = caps.get(0) else { continue };
            // Glued to more word characters: part of something longer.
            if original[all.end()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && !all.as_str().starts_with("https://")
            {
                continue;
            }
            let Some(i) = (1..caps.len()).find(|&i| caps.get(i).is_some()) else {
                continue;
            };
            let (_, nl, en) = FORMATS[i - 1];
            out.push(Secret {
                range: all.range(),
                nl,
                en,
            });
        }
        self.private_keys(original, out);
    }

    /// `-----BEGIN … PRIVATE KEY-----` up to its `-----END … PRIVATE KEY-----`.
    fn private_keys(&self, original: &str, out: &mut Vec<Secret>) {
        let mut from = 0;
        while let Some(i) = original[from..].find("-----BEGIN ") {
            let start = from + i;
            from = start + "-----BEGIN ".len();
            let line_end = original[start..]
                .find('\n')
                .map_or(original.len(), |j| start + j);
            let Some(h) = self.header.find(&original[start..line_end]) else {
                continue;
            };
            let header_end = start + h.end();
            // The block ends at the matching END line (looked for in the next 64 KB).
            let limit = floor(original, header_end.saturating_add(64 * 1024));
            let end = original[header_end..limit]
                .find("-----END ")
                .and_then(|j| {
                    let at = header_end + j;
                    original[at + 9..limit]
                        .find("-----")
                        .map(|k| at + 9 + k + 5)
                })
                .unwrap_or(header_end);
            out.push(Secret {
                range: start..end,
                nl: "privésleutel (private key)",
                en: "private key",
            });
            from = end.max(from);
        }
    }
}

fn floor(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&'static str, String)> {
        let f = SecretFormats::new().unwrap();
        let mut out = Vec::new();
        f.find(text, &mut out);
        out.into_iter()
            .map(|s| (s.en, text[s.range].to_string()))
            .collect()
    }

    #[test]
    fn finds_known_formats() {
        let aws = "AKIAIOSFODNN7EXAMPLE";
        assert_eq!(
            names(&format!("key: {aws} ok")),
            [("AWS access key", aws.to_string())]
        );
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert_eq!(names(&format!("Bearer {jwt}"))[0].1, jwt);
        let gh = format!("ghp_{}", "a1B2".repeat(9));
        assert_eq!(names(&gh)[0].0, "GitHub token");
        let mc = "7d1e6b2c94f0a3e58b4c2f1d9a7e6c53-us21";
        assert_eq!(names(&format!("API-key is {mc}."))[0].1, mc);
        let stripe = format!("sk_live_{}", "x9Y8".repeat(6));
        assert_eq!(names(&stripe)[0].0, "Stripe key");
        let google = format!("AIza{}", "Sy-4b_C".repeat(5));
        assert_eq!(names(&google)[0].0, "Google API key");
        let slack = "xoxb-1234567890-abcdefGHIJ";
        assert_eq!(names(slack)[0].0, "Slack token");
    }

    #[test]
    fn private_key_block() {
        let text = "Hier is de sleutel:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nGroet";
        let found = names(text);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .1
            .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assert!(found[0].1.ends_with("-----END OPENSSH PRIVATE KEY-----"));
        // A public key or a certificate is not a secret.
        assert!(names("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----").is_empty());
        // No END: the header alone.
        assert_eq!(
            names("-----BEGIN RSA PRIVATE KEY-----\nMIIE")[0].1,
            "-----BEGIN RSA PRIVATE KEY-----"
        );
    }

    #[test]
    fn look_alikes_stay_quiet() {
        assert!(names("sk-8 is de klascode, AKIA is een naam, eyJ alleen").is_empty());
        assert!(names("task-force-meeting-notes-2025-final-version").is_empty());
    }
}
