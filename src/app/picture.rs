//! Pictures for the photo panel: what the terminal can draw, the worker that decodes and
//! resizes off the UI thread, and the finished pictures the view only borrows.
//!
//! Owns: the picker (the terminal's answer, asked once by tui.rs), the worker thread and its
//! channels, the cache of finished pictures. May not touch: the terminal, the store.

use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use hashlink::LruCache;
use image::DynamicImage;
use ratatui::layout::Size;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;
use ratatui_image::{FilterType, Resize};

use crate::domain::Photo;

/// The worker's thread name: the panic hook in tui.rs leaves this thread's panics alone,
/// since the worker turns them into a broken-picture notice.
pub const WORKER: &str = "newsroom-pictures";

/// Finished pictures kept: a panel's worth of photos at a couple of sizes.
const CACHED: usize = 32;

/// One picture at one size: the same photo in a resized panel is another picture.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PictureKey {
    pub sha256: String,
    pub size: (u16, u16),
}

/// Why a photo has no picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// The file is not in the media folder.
    Missing,
    /// The file is there but does not decode.
    Unreadable,
}

/// What the view draws for one photo.
pub enum Picture<'a> {
    /// `[media] show_images = false`.
    Off,
    /// The photo never passed through the media library (the demo's): nothing to show.
    NoFile,
    /// Asked for; the worker has not finished.
    Loading,
    Ready(&'a Protocol),
    Broken(Broken),
}

enum Slot {
    Loading,
    Ready(Protocol),
    Broken(Broken),
}

struct Job {
    key: PictureKey,
    path: PathBuf,
    picker: Picker,
}

enum Outcome {
    Ready(Protocol),
    Broken(Broken),
    /// A newer request came first: this photo was scrolled past, so it is asked again if seen.
    Skipped,
}

struct Worker {
    jobs: Sender<Job>,
    done: Receiver<(PictureKey, Outcome)>,
}

pub struct Pictures {
    show: bool,
    picker: Picker,
    media: PathBuf,
    cache: LruCache<PictureKey, Slot>,
    /// What the last frame needed and did not have. The view notes it (it only borrows the
    /// app); [`Pictures::dispatch`] hands it to the worker once the frame is out.
    wanted: RefCell<Option<(PictureKey, String)>>,
    worker: Option<Worker>,
}

impl Pictures {
    /// Half-blocks until the terminal says it can do better: they work in every terminal
    /// and in tests.
    pub fn new(media: PathBuf, show: bool) -> Pictures {
        Pictures {
            show,
            picker: Picker::halfblocks(),
            media,
            cache: LruCache::new(CACHED),
            wanted: RefCell::new(None),
            worker: None,
        }
    }

    /// Whether the terminal should be asked what it can draw: not when pictures are off,
    /// where the query's round trip would buy nothing on a slow link.
    pub fn wants_terminal_query(&self) -> bool {
        self.show
    }

    /// The terminal's answer, kept for the session.
    pub fn use_picker(&mut self, picker: Picker) {
        self.picker = picker;
        self.cache.clear();
    }

