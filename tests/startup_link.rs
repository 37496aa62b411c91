//! The link choices build.rs makes for a faster start (README → Performance → "Listing on
//! the command line") are in the binary, and panics still unwind with them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

// Linked although nothing of it is called here, so that its native libraries are (the
// unwinder among them), as in the binary.
extern crate newsroom;

/// What build.rs chose ("unwinder", "relr"; "portable" when told to add nothing).
fn chosen() -> Vec<&'static str> {
    option_env!("NEWSROOM_LINK_CHOICES")
        .unwrap_or("")
        .split_whitespace()
        .collect()
}

fn binary() -> Vec<u8> {
    std::fs::read(env!("CARGO_BIN_EXE_newsroom")).unwrap()
}

fn names(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// On this kind of machine (glibc 2.36 or later, GCC's static unwinder installed) both
/// choices must be made: a probe that stopped working would otherwise go unnoticed.
fn machine_takes_both() -> bool {
    let glibc = Command::new("getconf").arg("GNU_LIBC_VERSION").output();
    let new_enough = glibc.is_ok_and(|o| {
        let text = String::from_utf8_lossy(&o.stdout).trim().to_owned();
        let version = text.strip_prefix("glibc ").unwrap_or("0.0").to_owned();
        let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (2, 36)
    });
    let unwinder = Command::new("cc")
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"/"));
    cfg!(all(target_os = "linux", target_env = "gnu")) && new_enough && unwinder
}

#[test]
fn the_binary_carries_the_link_choices_this_machine_can_take() {
    let chosen = chosen();
    if !chosen.contains(&"portable") && machine_takes_both() {
        assert_eq!(chosen, ["unwinder", "relr"], "build.rs's probes failed here");
    }
    let binary = binary();
    assert_eq!(
        !names(&binary, "libgcc_s.so.1"),
        chosen.contains(&"unwinder"),
        "libgcc_s.so.1 is needed exactly when the unwinder is not linked in"
    );
    // The loader of an older glibc refuses the binary by this name instead of misreading it.
    assert_eq!(
        names(&binary, "GLIBC_ABI_DT_RELR"),
        chosen.contains(&"relr"),
        "packed relocations are used exactly when chosen"
    );
}

#[test]
fn a_panic_unwinds_with_the_linked_in_unwinder() {
    // This test binary is linked with the library's native libraries, the unwinder among
    // them: no libgcc_s is loaded, and a panic is still caught after unwinding the stack.
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    if chosen().contains(&"unwinder") {
        assert!(!maps.contains("libgcc_s"), "libgcc_s.so.1 was loaded");
    }
    struct Dropped<'a>(&'a std::cell::Cell<bool>);
    impl Drop for Dropped<'_> {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    let dropped = std::cell::Cell::new(false);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _guard = Dropped(&dropped);
        panic!("unwind through this frame");
    }));
    assert!(caught.is_err());
    assert!(dropped.get(), "the frame's destructors did not run");
}
