//! The image code ("Mã xác nhận"): a picture of a few characters and a token that carries
//! the answer only as a signature, so any server process sharing the store's secret can
//! check it and no answer is kept anywhere.
//!
//! token = base64url(expiry | nonce | tag | proof): the expiry as 8 big-endian bytes of
//! Unix seconds, a 16-byte random nonce, tag = HMAC-SHA256(secret, "token" | expiry | nonce)
//! and proof = HMAC-SHA256(secret, "answer" | expiry | nonce | answer), each cut to 16
//! bytes, the answer trimmed and lowercased. The tag tells a token this newsroom made from
//! a forged one without knowing the answer, so only real tokens are ever remembered.
//! A token is good once: spent nonces are remembered in memory until they expire, at most
//! `SPENT_TOKENS` of them (one process; see the README's "Comment intake").

use std::sync::{Mutex, PoisonError};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hashlink::LinkedHashMap;
use hmac::{Hmac, KeyInit, Mac};
use jiff::Timestamp;
use sha2::Sha256;

/// The store setting that holds the secret (64 hex digits).
pub const SECRET_SETTING: &str = "captcha_secret";

/// Characters drawn: digits and capitals that do not pass for one another (no 0/O, 1/I,
/// 2/Z, 5/S, 8/B); answers are compared without case anyway.
const CHARS: &[char] = &[
    '3', '4', '6', '7', '9', 'A', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'M', 'N', 'P', 'R', 'T', 'U', 'V',
    'W', 'X', 'Y',
];
const ANSWER_LEN: u32 = 5;
const NONCE_LEN: usize = 16;
/// Each HMAC is cut to its first 128 bits, as RFC 2104 allows: guessing one still takes
/// 2^128 tries, and the token stays as short as a single full HMAC made it.
const MAC_LEN: usize = 16;
const TOKEN_LEN: usize = 8 + NONCE_LEN + 2 * MAC_LEN;
/// A token claiming to live longer than this past `captcha_seconds` was not made here.
const EXPIRY_SLACK_SECONDS: i64 = 60;
/// Spent tokens remembered at most. Far more than honest readers spend within a token's
/// ten minutes (this is 160 a second); past it the oldest is forgotten, which could let
/// its token be used twice, still within flood control. About 8 MB when full.
pub const SPENT_TOKENS: usize = 100_000;

type HmacSha256 = Hmac<Sha256>;
type Nonce = [u8; NONCE_LEN];

/// Why an answer was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No token in the form: the page never fetched an image code.
    NoToken,
    NoAnswer,
    /// Not a token this newsroom made.
    Malformed,
    Expired,
    Used,
    Wrong,
}

/// A new image code: the picture to show and the token to send back with the answer.
#[derive(Debug, Clone)]
pub struct Challenge {
    pub token: String,
    pub png: Vec<u8>,
    pub expires_at: Timestamp,
}

/// A correct, unspent answer, still to be spent with `Captchas::spend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passed {
    nonce: Nonce,
    expiry: i64,
}

/// Issues and checks image codes; shared by every request of one server.
#[derive(Debug)]
pub struct Captchas {
    secret: String,
    seconds: i64,
    spent: Mutex<Spent>,
}

/// Spent nonces → their token's expiry (Unix seconds), oldest spent first.
#[derive(Debug)]
struct Spent {
    nonces: LinkedHashMap<Nonce, i64>,
    capacity: usize,
}

impl Spent {
    /// Remembers a nonce; false if it was already spent.
    fn spend(&mut self, nonce: Nonce, expiry: i64, now: i64) -> bool {
        // Spent in order, tokens of one lifetime: the front expires first, near enough.
        // One that outlives its place is dropped later, by the cap at worst.
        while self.nonces.front().is_some_and(|(_, e)| *e <= now) {
            self.nonces.pop_front();
        }
        if self.nonces.contains_key(&nonce) {
            return false;
        }
        self.nonces.insert(nonce, expiry);
        while self.nonces.len() > self.capacity {
            self.nonces.pop_front();
        }
        true
    }
}

/// A fresh secret: 32 random bytes as hex.
pub fn new_secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A token for `answer` that lapses at `expiry`. The server draws the answer itself; tests
/// call this to know it.
pub fn issue_with_answer(secret: &str, answer: &str, expiry: Timestamp) -> Result<String, getrandom::Error> {
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce)?;
    let expiry = expiry.as_second();
    let mut token = Vec::with_capacity(TOKEN_LEN);
    token.extend_from_slice(&expiry.to_be_bytes());
    token.extend_from_slice(&nonce);
    token.extend_from_slice(&tagger(secret, expiry, &nonce).finalize().into_bytes()[..MAC_LEN]);
    token.extend_from_slice(&prover(secret, expiry, &nonce, answer).finalize().into_bytes()[..MAC_LEN]);
    Ok(URL_SAFE_NO_PAD.encode(token))
}

fn mac(secret: &str, purpose: &[u8], expiry: i64, nonce: &Nonce) -> HmacSha256 {
    // HMAC takes a key of any length, so this never fails; an empty key would still sign.
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| HmacSha256::new(&Default::default()));
    mac.update(purpose);
    mac.update(&expiry.to_be_bytes());
    mac.update(nonce);
    mac
}

