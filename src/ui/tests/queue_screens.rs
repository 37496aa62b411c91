//! Every screen, notice and hint outside the editor, in Vietnamese and English at 80×24:
//! the queue in each of its states, the Articles list, the Schedule tab, the workflow
//! dialogs and the help. The Vietnamese screens carry no English word.

use super::*;
use crate::testing::{SharedStore, demo_store, session};
use crate::text::sanitize_line;

const LANGS: [(Lang, &str); 2] = [(Lang::Vi, "vi"), (Lang::En, "en")];

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )));
    }
}

fn app_as(login: &str, lang: Lang) -> App {
    let (store, _) = demo_store(None);
    let session = session(&store, login, lang);
    App::new(store, session, list_rows(24)).unwrap()
}

fn queue_as(login: &str, lang: Lang) -> App {
    let mut app = app_as(login, lang);
    cmd(&mut app, Command::ShowComments);
    app
}

/// Snapshots the screen under `name` in `lang` and returns its text, checked for English
/// words when it is the Vietnamese one.
fn shot(app: &App, name: &str, lang: &str) -> String {
    let terminal = render(app, 80, 24, &Theme::default());
    insta::assert_snapshot!(format!("{name}_80x24_{lang}"), terminal.backend());
    let text = screen_text(&terminal);
    if lang == "vi" {
        assert_no_english(&text, name);
    }
    text
}

/// Words of the English UI that must not show in the Vietnamese one. Reader text, logins,
/// file paths, key names and search syntax (`status:`) are not UI words and are allowed.
const ENGLISH: &[&str] = &[
    "approve",
    "approved",
    "reject",
    "rejected",
    "pending",
    "marked",
    "mark",
    "undo",
    "open",
    "back",
    "quit",
    "search",
    "help",
    "next",
    "previous",
    "article",
    "articles",
    "comment",
    "comments",
    "queue",
    "draft",
    "published",
    "scheduled",
    "author",
    "title",
    "save",
    "delete",
    "confirm",
    "cancel",
    "from",
    "by",
    "at",
    "the",
    "and",
    "or",
    "same",
    "address",
    "held",
    "rule",
    "more",
    "rows",
    "today",
    "tomorrow",
    "overdue",
    "editor",
    "reporter",
    "workflow",
    "schedule",
    "tags",
    "only",
    "new",
    "press",
    "page",
    "first",
    "last",
];

/// Row `n` of the screen, without the quotes the test backend puts around it.
fn row(text: &str, n: usize) -> String {
    text.lines()
        .nth(n)
        .unwrap_or_default()
        .trim_matches('"')
        .to_owned()
}

fn assert_no_english(text: &str, name: &str) {
    for (n, line) in text.lines().enumerate() {
        // The status line names the login and the store's path.
        if n + 1 == text.lines().count() {
            continue;
        }
        // Slugs, logins, paths and search syntax are kept whole, and skipped.
        for word in line.split(|c: char| !c.is_alphanumeric() && !":.-_/@".contains(c)) {
            let syntax = ["status:", "tag:", "author:", "before:", "after:", "article:"];
            let bare = word.trim_end_matches(['.', ':']).to_lowercase();
            if syntax.contains(&word) || bare.contains([':', '.', '-', '_', '/', '@']) {
                continue;
            }
            assert!(
                !ENGLISH.contains(&bare.as_str()),
                "{name}: English word {word:?} in the Vietnamese UI:\n{line}"
            );
        }
    }
}

#[test]
fn the_queue_list_dates_rows_that_are_not_from_today() {
    for (lang, name) in LANGS {
        let app = queue_as("huong.tran", lang);
        let text = shot(&app, "queue_list", name);
        // The demo's comments are from days ago (the clock says 28/11).
        let first = row(&text, 2);
        assert!(first.contains(" 25/11 "), "{first}");
        assert!(text.contains("1/45"), "{text}");
    }
}

#[test]
fn a_reporter_is_offered_only_what_a_reporter_may_do() {
    for (lang, name) in LANGS {
        let mut app = queue_as("lan.nguyen", lang);
        let text = shot(&app, "queue_reporter", name);
        let hints = row(&text, 22);
        for key in ["f ", "d ", "s ", "x ", "z "] {
            assert!(
                !hints.starts_with(key) && !hints.contains(&format!("   {key}")),
                "{hints}"
            );
        }
        cmd(&mut app, Command::Open);
        let hints = row(&screen_text(&render(&app, 80, 24, &Theme::default())), 22);
        assert!(hints.starts_with("q "), "{hints}");
    }
}

#[test]
fn the_single_view_says_where_it_is_and_how_back() {
    for (lang, name) in LANGS {
        let mut app = queue_as("huong.tran", lang);
        for _ in 0..11 {
            cmd(&mut app, Command::Down);
        }
        cmd(&mut app, Command::Open);
        let text = shot(&app, "queue_single_position", name);
        assert!(text.contains("· 12/45 "), "{text}");
        let hints = row(&text, 22);
        assert!(hints.contains("q ") && !hints.contains("Enter"), "{hints}");
    }
}

