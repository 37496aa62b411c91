//! Link choices that make every command start sooner, each taken only when a probe shows
//! that this machine's linker and C library can carry it (README → Performance → "Listing
//! on the command line" has the figures).
//!
//! - The unwinder is linked in (`libgcc_eh.a`) instead of loading `libgcc_s.so.1`: one
//!   library less to map and bind, and no run of its constructor, which asks the processor
//!   about itself with a dozen `cpuid` instructions (each a trip to the hypervisor on a
//!   virtual machine). Panics still unwind: the TUI's panic hook and `catch_unwind` need it.
//! - The binary's relative relocations are packed (`-z pack-relative-relocs`, DT_RELR): a
//!   table of 6 KB instead of 500 KB for the loader to read at every start. The binary
//!   stays position-independent (ASLR). Only glibc 2.36 and later start such a binary (an
//!   older one refuses it by name, `GLIBC_ABI_DT_RELR`), so it is used only when the glibc
//!   here is that new.
//!
//! Each probe builds and runs a small program with the same compiler, target, flags and
//! linker as the real build. When cross-compiling nothing can be run, so nothing is added.
//! Both choices tie the binary to a glibc as new as the one it was built on (the static
//! unwinder asks for 2.35's `_dl_find_object`); `NEWSROOM_PORTABLE_BUILD=1` links as plain
//! cargo does, for a binary to copy to a server with an older glibc.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Relative relocations (a table of pointers), a panic caught after unwinding, and a line
/// on stdout: what the real binary needs from both link choices.
const PROBE: &str = r#"
static WORDS: [&str; 3] = ["tin", "bài", "bình luận"];
fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| {
        if WORDS.iter().map(|w| w.len()).sum::<usize>() > 0 {
            panic!("unwind");
        }
    });
    if caught.is_err() {
        println!("{}", WORDS[1]);
    }
}
"#;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=NEWSROOM_PORTABLE_BUILD");
    // tests/startup_link.rs checks the binary against what was chosen here.
    println!("cargo:rustc-env=NEWSROOM_LINK_CHOICES={}", choose().join(" "));
}

/// Emits the link flags that work here; returns their names ("unwinder", "relr"), or
/// "portable" when asked for none.
fn choose() -> Vec<&'static str> {
    if env::var_os("NEWSROOM_PORTABLE_BUILD").is_some_and(|v| !v.is_empty()) {
        return vec!["portable"];
    }
    let (Some(out), Ok(target), Ok(host)) = (
        env::var_os("OUT_DIR").map(PathBuf::from),
        env::var("TARGET"),
        env::var("HOST"),
    ) else {
        return Vec::new();
    };
    let gnu_linux = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if !gnu_linux || target != host {
        return Vec::new();
    }
    let probe = Probe { out, target };
    let mut chosen = Vec::new();

    // As a native library of this crate it comes before std's `-lgcc_s` on the link line,
    // so the unwinder's symbols are found here first and `--as-needed` drops libgcc_s.
    if probe.runs("unwinder", &["-l", "static:-bundle=gcc_eh"]) {
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
        chosen.push("unwinder");
    }

    let relr = "-Wl,-z,pack-relative-relocs";
    if glibc_at_least(2, 36) && probe.runs("relr", &["-C", &format!("link-arg={relr}")]) {
        println!("cargo:rustc-link-arg-bins={relr}");
        chosen.push("relr");
    }
    chosen
}

struct Probe {
    out: PathBuf,
    target: String,
}

impl Probe {
    /// Whether the probe program builds with `extra` and then runs and prints what it should.
    fn runs(&self, name: &str, extra: &[&str]) -> bool {
        let source = self.out.join("probe.rs");
        if std::fs::write(&source, PROBE).is_err() {
            return false;
        }
        let binary = self.out.join(format!("probe-{name}"));
        let mut rustc = Command::new(env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()));
        rustc
            .arg("--edition=2024")
            .args(["--target", &self.target])
            .args(rustflags())
            .args(extra)
            .arg("-o")
            .arg(&binary)
            .arg(&source);
        if let Some(linker) = env::var_os("RUSTC_LINKER") {
            rustc.arg("-C").arg(linker_arg(&linker));
        }
        let built = rustc.output().is_ok_and(|o| o.status.success());
        built && prints_expected(&binary)
    }
}

fn prints_expected(binary: &Path) -> bool {
    Command::new(binary)
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout == "bài\n".as_bytes())
}

/// The flags the real build passes to rustc (`RUSTFLAGS`, `build.rustflags`), which may
/// choose another linker.
fn rustflags() -> Vec<String> {
    env::var("CARGO_ENCODED_RUSTFLAGS")
        .map(|flags| {
            flags
                .split('\x1f')
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn linker_arg(linker: &std::ffi::OsStr) -> std::ffi::OsString {
    let mut arg = std::ffi::OsString::from("linker=");
    arg.push(linker);
    arg
}

/// From `getconf GNU_LIBC_VERSION` ("glibc 2.36"); false when it cannot be told.
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(output) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(version) = text.trim().strip_prefix("glibc ") else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    match (parts.next().flatten(), parts.next().flatten()) {
        (Some(a), Some(b)) => (a, b) >= (major, minor),
        _ => false,
    }
}
