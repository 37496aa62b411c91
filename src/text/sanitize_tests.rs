use super::*;
use unicode_normalization::is_nfc;

fn check(cases: &[(&str, &str, bool)], f: fn(&str) -> Sanitized) {
    for &(input, text, flagged) in cases {
        let got = f(input);
        assert_eq!(got.text, text, "text for {input:?}");
        assert_eq!(got.had_controls, flagged, "had_controls for {input:?}");
    }
}

#[test]
fn sanitize_escape_sequences() {
    check(
        &[
            (
                "Bình luận: \u{1b}]52;c;cm0gLXJmIH4=\u{7} hay quá",
                "Bình luận:  hay quá",
                true,
            ),
            ("x\u{9b}31mđỏ\u{9b}0m", "xđỏ", true),
            ("unterminated OSC \u{1b}]0;never ends", "unterminated OSC ", true),
            ("\u{1b}[2J\u{1b}[H", "", true),
            ("\u{1b}Pq#0;2\u{1b}\\ok", "ok", true),
            ("before\u{1b}[6nafter", "beforeafter", true),
            ("a\u{1b}[?2026hb", "ab", true),
            // OSC 8 hyperlink with ST terminators: the link text stays.
            (
                "a\u{1b}]8;;http://x.test\u{1b}\\link\u{1b}]8;;\u{1b}\\b",
                "alinkb",
                true,
            ),
            ("a\u{9d}0;title\u{9c}b", "ab", true),
            ("a\u{9d}52;c;?\u{7}b", "ab", true),
            ("ok\u{90}1$r unterminated DCS", "ok", true),
            // BEL ends an OSC but not a DCS.
            ("a\u{1b}Px\u{7}y\u{1b}\\b", "ab", true),
            (
                "a\u{1b}Xs\u{1b}\\b\u{1b}^p\u{1b}\\c\u{1b}_a\u{1b}\\d",
                "abcd",
                true,
            ),
            ("a\u{98}s\u{9c}b\u{9e}p\u{9c}c\u{9f}a\u{9c}d", "abcd", true),
            // Only ESC \ ends a string: an ESC inside one does not let the rest out.
            ("a\u{1b}]0;\u{1b}[31mtitle\u{7}b", "ab", true),
            ("a\u{1b}P\u{1b}[2Jq\u{1b}\\b", "ab", true),
            ("a\u{1b}cb", "ab", true),
            ("a\u{1b}(Bb", "ab", true),
            ("a\u{1b}#8b", "ab", true),
            ("a\u{1b}", "a", true),
            ("a\u{1b}\u{1b}[31mb", "ab", true),
            // Malformed CSI ends at the first char that cannot belong to it.
            ("\u{1b}[31đỏ", "đỏ", true),
            ("\u{1b}[31\nx", "\nx", true),
            // Removing the escape rejoins base and marks; output is NFC.
            ("Ho\u{1b}[0m\u{302}\u{300}", "Hồ", true),
        ],
        sanitize,
    );
}

#[test]
fn sanitize_controls_and_line_breaks() {
    check(
        &[
            ("tab\there\r\nline2\u{2028}line3", "tab here\nline2\nline3", true),
            ("tab\there\r\nline2", "tab here\nline2", false),
            ("a\r\r\nb", "a\nb", false),
            ("approved\rrejected", "approvedrejected", true),
            ("a\u{7}b\u{8}c\u{0}d\u{1a}e", "abcde", true),
            ("a\u{7f}b", "ab", true),
            ("a\u{80}b\u{9c}c\u{9a}d", "abcd", true),
            ("a\u{85}b\u{2029}c", "a\nb\nc", true),
        ],
        sanitize,
    );
}

