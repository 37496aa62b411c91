//! Writing the site: a new folder beside the old one, filled with hard links to the old
//! files whose inputs did not change and fresh files for the rest, then swapped in with one
//! atomic exchange. Readers never see half a site, a failed build leaves the old one as it
//! was, and an untouched page keeps its file (and so its modification time).

use std::collections::HashMap;
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

/// A build under way. Dropped without `finish`, it removes its folder and leaves the site.
pub struct Output {
    out: PathBuf,
    building: PathBuf,
    old: HashMap<String, String>,
    new: Vec<(String, String)>,
    written: Written,
    finished: bool,
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
        fs::create_dir(&building).map_err(|error| SiteError::Io {
            path: building.clone(),
            error,
        })?;
        Ok(Output {
            out,
            building,
            old,
            new: Vec::new(),
            written: Written::default(),
            finished: false,
            _lock: lock,
        })
    }

    /// Whether the page at `path` was built from `key` last time and is still there: then
    /// `keep` takes it over untouched.
    pub fn unchanged(&self, path: &str, key: &str) -> bool {
        self.old.get(path).is_some_and(|k| k == key) && self.out.join(path).is_file()
    }

    /// Takes the previous build's file for `path` as it is.
    pub fn keep(&mut self, path: &str, key: &str) -> Result<(), SiteError> {
        let target = self.place(path)?;
        fs::hard_link(self.out.join(path), &target).map_err(|error| SiteError::Io { path: target, error })?;
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
        let target = self.place(path)?;
        let mut file = File::create_new(&target).map_err(|error| SiteError::Io {
            path: target.clone(),
            error,
        })?;
        file.write_all(bytes)
            .map_err(|error| SiteError::Io { path: target, error })?;
        self.new.push((path.to_owned(), key.to_owned()));
        self.written.written.push(path.to_owned());
        Ok(())
    }

    /// Whether a file is at `path` in the site being built (photos are put once).
    pub fn has(&self, path: &str) -> bool {
        self.building.join(path).exists()
    }

    /// Swaps the new site in and removes the old one.
    pub fn finish(mut self) -> Result<Written, SiteError> {
        let mut manifest = String::with_capacity(self.new.len() * 64);
        manifest.push_str(MANIFEST_HEAD);
        manifest.push('\n');
        for (path, key) in &self.new {
            manifest.push_str(&format!("{key}\t{path}\n"));
        }
        let path = self.building.join(MANIFEST);
        fs::write(&path, manifest).map_err(|error| SiteError::Io { path, error })?;
        let kept: std::collections::HashSet<&str> = self.new.iter().map(|(p, _)| p.as_str()).collect();
        self.written.removed = self.old.keys().filter(|p| !kept.contains(p.as_str())).count();
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
    fn place(&self, path: &str) -> Result<PathBuf, SiteError> {
        let target = self.building.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|error| SiteError::Io {
                path: dir.to_owned(),
                error,
            })?;
        }
        Ok(target)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.finished {
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
