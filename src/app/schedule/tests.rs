use std::sync::Arc;

use jiff::SignedDuration;

use super::*;
use crate::app::Action;
use crate::clock::{Clock, ManualClock};
use crate::domain::{Schedule, User, Workflow};
use crate::i18n::Lang;
use crate::testing::{demo_app, demo_store, now, session_at};

fn cmd(app: &mut App, c: Command) {
    app.update(Action::Command(c));
}

/// The agenda as text: `# heading` lines and article titles, in list order.
fn shown(app: &App) -> Vec<String> {
    app.agenda
        .list
        .rows
        .iter()
        .map(|e| match e {
            Entry::Heading { heading, .. } => format!("# {}", heading.text(Lang::Vi)),
            Entry::Item(row) => row.title.chars().take(20).collect(),
        })
        .collect()
}

fn schedule_in(app: &mut App, who: &User, id: ArticleId, wall: &str) {
    let zone = app.session.zone.iana_name().unwrap().to_owned();
    let s = crate::domain::parse_schedule(wall, &zone, app.session.clock.now()).unwrap();
    app.store
        .schedule(who, id, &s, Workflow::default(), app.session.clock.now())
        .unwrap();
}

/// An app whose clock the test moves, on the demo store.
fn app_with_clock(articles: Option<usize>, page: usize) -> (App, Arc<ManualClock>) {
    let (store, _) = demo_store(articles);
    let clock = Arc::new(ManualClock::new(now()));
    let session = session_at(&store, "huong.tran", Lang::Vi, clock.clone(), "s1");
    (App::new(store, session, page).unwrap(), clock)
}

#[test]
fn the_agenda_groups_the_coming_days_under_vietnamese_day_headings() {
    // 10:00 on Saturday 28/11/2026 in Hanoi; the demo schedules three articles at +6 h,
    // +18 h and +40 h.
    let mut app = demo_app(None, Lang::Vi, 20);
    cmd(&mut app, Command::ShowSchedule);
    assert_eq!(
        shown(&app),
        [
            "# Hôm nay · Thứ Bảy 28/11",
            "Đống Đa: Trường THCS",
            "# Ngày mai · Chủ nhật 29/11",
            "Rộn ràng Trung thu p",
            "# Thứ Hai 30/11",
            "Thanh Xuân mở rộng m",
        ]
    );
    assert_eq!(
        app.agenda.list.selected, 1,
        "the cursor starts on an article, not a heading"
    );
    assert_eq!(app.agenda.counts.coming, 3);
    assert_eq!(app.agenda.counts.overdue + app.agenda.counts.published, 0);
}

#[test]
fn overdue_comes_first_with_its_reason_and_late_publications_last() {
    let (mut app, clock) = app_with_clock(None, 20);
    let editor = app.session.user.clone();
    let lan = app.store.active_user("lan.nguyen").unwrap();
    // Scheduled, then its lead emptied: it cannot pass the ready-to-publish check.
    let thin = crate::testing::scheduled_then_thinned(
        &mut app.store,
        &lan,
        &editor,
        "Tin ngắn chưa có sa-pô",
        "11:00 28/11/2026",
        now(),
    );
    // 17:10: the demo's 16:00 article and the thin one are due; a run publishes one.
    clock.advance(SignedDuration::from_mins(7 * 60 + 10));
    let outcomes = app.store.run_due(clock.now()).unwrap();
    assert_eq!(outcomes.len(), 2);
    app.update(Action::Tick);
    cmd(&mut app, Command::ShowSchedule);
    cmd(&mut app, Command::First);
    assert_eq!(
        app.selected_article(),
        Some(thin),
        "what is stuck is the first article"
    );

    let rows = &app.agenda.list.rows;
    assert!(matches!(
        rows[0],
        Entry::Heading {
            heading: Heading::Overdue,
            ..
        }
    ));
    let Entry::Item(stuck) = &rows[1] else {
        panic!("{rows:?}")
    };
    assert_eq!(stuck.id, thin);
    assert_eq!(stuck.held_because, "the lead is empty");
    let Some(Entry::Item(late)) = rows.last() else {
        panic!("{rows:?}")
    };
    assert_eq!(late.section, Section::Published);
    assert_eq!(late.late_minutes, Some(70));
    assert!(
        matches!(
            rows[rows.len() - 2],
            Entry::Heading {
                heading: Heading::Published,
                ..
            }
        ),
        "{rows:?}"
    );
    assert_eq!(
        (
            app.agenda.counts.overdue,
            app.agenda.counts.coming,
            app.agenda.counts.published
        ),
        (1, 2, 1)
    );
}