#[test]
fn sanitize_bidi_invisibles_and_marks() {
    let zalgo_split = format!("e{}", "\u{301}\u{200b}".repeat(20));
    let zwj_run = format!("a{}b", "\u{200d}".repeat(50));
    let marks_between_zwj = format!("e{}", "\u{301}\u{301}\u{200d}".repeat(10));
    check(
        &[
            ("admin\u{202e}nimda\u{202c}", "adminnimda", true),
            ("a\u{2066}b\u{2069}\u{200e}\u{200f}\u{61c}c", "abc", true),
            (
                "a\u{200b}b\u{feff}c\u{ad}d\u{2060}e\u{180e}f\u{2064}g",
                "abcdefg",
                true,
            ),
            ("flag\u{e0001}\u{e0041}\u{e0042}\u{e007f}!", "flag!", true),
            ("NFD: Ho\u{302}\u{300} Đo\u{302}\u{300}ng", "NFD: Hồ Đồng", false),
            // Emoji sequences are drawn as their parts (see text/emoji.rs): not flagged.
            ("👨\u{200d}👩\u{200d}👧 gia đình", "👨👩👧 gia đình", false),
            ("❤\u{fe0f} 1\u{fe0f}\u{20e3} 👍🏽", "❤ 1\u{20e3} 👍", false),
            (&zalgo_split, "é\u{301}\u{301}", true),
            (&zwj_run, "ab", true),
            (&marks_between_zwj, "é\u{301}\u{301}", true),
        ],
        sanitize,
    );
}

#[test]
fn sanitize_joiners_outside_emoji() {
    check(
        &[
            // A joiner inside a word hides it from the word filters.
            ("vi\u{200d}agra", "viagra", true),
            ("vi\u{200c}agra", "viagra", true),
            ("Hồ\u{200d}", "Hồ", true),
            ("\u{200c}", "", true),
            ("👨\u{200d}a", "👨a", true),
            ("a\u{200d}👩", "a👩", true),
            // Between emoji it only joins a picture: drawn as parts, not flagged.
            ("🏳\u{fe0f}\u{200d}🌈", "🏳🌈", false),
            ("🧑\u{200d}💻", "🧑💻", false),
        ],
        sanitize,
    );
}

#[test]
fn sanitize_hangul_fillers() {
    check(
        &[
            ("\u{3164}", "", true),
            ("Lan\u{3164}\u{3164}", "Lan", true),
            ("a\u{115f}b\u{1160}c\u{ffa0}d", "abcd", true),
            // Real Hangul stays.
            ("한국어", "한국어", false),
        ],
        sanitize_line,
    );
}

#[test]
fn sanitize_private_use_and_noncharacters() {
    check(
        &[
            ("icon \u{e000}\u{f8ff}", "icon ��", true),
            ("plane 15 \u{f0000} 16 \u{10fffd}", "plane 15 � 16 �", true),
            ("\u{fdd0}\u{fdef}", "��", true),
            ("a\u{fffe}b\u{ffff}c", "a�b�c", true),
            ("\u{1fffe}\u{1ffff}\u{10fffe}\u{10ffff}", "����", true),
            // Neighbours of the noncharacters are ordinary.
            ("\u{fdcf}\u{fdf0}\u{fffd}", "\u{fdcf}\u{fdf0}\u{fffd}", false),
        ],
        sanitize,
    );
}

#[test]
fn zalgo_stack_is_capped() {
    let zalgo = format!("e{}", "\u{301}".repeat(40));
    let got = sanitize(&zalgo);
    assert!(got.had_controls);
    // NFC makes "e" + U+0301 into "é"; then at most 2 marks remain on it.
    assert_eq!(got.text, "é\u{301}\u{301}");
    let marks = got.text.chars().filter(|&c| is_combining_mark(c)).count();
    assert!(marks <= MAX_MARKS_PER_BASE);
}

