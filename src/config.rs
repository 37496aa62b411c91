//! The user's config file (TOML): key bindings, language, time zone, moderation rules, the
//! intake and the autosave interval. Read and checked
//! before the terminal is taken over, so a mistake is reported on a normal screen.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::clock;
use crate::domain::{Rules, Workflow};
use crate::i18n::Lang;
use crate::keymap::{Command, Context, KeyChord, Keymap};
use crate::text::vietnamese::{HouseRules, InputMethod};

/// Everything the config file can set, already checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Keymap,
    /// The moderation rules every arriving comment passes (`[moderation]`).
    pub rules: Rules,
    /// The comment intake (`[intake]`).
    pub intake: Intake,
    /// Whether reporters go through review (`[workflow]`).
    pub workflow: Workflow,
    pub lang: Option<Lang>,
    pub zone: TimeZone,
    pub zone_name: String,
    /// How often typing is written to the autosave table (`[editor] autosave_seconds`).
    pub autosave_every: Duration,
    /// The photo library (`[media]`).
    pub media: Media,
    /// The published site (`[site]`).
    pub site: Site,
    /// The house style the spelling checker holds articles to (`[style]`).
    pub style: HouseRules,
    /// The built-in input method the toggle key turns on (`[editor] input_method`).
    pub input_method: InputMethod,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::default(),
            rules: Rules::default(),
            intake: Intake::default(),
            workflow: Workflow::default(),
            lang: None,
            zone: clock::zone(clock::DEFAULT_ZONE).unwrap_or(TimeZone::UTC),
            zone_name: clock::DEFAULT_ZONE.to_owned(),
            autosave_every: crate::rescue::AUTOSAVE_EVERY,
            media: Media::default(),
            site: Site::default(),
            style: HouseRules::default(),
            input_method: InputMethod::Telex,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("The config file {path} has a problem: {detail}; fix it or move it away.")]
pub struct ConfigError {
    pub path: PathBuf,
    pub detail: String,
}

/// How the comment intake server behaves.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Intake {
    /// Where `newsroom serve` listens unless `--listen` says otherwise.
    pub listen: String,
    /// Ask for the image code, as the site's form does; off for sites that protect the form
    /// another way (`serve --no-captcha` also turns it off).
    pub captcha: bool,
    /// How long a captcha may be answered, in seconds.
    pub captcha_seconds: i64,
    /// A request's head (the request line and headers) must arrive within this many seconds
    /// of its first byte.
    pub header_seconds: u64,
    /// A comment's body must arrive within this many seconds of its head.
    pub body_seconds: u64,
    /// A kept-alive connection with no request under way is closed after this many seconds.
    pub idle_seconds: u64,
    /// Connections open at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// Wrong or forged captcha answers one reader (an IPv4 address or an IPv6 /64) may send
    /// within `captcha_failure_seconds` before their posts are refused with 429.
    pub captcha_failures: u32,
    pub captcha_failure_seconds: i64,
}

impl Intake {
    /// The most connections the cap may be set to: each holds a file descriptor.
    pub const MAX_CONNECTIONS: usize = 1_000_000;

    /// Zero seconds or connections would refuse every reader: say so instead.
    fn check(&self) -> Result<(), String> {
        for (name, value) in [
            ("header_seconds", self.header_seconds),
            ("body_seconds", self.body_seconds),
            ("idle_seconds", self.idle_seconds),
        ] {
            if value == 0 {
                return Err(format!("[intake] {name} must be at least 1 second"));
            }
        }
        if !(1..=Self::MAX_CONNECTIONS).contains(&self.max_connections) {
            return Err(format!(
                "[intake] max_connections must be between 1 and {}",
                Self::MAX_CONNECTIONS
            ));
        }
        if self.captcha_seconds < 1 || self.captcha_failure_seconds < 1 {
            return Err("[intake] captcha_seconds and captcha_failure_seconds must be at least 1".into());
        }
        if self.captcha_failures == 0 {
            return Err("[intake] captcha_failures must be at least 1".into());
        }
        Ok(())
    }
}

