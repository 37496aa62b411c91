//! The editor's hot paths on a long article: one keystroke plus one redraw, and one autosave.
//!
//! Run with `cargo bench --bench editor`. Targets: keystroke + redraw under 1 ms, autosave
//! under 5 ms, both on a 10,000-word Vietnamese body.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::hint::black_box;

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use newsroom::app::{Action, App, Field};
use newsroom::domain::{ArticleDraft, ArticleId, ArticleText, Login, User};
use newsroom::keymap::{Command, Keymap};
use newsroom::store::{Autosave, OpenMode, Store};
use newsroom::ui::{Theme, list_rows};

const WORDS: usize = 10_000;
const PARAGRAPHS: usize = 20;
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// Sentences a city desk might file; the body cycles through them with small variations.
const SENTENCES: &[&str] = &[
    "Sáng nay, Ủy ban nhân dân thành phố Hà Nội đã tổ chức hội nghị sơ kết công tác chỉnh trang đô thị tại các quận nội thành.",
    "Theo báo cáo của Sở Xây dựng, trong quý vừa qua đã có hơn một trăm hai mươi tuyến phố được cải tạo vỉa hè và hệ thống chiếu sáng.",
    "Người dân khu vực phường Thụy Khuê cho biết tình trạng ngập úng cục bộ sau mỗi trận mưa lớn đã giảm rõ rệt so với những năm trước.",
    "Ông Nguyễn Văn Hùng, một tiểu thương ở chợ Đồng Xuân, bày tỏ mong muốn chính quyền sớm hoàn thiện bãi đỗ xe để khách hàng thuận tiện mua sắm.",
    "Đại diện Công an thành phố nhấn mạnh việc xử lý nghiêm các trường hợp lấn chiếm lòng đường, vỉa hè để kinh doanh trái phép.",
    "Bên cạnh đó, nhiều chuyên gia quy hoạch khuyến nghị cần tăng diện tích cây xanh và không gian công cộng cho thanh thiếu niên.",
    "Trường Đại học Kiến trúc Hà Nội đã phối hợp với các tổ chức quốc tế để khảo sát hiện trạng những khu phố cổ có giá trị lịch sử.",
    "Kết quả khảo sát cho thấy khoảng bảy mươi phần trăm công trình cần được gia cố kết cấu trước mùa mưa bão sắp tới.",
    "Phát biểu kết luận, Phó Chủ tịch thành phố đề nghị các sở, ngành khẩn trương rà soát kế hoạch và báo cáo tiến độ trước ngày mười lăm tháng sau.",
    "Dự kiến, nguồn vốn đầu tư cho giai đoạn tiếp theo sẽ được huy động từ ngân sách nhà nước kết hợp với sự đóng góp của doanh nghiệp.",
    "Chị Trần Thị Lan, giáo viên tiểu học ở quận Đống Đa, chia sẻ rằng con đường đến trường giờ đây sạch sẽ và an toàn hơn nhiều.",
    "Những ý kiến đóng góp của cử tri sẽ tiếp tục được tổng hợp, chuyển đến Hội đồng nhân dân thành phố tại kỳ họp cuối năm.",
];