/// The shortcut for plain text must give what the six steps give, for every character the
/// steps treat specially, wherever it stands.
#[test]
fn the_plain_text_shortcut_changes_nothing() {
    let plain = [
        "Phản ánh thêm",
        "Đường Láng\nngập",
        "Hồ Gươm 👨👩 ❤ 한국어 \u{fffd} ~!",
        "",
    ];
    for p in plain {
        assert!(is_plain(p), "{p:?} takes the shortcut");
    }
    let special = [
        '\t',
        '\r',
        '\u{1b}',
        '\u{7}',
        '\u{7f}',
        '\u{85}',
        '\u{9b}',
        '\u{9c}',
        '\u{ad}',
        '\u{300}',
        '\u{301}',
        '\u{302}',
        '\u{323}',
        // Marks that compose with nothing, so NFC keeps them: only their number is capped.
        '\u{334}',
        '\u{489}',
        '\u{20dd}',
        '\u{61c}',
        '\u{115f}',
        '\u{180e}',
        '\u{200b}',
        '\u{200c}',
        '\u{200d}',
        '\u{200e}',
        '\u{2028}',
        '\u{2029}',
        '\u{202e}',
        '\u{2066}',
        '\u{212b}',
        '\u{2126}',
        '\u{3164}',
        '\u{e000}',
        '\u{fdd0}',
        '\u{fe0f}',
        '\u{feff}',
        '\u{fff9}',
        '\u{ffff}',
        '\u{1f3fd}',
        '\u{e0041}',
        '\u{10fffd}',
        '\u{1161}',
        '\u{3099}',
    ];
    for c in special {
        for p in plain {
            let chars: Vec<char> = p.chars().collect();
            // Three in a row as well as one: a stack of marks is capped at two.
            for (at, run) in (0..=chars.len()).flat_map(|at| [(at, 1), (at, 3)]) {
                let mut s: String = chars[..at].iter().collect();
                s.extend(std::iter::repeat_n(c, run));
                s.extend(&chars[at..]);
                assert!(!is_plain(&s), "{s:?} is not plain");
                for breaks in [LineBreaks::Keep, LineBreaks::ToSpace] {
                    assert_eq!(
                        sanitize_with(&s, breaks),
                        sanitize_in_steps(&s, breaks),
                        "{s:?} {breaks:?}"
                    );
                }
            }
        }
    }
    for p in plain
        .into_iter()
        .chain(hostile_inputs().iter().map(String::as_str))
    {
        for breaks in [LineBreaks::Keep, LineBreaks::ToSpace] {
            assert_eq!(
                sanitize_with(p, breaks),
                sanitize_in_steps(p, breaks),
                "{p:?} {breaks:?}"
            );
        }
    }
}

#[test]
fn no_common_letter_is_unsafe() {
    let common: Vec<char> = (0..=0x1fff_u32)
        .filter_map(char::from_u32)
        .filter(|&c| is_common_letter(c))
        .collect();
    assert!(common.contains(&'ệ') && common.contains(&'Đ') && common.contains(&'~'));
    for c in common {
        assert!(!is_unsafe_uncommon(c), "{c:?} is unsafe, yet let through early");
    }
}

#[test]
fn plain_vietnamese_is_untouched() {
    let inputs = [
        "Tây Hồ tổng kết “Dân vận khéo” 2016 - 2020",
        "Đồng chí Nguyễn Văn A phát biểu.\nCảm ơn quý độc giả!",
        "những người ĐẶNG Thị Ngọc Thịnh – 100%",
        "",
    ];
    for input in inputs {
        assert_eq!(
            sanitize(input),
            Sanitized {
                text: input.to_owned(),
                had_controls: false
            }
        );
    }
}

#[test]
fn tabs_expand_to_stops_of_four() {
    check(
        &[
            ("\tx", "    x", false),
            ("ab\tx", "ab  x", false),
            ("abcd\tx", "abcd    x", false),
            ("Hồ\tx", "Hồ  x", false),
            ("中\tx", "中  x", false),
            ("a\tb\tc", "a   b   c", false),
            ("a\n\tb", "a\n    b", false),
        ],
        sanitize,
    );
}