impl Default for Intake {
    fn default() -> Self {
        Intake {
            listen: "127.0.0.1:8080".into(),
            captcha: true,
            captcha_seconds: 600,
            // A head is a few hundred bytes: even a phone on a weak 2G signal sends it in
            // a couple of seconds, and a client that trickles it is holding a slot.
            header_seconds: 20,
            // The form is at most 64 KiB; at 2G's ~20 kbit/s that is half a minute, and a
            // real comment of a few KiB arrives in one or two packets.
            body_seconds: 30,
            // Browsers reopen a closed connection without the reader noticing; an idle one
            // only costs memory.
            idle_seconds: 10,
            // Under the 1,024 file descriptors many systems give a service by default.
            max_connections: 1000,
            // Readers behind one carrier NAT share an address: room for many honest typos.
            captcha_failures: 20,
            captcha_failure_seconds: 300,
        }
    }
}

/// The photo library (`[media]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Media {
    /// The largest image accepted, in MiB: a camera's full-size JPEG is 5 to 15 MiB.
    pub max_mb: u64,
    /// Draw pictures in the terminal; off for slow links, where a picture is many kilobytes.
    pub show_images: bool,
}

impl Media {
    /// Beyond this, an "image" is a video or a disk image by mistake.
    const MAX_MB: u64 = 1024;

    pub fn max_bytes(&self) -> u64 {
        self.max_mb * 1024 * 1024
    }

    fn check(&self) -> Result<(), String> {
        if !(1..=Self::MAX_MB).contains(&self.max_mb) {
            return Err(format!("[media] max_mb must be between 1 and {}", Self::MAX_MB));
        }
        Ok(())
    }
}

impl Default for Media {
    fn default() -> Self {
        Media {
            max_mb: 20,
            show_images: true,
        }
    }
}

/// The published site (`[site]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Site {
    /// The site's name, in every page's header and the feeds.
    pub name: String,
    /// Where the site is read, e.g. `https://tin.example.vn`: the feeds' links and each
    /// page's canonical address start with it. Empty: the feeds use root-relative links.
    pub base_url: String,
    /// Where the comment form posts and the captcha comes from; empty: the same origin.
    pub intake_url: String,
    /// A folder of templates that replace the built-in ones file by file.
    pub templates: Option<PathBuf>,
    /// The folder `site build` writes when `--out` is not given.
    pub out: Option<PathBuf>,
    /// Rebuild an article's page when a comment on it is approved (needs `out`).
    pub rebuild_on_change: bool,
}

impl Site {
    fn check(&self) -> Result<(), String> {
        for (key, url) in [("base_url", &self.base_url), ("intake_url", &self.intake_url)] {
            let ok = url.is_empty()
                || ((url.starts_with("https://") || url.starts_with("http://"))
                    && !url
                        .contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '?' | '#')));
            if !ok {
                return Err(format!(
                    "[site] {key} = {url:?} is not a web address: write it like \"https://tin.example.vn\", or leave it empty"
                ));
            }
        }
        Ok(())
    }
}

impl Default for Site {
    fn default() -> Self {
        Site {
            name: "Newsroom".into(),
            base_url: String::new(),
            intake_url: String::new(),
            templates: None,
            out: None,
            rebuild_on_change: false,
        }
    }
}

/// The editor (`[editor]`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawEditor {
    autosave_seconds: Option<f64>,
    input_method: Option<InputMethod>,
}

/// The autosave interval people may choose. Shorter writes the store for nothing on every
/// keystroke burst; longer than a minute is no longer "autosave" to anyone who loses it.
/// Tests of the hang-up path set it high so that only the signal handler can have saved.
const AUTOSAVE_SECONDS: std::ops::RangeInclusive<f64> = 0.1..=60.0;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    lang: Option<String>,
    zone: Option<String>,
    #[serde(default)]
    moderation: Rules,
    #[serde(default)]
    intake: Intake,
    #[serde(default)]
    workflow: Workflow,
    #[serde(default)]
    editor: RawEditor,
    #[serde(default)]
    media: Media,
    #[serde(default)]
    site: Site,
    #[serde(default)]
    style: HouseRules,
    #[serde(default)]
    keys: BTreeMap<String, BTreeMap<String, String>>,
}

