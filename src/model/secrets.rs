//! Credentials in a document (cloud keys, tokens, private keys, JWTs, URLs with passwords),
//! found once per document when it is parsed; the `security/secret` rule reports them.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// One credential found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Secret {
    /// Where it is.
    pub span: Range<usize>,
    /// What kind (`GitHub token`).
    pub label: &'static str,
    /// How findings show it: redacted, never the whole credential.
    pub shown: String,
}

const KINDS: &[(&str, &str)] = &[
    ("aws", "AWS access key id"),
    ("awssecret", "AWS secret access key"),
    ("github", "GitHub token"),
    ("githubpat", "GitHub fine-grained token"),
    ("gitlab", "GitLab token"),
    ("slack", "Slack token"),
    ("slackhook", "Slack webhook URL"),
    ("stripe", "Stripe secret key"),
    ("google", "Google API key"),
    ("pkey", "private key"),
    ("jwt", "JSON Web Token"),
    ("urlpass", "password in a URL"),
];

static SECRET: LazyLock<Regex> = LazyLock::new(|| {
    crate::text::regex(concat!(
        r"(?P<aws>\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b)",
        r"|(?i:aws_?secret_?access_?key|secret_?access_?key)[\s\x22']*[:=]\s*[\x22']?(?P<awssecret>[A-Za-z0-9/+=]{40})\b",
        r"|(?P<github>\bgh[pousr]_[A-Za-z0-9]{36,255}\b)",
        r"|(?P<githubpat>\bgithub_pat_[A-Za-z0-9_]{50,255}\b)",
        r"|(?P<gitlab>\bglpat-[A-Za-z0-9_-]{20,}\b)",
        r"|(?P<slack>\bxox[abposr]-[A-Za-z0-9-]{10,}\b)",
        r"|(?P<slackhook>https://hooks\.slack\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]{10,})",
        r"|(?P<stripe>\b[sr]k_(?:live|test)_[A-Za-z0-9]{20,}\b)",
        r"|(?P<google>\bAIza[0-9A-Za-z_-]{35}\b)",
        r"|(?P<pkey>-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----)",
        r"|(?P<jwt>\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})",
        r"|\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}://[^\s/:@<>\x22'`]{1,64}:(?P<urlpass>[^\s/@<>\x22'`]{3,128})@[A-Za-z0-9.-]+",
    ))
    .expect("static regex")
});

/// Passwords in URLs that are placeholders, not secrets.
fn is_placeholder_password(p: &str) -> bool {
    let l = p.to_lowercase();
    ["password", "passwd", "pass", "pwd", "secret", "changeme", "example", "redacted", "xxx", "***", "....", "token"]
        .iter()
        .any(|w| l.contains(w))
        || p.starts_with(['$', '<', '{', '%', '['])
        || p.chars().all(|c| c == '*' || c == 'x' || c == 'X' || c == '.')
}

/// Documented example credentials (AWS's `...EXAMPLE` keys and friends).
fn is_documented_example(s: &str) -> bool {
    let u = s.to_uppercase();
    u.contains("EXAMPLE") || u.ends_with("XXXXXXXX") || s.contains("0000000000000000")
}

/// Whether a match is a documented example or a placeholder rather than a real credential.
fn is_harmless(label: &str, s: &str) -> bool {
    is_documented_example(s) || (label == "password in a URL" && is_placeholder_password(s))
}

/// `ghp_12…wxyz`: enough to find it, not enough to use it.
pub fn redact(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 12 {
        return "…".to_string();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Every credential in `text` (documented examples and placeholder passwords excluded).
pub fn scan(text: &str) -> Vec<Secret> {
    let mut out = Vec::new();
    for caps in SECRET.captures_iter(text) {
        let Some((m, label)) = KINDS.iter().find_map(|(name, label)| caps.name(name).map(|m| (m, *label))) else {
            continue;
        };
        let s = m.as_str();
        if is_harmless(label, s) {
            continue;
        }
        let shown = match label {
            "private key" => s.to_string(),
            // Show the URL with its password masked, so the reader can find it.
            "password in a URL" => {
                let whole = caps.get(0).map_or(s, |w| w.as_str());
                whole.replacen(&format!(":{s}@"), ":****@", 1)
            }
            _ => redact(s),
        };
        out.push(Secret { span: m.range(), label, shown });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        SECRET
            .captures_iter(text)
            .filter_map(|c| KINDS.iter().find_map(|(n, l)| c.name(n).map(|m| (m.as_str(), *l))))
            .filter(|(s, l)| !is_harmless(l, s))
            .map(|(_, l)| l)
            .collect()
    }

    #[test]
    fn the_pattern_stays_on_the_fast_engines_for_non_ascii_text() {
        assert!(!crate::text::has_unicode_word_boundary(SECRET.as_str()));
        assert_eq!(kinds("Clé — token:ghp_R7k2Xq9LmN4pT8vW3yZ6bC1dF5gH0jK2sA4e — José"), ["GitHub token"]);
    }

    #[test]
    fn finds_realistic_fake_tokens_of_each_kind() {
        let cases = [
            ("key AKIA4HZQ7Y2N3PL6WQXR here", "AWS access key id"),
            ("aws_secret_access_key = qX8vT2mNp4LrS9wZk3Hy7Bc1Df5Gj6Qa0Ue2Ri8T", "AWS secret access key"),
            ("export GITHUB_TOKEN=ghp_R7k2Xq9LmN4pT8vW3yZ6bC1dF5gH0jK2sA4e", "GitHub token"),
            (
                "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU",
                "GitHub fine-grained token",
            ),
            ("CI uses glpat-Xy7Qz2Lm9Np4Rt8Vw3Ks", "GitLab token"),
            ("SLACK=xoxb-2847561039-8472615093-Qz7Lm2Np9Rt4Vw8Xy3Ks6Bc", "Slack token"),
            ("https://hooks.slack.com/services/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", "Slack webhook URL"),
            ("stripe sk_live_51Hq7Lm2Np9Rt4Vw8Xy3Ks6BcDf", "Stripe secret key"),
            ("AIzaSyD7q2Lm9Np4Rt8Vw3Ks6Bc1Df5Gj0Qa2Ue", "Google API key"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----", "private key"),
            ("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvbmNhbGwifQ.Qz7Lm2Np9Rt4Vw8Xy3Ks6BcDf", "JSON Web Token"),
            ("psql postgres://admin:S3cr3t-Pa55@db.internal:5432/app", "password in a URL"),
        ];
        for (text, want) in cases {
            assert_eq!(kinds(text), [want], "{text}");
        }
    }

    #[test]
    fn ignores_lookalikes() {
        for text in [
            "AKIAIOSFODNN7EXAMPLE",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "request 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
            "id 0x7fffa3c2d1e0 and deadbeefcafebabe1234",
            "![chart](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)",
            "postgres://user:password@localhost/db",
            "postgres://app:${DB_PASSWORD}@db/app",
            "https://user:<token>@github.com/org/repo",
            "pk_live_51Hq7Lm2Np9Rt4Vw8Xy3Ks6BcDf is publishable",
            "https://example.org/a:b@c",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }
}