/// Signs that this newsroom made the token.
fn tagger(secret: &str, expiry: i64, nonce: &Nonce) -> HmacSha256 {
    mac(secret, b"token", expiry, nonce)
}

/// Signs the token's answer.
fn prover(secret: &str, expiry: i64, nonce: &Nonce, answer: &str) -> HmacSha256 {
    let mut mac = mac(secret, b"answer", expiry, nonce);
    mac.update(normalize(answer).as_bytes());
    mac
}

/// How an answer is compared: surrounding spaces and case do not count.
fn normalize(answer: &str) -> String {
    answer.trim().to_lowercase()
}

struct Token {
    expiry: i64,
    nonce: Nonce,
    tag: [u8; MAC_LEN],
    proof: [u8; MAC_LEN],
}

fn decode(token: &str) -> Option<Token> {
    // Base64 of TOKEN_LEN bytes is 75 characters: anything much longer is not worth decoding.
    if token.len() > 2 * TOKEN_LEN {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    if bytes.len() != TOKEN_LEN {
        return None;
    }
    let (expiry, rest) = bytes.split_at(8);
    let (nonce, rest) = rest.split_at(NONCE_LEN);
    let (tag, proof) = rest.split_at(MAC_LEN);
    Some(Token {
        expiry: i64::from_be_bytes(expiry.try_into().ok()?),
        nonce: nonce.try_into().ok()?,
        tag: tag.try_into().ok()?,
        proof: proof.try_into().ok()?,
    })
}

impl Captchas {
    /// Remembers at most `spent_tokens` spent tokens.
    pub fn new(secret: String, seconds: i64, spent_tokens: usize) -> Captchas {
        Captchas {
            secret,
            seconds: seconds.max(1),
            spent: Mutex::new(Spent {
                nonces: LinkedHashMap::new(),
                capacity: spent_tokens.max(1),
            }),
        }
    }

    /// Draws a new image code. CPU work of a few milliseconds: run it off the async threads.
    pub fn challenge(&self, now: Timestamp) -> Option<Challenge> {
        let mut picture = captcha::Captcha::new();
        picture
            .set_chars(CHARS)
            .add_chars(ANSWER_LEN)
            .apply_filter(captcha::filters::Noise::new(0.2))
            .apply_filter(captcha::filters::Wave::new(2.0, 12.0).horizontal())
            .view(220, 120)
            .apply_filter(captcha::filters::Dots::new(8).max_radius(6).min_radius(3));
        let png = picture.as_png()?;
        let expires_at = Timestamp::from_second(now.as_second().saturating_add(self.seconds)).ok()?;
        let token = issue_with_answer(&self.secret, &picture.chars_as_string(), expires_at).ok()?;
        Some(Challenge {
            token,
            png,
            expires_at,
        })
    }

    /// Checks an answer without spending a correct one, so a reader who must fix another
    /// field keeps the code. A wrong answer spends the token: no second guess on one image.
    pub fn check(&self, token: &str, answer: &str, now: Timestamp) -> Result<Passed, Problem> {
        if token.trim().is_empty() {
            return Err(Problem::NoToken);
        }
        if answer.trim().is_empty() {
            return Err(Problem::NoAnswer);
        }
        let Token {
            expiry,
            nonce,
            tag,
            proof,
        } = decode(token).ok_or(Problem::Malformed)?;
        let now = now.as_second();
        if expiry > now.saturating_add(self.seconds + EXPIRY_SLACK_SECONDS)
            || tagger(&self.secret, expiry, &nonce)
                .verify_truncated_left(&tag)
                .is_err()
        {
            return Err(Problem::Malformed);
        }
        if expiry <= now {
            return Err(Problem::Expired);
        }
        let mut spent = self.spent.lock().unwrap_or_else(PoisonError::into_inner);
        if spent.nonces.contains_key(&nonce) {
            return Err(Problem::Used);
        }
        // Answers longer than any code are wrong without hashing megabytes.
        let fits = answer.len() <= 4 * ANSWER_LEN as usize + 16;
        if fits
            && prover(&self.secret, expiry, &nonce, answer)
                .verify_truncated_left(&proof)
                .is_ok()
        {
            return Ok(Passed { nonce, expiry });
        }
        // A real token, wrongly answered: spent, so one image gets one guess.
        spent.spend(nonce, expiry, now);
        Err(Problem::Wrong)
    }

    /// Spends a correct answer; of two requests racing with one token, only one wins.
    pub fn spend(&self, passed: Passed, now: Timestamp) -> Result<(), Problem> {
        let mut spent = self.spent.lock().unwrap_or_else(PoisonError::into_inner);
        if spent.spend(passed.nonce, passed.expiry, now.as_second()) {
            Ok(())
        } else {
            Err(Problem::Used)
        }
    }

    /// How many spent tokens are remembered now.
    pub fn remembered(&self) -> usize {
        self.spent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .nonces
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    #[test]
    fn answers_are_checked_once_without_case_or_spaces() {
        let c = Captchas::new("k".repeat(64), 600, SPENT_TOKENS);
        let now = at(1_000_000);
        let token = issue_with_answer("k".repeat(64).as_str(), "AB3X9", at(1_000_100)).unwrap();
        let passed = c.check(&token, "  ab3x9 ", now).unwrap();
        assert_eq!(
            c.check(&token, "AB3X9", now),
            Ok(passed),
            "checking alone spends nothing"
        );
        assert_eq!(c.spend(passed, now), Ok(()));
        assert_eq!(c.check(&token, "AB3X9", now), Err(Problem::Used));
        assert_eq!(c.spend(passed, now), Err(Problem::Used));
    }

    #[test]
    fn a_wrong_answer_spends_the_token() {
        let c = Captchas::new("s".into(), 600, SPENT_TOKENS);
        let now = at(1_000_000);
        let token = issue_with_answer("s", "AB3X9", at(1_000_100)).unwrap();
        assert_eq!(c.check(&token, "AB3X8", now), Err(Problem::Wrong));
        assert_eq!(c.check(&token, "AB3X9", now), Err(Problem::Used));
    }

    #[test]
    fn refusals_are_named() {
        let c = Captchas::new("s".into(), 600, SPENT_TOKENS);
        let now = at(1_000_000);
        let good = |expiry| issue_with_answer("s", "AB3X9", at(expiry)).unwrap();
        assert_eq!(c.check("", "x", now), Err(Problem::NoToken));
        assert_eq!(c.check(&good(1_000_100), " ", now), Err(Problem::NoAnswer));
        assert_eq!(c.check("not-a-token", "x", now), Err(Problem::Malformed));
        assert_eq!(c.check(&"A".repeat(10_000), "x", now), Err(Problem::Malformed));
        assert_eq!(c.check(&good(1_000_000), "AB3X9", now), Err(Problem::Expired));
        assert_eq!(
            c.check(&good(1_100_000), "AB3X9", now),
            Err(Problem::Malformed),
            "too far ahead"
        );
        let other = issue_with_answer("another secret", "AB3X9", at(1_000_100)).unwrap();
        assert_eq!(c.check(&other, "AB3X9", now), Err(Problem::Malformed), "forged");
        assert_eq!(c.check(&good(1_000_100), "AB3X8", now), Err(Problem::Wrong));
    }

    #[test]
    fn forged_tokens_are_not_remembered() {
        let c = Captchas::new("s".into(), 600, SPENT_TOKENS);
        let now = at(1_000_000);
        for _ in 0..1000 {
            let forged = issue_with_answer("not our secret", "AB3X9", at(1_000_100)).unwrap();
            assert_eq!(c.check(&forged, "XXXXX", now), Err(Problem::Malformed));
        }
        assert_eq!(c.remembered(), 0);
        let real = issue_with_answer("s", "AB3X9", at(1_000_100)).unwrap();
        assert_eq!(c.check(&real, "XXXXX", now), Err(Problem::Wrong));
        assert_eq!(c.remembered(), 1, "a real token wrongly answered is spent");
    }

    #[test]
    fn spent_tokens_are_capped_oldest_forgotten_first() {
        let c = Captchas::new("s".into(), 600, 3);
        let now = at(1_000_000);
        let tokens: Vec<_> = (0..4)
            .map(|_| issue_with_answer("s", "AB3X9", at(1_000_100)).unwrap())
            .collect();
        for token in &tokens {
            let passed = c.check(token, "AB3X9", now).unwrap();
            c.spend(passed, now).unwrap();
        }
        assert_eq!(c.remembered(), 3);
        assert!(
            c.check(&tokens[0], "AB3X9", now).is_ok(),
            "the oldest was forgotten"
        );
        for token in &tokens[1..] {
            assert_eq!(c.check(token, "AB3X9", now), Err(Problem::Used));
        }
    }

    #[test]
    fn spent_nonces_are_forgotten_after_they_expire() {
        let c = Captchas::new("s".into(), 600, SPENT_TOKENS);
        let token = issue_with_answer("s", "AB3X9", at(1_000_100)).unwrap();
        let passed = c.check(&token, "AB3X9", at(1_000_000)).unwrap();
        c.spend(passed, at(1_000_000)).unwrap();
        let later = issue_with_answer("s", "AB3X9", at(2_000_100)).unwrap();
        let passed = c.check(&later, "AB3X9", at(2_000_000)).unwrap();
        c.spend(passed, at(2_000_000)).unwrap();
        let spent = c.spent.lock().unwrap();
        assert_eq!(spent.nonces.len(), 1, "the first nonce was swept");
    }

    #[test]
    fn challenges_carry_a_png_and_a_token_for_its_text() {
        let c = Captchas::new("s".into(), 600, SPENT_TOKENS);
        let now = at(1_000_000);
        let challenge = c.challenge(now).unwrap();
        assert!(challenge.png.starts_with(b"\x89PNG"));
        assert_eq!(challenge.expires_at, at(1_000_600));
        assert_eq!(c.check(&challenge.token, "?????", now), Err(Problem::Wrong));
    }
}