#[test]
fn sanitize_line_joins_lines() {
    check(
        &[
            ("a\nb", "a b", false),
            ("a\r\nb", "a b", false),
            ("a\u{2029}b", "a b", true),
            ("name\u{1b}[2J\n", "name ", true),
            // The tab stop counts the joined line: "ab cd" is 5 columns.
            ("ab\ncd\tx", "ab cd   x", false),
            ("Nguyễn Văn A", "Nguyễn Văn A", false),
        ],
        sanitize_line,
    );
}

/// Inputs that try every trick at once; used for the output properties.
fn hostile_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "Bình luận: \u{1b}]52;c;cm0gLXJmIH4=\u{7} hay quá",
        "x\u{9b}31mđỏ\u{9b}0m",
        "unterminated OSC \u{1b}]0;never ends",
        "admin\u{202e}nimda\u{202c}",
        "\u{1b}[2J\u{1b}[H\u{1b}[6n",
        "\u{1b}Pq#0;2\u{1b}\\ok\u{90}",
        "a\u{1b}\u{9b}\u{9d}\u{90}\u{98}\u{9e}\u{9f}",
        "\u{1b}[\u{1b}]\u{7}\u{1b}\\\u{1b}",
        "c0: \u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{b}\u{c}\u{e}\u{f}",
        "c0: \u{10}\u{11}\u{12}\u{13}\u{14}\u{15}\u{16}\u{17}\u{18}\u{19}\u{1a}\u{1c}\u{1d}\u{1e}\u{1f}",
        "del and c1: \u{7f}\u{80}\u{81}\u{8d}\u{8e}\u{8f}\u{91}\u{9a}\u{9c}",
        "lines\r\n\r\u{85}\u{2028}\u{2029}\t\tend",
        "bidi \u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}",
        "invisible \u{200b}\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}\u{feff}\u{ad}\u{180e}",
        "tags \u{e0001}\u{e0020}\u{e0041}\u{e007e}\u{e007f}",
        "\u{1b}[31m\u{301}\u{301}\u{301}\u{301} marks without base",
        "Ho\u{302}\u{1b}[0m\u{300}\u{300}\u{300}\u{300}",
        "\u{1b}[1;1H\u{1b}[2K✔ Đã duyệt\u{1b}[8m hidden",
        "CSI in OSC \u{1b}]0;\u{1b}[31m\u{9c}after",
        "\u{1b}(0lqqk\u{1b}(B \u{1b}#8 \u{1b}c",
        "joiners sp\u{200d}am sp\u{200c}am \u{200d}👩",
        "fillers \u{115f}\u{1160}\u{3164}\u{ffa0}",
        "private \u{e000}\u{f0000}\u{100000} non \u{fdd0}\u{fffe}\u{ffff}\u{2ffff}",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    inputs.push(format!("e{}", "\u{301}".repeat(40)));
    inputs.push(format!("z{}", "\u{200d}\u{301}\u{301}\u{301}".repeat(30)));
    inputs
}

fn is_forbidden_anywhere(c: char) -> bool {
    ('\u{7f}'..='\u{9f}').contains(&c)
        || is_bidi_or_invisible(c)
        || is_private_or_noncharacter(c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\t' | '\r' | '\u{200c}' | '\u{200d}' | '\u{fe0f}'
        )
}

fn max_mark_run(s: &str) -> usize {
    let (mut run, mut max) = (0, 0);
    for c in s.chars() {
        if is_combining_mark(c) {
            run += 1;
            max = max.max(run);
        } else {
            run = 0;
        }
    }
    max
}

