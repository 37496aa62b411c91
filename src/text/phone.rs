//! Phone numbers as Vietnamese write them: in groups a moderator can read and compare.

/// Groups a phone number the way it is read aloud: mobiles `0912 345 678`, Hanoi and Saigon
/// landlines `024 3825 1234`, other provinces `0225 3842 123`, and `+84 912 345 678`.
/// Spaces, dots and dashes in the input are ignored; anything else that is not a Vietnamese
/// number (a foreign one, a typo, letters) is shown as the reader typed it, trimmed.
pub fn group_phone(raw: &str) -> String {
    let trimmed = raw.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    if rest.is_empty()
        || !rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-'))
    {
        return trimmed.to_owned();
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let national = match (plus, digits.strip_prefix("84")) {
        (true, Some(national)) => national,
        (true, None) => return trimmed.to_owned(),
        (false, _) => match digits.strip_prefix('0') {
            Some(national) => national,
            None => return trimmed.to_owned(),
        },
    };
    let groups: &[usize] = match (national.len(), national.as_bytes().first()) {
        // Mobiles: 09x, 08x, 07x, 05x, 03x and nine digits after the 0.
        (9, Some(b'3' | b'5' | b'7' | b'8' | b'9')) => &[3, 3, 3],
        // Landlines: 024 (Hà Nội) and 028 (TP.HCM) with eight digits, else 02xx with seven.
        (10, Some(b'2')) if national.starts_with("24") || national.starts_with("28") => &[2, 4, 4],
        (10, Some(b'2')) => &[3, 4, 3],
        // Hotlines 1800 / 1900 and anything else: as typed.
        _ => return trimmed.to_owned(),
    };
    let mut out = String::from(if plus { "+84 " } else { "0" });
    let mut at = 0;
    for (i, n) in groups.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&national[at..at + n]);
        at += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_as_they_are_read() {
        for (raw, want) in [
            ("0912345678", "0912 345 678"),
            ("0912 345 678", "0912 345 678"),
            ("0912.345.678", "0912 345 678"),
            ("0387-654-321", "0387 654 321"),
            ("02438251234", "024 3825 1234"),
            ("028 3822 4567", "028 3822 4567"),
            ("02253842123", "0225 3842 123"),
            ("+84912345678", "+84 912 345 678"),
            ("+84 24 3825 1234", "+84 24 3825 1234"),
            ("  0912345678 ", "0912 345 678"),
            // Not a Vietnamese number, or not a number: as typed.
            ("19001234", "19001234"),
            ("091234567", "091234567"),
            ("09123456789", "09123456789"),
            ("+1 415 555 0100", "+1 415 555 0100"),
            ("gọi tôi", "gọi tôi"),
            ("0912x45678", "0912x45678"),
            ("", ""),
            ("+", "+"),
        ] {
            assert_eq!(group_phone(raw), want, "{raw:?}");
        }
    }
}
