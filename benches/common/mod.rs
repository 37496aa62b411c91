//! What the benchmarks share: a session as the TUI would build it, and the bits of file
//! handling their cached big stores need.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use newsroom::app::Session;
use newsroom::clock::SystemClock;
use newsroom::domain::User;
use newsroom::i18n::Lang;

/// Whether cargo runs us as a benchmark: `cargo test --benches` should not load a big store.
pub fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The `-wal` and `-shm` files beside a store.
pub fn sidecars(path: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    [with("-wal"), with("-shm")]
}

/// A Vietnamese session of `user` in Hanoi time on the system clock.
pub fn session(user: User) -> Session {
    Session {
        user,
        lang: Lang::Vi,
        zone: newsroom::clock::zone("Asia/Ho_Chi_Minh").unwrap(),
        store_label: "/srv/newsroom/newsroom.db".into(),
        restricted: false,
        clock: Arc::new(SystemClock),
        id: "bench".into(),
    }
}

/// The session of `login`, who must be in `store`.
pub fn session_of(store: &newsroom::store::Store, login: &str) -> Session {
    session(store.active_user(login).unwrap())
}
