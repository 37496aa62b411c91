//! Who runs the command, on which store: shared by every command and the TUI.

use crate::text::vietnamese::Placement;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use jiff::Timestamp;

use super::Cli;
use crate::app::{App, Session};
use crate::clock::{self, Clock};
use crate::config::{self, Config};
use crate::domain::User;
use crate::i18n::Lang;
use crate::rescue::{self, Rescue};
use crate::store::{OpenMode, Store};
use crate::tui::{self, TuiError};
use crate::ui::{self, Theme};

pub struct Context {
    pub db: PathBuf,
    /// The platform data directory is ours to create; a path someone typed is not.
    db_is_default: bool,
    pub login: String,
    lang_flag: Option<Lang>,
    pub restricted: bool,
    /// Read before anything else, so a broken file is reported before any change.
    config: Config,
    /// The system's, unless a test fixed where it starts (`NEWSROOM_TEST_CLOCK`).
    clock: Arc<dyn Clock>,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> anyhow::Result<Context> {
        let from_env = std::env::var_os("NEWSROOM_DB")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let (db, db_is_default) = match cli.db.clone().or(from_env) {
            Some(path) => (path, false),
            None => (default_db()?, true),
        };
        let login = match &cli.user {
            Some(login) => login.clone(),
            None => os_login().context("Cannot tell who you are: pass --user LOGIN.")?,
        };
        let config = Config::load(config::default_path().as_deref())?;
        let clock = clock::from_env()?;
        Ok(Context {
            db,
            db_is_default,
            login,
            lang_flag: cli.lang,
            restricted: cli.restricted,
            config,
            clock,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The zone for times shown to people: the config file's, else Hanoi's.
    pub fn zone(&self) -> jiff::tz::TimeZone {
        self.config.zone.clone()
    }

    pub fn zone_name(&self) -> &str {
        &self.config.zone_name
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.clock)
    }

    pub fn open(&self, mode: OpenMode) -> anyhow::Result<Store> {
        if mode != OpenMode::MustExist {
            self.make_data_folder()?;
        }
        Ok(Store::open_reporting(
            &self.db,
            mode,
            &mut super::upgrade_progress::reporter(),
        )?)
    }

    /// Creates the platform data folder when the store is to live there.
    pub fn make_data_folder(&self) -> anyhow::Result<()> {
        if self.db_is_default
            && let Some(dir) = self.db.parent()
        {
            // Only its owner may list or enter the data folder; the store inside is 0660.
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .with_context(|| {
                    format!(
                        "Cannot create the data folder {}: create it, or pass --db.",
                        dir.display()
                    )
                })?;
        }
        Ok(())
    }

    /// The store and the active user behind this command.
    pub fn open_as_user(&self) -> anyhow::Result<(Store, User)> {
        let store = self.open(OpenMode::MustExist)?;
        let user = store.active_user(&self.login)?;
        Ok((store, user))
    }

    /// `open_as_user` for a command that only reads (the listings, `search`, `audit`,
    /// `article show`): the connection is read-only unless the store needs the ordinary
    /// open (see `Store::open_to_read`).
    pub fn read_as_user(&self) -> anyhow::Result<(Store, User)> {
        let store = Store::open_to_read(&self.db, &mut super::upgrade_progress::reporter())?;
        let user = store.active_user(&self.login)?;
        Ok((store, user))
    }
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("db", &self.db)
            .field("login", &self.login)
            .field("restricted", &self.restricted)
            .finish_non_exhaustive()
    }
}

fn default_db() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "newsroom")
        .context("Cannot find your home folder: pass --db PATH or set NEWSROOM_DB.")?;
    Ok(dirs.data_dir().join("newsroom.db"))
}

/// The OS login. SSH_ORIGINAL_COMMAND and the like are never consulted: on a shared account
/// the forced command's --user says who it is.
fn os_login() -> Option<String> {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .or_else(login_from_passwd)
}

/// Cron and some containers set no USER: look our uid up in /etc/passwd.
fn login_from_passwd() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    // Directory-backed systems can have big files here, but not this big.
    let passwd = crate::files::read_text_capped(Path::new("/etc/passwd"), 64 << 20).ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_owned())
    })
}

/// Opens the TUI. Every check that can fail does so before the terminal is taken over.
pub fn open_tui(ctx: &Context) -> anyhow::Result<()> {
    let config = &ctx.config;
    let (store, user) = ctx.open_as_user()?;
    tui::require_terminal()?;
    let locale = std::env::var("LC_ALL")
        .ok()
        .or_else(|| std::env::var("LANG").ok());
    let lang = ctx
        .lang_flag
        .or(config.lang)
        .unwrap_or_else(|| Lang::from_locale(locale.as_deref()));
    let session = Session {
        user,
        lang,
        zone: config.zone.clone(),
        store_label: ctx.db.display().to_string(),
        restricted: ctx.restricted,
        clock: ctx.clock(),
        id: format!("{}-{}", std::process::id(), ctx.now().as_millisecond()),
    };
    let theme = Theme::from_env(std::env::var("NO_COLOR").ok().as_deref());
    let rows = crossterm::terminal::size()
        .map(|(_, h)| ui::list_rows(h))
        .unwrap_or(20);
    let rescue = Rescue::new(ctx.db.clone());
    rescue::watch_signals(rescue.clone(), tui::restore)
        .context("Cannot watch for hang-ups, so typing could be lost: not starting.")?;
    rescue
        .spawn_autosaver(config.autosave_every)
        .context("Cannot start autosaving, so typing could be lost: not starting.")?;
    let checker = crate::spelling::checker(config, store.words()?);
    let placement = config.style.tone_placement.unwrap_or(Placement::New);
    let mut app = App::new(store, session, rows)?
        .with_writing_aids(config.input_method, placement, checker)
        .with_rescue(rescue.clone())
        // The whole file is read off the UI thread, once the first frame is out, so that frame
        // neither waits for it nor shares the disk with it; the app shows any damage found
        // within a tick (store/damage.rs says what is checked when).
        .with_store_check()
        .with_workflow(config.workflow)
        .with_pictures(crate::media::dir_for(&ctx.db), config.media.show_images)
        .with_media(config.media, crate::media::dir_for(&ctx.db))
        .with_site(&config.site, ctx.zone());
    match tui::run(&mut app, &config.keymap, &theme, &rescue) {
        Ok(()) => Ok(()),
        // Nobody is left to read a message.
        Err(TuiError::Gone) => std::process::exit(1),
        Err(e) => bail!(e),
    }
}
