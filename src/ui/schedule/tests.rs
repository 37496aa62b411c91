use std::sync::Arc;

use jiff::SignedDuration;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

use crate::app::{Action, App};
use crate::clock::{Clock, ManualClock};
use crate::i18n::Lang;
use crate::keymap::{Command, Keymap};
use crate::testing::{demo_store, now, session_at};
use crate::ui::{Theme, draw, list_rows};

/// The demo at 17:10 on 28/11/2026 in Hanoi: one article held for want of a lead, the
/// 16:00 article published 70 minutes late, two more coming.
fn busy_schedule(lang: Lang, height: u16) -> App {
    let (mut store, _) = demo_store(None);
    let editor = store.active_user("huong.tran").unwrap();
    let lan = store.active_user("lan.nguyen").unwrap();
    crate::testing::scheduled_then_thinned(
        &mut store,
        &lan,
        &editor,
        "Phường Láng Hạ thông báo lịch cắt nước cuối tuần",
        "11:00 28/11/2026",
        now(),
    );
    let clock = Arc::new(ManualClock::new(now()));
    clock.advance(SignedDuration::from_mins(7 * 60 + 10));
    store.run_due(clock.now()).unwrap();
    let session = session_at(&store, "huong.tran", lang, clock, "s1");
    let mut app = App::new(store, session, list_rows(height)).unwrap();
    app.update(Action::Command(Command::ShowSchedule));
    app
}

fn render(app: &App, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| draw(f, app, &Keymap::default(), theme))
        .unwrap();
    terminal
}

#[test]
fn schedule_80x24_vi() {
    let app = busy_schedule(Lang::Vi, 24);
    insta::assert_snapshot!(
        "schedule_80x24_vi",
        render(&app, 80, 24, &Theme::default()).backend()
    );
}

#[test]
fn schedule_80x24_en() {
    let app = busy_schedule(Lang::En, 24);
    insta::assert_snapshot!(
        "schedule_80x24_en",
        render(&app, 80, 24, &Theme::default()).backend()
    );
}

#[test]
fn schedule_120x40_vi() {
    let app = busy_schedule(Lang::Vi, 40);
    insta::assert_snapshot!(
        "schedule_120x40_vi",
        render(&app, 120, 40, &Theme::default()).backend()
    );
}

#[test]
fn an_empty_schedule_says_so_80x24_en() {
    let (store, _) = demo_store(Some(0));
    let session = crate::testing::session(&store, "root", Lang::En);
    let mut app = App::new(store, session, list_rows(24)).unwrap();
    app.update(Action::Command(Command::ShowSchedule));
    insta::assert_snapshot!(
        "schedule_empty_80x24_en",
        render(&app, 80, 24, &Theme::default()).backend()
    );
}

#[test]
fn the_cursor_is_on_an_article_row_and_overdue_reads_as_an_error_in_colour() {
    let app = busy_schedule(Lang::Vi, 24);
    let terminal = render(&app, 80, 24, &Theme::colored());
    let buffer = terminal.backend().buffer();
    // Row 0 tabs, 1 the summary, 2 the overdue heading, 3 the held article (selected).
    let text = |y: u16| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>();
    assert!(text(2).starts_with("Quá hạn"), "{}", text(2));
    assert!(text(3).contains("thiếu sa-pô"), "{}", text(3));
    assert!(buffer[(40, 3)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(5, 2)].modifier.contains(Modifier::REVERSED));
    assert_eq!(
        buffer[(3, 3)].fg,
        ratatui::style::Color::Red,
        "the status of a stuck article"
    );
    assert_eq!(buffer[(0, 1)].fg, ratatui::style::Color::Red, "1 quá hạn");
}
