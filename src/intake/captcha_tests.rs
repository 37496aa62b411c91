//! Test only (`#[cfg(test)] mod captcha_tests` in intake.rs): the image code's limits, each
//! held at its edge. Mutation testing found them unpinned (docs/mutants.md): a limit moved
//! by a few bytes or seconds passed every other test.

use jiff::Timestamp;

use super::captcha::{Captchas, Problem, SPENT_TOKENS, issue_with_answer, new_secret};

fn at(s: i64) -> Timestamp {
    Timestamp::from_second(s).unwrap()
}

const NOW: i64 = 1_000_000;

/// A server whose codes live 600 s, with the secret "s".
fn captchas() -> Captchas {
    Captchas::new("s".into(), 600, SPENT_TOKENS)
}

fn token(expiry: i64) -> String {
    issue_with_answer("s", "AB3X9", at(expiry)).unwrap()
}

/// The secret is what keeps tokens from being forged: 32 random bytes, new each time.
#[test]
fn secrets_are_64_hex_digits_never_the_same_twice() {
    let a = new_secret().unwrap();
    let b = new_secret().unwrap();
    for s in [&a, &b] {
        assert_eq!(s.len(), 64, "{s}");
        assert!(s.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')), "{s}");
    }
    assert_ne!(a, b);
}

/// A token may lapse at most a code's lifetime plus a minute from now (another server
/// process's clock may run that much ahead); one second more and it was not made here.
#[test]
fn a_token_may_claim_its_lifetime_and_a_minute_more_not_a_second_beyond() {
    let c = captchas();
    assert!(c.check(&token(NOW + 660), "AB3X9", at(NOW)).is_ok());
    assert_eq!(
        c.check(&token(NOW + 661), "AB3X9", at(NOW)),
        Err(Problem::Malformed)
    );
}

/// Answers are compared without the spaces around them, up to 36 bytes in all (five
/// characters of up to four bytes, and sixteen to spare); a longer one is wrong unread.
#[test]
fn an_answer_is_read_up_to_36_bytes_and_wrong_past_them() {
    let c = captchas();
    let padded = format!("{:>36}", "ab3x9");
    assert_eq!(padded.len(), 36);
    assert!(c.check(&token(NOW + 100), &padded, at(NOW)).is_ok());
    assert_eq!(
        c.check(&token(NOW + 100), &format!(" {padded}"), at(NOW)),
        Err(Problem::Wrong)
    );
}

/// A token is read with the spaces around it up to twice its length (112 characters);
/// past that it is refused without being decoded.
#[test]
fn a_token_is_read_up_to_112_characters_with_spaces_around_it() {
    let c = captchas();
    let t = token(NOW + 100);
    assert_eq!(t.len(), 75);
    let padded = format!("{t:<112}");
    assert!(c.check(&padded, "AB3X9", at(NOW)).is_ok());
    let t = token(NOW + 100);
    assert_eq!(
        c.check(&format!("{t:<113}"), "AB3X9", at(NOW)),
        Err(Problem::Malformed)
    );
}
