use super::*;

#[test]
fn syllables_and_their_verdicts() {
    let table: &[(&str, Option<Rule>)] = &[
        // Valid, across onsets and rhymes.
        ("người", None),
        ("được", None),
        ("tiếng", None),
        ("nghiêng", None),
        ("nghề", None),
        ("ghế", None),
        ("ghi", None),
        ("kiếm", None),
        ("kỹ", None),
        ("cửa", None),
        ("quốc", None),
        ("quý", None),
        ("quýt", None),
        ("quyết", None),
        ("giếng", None),
        ("gì", None),
        ("già", None),
        ("giữ", None),
        ("yêu", None),
        ("khuya", None),
        ("hoà", None),
        ("hòa", None),
        ("thuỷ", None),
        ("thủy", None),
        ("toán", None),
        ("Đà", None),
        ("HÀ", None),
        ("xoong", None),
        ("đặc", None),
        ("kịch", None),
        ("hợp", None),
        // Impossible syllables.
        ("nguời", Some(Rule::Syllable)),
        ("tiéng", Some(Rule::Syllable)),
        ("hoàá", Some(Rule::Syllable)),
        ("tyêu", Some(Rule::Syllable)),
        ("iên", Some(Rule::Syllable)),
        ("ăn", None),
        ("ă", Some(Rule::Syllable)),
        // k / c.
        ("kà", Some(Rule::KC)),
        ("cế", Some(Rule::KC)),
        ("cìm", Some(Rule::KC)),
        // gh / g.
        ("ghà", Some(Rule::GhG)),
        ("gế", Some(Rule::GhG)),
        // ngh / ng.
        ("nghà", Some(Rule::NghNg)),
        ("ngề", Some(Rule::NghNg)),
        ("ngìn", Some(Rule::NghNg)),
        // q without u.
        ("qá", Some(Rule::Qu)),
        // Stop codas take only sắc or nặng.
        ("đươc", Some(Rule::StopTone)),
        ("hợp", None),
        ("hờp", Some(Rule::StopTone)),
        ("kìch", Some(Rule::StopTone)),
        ("mãt", Some(Rule::StopTone)),
        // The tone on a letter no style marks.
        ("tóan", Some(Rule::TonePosition)),
        ("ngừơi", Some(Rule::TonePosition)),
    ];
    for (word, want) in table {
        assert_eq!(parse(word).err(), *want, "{word}");
    }
}

#[test]
fn the_checker_leaves_foreign_words_alone() {
    let checker = Checker::new(
        &HouseRules {
            allow: vec!["Nguyễnn".into()],
            ..HouseRules::default()
        },
        None,
    );
    let text = "Ông Nguyễnn gặp HĐND TP.HCM lúc 9h về dự án https://vi.wikipedia.org/wiki/Tiềng \
                website José Müller ngừoi";
    let found: Vec<String> = checker.check(text).findings.into_iter().map(|f| f.word).collect();
    assert_eq!(found, ["ngừoi"]);
}

#[test]
fn findings_carry_line_column_rule_and_suggestions() {
    let checker = Checker::new(&HouseRules::default(), None);
    let report = checker.check("Tin mới\nHọ nói nguời ta đươc kà");
    let got: Vec<(usize, usize, &str, &str, Vec<String>)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.line,
                f.column,
                f.word.as_str(),
                f.rule.name(),
                f.suggestions.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                2,
                8,
                "nguời",
                "syllable",
                // Both are well-formed; only a dictionary knows nguồi is not a word.
                vec!["người".to_owned(), "nguồi".to_owned()]
            ),
            (
                2,
                17,
                "đươc",
                "stop-tone",
                vec!["đước".to_owned(), "được".to_owned()]
            ),
            (2, 22, "kà", "k-c", vec!["cà".to_owned()]),
        ]
    );
}

#[test]
fn mixed_tone_placement_is_flagged_and_the_house_style_wins() {
    let mixed = "Hòa bình, thủy lợi và hoà giải.";
    let checker = Checker::new(&HouseRules::default(), None);
    let found: Vec<(String, Vec<String>)> = checker
        .check(mixed)
        .findings
        .into_iter()
        .map(|f| (f.word, f.suggestions))
        .collect();
    assert_eq!(
        found,
        [("hoà".to_owned(), vec!["hòa".to_owned()])],
        "the minority is flagged"
    );
    let house = HouseRules {
        tone_placement: Some(Placement::New),
        ..HouseRules::default()
    };
    let checker = Checker::new(&house, None);
    let words: Vec<String> = checker
        .check(mixed)
        .findings
        .into_iter()
        .map(|f| f.word)
        .collect();
    assert_eq!(words, ["Hòa", "thủy"]);
    assert!(checker.check("Hoà bình").findings.is_empty());
}