#[test]
fn hostile_output_properties() {
    for input in hostile_inputs() {
        let multi = sanitize(&input);
        let single = sanitize_line(&input);
        assert!(multi.had_controls, "{input:?} not flagged");
        assert!(single.had_controls, "{input:?} not flagged (line)");
        for c in multi.text.chars() {
            assert!(c == '\n' || c >= ' ', "{c:?} in sanitize({input:?})");
            assert!(!is_forbidden_anywhere(c), "{c:?} in sanitize({input:?})");
        }
        for c in single.text.chars() {
            assert!(c >= ' ', "{c:?} in sanitize_line({input:?})");
            assert!(!is_forbidden_anywhere(c), "{c:?} in sanitize_line({input:?})");
        }
        for out in [&multi.text, &single.text] {
            assert!(is_nfc(out), "{out:?} is not NFC");
            assert!(max_mark_run(out) <= MAX_MARKS_PER_BASE, "{out:?}");
            // Sanitising is idempotent: clean output is left alone.
            assert_eq!(sanitize(out).text, **out);
            assert!(!sanitize(out).had_controls, "{out:?} re-flagged");
        }
        assert_eq!(
            sanitize_line(&single.text),
            Sanitized {
                text: single.text.clone(),
                had_controls: false,
            }
        );
    }
}

#[test]
fn truncate_cases() {
    let family = "👨\u{200d}👩\u{200d}👧";
    let cases: &[(&str, usize, &str)] = &[
        ("Hồ Chí Minh", 20, "Hồ Chí Minh"),
        ("Hồ Chí Minh", 11, "Hồ Chí Minh"), // exact fit is not cut
        ("Hồ Chí Minh", 10, "Hồ Chí Mi…"),
        ("Nguyễn Thị Thu Hương", 8, "Nguyễn …"),
        ("中文字符", 8, "中文字符"),
        ("中文字符", 7, "中文字…"),
        ("中文字符", 6, "中文…"), // a wide char never half-fits
        ("中a", 2, "…"),
        ("abc", 1, "…"),
        ("abc", 0, ""),
        ("", 0, ""),
        ("Ho\u{302}\u{300}ng", 3, "Ho\u{302}\u{300}…"), // marks stay with their base
        ("👨\u{200d}👩\u{200d}👧abc", 3, "👨\u{200d}👩\u{200d}👧…"),
        ("👍🏽👍🏽", 3, "👍🏽…"),
        ("🇻🇳🇻🇳", 3, "🇻🇳…"),
        ("🇻🇳🇻🇳", 2, "…"), // never half a flag
    ];
    assert_eq!(family.width(), 2, "unicode-width treats ZWJ families as one");
    for &(input, max, want) in cases {
        let got = truncate_to_width(input, max);
        assert_eq!(got, want, "truncate_to_width({input:?}, {max})");
    }
}

#[test]
fn truncate_never_exceeds_width() {
    let inputs = [
        "Tây Hồ tổng kết “Dân vận khéo” 2016 - 2020",
        "中文字符と日本語の文章",
        "👨\u{200d}👩\u{200d}👧 gia đình ❤\u{fe0f} 👍🏽 🇻🇳🇻🇳🇻",
        "é\u{301}\u{301} e\u{301} 1\u{fe0f}\u{20e3}",
    ];
    for input in inputs {
        for max in 0..=input.width() + 1 {
            let got = truncate_to_width(input, max);
            assert!(got.width() <= max, "{got:?} wider than {max}");
            assert!(input.starts_with(got.trim_end_matches('…')));
        }
    }
}

/// The units truncation may cut between, exactly: no empty unit at either end (one would
/// cost nothing today, but a caller counting units would count a phantom).
#[test]
fn display_units_are_whole_characters_with_what_belongs_to_them() {
    let cases: &[(&str, &[&str])] = &[
        ("", &[]),
        ("ab", &["a", "b"]),
        ("Ho\u{302}\u{300}n", &["H", "o\u{302}\u{300}", "n"]),
        ("👍🏽a", &["👍🏽", "a"]),
        ("👨\u{200d}👩b", &["👨\u{200d}👩", "b"]),
        ("🇻🇳🇻", &["🇻🇳", "🇻"]),
    ];
    for &(input, want) in cases {
        assert_eq!(display_units(input), want, "display_units({input:?})");
    }
}