#[test]
fn a_lost_race_names_who_decided_and_when_in_the_row_and_the_notice() {
    for (lang, name) in LANGS {
        let shared = SharedStore::demo();
        let mut a = shared.app("huong.tran", lang, "a", list_rows(24));
        let mut b = shared.app("khanh.do", lang, "b", list_rows(24));
        cmd(&mut a, Command::ShowComments);
        cmd(&mut b, Command::ShowComments);
        cmd(&mut a, Command::Approve);
        cmd(&mut b, Command::Reject);
        let text = shot(&b, "queue_lost", name);
        let (notice, lost_row) = match lang {
            Lang::Vi => ("Trần Thu Hương đã duyệt lúc 10:00", "Admin (Trần Thu Hươ"),
            Lang::En => ("approved by Trần Thu Hương at 10:00", "Admin (approved by"),
        };
        assert!(row(&text, 22).contains(notice), "{text}");
        assert!(row(&text, 2).contains(lost_row), "{text}");
    }
}

#[test]
fn the_bulk_confirmations_read_like_sentences() {
    for (lang, name) in LANGS {
        let mut app = queue_as("huong.tran", lang);
        for _ in 0..4 {
            cmd(&mut app, Command::Mark);
        }
        cmd(&mut app, Command::SpamMarked);
        let text = shot(&app, "queue_confirm_spam", name);
        let want = match lang {
            Lang::Vi => "Chuyển 4 bình luận đã đánh dấu vào mục rác?",
            Lang::En => "Move 4 marked comments to spam?",
        };
        assert!(text.contains(want), "{text}");
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::ApproveMarked);
        let want = match lang {
            Lang::Vi => "Duyệt 4 bình luận đã đánh dấu?",
            Lang::En => "Approve 4 marked comments?",
        };
        assert!(screen_text(&render(&app, 80, 24, &Theme::default())).contains(want));
        cmd(&mut app, Command::Confirm);
        shot(&app, "queue_bulk_done", name);
        cmd(&mut app, Command::Undo);
        shot(&app, "queue_undone", name);
    }
}

#[test]
fn marking_by_pattern_says_ip_address() {
    for (lang, name) in LANGS {
        let mut app = queue_as("huong.tran", lang);
        cmd(&mut app, Command::MarkBy);
        let text = shot(&app, "queue_mark_by", name);
        let want = match lang {
            Lang::Vi => "c cùng địa chỉ IP",
            Lang::En => "c same IP address",
        };
        assert!(text.contains(want), "{text}");
        cmd(&mut app, Command::MarkWord);
        type_text(&mut app, "vay");
        shot(&app, "queue_mark_word", name);
    }
}

#[test]
fn one_articles_comments_say_so_in_the_bar() {
    for (lang, name) in LANGS {
        let mut app = queue_as("huong.tran", lang);
        cmd(&mut app, Command::FilterArticle);
        let q = app.queue.as_ref().unwrap();
        let id = q.list.source.article.unwrap();
        let text = shot(&app, "queue_one_article", name);
        let want = match lang {
            Lang::Vi => format!("chỉ bài #{id}"),
            Lang::En => format!("article #{id} only"),
        };
        assert!(row(&text, 1).contains(&want), "{text}");
    }
}

#[test]
fn the_author_history_has_its_own_label() {
    for (lang, _) in LANGS {
        let app = queue_as("huong.tran", lang);
        let text = screen_text(&render(&app, 80, 24, &Theme::default()));
        let (sender, history) = match lang {
            Lang::Vi => ("Người gửi:", "Lịch sử người gửi:"),
            Lang::En => ("From:", "Author's record:"),
        };
        assert_eq!(text.matches(sender).count(), 1, "{text}");
        assert!(text.contains(history), "{text}");
    }
}

#[test]
fn the_queues_help_and_search_in_both_languages() {
    for (lang, name) in LANGS {
        let mut app = queue_as("huong.tran", lang);
        cmd(&mut app, Command::Help);
        shot(&app, "queue_help", name);
        // At 80×24 the Vietnamese labels wrap past the screen: the rest is a scroll away.
        cmd(&mut app, Command::PageDown);
        shot(&app, "queue_help_scrolled", name);
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::Search);
        type_text(&mut app, "article:1 vay");
        let text = shot(&app, "queue_search", name);
        // The queue takes words and `article:` only: its line offers no other filter.
        let hint = row(&text, 22);
        assert!(
            hint.contains("article:SỐ") || hint.contains("article:ID"),
            "{hint}"
        );
        assert!(!hint.contains("status:") && !hint.contains("tag:"), "{hint}");
    }
}

#[test]
fn the_lists_and_tabs_outside_the_queue_in_both_languages() {
    for (lang, name) in LANGS {
        let mut app = app_as("lan.nguyen", lang);
        shot(&app, "articles", name);
        cmd(&mut app, Command::Help);
        shot(&app, "articles_help", name);
        cmd(&mut app, Command::Back);
        cmd(&mut app, Command::ShowSchedule);
        shot(&app, "schedule", name);
        cmd(&mut app, Command::ShowTags);
        shot(&app, "tags_reporter", name);
    }
}

