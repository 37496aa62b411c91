//! Writing the site. A rebuild that changes a few pages renders them in memory first and
//! writes nothing until every page is made, then replaces each file by rename and the page
//! list last: a failed build leaves the old site as it was, and untouched pages keep their
//! files (and so their modification times). A first build, or one that changes many pages,
//! makes a new folder beside the old one, with hard links to the unchanged files, and swaps
//! it in with one atomic exchange. Either way readers never see half a page.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::SiteError;

/// The list of pages and the key each was built from, kept in the site folder.
pub const MANIFEST: &str = ".newsroom-site";
const MANIFEST_HEAD: &str = "newsroom-site 1";

/// What one build did to the site folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    /// Pages and files written anew, by path in the site.
    pub written: Vec<String>,
    /// Pages kept as they were.
    pub kept: usize,
    /// Pages of the previous site that are gone (unpublished articles, emptied tags).
    pub removed: usize,
}

/// Pages a rebuild may hold in memory before it builds a new folder instead.
const IN_PLACE_PAGES: usize = 400;
const IN_PLACE_BYTES: usize = 32 << 20;

/// A build under way. Dropped without `finish`, it removes its folder and leaves the site.
pub struct Output {
    out: PathBuf,
    building: PathBuf,
    old: HashMap<String, String>,
    new: Vec<(String, String)>,
    written: Written,
    finished: bool,
    /// Rendered pages not written yet; `None` once the build writes a new folder.
    pending: Option<Vec<(String, Vec<u8>)>>,
    pending_bytes: usize,
    /// Every path this build has put or kept.
    produced: HashSet<String>,
    /// Folders already made in the new folder.
    made: HashSet<PathBuf>,
    // Held until the build is swapped in: two builds of one site take turns.
    _lock: File,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Output")
            .field("out", &self.out)
            .finish_non_exhaustive()
    }
}