#[test]
fn a_schedule_whose_minute_passes_is_published_by_the_tick_and_moves_down() {
    let (mut app, clock) = app_with_clock(None, 20);
    cmd(&mut app, Command::ShowSchedule);
    assert_eq!(app.agenda.counts.overdue, 0);
    let published = app.agenda.counts.published;
    // The first tick learns the store's data version; the second has nothing to do.
    app.update(Action::Tick);
    clock.advance(SignedDuration::from_secs(59));
    assert!(!app.update(Action::Tick), "the same minute: nothing to re-read");
    clock.advance(SignedDuration::from_hours(6) - SignedDuration::from_secs(59));
    assert!(app.update(Action::Tick), "16:00 came");
    // The TUI's own catch-up published it: never left overdue while a session runs.
    assert_eq!(app.agenda.counts.overdue, 0);
    assert_eq!(app.agenda.counts.published, published + 1);
}

/// Every article the agenda lists, read in one page: the order paging must reproduce.
fn all_ids(app: &App) -> Vec<i64> {
    let mut whole = Agenda::new(app.session.zone.clone(), app.session.clock.now(), 1000);
    whole.refresh(&app.store, app.session.clock.now()).unwrap();
    whole
        .list
        .rows
        .iter()
        .filter_map(|e| match e {
            Entry::Item(r) => Some(r.id),
            Entry::Heading { .. } => None,
        })
        .collect()
}

/// A store with all three sections, and more rows than any page below.
fn busy_app(page: usize) -> App {
    let (mut app, clock) = app_with_clock(Some(45), page);
    // 45 demo articles hold 9 scheduled ones; 6 h on, three are due and get published.
    clock.advance(SignedDuration::from_hours(7));
    app.store.run_due(clock.now()).unwrap();
    let editor = app.session.user.clone();
    for (i, wall) in [
        "08:00 29/11/2026",
        "09:30 01/12/2026",
        "23:59 04/12/2026",
        "00:00 05/12/2026",
    ]
    .into_iter()
    .enumerate()
    {
        let draft = crate::testing::ready_draft(&format!("Bài hẹn giờ thêm {i}"));
        let id = app
            .store
            .create_article(&editor, &draft, "Asia/Ho_Chi_Minh", clock.now())
            .unwrap();
        schedule_in(&mut app, &editor, id, wall);
    }
    app.update(Action::Tick);
    cmd(&mut app, Command::ShowSchedule);
    app
}

#[test]
fn paging_down_and_up_visits_every_article_once_in_order_and_never_rests_on_a_heading() {
    for page in [2, 3, 4, 5] {
        let mut app = busy_app(page);
        let want = all_ids(&app);
        assert!(
            want.len() > 2 * page,
            "more rows than two pages ({page}): {}",
            want.len()
        );
        assert!(app.agenda.counts.published >= 3 && app.agenda.counts.coming >= 6);
        assert_eq!(app.agenda.counts.later, 1, "00:00 05/12 is past the seven days");

        let mut down = vec![app.selected_article().unwrap()];
        for _ in 0..want.len() + 5 {
            cmd(&mut app, Command::Down);
            let id = app.selected_article().expect("the cursor is on an article");
            if down.last() != Some(&id) {
                down.push(id);
            }
        }
        assert_eq!(down, want, "j through the whole agenda, page {page}");
        assert!(app.agenda.list.rows.len() <= page);

        let mut up = vec![app.selected_article().unwrap()];
        for _ in 0..want.len() + 5 {
            cmd(&mut app, Command::Up);
            let id = app.selected_article().expect("the cursor is on an article");
            if up.last() != Some(&id) {
                up.push(id);
            }
        }
        up.reverse();
        assert_eq!(up, want, "k back to the top, page {page}");
        assert!(app.agenda.list.is_at_top());
    }
}

#[test]
fn page_keys_and_first_last_reach_both_ends() {
    let mut app = busy_app(4);
    let want = all_ids(&app);
    let mut seen = Vec::new();
    for _ in 0..want.len() {
        seen.extend(app.agenda.list.rows.iter().filter_map(|e| match e {
            Entry::Item(r) => Some(r.id),
            Entry::Heading { .. } => None,
        }));
        assert!(app.selected_article().is_some());
        cmd(&mut app, Command::PageDown);
    }
    seen.dedup();
    assert_eq!(seen, want, "PgDn shows every article once");
    cmd(&mut app, Command::Last);
    assert_eq!(app.selected_article(), want.last().copied());
    cmd(&mut app, Command::First);
    assert_eq!(app.selected_article(), want.first().copied());
    cmd(&mut app, Command::Last);
    for _ in 0..want.len() {
        cmd(&mut app, Command::PageUp);
        assert!(app.selected_article().is_some());
    }
    assert!(app.agenda.list.is_at_top());
}

