//! A full disk, for real: a small tmpfs mounted in a private mount namespace (`unshare`,
//! so nothing outside the test sees it; needs root or user namespaces, as CI has). The
//! real binary must say the disk is full, exit 1, and leave no empty `-wal`/`-shm` behind.

// Helpers outside #[test] functions fail the test the way tests do: by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::process::Command;

/// Runs `script` with `$1` = a 3 MB tmpfs holding a fresh store `$1/n.db`, `$2` = the
/// binary, `$3` = a 2 MB body file. Returns what the script printed.
fn on_a_small_disk(script: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("disk");
    std::fs::create_dir(&mount).unwrap();
    let body = dir.path().join("body.md");
    std::fs::write(&body, "chữ ".repeat(400_000)).unwrap();
    let setup = "mount -t tmpfs -o size=3m tmpfs \"$1\" || exit 99
        export NEWSROOM_CONFIG=/nonexistent USER=bien.tap
        \"$2\" --db \"$1/n.db\" init >/dev/null || exit 98
        # fill DIR KIB: fill the disk until KIB kibibytes are left
        fill() { rm -f \"$1/filler\"; avail=$(df -k --output=avail \"$1\" | tail -1); \
                 dd if=/dev/zero of=\"$1/filler\" bs=1k count=$((avail - $2)) 2>/dev/null; }
        files() { ls \"$1\" | tr '\\n' ' '; echo; }";
    let full = format!("{setup}\n{script}");
    let out = Command::new("unshare")
        .args(["--mount", "sh", "-c", &full, "sh"])
        .arg(&mount)
        .arg(support::BIN)
        .arg(&body)
        .output()
        .expect("unshare runs (util-linux)");
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "the small disk could not be set up ({:?}): {}{printed}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    printed
}

#[test]
fn a_nearly_full_disk_is_named_and_leaves_no_empty_wal_or_shm() {
    let printed = on_a_small_disk(
        r#"fill "$1" 100
        "$2" --db "$1/n.db" article new --title "Tin mới" 2>&1; echo "exit $?"
        files "$1""#,
    );
    let lines: Vec<&str> = printed.lines().collect();
    assert!(
        lines[0].starts_with("The disk holding") && lines[0].contains("is full"),
        "{printed}"
    );
    assert_eq!(lines[1], "exit 1", "{printed}");
    assert_eq!(lines[2].trim(), "filler n.db", "no -wal or -shm left: {printed}");
}

#[test]
fn a_write_bigger_than_the_room_left_is_named_and_changes_nothing() {
    let printed = on_a_small_disk(
        r#"fill "$1" 1300
        "$2" --db "$1/n.db" article new --title "Bài dài" --body-file "$3" 2>&1; echo "exit $?"
        files "$1"
        "$2" --db "$1/n.db" article list 2>&1 | grep -c "Bài dài"; echo "exit $?""#,
    );
    let lines: Vec<&str> = printed.lines().collect();
    assert!(
        lines[0].contains("is full") && lines[0].contains("nothing was written"),
        "{printed}"
    );
    assert_eq!(lines[1], "exit 1", "{printed}");
    assert_eq!(lines[2].trim(), "filler n.db", "no -wal or -shm left: {printed}");
    assert_eq!(lines[3], "0", "the article is not there: {printed}");
}
