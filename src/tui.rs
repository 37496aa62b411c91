//! The terminal: taking it over, the event loop, and always giving it back.
//!
//! Owns: raw mode, the alternate screen, bracketed paste, the panic hook, reading events,
//! drawing. May not touch: the store (the app does), key meanings (the key map does).

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute, queue};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::app::{Action, App};
use crate::input::{self, Burst};
use crate::keymap::Keymap;
use crate::rescue::Rescue;
use crate::ui::{self, Theme};

mod keys;
mod out;
mod query;
mod typed;

use out::FrameOut;

/// Each frame leaves in one write (see `out`): it matters on slow SSH links. The viewport
/// is fixed and follows the terminal's resize events: a full-screen viewport asks the
/// terminal its size before every frame, which crossterm does by opening `/dev/tty`.
type Term = Terminal<CrosstermBackend<FrameOut>>;

/// How often the app looks for other sessions' commits.
const CHANGE_POLL: Duration = Duration::from_millis(400);

/// How soon a picture the worker finished is shown.
const PICTURE_POLL: Duration = Duration::from_millis(40);

/// How long the terminal has to say what pictures it draws. Every terminal answers the
/// status report sent with the query at once, so only a very slow link waits this long,
/// and then it gets half-blocks, which cost the least to send anyway. The first frame is
/// already on screen by then and keys typed meanwhile are kept.
const PICTURE_QUERY: Duration = Duration::from_millis(500);

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("Newsroom needs an interactive terminal: run it in one, or over SSH with `ssh -t`.")]
    NoTerminal,
    #[error("The terminal could not be set up: {0}.")]
    Setup(io::Error),
    /// The terminal went away (hang-up, closed window): nothing can be shown any more.
    #[error("The terminal went away.")]
    Gone,
}

/// Both ends must be a terminal: a forced SSH command without `-t`, or a pipe, is refused.
pub fn require_terminal() -> Result<(), TuiError> {
    if io::stdin().is_terminal() && io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(TuiError::NoTerminal)
    }
}

/// Runs the app until it quits. The terminal is given back on return, on error and on panic.
pub fn run(app: &mut App, keymap: &Keymap, theme: &Theme, rescue: &Rescue) -> Result<(), TuiError> {
    let mut terminal = take_over(rescue)?;
    app.lag_spelling = true;
    let result = event_loop(&mut terminal, app, keymap, theme, rescue);
    if matches!(result, Err(TuiError::Gone)) {
        // Writing to a dead terminal can block; the typing matters more. Keys read in the
        // batch that failed are handed over first.
        let _ = app.autosave();
        rescue.save_all();
    } else {
        restore();
    }
    rescue.terminal_taken.store(false, Ordering::SeqCst);
    result
}

fn take_over(rescue: &Rescue) -> Result<Term, TuiError> {
    install_panic_hook();
    enable_raw_mode().map_err(TuiError::Setup)?;
    rescue.terminal_taken.store(true, Ordering::SeqCst);
    let mut out = FrameOut::new();
    let setup = queue!(out, EnterAlternateScreen, EnableBracketedPaste).and_then(|()| out.send());
    let terminal = setup
        .and_then(|()| crossterm::terminal::size())
        .and_then(|(width, height)| {
            let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
            Terminal::with_options(CrosstermBackend::new(out), TerminalOptions { viewport })
        });
    terminal.map_err(|e| {
        restore();
        TuiError::Setup(e)
    })
}

/// What asking for pictures left the screen needing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterAsking {
    Nothing,
    /// A frame: the answer or the keys typed meanwhile changed what is shown.
    Frame,
    /// The whole screen again: the terminal may have printed part of the question.
    Repaint,
}

/// Asks the terminal, once the first frame is on screen, whether it draws kitty, iTerm2 or
/// sixel graphics. Keys typed while it answers are handled here, in order, as the event
/// loop would have.
fn ask_for_pictures(app: &mut App, keymap: &Keymap) -> AfterAsking {
    if !app.pictures.wants_terminal_query() {
        return AfterAsking::Nothing;
    }
    let asked = query::ask(PICTURE_QUERY);
    let mut dirty = false;
    if let Some(picker) = asked.picker {
        app.pictures.use_picker(picker);
        dirty = true;
    }
    let mut burst = Burst::default();
    for ev in &asked.keys {
        if let Some(action) = input::to_action(ev, app.contexts(), keymap, &mut burst) {
            app.update(action);
            dirty = true;
        }
        if app.should_quit {
            break;
        }
    }
    if let Err(e) = app.autosave() {
        app.say_error(e.to_string());
    }
    match (asked.may_have_printed, dirty) {
        (true, _) => AfterAsking::Repaint,
        (false, true) => AfterAsking::Frame,
        (false, false) => AfterAsking::Nothing,
    }
}