impl Output {
    /// Starts a build of the site in `out`, which must be missing, empty, or a site that
    /// newsroom built (never a folder of other files that a swap would take away).
    pub fn begin(out: &Path) -> Result<Output, SiteError> {
        let io = |error| SiteError::Io {
            path: out.to_owned(),
            error,
        };
        let out = absolute(out).map_err(io)?;
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| SiteError::BadOut { path: out.clone() })?
            .to_owned();
        let parent = out
            .parent()
            .ok_or_else(|| SiteError::BadOut { path: out.clone() })?;
        if !parent.is_dir() {
            return Err(SiteError::NoParent {
                path: parent.to_owned(),
            });
        }
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|error| SiteError::Io {
                path: lock_path.clone(),
                error,
            })?;
        rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive).map_err(|e| SiteError::Io {
            path: lock_path.clone(),
            error: e.into(),
        })?;
        let old = read_old(&out)?;
        let building = parent.join(format!(".{name}.building-{}", std::process::id()));
        if building.exists() {
            fs::remove_dir_all(&building).map_err(|error| SiteError::Io {
                path: building.clone(),
                error,
            })?;
        }
        let mut output = Output {
            out,
            building,
            pending: (!old.is_empty()).then(Vec::new),
            old,
            new: Vec::new(),
            written: Written::default(),
            finished: false,
            pending_bytes: 0,
            produced: HashSet::new(),
            made: HashSet::new(),
            _lock: lock,
        };
        if output.pending.is_none() {
            output.make_folder()?;
        }
        Ok(output)
    }

    fn make_folder(&mut self) -> Result<(), SiteError> {
        fs::create_dir(&self.building).map_err(|error| SiteError::Io {
            path: self.building.clone(),
            error,
        })
    }

    /// Too much changed to hold in memory: from here on the build makes a new folder.
    fn switch_to_folder(&mut self) -> Result<(), SiteError> {
        let Some(pending) = self.pending.take() else {
            return Ok(());
        };
        self.make_folder()?;
        let fresh: HashSet<&str> = pending.iter().map(|(p, _)| p.as_str()).collect();
        for (path, _) in self.new.clone() {
            if !fresh.contains(path.as_str()) {
                self.link(&path)?;
            }
        }
        for (path, bytes) in &pending {
            self.write_new(path, bytes)?;
        }
        Ok(())
    }

    fn link(&mut self, path: &str) -> Result<(), SiteError> {
        let target = self.place(path)?;
        fs::hard_link(self.out.join(path), &target).map_err(|error| SiteError::Io { path: target, error })
    }

    fn write_new(&mut self, path: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let target = self.place(path)?;
        let mut file = File::create_new(&target).map_err(|error| SiteError::Io {
            path: target.clone(),
            error,
        })?;
        file.write_all(bytes)
            .map_err(|error| SiteError::Io { path: target, error })
    }

    /// Whether the page at `path` was built from `key` last time and is still there: then
    /// `keep` takes it over untouched.
    pub fn unchanged(&self, path: &str, key: &str) -> bool {
        self.old.get(path).is_some_and(|k| k == key) && self.out.join(path).is_file()
    }

    /// Takes the previous build's file for `path` as it is.
    pub fn keep(&mut self, path: &str, key: &str) -> Result<(), SiteError> {
        if self.pending.is_none() {
            self.link(path)?;
        }
        self.produced.insert(path.to_owned());
        self.new.push((path.to_owned(), key.to_owned()));
        self.written.kept += 1;
        Ok(())
    }

    /// Puts `bytes` at `path`; when the previous build's file holds the same bytes, that
    /// file is kept instead, so a page whose inputs changed but whose text did not keeps
    /// its modification time.
    pub fn put(&mut self, path: &str, key: &str, bytes: &[u8]) -> Result<(), SiteError> {
        let old = self.out.join(path);
        if self.old.contains_key(path)
            && fs::metadata(&old).is_ok_and(|m| m.len() == bytes.len() as u64)
            && fs::read(&old).is_ok_and(|b| b == bytes)
        {
            return self.keep(path, key);
        }
        self.produced.insert(path.to_owned());
        self.new.push((path.to_owned(), key.to_owned()));
        self.written.written.push(path.to_owned());
        match self.pending.as_mut() {
            Some(pending) => {
                pending.push((path.to_owned(), bytes.to_vec()));
                self.pending_bytes += bytes.len();
                if pending.len() > IN_PLACE_PAGES || self.pending_bytes > IN_PLACE_BYTES {
                    self.switch_to_folder()?;
                }
                Ok(())
            }
            None => self.write_new(path, bytes),
        }
    }

    /// Whether a file is at `path` in the site being built (photos are put once).
    pub fn has(&self, path: &str) -> bool {
        self.produced.contains(path)
    }

    /// Swaps the new site in and removes the old one.
    pub fn finish(mut self) -> Result<Written, SiteError> {
        let mut manifest = String::with_capacity(self.new.len() * 64);
        manifest.push_str(MANIFEST_HEAD);
        manifest.push('\n');
        for (path, key) in &self.new {
            manifest.push_str(&format!("{key}\t{path}\n"));
        }
        let kept: HashSet<&str> = self.new.iter().map(|(p, _)| p.as_str()).collect();
        let gone: Vec<String> = self
            .old
            .keys()
            .filter(|p| !kept.contains(p.as_str()))
            .cloned()
            .collect();
        self.written.removed = gone.len();
        if let Some(pending) = self.pending.take() {
            for (path, bytes) in &pending {
                replace(&self.out.join(path), bytes)?;
            }
            for path in &gone {
                let file = self.out.join(path);
                let _ = fs::remove_file(&file);
                // Emptied folders (a tag's later pages) go too; a folder with files stays.
                let _ = file.parent().map(fs::remove_dir);
            }
            replace(&self.out.join(MANIFEST), manifest.as_bytes())?;
            self.finished = true;
            return Ok(std::mem::take(&mut self.written));
        }
        let path = self.building.join(MANIFEST);
        fs::write(&path, manifest).map_err(|error| SiteError::Io { path, error })?;
        let io = |error: std::io::Error| SiteError::Io {
            path: self.out.clone(),
            error,
        };
        if self.out.exists() {
            rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.building,
                rustix::fs::CWD,
                &self.out,
                rustix::fs::RenameFlags::EXCHANGE,
            )
            .map_err(|e| io(e.into()))?;
        } else {
            fs::rename(&self.building, &self.out).map_err(io)?;
        }
        self.finished = true;
        // The old site now sits under the building name; a failure to remove it is only
        // litter, and the next build removes it.
        let _ = fs::remove_dir_all(&self.building);
        Ok(std::mem::take(&mut self.written))
    }

    /// The file for `path` in the new folder, its parent folders made.
    fn place(&mut self, path: &str) -> Result<PathBuf, SiteError> {
        let target = self.building.join(path);
        if let Some(dir) = target.parent()
            && !self.made.contains(dir)
        {
            fs::create_dir_all(dir).map_err(|error| SiteError::Io {
                path: dir.to_owned(),
                error,
            })?;
            self.made.insert(dir.to_owned());
        }
        Ok(target)
    }
}

/// Writes `bytes` to a temporary name beside `path`, then renames it over `path`.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), SiteError> {
    let io = |error| SiteError::Io {
        path: path.to_owned(),
        error,
    };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(io)?;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("page");
    let temp = path.with_file_name(format!(".{name}.new-{}", std::process::id()));
    let written = File::create(&temp).and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(io(e));
    }
    Ok(())
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.finished && self.building.exists() {
            let _ = fs::remove_dir_all(&self.building);
        }
    }
}

fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let path = std::path::absolute(path)?;
    // `site/` and `site/.` name the folder itself.
    Ok(path.components().collect())
}

/// The previous build's pages and keys; an empty map for a new or empty folder.
fn read_old(out: &Path) -> Result<HashMap<String, String>, SiteError> {
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(error) => {
            return Err(SiteError::Io {
                path: out.to_owned(),
                error,
            });
        }
    };
    if !meta.is_dir() {
        return Err(SiteError::NotASite { path: out.to_owned() });
    }
    let manifest = out.join(MANIFEST);
    let text = match fs::read_to_string(&manifest) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let empty = fs::read_dir(out)
                .map_err(|error| SiteError::Io {
                    path: out.to_owned(),
                    error,
                })?
                .next()
                .is_none();
            return if empty {
                Ok(HashMap::new())
            } else {
                Err(SiteError::NotASite { path: out.to_owned() })
            };
        }
        Err(error) => {
            return Err(SiteError::Io {
                path: manifest,
                error,
            });
        }
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEAD) {
        // Another version's list: build every page again.
        return Ok(HashMap::new());
    }
    Ok(lines
        .filter_map(|l| l.split_once('\t'))
        .map(|(key, path)| (path.to_owned(), key.to_owned()))
        .collect())
}