/// `NEWSROOM_CONFIG`, else `config.toml` in the platform config directory.
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NEWSROOM_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "newsroom").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// A missing file means the defaults; an unreadable or wrong one is an error.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = match crate::files::read_text_capped(path, crate::files::CONFIG_LIMIT) {
            Ok(t) => t,
            Err(crate::files::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(ConfigError {
                    path: path.to_owned(),
                    detail: e.to_string(),
                });
            }
        };
        Config::parse(&text).map_err(|detail| ConfigError {
            path: path.to_owned(),
            detail,
        })
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        raw.intake.check()?;
        raw.media.check()?;
        raw.moderation.check()?;
        raw.site.check()?;
        let mut config = Config {
            media: raw.media,
            site: raw.site,
            style: raw.style,
            input_method: raw.editor.input_method.unwrap_or(InputMethod::Telex),
            rules: raw.moderation,
            intake: raw.intake,
            workflow: raw.workflow,
            ..Config::default()
        };
        if let Some(lang) = raw.lang {
            config.lang = Some(lang.parse()?);
        }
        if let Some(name) = raw.zone {
            config.zone = clock::zone(&name).ok_or_else(|| format!("unknown time zone {name:?}"))?;
            config.zone_name = name;
        }
        if let Some(seconds) = raw.editor.autosave_seconds {
            if !AUTOSAVE_SECONDS.contains(&seconds) {
                return Err(format!(
                    "[editor] autosave_seconds = {seconds} is outside {} to {} seconds",
                    AUTOSAVE_SECONDS.start(),
                    AUTOSAVE_SECONDS.end()
                ));
            }
            config.autosave_every = Duration::from_secs_f64(seconds);
        }
        for (ctx_name, keys) in raw.keys {
            let ctx = Context::ALL
                .into_iter()
                .find(|c| c.name() == ctx_name)
                .ok_or_else(|| {
                    format!("unknown key context [keys.{ctx_name}]: use global, list, articles or help")
                })?;
            for (key, command) in keys {
                let chord: KeyChord = key.parse()?;
                let command = match command.as_str() {
                    "none" => None,
                    name => Some(name.parse::<Command>()?),
                };
                config.keymap.bind(ctx, chord, command);
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Resolved;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn overrides_merge_over_defaults() {
        let c = Config::parse(
            "lang = \"en\"\nzone = \"Europe/Paris\"\n[keys.list]\n\"ctrl-n\" = \"down\"\n\"j\" = \"none\"\n",
        )
        .unwrap();
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.zone_name, "Europe/Paris");
        let ctx = &[Context::List, Context::Global];
        let press = |code, mods| c.keymap.resolve(ctx, KeyEvent::new(code, mods));
        assert_eq!(
            press(KeyCode::Char('n'), KeyModifiers::CONTROL),
            Resolved::Command(Command::Down)
        );
        assert_eq!(press(KeyCode::Char('j'), KeyModifiers::NONE), Resolved::Unbound);
        assert_eq!(
            press(KeyCode::Char('k'), KeyModifiers::NONE),
            Resolved::Command(Command::Up)
        );
    }

    #[test]
    fn moderation_and_intake_sections() {
        let c = Config::parse(
            "[moderation]\nbanned_words = [\"cá độ\"]\nflood_seconds = 30\n[intake]\ncaptcha = false\n",
        )
        .unwrap();
        assert_eq!(c.rules.banned_words, ["cá độ"]);
        assert_eq!(c.rules.flood_seconds, 30);
        assert_eq!(c.rules.hold_links, 2, "unset rules keep their defaults");
        assert!(!c.intake.captcha);
        assert!(
            Config::parse("[moderation]\nhold_link = 3\n")
                .unwrap_err()
                .contains("hold_link")
        );
        assert_eq!(c.rules.flood_burst, 3, "the README's default");
        let burst = Config::parse("[moderation]\nflood_burst = 5\n").unwrap();
        assert_eq!(burst.rules.flood_burst, 5);
        assert!(
            Config::parse("[moderation]\nflood_burst = 0\n")
                .unwrap_err()
                .contains("flood_burst must be at least 1")
        );
    }

    #[test]
    fn intake_limits_are_read_and_checked() {
        let c = Config::parse("[intake]\nheader_seconds = 5\nmax_connections = 50\ncaptcha_failures = 3\n")
            .unwrap();
        assert_eq!((c.intake.header_seconds, c.intake.max_connections), (5, 50));
        assert_eq!(c.intake.captcha_failures, 3);
        assert_eq!(c.intake.idle_seconds, 10, "unset limits keep their defaults");
        for (text, says) in [
            ("[intake]\nbody_seconds = 0\n", "body_seconds must be at least 1"),
            (
                "[intake]\nmax_connections = 0\n",
                "max_connections must be between 1",
            ),
            ("[intake]\ncaptcha_failures = 0\n", "captcha_failures"),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(says), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn the_autosave_interval_is_half_a_second_unless_set_within_bounds() {
        assert_eq!(
            Config::parse("").unwrap().autosave_every,
            Duration::from_millis(500)
        );
        let c = Config::parse("[editor]\nautosave_seconds = 2\n").unwrap();
        assert_eq!(c.autosave_every, Duration::from_secs(2));
        let c = Config::parse("[editor]\nautosave_seconds = 0.25\n").unwrap();
        assert_eq!(c.autosave_every, Duration::from_millis(250));
        for (text, says) in [
            (
                "[editor]\nautosave_seconds = 0\n",
                "autosave_seconds = 0 is outside 0.1 to 60",
            ),
            (
                "[editor]\nautosave_seconds = 61\n",
                "autosave_seconds = 61 is outside",
            ),
            (
                "[editor]\nautosave_seconds = nan\n",
                "autosave_seconds = NaN is outside",
            ),
            ("[editor]\nautosave_seconds = \"1s\"\n", "invalid type"),
            ("[editor]\nautosave = 1\n", "autosave"),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(says), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn mistakes_are_named() {
        for (text, says) in [
            ("[keys.list]\n\"j\" = \"fly\"\n", "unknown command \"fly\""),
            ("[keys.lists]\n\"j\" = \"down\"\n", "[keys.lists]"),
            ("[keys.list]\n\"hyper-j\" = \"down\"\n", "hyper"),
            ("zone = \"Mars/Base\"\n", "Mars/Base"),
            ("lang = \"fr\"\n", "fr"),
            ("colour = 1\n", "colour"),
            ("[keys.list\n", "table"),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(says), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn the_media_section_has_defaults_and_bounds() {
        let c = Config::parse("").unwrap();
        assert_eq!((c.media.max_mb, c.media.show_images), (20, true));
        let c = Config::parse("[media]\nmax_mb = 5\nshow_images = false\n").unwrap();
        assert_eq!((c.media.max_bytes(), c.media.show_images), (5 << 20, false));
        for text in ["[media]\nmax_mb = 0\n", "[media]\nmax_mb = 5000\n"] {
            assert!(Config::parse(text).unwrap_err().contains("max_mb"), "{text}");
        }
    }

    #[test]
    fn the_site_section_has_defaults_and_checks_its_addresses() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.site, Site::default());
        let c = Config::parse(
            "[site]\nbase_url = \"https://tin.example.vn\"\nout = \"/srv/site\"\nrebuild_on_change = true\n",
        )
        .unwrap();
        assert_eq!(c.site.base_url, "https://tin.example.vn");
        assert_eq!(c.site.out.as_deref(), Some(Path::new("/srv/site")));
        assert!(c.site.rebuild_on_change);
        for text in [
            "[site]\nbase_url = \"tin.example.vn\"\n",
            "[site]\nintake_url = \"javascript:alert(1)\"\n",
            "[site]\nbase_url = \"https://a.vn/\\\"x\"\n",
        ] {
            assert!(
                Config::parse(text).unwrap_err().contains("is not a web address"),
                "{text}"
            );
        }
        assert!(
            Config::parse("[site]\ntheme = 1\n")
                .unwrap_err()
                .contains("theme")
        );
    }

    #[test]
    fn the_style_section_and_the_input_method() {
        let c = Config::parse(
            "[style]\ntone_placement = \"old\"\nbanned = [\"cực kỳ sốc\"]\nallow = [\"Grab\"]\n\
             [style.prefer]\n\"Sài Gòn\" = \"TP.HCM\"\n[editor]\ninput_method = \"vni\"\n",
        )
        .unwrap();
        assert_eq!(
            c.style.tone_placement,
            Some(crate::text::vietnamese::Placement::Old)
        );
        assert_eq!(c.style.prefer["Sài Gòn"], "TP.HCM");
        assert_eq!((c.style.banned.len(), c.style.allow.len()), (1, 1));
        assert_eq!(c.input_method, InputMethod::Vni);
        assert_eq!(Config::parse("").unwrap().input_method, InputMethod::Telex);
        for (text, says) in [
            ("[style]\ntone_placement = \"newest\"\n", "newest"),
            ("[editor]\ninput_method = \"viqr\"\n", "viqr"),
            ("[style]\nbaned = []\n", "baned"),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(err.contains(says), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn a_missing_file_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(Some(&dir.path().join("none.toml"))).unwrap();
        assert_eq!(c.zone_name, clock::DEFAULT_ZONE);
    }
}