/// Lays the screen out again when the terminal's size changed unannounced: crossterm
/// hears of resizes only from its first read of events, after the picture question.
fn fit(terminal: &mut Term, app: &mut App) -> Result<bool, TuiError> {
    let (width, height) = crossterm::terminal::size().map_err(|_| TuiError::Gone)?;
    let area = Rect::new(0, 0, width, height);
    if terminal.get_frame().area() == area {
        return Ok(false);
    }
    terminal.resize(area).map_err(|_| TuiError::Gone)?;
    app.update(Action::Resize {
        list_rows: ui::list_rows(height),
    });
    Ok(true)
}

/// Gives the terminal back. Safe to call twice, and never panics.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// Once per process, however often the terminal is taken (the external editor gives it back).
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // The picture worker catches its own panics and shows a notice; the screen stays.
            if std::thread::current().name() == Some(crate::app::picture::WORKER) {
                return;
            }
            restore();
            previous(info);
        }));
    });
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    keymap: &Keymap,
    theme: &Theme,
    rescue: &Rescue,
) -> Result<(), TuiError> {
    let size = terminal.size().map_err(|_| TuiError::Gone)?;
    app.update(Action::Resize {
        list_rows: ui::list_rows(size.height),
    });
    let mut dirty = true;
    // Whether the next frame must be drawn whole; a batch of keys typed into the body alone
    // is drawn as a typed frame (`typed`) when it can be.
    let mut whole = true;
    let mut shown = typed::Shown::default();
    let mut asked = false;
    let mut typed = false;
    let mut last_poll = Instant::now();
    while !app.should_quit {
        if dirty {
            if whole || !draw_typed(terminal, &mut shown, app, keymap, theme)? {
                draw(terminal, &mut shown, app, keymap, theme)?;
            }
            dirty = false;
            whole = false;
            if !asked {
                // After the first frame, so that it never waits for the terminal's answer,
                // nor shares the disk with the whole-file check.
                asked = true;
                app.start_store_check();
                let after = ask_for_pictures(app, keymap);
                if after == AfterAsking::Repaint {
                    shown.forget(terminal);
                    // Clears the screen and ratatui's last frame without asking the terminal
                    // where its cursor is (`clear` would, and wait for the answer).
                    let area = terminal.get_frame().area();
                    terminal.resize(area).map_err(|_| TuiError::Gone)?;
                }
                dirty = after != AfterAsking::Nothing;
                if fit(terminal, app)? {
                    shown.forget(terminal);
                    dirty = true;
                }
                whole = dirty;
            }
            app.pictures.dispatch();
        }
        // What a batch of keys leaves for after its frame, so that the person sees the
        // keys first: the typing goes to the autosave thread (a copy of the whole text),
        // then, unless more keys wait, the spelling check, whose underlines and count may
        // call for one more frame. A draw that fails hands the typing over in `run`.
        if std::mem::take(&mut typed)
            && let Err(e) = app.autosave()
        {
            app.say_error(e.to_string());
            (dirty, whole) = (true, true);
        }
        if !dirty && !event::poll(Duration::ZERO).map_err(|_| TuiError::Gone)? && app.settle() {
            (dirty, whole) = (true, true);
            continue;
        }
        let mut wait = CHANGE_POLL.saturating_sub(last_poll.elapsed());
        if app.pictures.busy() {
            wait = wait.min(PICTURE_POLL);
        }
        if event::poll(wait).map_err(|_| TuiError::Gone)? {
            // Drain everything pending, in order, then draw once.
            let mut burst = Burst::default();
            loop {
                let ev = event::read().map_err(|_| TuiError::Gone)?;
                if let Event::Resize(width, height) = ev {
                    terminal
                        .resize(Rect::new(0, 0, width, height))
                        .map_err(|_| TuiError::Gone)?;
                    shown.forget(terminal);
                    whole = true;
                }
                if let Some(action) = input::to_action(&ev, app.contexts(), keymap, &mut burst) {
                    whole |= !matches!(action, Action::Type(_));
                    app.update(action);
                    dirty = true;
                }
                if app.should_quit || !event::poll(Duration::ZERO).map_err(|_| TuiError::Gone)? {
                    break;
                }
            }
            typed = true;
        }
        if let Some(body) = app.external_edit.take() {
            *terminal = external_edit(terminal, app, rescue, &body)?;
            shown.forget(terminal);
            (dirty, whole) = (true, true);
        }
        if app.pictures.collect() {
            (dirty, whole) = (true, true);
        }
        if last_poll.elapsed() >= CHANGE_POLL {
            last_poll = Instant::now();
            if app.update(Action::Tick) {
                (dirty, whole) = (true, true);
            }
        }
    }
    Ok(())
}