#[test]
fn enter_opens_the_selected_article_in_the_editor_and_esc_comes_back() {
    let mut app = demo_app(None, Lang::Vi, 20);
    cmd(&mut app, Command::ShowSchedule);
    cmd(&mut app, Command::Down);
    let id = app.selected_article().unwrap();
    cmd(&mut app, Command::Open);
    let editor = app.editor.as_ref().expect("the editor opened");
    assert_eq!(editor.article_id, id);
    assert_eq!(app.selected_article(), Some(id));
    cmd(&mut app, Command::Back);
    assert!(app.editor.is_none());
    assert_eq!(app.tab, Tab::Schedule);
    assert_eq!(app.selected_article(), Some(id), "the cursor kept its place");
}

#[test]
fn other_sessions_schedules_appear_on_the_next_tick_without_moving_the_cursor() {
    let shared = crate::testing::SharedStore::demo();
    let mut app = shared.app("huong.tran", Lang::Vi, "s", 20);
    cmd(&mut app, Command::ShowSchedule);
    cmd(&mut app, Command::Down);
    let selected = app.selected_article().unwrap();

    let mut other = shared.store();
    let khanh = other.active_user("khanh.do").unwrap();
    let draft = crate::testing::ready_draft("Bài từ phiên khác");
    let id = other
        .create_article(&khanh, &draft, "Asia/Ho_Chi_Minh", now())
        .unwrap();
    let s = crate::domain::parse_schedule("12:00 28/11/2026", "Asia/Ho_Chi_Minh", now()).unwrap();
    other
        .schedule(&khanh, id, &s, Workflow::default(), now())
        .unwrap();

    assert!(app.update(Action::Tick));
    assert_eq!(app.agenda.counts.coming, 4);
    let Entry::Item(first) = &app.agenda.list.rows[1] else {
        panic!()
    };
    assert_eq!(first.id, id, "12:00 today is now the first row");
    assert_eq!(first.author, "Đỗ Quốc Khánh");
    assert_eq!(
        app.selected_article(),
        Some(selected),
        "the cursor stayed on its article"
    );
}

#[test]
fn days_are_the_newsrooms_days_across_a_clock_change() {
    // Berlin springs forward on Sunday 29/03/2026. "Now" is 13:00 on Friday 27/03.
    let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
    let now: jiff::Timestamp = "2026-03-27T12:00:00Z".parse().unwrap();
    let (mut store, admin) = demo_store(Some(0));
    let mut at = |title: &str, utc: &str| {
        let draft = crate::testing::ready_draft(title);
        let id = store
            .create_article(&admin, &draft, "Europe/Berlin", now)
            .unwrap();
        let s = Schedule {
            at: utc.parse().unwrap(),
            zone: "Europe/Berlin".into(),
            wall: String::new(),
        };
        store.schedule(&admin, id, &s, Workflow::default(), now).unwrap();
    };
    // 01:30 CET on Sunday, still Saturday in UTC.
    at("sunday early", "2026-03-29T00:30:00Z");
    // 00:30 CEST on Monday, still Sunday in UTC.
    at("monday early", "2026-03-29T22:30:00Z");
    // 23:30 CEST on Thursday 02/04: the last day of the seven.
    at("thursday late", "2026-04-02T21:30:00Z");
    // 00:30 CEST on Friday 03/04: after the seven days, though within 7×24 h of
    // Friday's midnight in winter time.
    at("friday after", "2026-04-02T22:30:00Z");
    let clock = Arc::new(ManualClock::new(now));
    let mut session = session_at(&store, "root", Lang::En, clock, "s1");
    session.zone = berlin;
    let mut app = App::new(store, session, 20).unwrap();
    cmd(&mut app, Command::ShowSchedule);
    let shown: Vec<String> = app
        .agenda
        .list
        .rows
        .iter()
        .map(|e| match e {
            Entry::Heading { heading, .. } => heading.text(Lang::En),
            Entry::Item(row) => row.title.clone(),
        })
        .collect();
    assert_eq!(
        shown,
        [
            "Sunday 29/03",
            "sunday early",
            "Monday 30/03",
            "monday early",
            "Thursday 02/04",
            "thursday late",
        ]
    );
    assert_eq!(app.agenda.counts.later, 1);
}