#[test]
fn the_workflow_dialogs_in_both_languages() {
    for (lang, name) in LANGS {
        // lan.nguyen's newest draft is the first row.
        let mut app = app_as("lan.nguyen", lang);
        cmd(&mut app, Command::Workflow);
        cmd(&mut app, Command::DeleteDraft);
        shot(&app, "workflow_delete", name);
        cmd(&mut app, Command::Back);
        let mut app = app_as("huong.tran", lang);
        for _ in 0..20 {
            if app.articles.selected_row().map(|r| r.status) == Some(crate::domain::Status::Published) {
                break;
            }
            cmd(&mut app, Command::Down);
        }
        cmd(&mut app, Command::Workflow);
        let text = shot(&app, "workflow_published", name);
        // Enter carries the move out: the hint must not call it opening.
        let want = match lang {
            Lang::Vi => "Enter xác nhận",
            Lang::En => "Enter confirm",
        };
        assert!(row(&text, 22).contains(want), "{text}");
        cmd(&mut app, Command::ChangeSlug);
        shot(&app, "workflow_slug", name);
    }
}

#[test]
fn c_shows_the_comment_among_its_articles_comments() {
    for (lang, name) in LANGS {
        let mut app = queue_as("huong.tran", lang);
        cmd(&mut app, Command::Down);
        cmd(&mut app, Command::ShowContext);
        let q = app.queue.as_ref().unwrap();
        let c = q.list.selected_row().unwrap().clone();
        let text = shot(&app, "queue_context", name);
        let (title, counts) = match lang {
            Lang::Vi => (
                format!("#{} · trên bài #{} ", c.id, c.article_id),
                "Bình luận trên bài:",
            ),
            Lang::En => (
                format!("#{} · on article #{} ", c.id, c.article_id),
                "Comments on it:",
            ),
        };
        assert!(row(&text, 2).contains(&title), "{text}");
        assert!(text.contains(counts), "{text}");
        cmd(&mut app, Command::Open);
        let text = shot(&app, "queue_context_single", name);
        // The whole width: the comment's own row reads on past where the pane would end.
        assert!(
            text.contains(&format!("? {}: ", sanitize_line(&c.name).text)),
            "{text}"
        );
        // `q` (or Esc) leaves the context before it leaves the single view.
        let hints = row(&text, 22);
        assert!(hints.contains("q "), "{hints}");
    }
}

/// Forty comments before and forty after the selected one on its article: the pane shows
/// it among as many before as after, and the end lines count exactly what is left out.
#[test]
fn the_context_keeps_the_comment_in_the_middle_and_counts_what_it_leaves_out() {
    let shared = SharedStore::demo();
    let mut app = shared.app("huong.tran", Lang::En, "a", list_rows(24));
    cmd(&mut app, Command::ShowComments);
    let mut store = shared.store();
    let c = app.queue.as_ref().unwrap().list.selected_row().unwrap().clone();
    for i in 1..=80i64 {
        let minutes = if i <= 40 { -i } else { i - 40 };
        let sub = crate::store::Submission {
            article: crate::store::ArticleRef::Id(c.article_id),
            form: crate::domain::CommentForm {
                name: format!("Reader {i}"),
                phone: String::new(),
                title: "Note".into(),
                content: "Text".into(),
            },
            ip: String::new(),
            submitted_at: c.submitted_at + jiff::SignedDuration::from_mins(minutes),
            import_key: Some(format!("ctx-{i}")),
        };
        store
            .submit_comment(&sub, &crate::domain::Rules::default(), crate::testing::now())
            .unwrap();
    }
    cmd(&mut app, Command::ShowContext);
    let text = screen_text(&render(&app, 80, 24, &Theme::default()));
    let pane: Vec<String> = text
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .split('│')
                .nth(1)
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let rows: Vec<usize> = (0..pane.len())
        // A comment's row starts with its time, "03:38".
        .filter(|&i| pane[i].chars().nth(2) == Some(':') && pane[i].starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let mine = rows
        .iter()
        .position(|&i| pane[i].contains(&format!(" {}: ", sanitize_line(&c.name).text)))
        .unwrap_or_else(|| panic!("the comment is in view:\n{text}"));
    let (before, after) = (mine, rows.len() - mine);
    assert!(
        before.abs_diff(after) <= 1,
        "{before} before, {after} from it on:\n{text}"
    );
    let counted = |prefix: &str, suffix: &str| -> usize {
        pane.iter()
            .find_map(|l| l.trim().strip_prefix(prefix)?.strip_suffix(suffix)?.parse().ok())
            .unwrap_or_else(|| panic!("no \"{prefix}N{suffix}\" line:\n{text}"))
    };
    let total: u64 = store
        .conversation(c.article_id, c.key(), 0, 0)
        .unwrap()
        .counts
        .iter()
        .sum();
    let left_out = counted("↑ ", " earlier") + counted("↓ ", " later");
    assert_eq!(left_out + rows.len(), total as usize, "{text}");
}