/// Hands the body to $VISUAL/$EDITOR with the terminal given back, then takes it again.
/// The file lives beside the store and is deleted only once its text is in the store.
fn external_edit(terminal: &mut Term, app: &mut App, rescue: &Rescue, body: &str) -> Result<Term, TuiError> {
    let folder = rescue.folder();
    let path = folder.join(format!(".newsroom-edit-{}.md", std::process::id()));
    let editor = choose_editor(
        std::env::var("VISUAL").ok().as_deref(),
        std::env::var("EDITOR").ok().as_deref(),
    );
    // Editors and line tools expect a final newline; set_body drops it again.
    let written = write_private(&path, &format!("{body}\n"));
    let _ = terminal.flush();
    restore();
    let outcome = written.and_then(|()| run_editor(&editor, &path)).and_then(|()| {
        // The editor may have been handed anything; a body past the limit stays in the
        // file (it is not deleted) and the text on screen is kept.
        crate::files::read_text_capped(&path, crate::files::BODY_LIMIT)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))
    });
    let terminal = take_over(rescue)?;
    match outcome {
        Ok(text) => {
            if app.finish_external_edit(&text) {
                let _ = std::fs::remove_file(&path);
            }
        }
        Err(e) => {
            let text = app
                .t(crate::i18n::Msg::ExternalFailed)
                .replace("{e}", &e.to_string());
            app.say_error(text);
        }
    }
    Ok(terminal)
}

/// `$VISUAL`, else `$EDITOR`, else `vi`; a variable set but blank counts as unset.
fn choose_editor(visual: Option<&str>, editor: Option<&str>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .find(|e| !e.trim().is_empty())
        .unwrap_or("vi")
        .to_owned()
}

fn write_private(path: &std::path::Path, text: &str) -> io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// `$EDITOR` may carry arguments ("code --wait"), so it is split on whitespace.
fn run_editor(editor: &str, path: &std::path::Path) -> io::Result<()> {
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!("{program} exited with {status}")))
    }
}

/// A failed draw means the terminal is gone.
fn draw(
    terminal: &mut Term,
    shown: &mut typed::Shown,
    app: &App,
    keymap: &Keymap,
    theme: &Theme,
) -> Result<(), TuiError> {
    let gone = |_| TuiError::Gone;
    shown.before_whole(terminal);
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate).map_err(gone)?;
    let frame = terminal
        .draw(|frame| ui::draw(frame, app, keymap, theme))
        .map_err(gone)?;
    shown.whole(frame.buffer, app);
    // Ending the synchronized update sends the whole frame in one write (`out`).
    execute!(terminal.backend_mut(), EndSynchronizedUpdate).map_err(gone)?;
    Ok(())
}

/// The frame after keys typed into the body, when it can be drawn so (`typed`); false when
/// a whole frame is needed, and then nothing was sent.
fn draw_typed(
    terminal: &mut Term,
    shown: &mut typed::Shown,
    app: &App,
    keymap: &Keymap,
    theme: &Theme,
) -> Result<bool, TuiError> {
    typed::draw(terminal, shown, app, keymap, theme).map_err(|_| TuiError::Gone)
}

#[cfg(test)]
mod tests {
    use super::choose_editor;

    #[test]
    fn the_external_editor_is_visual_then_editor_then_vi() {
        let table: &[(Option<&str>, Option<&str>, &str)] = &[
            (Some("nano"), Some("vim"), "nano"),
            (None, Some("vim"), "vim"),
            (Some(""), Some("vim"), "vim"),
            (Some("  "), Some("code --wait"), "code --wait"),
            (Some(""), Some(""), "vi"),
            (None, None, "vi"),
        ];
        for (visual, editor, want) in table {
            assert_eq!(
                choose_editor(*visual, *editor),
                *want,
                "VISUAL={visual:?} EDITOR={editor:?}"
            );
        }
    }
}
