//! Rebuilding the published site after a comment decision, off the UI thread: the
//! moderator's next key never waits for it, and a failure comes back as a notice. Decisions
//! made while a build runs are picked up by one more build when it ends.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};

use jiff::tz::TimeZone;

use crate::config;
use crate::store::{OpenMode, Store};

/// What a rebuild needs; none when `[site] rebuild_on_change` is off or no `out` is set.
#[derive(Debug, Clone)]
pub struct SiteSettings {
    pub db: PathBuf,
    pub site: config::Site,
    pub zone: TimeZone,
}

#[derive(Debug, Default)]
pub struct SiteRebuild {
    settings: Option<SiteSettings>,
    running: Option<Receiver<Result<(), String>>>,
    again: bool,
}

impl SiteRebuild {
    pub fn new(db: PathBuf, site: &config::Site, zone: TimeZone) -> SiteRebuild {
        SiteRebuild {
            settings: (site.rebuild_on_change && site.out.is_some()).then(|| SiteSettings {
                db,
                site: site.clone(),
                zone,
            }),
            running: None,
            again: false,
        }
    }

    /// Readers may see something else now: rebuild, or rebuild again once the running build ends.
    pub fn changed(&mut self) {
        if self.settings.is_none() {
            return;
        }
        if self.running.is_some() {
            self.again = true;
        } else {
            self.start();
        }
    }

    /// The failure of a finished build, if it failed; starts the build a decision asked
    /// for meanwhile.
    pub fn collect(&mut self) -> Option<String> {
        let outcome = self.running.as_ref()?.try_recv();
        let failure = match outcome {
            Err(mpsc::TryRecvError::Empty) => return None,
            Ok(Ok(())) => None,
            Ok(Err(why)) => Some(why),
            Err(mpsc::TryRecvError::Disconnected) => Some("the build stopped unexpectedly".into()),
        };
        self.running = None;
        if std::mem::take(&mut self.again) {
            self.start();
        }
        failure
    }

    /// Whether a build is under way (tests wait for it).
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    fn start(&mut self) {
        let Some(settings) = self.settings.clone() else {
            return;
        };
        let (done, running) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("site-rebuild".into())
            .spawn(move || {
                let _ = done.send(rebuild(&settings).map(drop).map_err(|e| e.to_string()));
            });
        match spawned {
            Ok(_) => self.running = Some(running),
            Err(e) => {
                let (tx, rx) = mpsc::channel();
                let _ = tx.send(Err(format!("cannot start a thread for it ({e})")));
                self.running = Some(rx);
            }
        }
    }
}

/// One build on a connection of its own.
pub fn rebuild(s: &SiteSettings) -> anyhow::Result<crate::site::Report> {
    let out = s.site.out.as_deref().ok_or(crate::site::SiteError::NoOut)?;
    let store = Store::open(&s.db, OpenMode::MustExist)?;
    let media = crate::media::dir_for(&s.db);
    Ok(crate::site::build(
        &store,
        crate::site::Options {
            out,
            site: &s.site,
            zone: &s.zone,
            media: &media,
        },
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(r: &mut SiteRebuild) -> Option<String> {
        for _ in 0..600 {
            if let Some(why) = r.collect() {
                return Some(why);
            }
            if !r.busy() {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the rebuild did not end within 30 s");
    }

    #[test]
    fn nothing_runs_unless_the_config_asks() {
        let dir = tempfile::tempdir().unwrap();
        for (on, out) in [(false, Some(dir.path().join("site"))), (true, None)] {
            let site = config::Site {
                rebuild_on_change: on,
                out,
                ..config::Site::default()
            };
            let mut r = SiteRebuild::new(dir.path().join("none.db"), &site, TimeZone::UTC);
            r.changed();
            assert!(!r.busy());
        }
    }

    #[test]
    fn a_failed_rebuild_comes_back_as_a_sentence_and_a_later_one_runs_again() {
        let dir = tempfile::tempdir().unwrap();
        let site = config::Site {
            rebuild_on_change: true,
            out: Some(dir.path().join("site")),
            ..config::Site::default()
        };
        let mut r = SiteRebuild::new(dir.path().join("none.db"), &site, TimeZone::UTC);
        r.changed();
        r.changed();
        assert!(r.busy());
        let why = wait(&mut r).unwrap();
        assert!(why.contains("There is no store"), "{why}");
        // The second decision asked for another build, which fails the same way.
        assert!(r.busy());
        assert!(wait(&mut r).is_some());
        assert!(!r.busy());
    }
}