    /// The picture for `photo` in a `size` area, noting it for the worker when it is not
    /// ready. Only borrows: the view calls it while drawing.
    pub fn lookup(&self, photo: &Photo, size: Size) -> Picture<'_> {
        if !self.show {
            return Picture::Off;
        }
        if photo.sha256.is_empty() {
            return Picture::NoFile;
        }
        let key = PictureKey {
            sha256: photo.sha256.clone(),
            size: (size.width, size.height),
        };
        match self.cache.peek(&key) {
            Some(Slot::Ready(protocol)) => Picture::Ready(protocol),
            Some(Slot::Broken(why)) => Picture::Broken(*why),
            Some(Slot::Loading) => Picture::Loading,
            None => {
                *self.wanted.borrow_mut() = Some((key, photo.file.clone()));
                Picture::Loading
            }
        }
    }

    /// Hands what the last frame wanted to the worker, starting it the first time.
    pub fn dispatch(&mut self) {
        let Some((key, file)) = self.wanted.borrow_mut().take() else {
            return;
        };
        if self.cache.contains_key(&key) {
            return;
        }
        // The name comes from the store, which only writes `<sha256>.<ext>`; anything else
        // is treated as a missing file rather than followed out of the media folder.
        if file.is_empty() || file.contains(['/', '\\']) || file.starts_with('.') {
            self.cache.insert(key, Slot::Broken(Broken::Missing));
            return;
        }
        if self.worker.is_none() {
            self.worker = spawn_worker();
        }
        let job = Job {
            key: key.clone(),
            path: self.media.join(file),
            picker: self.picker.clone(),
        };
        let sent = self.worker.as_ref().is_some_and(|w| w.jobs.send(job).is_ok());
        // Without a worker nothing decodes off the UI thread, so nothing decodes at all.
        let slot = if sent {
            Slot::Loading
        } else {
            Slot::Broken(Broken::Unreadable)
        };
        self.cache.insert(key, slot);
    }

    /// Whether a picture is being made: the event loop then wakes sooner to show it.
    pub fn busy(&self) -> bool {
        self.wanted.borrow().is_some() || self.cache.iter().any(|(_, s)| matches!(s, Slot::Loading))
    }

    /// Takes in what the worker finished; true when the screen should be drawn again.
    pub fn collect(&mut self) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        let mut changed = false;
        while let Ok((key, outcome)) = worker.done.try_recv() {
            let slot = match outcome {
                Outcome::Ready(protocol) => Slot::Ready(protocol),
                Outcome::Broken(why) => Slot::Broken(why),
                Outcome::Skipped => {
                    self.cache.remove(&key);
                    continue;
                }
            };
            self.cache.insert(key, slot);
            changed = true;
        }
        changed
    }
}

#[cfg(test)]
impl Pictures {
    /// Waits for the worker's next answer: tests see the picture arrive without timing it.
    pub(crate) fn wait_for_worker(&mut self) {
        let Some(worker) = &self.worker else {
            return;
        };
        if let Ok((key, outcome)) = worker.done.recv_timeout(std::time::Duration::from_secs(60)) {
            let slot = match outcome {
                Outcome::Ready(protocol) => Slot::Ready(protocol),
                Outcome::Broken(why) => Slot::Broken(why),
                Outcome::Skipped => return,
            };
            self.cache.insert(key, slot);
        }
    }
}

fn spawn_worker() -> Option<Worker> {
    let (jobs, job_rx) = mpsc::channel::<Job>();
    let (done_tx, done) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(WORKER.to_owned())
        .spawn(move || {
            while let Ok(mut job) = job_rx.recv() {
                // Only the newest request matters: the others are photos scrolled past.
                while let Ok(newer) = job_rx.try_recv() {
                    let _ = done_tx.send((job.key, Outcome::Skipped));
                    job = newer;
                }
                let key = job.key.clone();
                let outcome = std::panic::catch_unwind(move || make(&job))
                    .unwrap_or(Outcome::Broken(Broken::Unreadable));
                if done_tx.send((key, outcome)).is_err() {
                    break;
                }
            }
        });
    spawned.ok().map(|_| Worker { jobs, done })
}

/// Decodes, shrinks and encodes one picture for the terminal.
fn make(job: &Job) -> Outcome {
    let image = match decode(&job.path) {
        Ok(image) => image,
        Err(why) => return Outcome::Broken(why),
    };
    let (width, height) = job.key.size;
    let font = job.picker.font_size();
    let (px_w, px_h) = (
        u32::from(width) * u32::from(font.width),
        u32::from(height) * u32::from(font.height),
    );
    // A camera's 6000-pixel frame is cut down by cheap averaging first, so the finer
    // filter then works on a few hundred pixels, not millions.
    let image = if image.width() > px_w * 2 || image.height() > px_h * 2 {
        image.thumbnail(px_w * 2, px_h * 2)
    } else {
        image
    };
    match job.picker.new_protocol(
        image,
        Size::new(width, height),
        Resize::Fit(Some(FilterType::Triangle)),
    ) {
        Ok(protocol) => Outcome::Ready(protocol),
        Err(_) => Outcome::Broken(Broken::Unreadable),
    }
}

fn decode(path: &std::path::Path) -> Result<DynamicImage, Broken> {
    let reader = image::ImageReader::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Broken::Missing,
        _ => Broken::Unreadable,
    })?;
    let reader = reader.with_guessed_format().map_err(|_| Broken::Unreadable)?;
    // The image crate's limits stay on: a forged header cannot make it allocate gigabytes.
    reader.decode().map_err(|_| Broken::Unreadable)
}