#[test]
fn house_rules_flag_preferred_forms_and_banned_phrases() {
    let house = HouseRules {
        prefer: [("Sài Gòn".to_owned(), "TP.HCM".to_owned())].into(),
        banned: vec!["cực kỳ sốc".to_owned()],
        ..HouseRules::default()
    };
    let checker = Checker::new(&house, None);
    let report = checker.check("Ở sài gòn có tin CỰC KỲ SỐC.");
    let got: Vec<(&str, Rule, &[String])> = report
        .findings
        .iter()
        .map(|f| (f.word.as_str(), f.rule, f.suggestions.as_slice()))
        .collect();
    assert_eq!(
        got,
        [
            ("sài gòn", Rule::HousePreferred, &["TP.HCM".to_owned()][..]),
            ("CỰC KỲ SỐC", Rule::HouseBanned, &[][..]),
        ]
    );
}

const OLD: &str = "Khỏe mạnh, hòa thuận: ông Thủy nói về thủy lợi, hoàng hôn và quý khách; \
                   HÒA giải ở Khánh Hòa, thuở ấy.";
const NEW: &str = "Khoẻ mạnh, hoà thuận: ông Thuỷ nói về thuỷ lợi, hoàng hôn và quý khách; \
                   HOÀ giải ở Khánh Hoà, thuở ấy.";

#[test]
fn tone_placement_converts_a_paragraph_both_ways() {
    assert_eq!(convert(OLD, Placement::New), NEW);
    assert_eq!(convert(NEW, Placement::Old), OLD);
    assert_eq!(convert(OLD, Placement::Old), OLD);
    assert_eq!(style_of("hòa"), Some(Placement::Old));
    assert_eq!(style_of("hoà"), Some(Placement::New));
    assert_eq!(style_of("hoàng"), None);
}

#[test]
fn telex_types_what_unikey_types() {
    let table = [
        ("tieengs", "tiếng"),
        ("tieesng", "tiếng"),
        ("nguwowif", "người"),
        ("nguoiwf", "người"),
        ("truwowngf", "trường"),
        ("dduwowcj", "được"),
        ("ddaatj", "đật"),
        ("Vieetj", "Việt"),
        ("VIEETJ", "VIỆT"),
        ("aa", "â"),
        ("aaa", "aa"),
        ("ee", "ê"),
        ("oo", "ô"),
        ("ooo", "oo"),
        ("aw", "ă"),
        ("ow", "ơ"),
        ("uw", "ư"),
        ("w", "ư"),
        ("ww", "w"),
        ("tw", "tư"),
        ("dd", "đ"),
        ("ddd", "dd"),
        ("as", "á"),
        ("ass", "as"),
        ("af", "à"),
        ("ar", "ả"),
        ("ax", "ã"),
        ("aj", "ạ"),
        ("asz", "a"),
        ("asf", "à"),
        ("quyeets", "quyết"),
        ("gias", "giá"),
        ("gif", "gì"),
        ("khoer", "khoẻ"),
        ("hoaf", "hoà"),
        ("hoafng", "hoàng"),
        ("thuyr", "thuỷ"),
        ("xin", "xin"),
        ("chaof", "chào"),
        ("Ddaf", "Đà"),
    ];
    for (keys, want) in table {
        assert_eq!(
            transform(InputMethod::Telex, keys, Placement::New),
            want,
            "{keys}"
        );
    }
    assert_eq!(transform(InputMethod::Telex, "hoaf", Placement::Old), "hòa");
    assert_eq!(transform(InputMethod::Telex, "thuyr", Placement::Old), "thủy");
}

#[test]
fn vni_types_what_unikey_types() {
    let table = [
        ("tie6ng1", "tiếng"),
        ("tieng61", "tiếng"),
        ("nguoi72", "người"),
        ("d9uoc75", "được"),
        ("Vie6t5", "Việt"),
        ("a6", "â"),
        ("a66", "a6"),
        ("a8", "ă"),
        ("o7", "ơ"),
        ("u7", "ư"),
        ("d9", "đ"),
        ("d99", "d9"),
        ("a1", "á"),
        ("a11", "a1"),
        ("a2", "à"),
        ("a3", "ả"),
        ("a4", "ã"),
        ("a5", "ạ"),
        ("a10", "a"),
        ("hoa2", "hoà"),
        ("quy1", "quý"),
    ];
    for (keys, want) in table {
        assert_eq!(transform(InputMethod::Vni, keys, Placement::New), want, "{keys}");
    }
}

#[test]
fn the_composer_edits_the_word_before_the_caret() {
    let mut c = Composer::new(InputMethod::Telex, Placement::New);
    let mut text = String::new();
    for key in "tieengs vieetj".chars() {
        let (delete, insert) = c.key(key);
        for _ in 0..delete {
            text.pop();
        }
        text.push_str(&insert);
    }
    assert_eq!(text, "tiếng việt");
    let mut c = Composer::new(InputMethod::Vni, Placement::New);
    assert_eq!(c.key('2'), (0, "2".to_owned()), "a digit alone is a digit");
}
