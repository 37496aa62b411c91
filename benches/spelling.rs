//! The spelling checker on a long article: a 10,000-word check from scratch, and the
//! re-check after one keystroke, which reads only the paragraph that changed.
//!
//! Run with `cargo bench --bench spelling`. Targets: from scratch under 20 ms, the re-check
//! under 1 ms. With `hunspell-vi` installed a third figure shows the dictionary's cost.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};

use newsroom::app::spelling::Spelling;
use newsroom::text::vietnamese::{Checker, Dictionary, HouseRules, Placement};

const WORDS: usize = 10_000;
/// A news paragraph runs to about a hundred words.
const PARAGRAPHS: usize = 100;

const SENTENCES: &[&str] = &[
    "Sáng nay, quận Long Biên khởi công tuyến đường nối hai khu dân cư ven sông.",
    "Theo ban quản lý dự án, công trình dài gần hai cây số và hoàn thành trong năm tới.",
    "Nhiều hộ dân đã tự nguyện hiến đất, góp công để mở rộng ngõ xóm.",
    "Bà Nguyễn Thị Hoa cho biết người dân rất phấn khởi khi con đường mới được làm.",
    "Ủy ban nhân dân phường đề nghị các đơn vị thi công bảo đảm an toàn giao thông.",
    "Dự kiến, tổng vốn đầu tư khoảng một trăm tỷ đồng từ ngân sách thành phố.",
    "Hội đồng nhân dân quận sẽ giám sát tiến độ và chất lượng công trình hòa mạng.",
    "Khách đến thăm đều khen cảnh quan sạch đẹp, nhất là vào buổi chiều.",
];

/// About `WORDS` words in `PARAGRAPHS` lines, with a few mistakes as real copy has.
fn article() -> Vec<String> {
    let per = WORDS / PARAGRAPHS;
    let mut lines = Vec::with_capacity(PARAGRAPHS);
    let mut n = 0;
    for p in 0..PARAGRAPHS {
        let mut words: Vec<String> = Vec::with_capacity(per);
        while words.len() < per {
            let sentence = SENTENCES[n % SENTENCES.len()];
            n += 1;
            words.extend(
                sentence
                    .split_whitespace()
                    .take(per - words.len())
                    .map(str::to_owned),
            );
        }
        if p % 10 == 0 {
            words[3] = "nguời".to_owned();
        }
        lines.push(words.join(" "));
    }
    lines
}

fn from_scratch(c: &mut Criterion) {
    let text = article().join("\n");
    assert_eq!(text.split_whitespace().count(), WORDS);
    let house = HouseRules {
        tone_placement: Some(Placement::Old),
        prefer: [("Sài Gòn".to_owned(), "TP.HCM".to_owned())].into(),
        banned: vec!["cực kỳ sốc".to_owned()],
        ..HouseRules::default()
    };
    let checker = Checker::new(&house, None);
    assert_eq!(checker.check(&text).findings.len(), PARAGRAPHS / 10);
    c.bench_function("check_10k_words_from_scratch", |b| {
        b.iter(|| black_box(checker.check(black_box(&text))));
    });
    let dic = std::fs::read_to_string("/usr/share/hunspell/vi_VN.dic");
    let aff = std::fs::read_to_string("/usr/share/hunspell/vi_VN.aff");
    if let (Ok(dic), Ok(aff)) = (dic, aff) {
        let checker = Checker::new(&house, Some(Arc::new(Dictionary::new(&aff, &dic).unwrap())));
        c.bench_function("check_10k_words_from_scratch_with_hunspell", |b| {
            b.iter(|| black_box(checker.check(black_box(&text))));
        });
    }
}

fn recheck(c: &mut Criterion) {
    let mut lines = article();
    let spelling = Spelling::new(Checker::new(&HouseRules::default(), None));
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    black_box(spelling.check(&refs));
    let middle = PARAGRAPHS / 2;
    let mut typed = false;
    // Alternate typing a letter into the middle paragraph and deleting it: each iteration
    // is one keystroke's re-check, with the other paragraphs cached.
    c.bench_function("recheck_after_one_keystroke", |b| {
        b.iter(|| {
            if typed {
                lines[middle].pop();
            } else {
                lines[middle].push('a');
            }
            typed = !typed;
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            black_box(spelling.check(&refs))
        });
    });
}

criterion_group!(benches, from_scratch, recheck);
criterion_main!(benches);