/// About `WORDS` whitespace-separated words in `PARAGRAPHS` paragraphs, blank lines between.
fn vietnamese_body() -> String {
    let per_paragraph = WORDS / PARAGRAPHS;
    let mut paragraphs = Vec::with_capacity(PARAGRAPHS);
    let mut n = 0usize;
    for p in 0..PARAGRAPHS {
        let mut paragraph = String::new();
        let mut words = 0;
        while words < per_paragraph {
            let sentence = SENTENCES[(n * 7 + p) % SENTENCES.len()];
            n += 1;
            // Small variations so no two paragraphs are the same text.
            let sentence = match n % 5 {
                0 => format!("Năm {}, {}", 2000 + n % 27, lowercase_first(sentence)),
                3 => sentence.replace("thành phố", "Thủ đô"),
                _ => sentence.to_owned(),
            };
            let room = per_paragraph - words;
            let taken: Vec<&str> = sentence.split_whitespace().take(room).collect();
            words += taken.len();
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(&taken.join(" "));
        }
        if !paragraph.ends_with('.') {
            paragraph.push('.');
        }
        paragraphs.push(paragraph);
    }
    paragraphs.join("\n\n")
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn draft(body: String) -> ArticleDraft {
    ArticleDraft {
        title: "Hà Nội chỉnh trang đô thị: người dân nói gì?".into(),
        dateline: "HÀ NỘI".into(),
        lead: "Hơn một trăm tuyến phố được cải tạo trong quý vừa qua, nhưng nhiều việc vẫn còn dang dở."
            .into(),
        body,
        byline: "Minh Anh".into(),
    }
}

/// A store with an admin and one article holding the long body.
fn seeded(mut store: Store, body: &str) -> (Store, User, ArticleId) {
    let now = Timestamp::now();
    let admin = store.init_admin(&Login::parse("root").unwrap(), now).unwrap();
    let id = store
        .create_article(
            &admin,
            &draft(body.to_owned()),
            newsroom::clock::DEFAULT_ZONE,
            now,
        )
        .unwrap();
    (store, admin, id)
}

fn key(code: KeyCode) -> Action {
    Action::Type(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The app with the long article open, the body focused and the caret in its middle.
fn editing_app(body: &str) -> App {
    let (store, admin, id) = seeded(Store::open_in_memory().unwrap(), body);
    let session = common::session(admin);
    let mut app = App::new(store, session, list_rows(HEIGHT)).unwrap();
    assert_eq!(app.articles.selected_row().map(|r| r.id), Some(id));
    app.update(Action::Command(Command::Open));
    let editor = app.editor.as_ref().expect("the article opens in the editor");
    assert!(!editor.is_read_only() && editor.overlay.is_none());
    for _ in 0..5 {
        app.update(Action::Command(Command::NextField));
    }
    assert_eq!(app.editor.as_ref().unwrap().focus, Field::Body);
    // Down to the middle paragraph, then into the middle of it.
    let body_field = |app: &App| app.editor.as_ref().unwrap().field(Field::Body).cursor();
    let line = |app: &App, row: usize| -> usize {
        app.editor.as_ref().unwrap().field(Field::Body).lines()[row]
            .chars()
            .count()
    };
    let lines = app.editor.as_ref().unwrap().field(Field::Body).lines().len();
    for _ in 0..100_000 {
        let row = body_field(&app).0;
        if row >= lines / 2 && line(&app, row) > 0 {
            break;
        }
        app.update(key(KeyCode::Down));
    }
    let row = body_field(&app).0;
    assert!(row >= lines / 2, "the caret reached the middle of the body");
    let half = line(&app, row) / 2;
    for _ in 0..half {
        app.update(key(KeyCode::Right));
    }
    app
}

fn keystroke(c: &mut Criterion) {
    let body = vietnamese_body();
    assert_eq!(body.split_whitespace().count(), WORDS);
    let mut app = editing_app(&body);
    // As the TUI runs it: the frame first, the spelling check after it (`settle`, below).
    app.lag_spelling = true;
    let keymap = Keymap::default();
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    terminal
        .draw(|f| newsroom::ui::draw(f, &app, &keymap, &theme))
        .unwrap();
    // Alternate typing a letter and deleting it, so the body keeps its size however many
    // iterations criterion runs; each iteration is still one edit and one frame.
    let mut typed = false;
    let mut key_and_frame = |app: &mut App, terminal: &mut Terminal<TestBackend>| {
        let code = if typed {
            KeyCode::Backspace
        } else {
            KeyCode::Char('a')
        };
        typed = !typed;
        assert!(app.update(key(code)));
        terminal
            .draw(|f| newsroom::ui::draw(f, app, &keymap, &theme))
            .unwrap();
    };
    c.bench_function("keystroke_10k_words_120x40", |b| {
        b.iter(|| {
            key_and_frame(&mut app, &mut terminal);
            black_box(terminal.backend());
        });
    });
    // The same with the spelling check the TUI runs once the frame is out: the CPU a key
    // costs in all, of which the person waits for the part above.
    c.bench_function("keystroke_and_its_check_10k_words_120x40", |b| {
        b.iter(|| {
            key_and_frame(&mut app, &mut terminal);
            black_box(app.settle());
            black_box(terminal.backend());
        });
    });
}

fn autosave(c: &mut Criterion) {
    let body = vietnamese_body();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("newsroom.db"), OpenMode::CreateIfMissing).unwrap();
    let (mut store, admin, id) = seeded(store, &body);
    let d = draft(body);
    let mut save = Autosave {
        article_id: id,
        login: admin.login.as_str().to_owned(),
        text: ArticleText {
            title: d.title,
            dateline: d.dateline,
            lead: d.lead,
            byline: d.byline,
            slug: "ha-noi-chinh-trang-do-thi-nguoi-dan-noi-gi".into(),
            body: d.body,
        },
        cursor: "5 20 1200".into(),
        saved_at: Timestamp::now(),
    };
    let base = save.text.body.len();
    let mut n = 0u64;
    c.bench_function("autosave_10k_words", |b| {
        b.iter(|| {
            // A real change every time; saved_at stays within ten minutes of the article's
            // "created" revision, so no autosave revision is inserted.
            n += 1;
            save.text.body.truncate(base);
            write!(save.text.body, " {n}").unwrap();
            save.saved_at = Timestamp::now();
            store.save_autosave(black_box(&save)).unwrap();
        });
    });
}

criterion_group!(benches, keystroke, autosave);
criterion_main!(benches);
