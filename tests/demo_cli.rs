//! `demo --articles N --comments M`: a new store is built beside its place and moved there
//! whole; an existing store gets more through the ordinary path; a stopped load leaves
//! nothing behind.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use support::cli::*;

/// The names in the sandbox's folder that are not the test's own files.
fn files(sb: &Sandbox) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sb.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn count(sb: &Sandbox, what: &[&str]) -> usize {
    let mut args = what.to_vec();
    args.extend(["--all", "--json"]);
    array(sb.json(ADMIN, &args)).len()
}

#[test]
fn a_new_store_is_made_whole_and_a_second_run_adds_to_it() {
    let sb = Sandbox::empty();
    let out = sb.run(ADMIN, &["demo", "--articles", "40", "--comments", "400"]);
    assert_ok(&out, "demo into a new store");
    assert!(
        stdout(&out).contains("40 articles and 400 comments"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).is_empty(),
        "piped, nothing extra: {:?}",
        stderr(&out)
    );
    assert_eq!(files(&sb), ["newsroom.db"], "only the store is left");
    assert_eq!(count(&sb, &["article", "list"]), 40);
    assert_eq!(count(&sb, &["comments", "list"]), 400);

    let out = sb.run(ADMIN, &["demo", "--articles", "5", "--comments", "30"]);
    assert_ok(&out, "demo into the existing store");
    assert!(
        stdout(&out).contains("5 articles and 30 comments"),
        "{}",
        stdout(&out)
    );
    assert_eq!(count(&sb, &["article", "list"]), 45);
    assert_eq!(count(&sb, &["comments", "list"]), 430);
}

#[test]
fn a_stopped_load_leaves_no_store_and_no_half_file() {
    let sb = Sandbox::empty();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .env("NEWSROOM_CONFIG", sb.path("no-config.toml"))
        .env("HOME", sb.dir.path())
        .arg("--db")
        .arg(&sb.db)
        .args([
            "--user",
            ADMIN,
            "demo",
            "--articles",
            "20000",
            "--comments",
            "200000",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the load to be under way: its file beside the store.
    let start = Instant::now();
    while !files(&sb).iter().any(|n| n.starts_with("newsroom.db.loading-")) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no loading file: {:?}",
            files(&sb)
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the load ended before it was stopped"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Stopped before the end: no store was made"),
        "{said}"
    );
    assert!(files(&sb).is_empty(), "left behind: {:?}", files(&sb));
}
