//! SSH public keys as found in a `.pub` file, checked before they reach authorized_keys.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// One key as sshd reads it: `type base64`. The comment is dropped: it is free text from
/// someone else's machine and has no place in a forced-command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    kind: &'static str,
    blob: String,
}

/// Why a line is not a public key. Never quotes the blob: a mistaken paste may be secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("it is a private key")]
    Private,
    #[error("{0:?} is not an SSH key type")]
    UnknownType(String),
    #[error("the key after {kind} is missing")]
    NoBlob { kind: &'static str },
    #[error("the {kind} key is not valid base64")]
    NotBase64 { kind: &'static str },
    #[error("the line says {kind} but the key inside is {inside}")]
    TypeMismatch { kind: &'static str, inside: String },
    #[error("the {kind} key is cut short or damaged")]
    Damaged { kind: &'static str },
}

/// The key types OpenSSH accepts today, with how many length-prefixed fields their blob
/// holds (the type name included) and, for ECDSA, the curve named inside.
const KINDS: [(&str, usize, Option<&str>); 7] = [
    ("ssh-ed25519", 2, None),
    ("ssh-rsa", 3, None),
    ("ecdsa-sha2-nistp256", 3, Some("nistp256")),
    ("ecdsa-sha2-nistp384", 3, Some("nistp384")),
    ("ecdsa-sha2-nistp521", 3, Some("nistp521")),
    ("sk-ssh-ed25519@openssh.com", 3, None),
    ("sk-ecdsa-sha2-nistp256@openssh.com", 4, Some("nistp256")),
];

impl PublicKey {
    /// One line of a `.pub` file: `type base64 [comment]`.
    pub fn parse(line: &str) -> Result<PublicKey, KeyError> {
        let line = line.trim();
        if line.starts_with("-----BEGIN") || line.starts_with("PuTTY-User-Key-File") {
            return Err(KeyError::Private);
        }
        let mut words = line.split_whitespace();
        let word = words.next().unwrap_or("");
        let Some(&(kind, fields, curve)) = KINDS.iter().find(|(k, _, _)| *k == word) else {
            let shown: String = word.chars().take(40).collect();
            return Err(KeyError::UnknownType(shown));
        };
        let blob = words.next().ok_or(KeyError::NoBlob { kind })?;
        let bytes = STANDARD.decode(blob).map_err(|_| KeyError::NotBase64 { kind })?;
        let parts = split_fields(&bytes).ok_or(KeyError::Damaged { kind })?;
        let inside = parts.first().copied().unwrap_or_default();
        if inside != kind.as_bytes() {
            return Err(KeyError::TypeMismatch {
                kind,
                inside: String::from_utf8_lossy(inside).chars().take(40).collect(),
            });
        }
        let curve_ok = curve.is_none_or(|c| parts.get(1).copied() == Some(c.as_bytes()));
        let ed25519_ok = !kind.contains("ed25519") || parts.get(1).is_some_and(|k| k.len() == 32);
        if parts.len() != fields || !curve_ok || !ed25519_ok {
            return Err(KeyError::Damaged { kind });
        }
        Ok(PublicKey {
            kind,
            blob: blob.to_owned(),
        })
    }

    /// Every key of a `.pub` or authorized_keys-style list, in order and without repeats;
    /// blank lines and `#` comments are skipped. The error carries the 1-based line number.
    pub fn parse_all(text: &str) -> Result<Vec<PublicKey>, (usize, KeyError)> {
        let mut keys: Vec<PublicKey> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            // The whole file is one private key: say so once, not per line.
            let key = PublicKey::parse(line).map_err(|e| (i + 1, e))?;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        Ok(keys)
    }

    pub fn kind(&self) -> &'static str {
        self.kind
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.blob)
    }
}

/// The SSH wire format: fields of a 4-byte big-endian length and that many bytes, filling
/// the blob exactly.
fn split_fields(mut bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
        if len > rest.len() {
            return None;
        }
        let (field, rest) = rest.split_at(len);
        out.push(field);
        bytes = rest;
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A well-formed blob of `kind` with these fields after the type name.
    pub(crate) fn blob(kind: &str, fields: &[&[u8]]) -> String {
        let mut bytes = Vec::new();
        for field in std::iter::once(kind.as_bytes()).chain(fields.iter().copied()) {
            bytes.extend_from_slice(&(field.len() as u32).to_be_bytes());
            bytes.extend_from_slice(field);
        }
        STANDARD.encode(bytes)
    }

    #[test]
    fn keys_of_every_kind_parse_and_lose_their_comment() {
        let cases = [
            ("ssh-ed25519", blob("ssh-ed25519", &[&[7; 32]])),
            ("ssh-rsa", blob("ssh-rsa", &[&[1, 0, 1], &[0xC5; 257]])),
            (
                "ecdsa-sha2-nistp256",
                blob("ecdsa-sha2-nistp256", &[b"nistp256", &[4; 65]]),
            ),
            (
                "sk-ssh-ed25519@openssh.com",
                blob("sk-ssh-ed25519@openssh.com", &[&[9; 32], b"ssh:"]),
            ),
            (
                "sk-ecdsa-sha2-nistp256@openssh.com",
                blob(
                    "sk-ecdsa-sha2-nistp256@openssh.com",
                    &[b"nistp256", &[4; 65], b"ssh:"],
                ),
            ),
        ];
        for (kind, blob) in cases {
            let key = PublicKey::parse(&format!("{kind} {blob} lan@laptop")).unwrap();
            assert_eq!(key.to_string(), format!("{kind} {blob}"));
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_reason() {
        let ed = blob("ssh-ed25519", &[&[7; 32]]);
        let rsa_inside = blob("ssh-rsa", &[&[1, 0, 1], &[0xC5; 257]]);
        let cases = [
            (
                "-----BEGIN OPENSSH PRIVATE KEY-----".to_owned(),
                KeyError::Private,
            ),
            (format!("ssh-dss {ed}"), KeyError::UnknownType("ssh-dss".into())),
            (
                format!("restrict ssh-ed25519 {ed}"),
                KeyError::UnknownType("restrict".into()),
            ),
            ("ssh-ed25519".to_owned(), KeyError::NoBlob { kind: "ssh-ed25519" }),
            (
                "ssh-ed25519 AAAA\"; rm -rf ~".to_owned(),
                KeyError::NotBase64 { kind: "ssh-ed25519" },
            ),
            (
                format!("ssh-ed25519 {rsa_inside}"),
                KeyError::TypeMismatch {
                    kind: "ssh-ed25519",
                    inside: "ssh-rsa".into(),
                },
            ),
            (
                format!("ssh-ed25519 {}", blob("ssh-ed25519", &[&[7; 31]])),
                KeyError::Damaged { kind: "ssh-ed25519" },
            ),
            (
                format!("ssh-ed25519 {}", &ed[..ed.len() - 8]),
                KeyError::Damaged { kind: "ssh-ed25519" },
            ),
            (
                format!(
                    "ecdsa-sha2-nistp384 {}",
                    blob("ecdsa-sha2-nistp384", &[b"nistp256", &[4; 65]])
                ),
                KeyError::Damaged {
                    kind: "ecdsa-sha2-nistp384",
                },
            ),
        ];
        for (line, want) in cases {
            assert_eq!(PublicKey::parse(&line), Err(want), "{line}");
        }
    }

    #[test]
    fn a_file_of_keys_yields_each_once_or_the_first_bad_line() {
        let a = format!("ssh-ed25519 {}", blob("ssh-ed25519", &[&[1; 32]]));
        let b = format!("ssh-ed25519 {}", blob("ssh-ed25519", &[&[2; 32]]));
        let text = format!("# laptop\n{a} lan@laptop\n\n{b} lan@desk\n{a} again\n");
        let keys = PublicKey::parse_all(&text).unwrap();
        assert_eq!(keys.len(), 2);
        let bad = format!("{a}\nssh-ed25519 !!!\n");
        assert_eq!(
            PublicKey::parse_all(&bad),
            Err((2, KeyError::NotBase64 { kind: "ssh-ed25519" }))
        );
    }
}
