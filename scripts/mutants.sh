#!/usr/bin/env bash
# Mutation testing of what a branch changed: every mutant cargo-mutants can make in the
# lines changed since the branch left main must fail a test, or be listed with its reason
# in docs/mutants.md.
#
#   scripts/mutants.sh                 lines changed since the merge base with main
#   scripts/mutants.sh BASE            ... with BASE instead of main
#   scripts/mutants.sh -f FILE...      whole files, whatever changed
#
# Far too slow for CI on two cores (15-30 s a mutant): run it before asking for a merge.
# Mutants run one at a time (-j 1) and each runs only the tests that exercise its file (see
# tests_for), so a change to the store does not wait for the pseudo-terminal tests.
# Reports go to target/mutants/<group>/mutants.out; `missed.txt` there names survivors.
# MUTANTS_ARGS adds cargo-mutants options, e.g. MUTANTS_ARGS=--list to see the mutants
# without running them. Needs `cargo install cargo-mutants` (27 or newer).
set -euo pipefail

repo=$(git rev-parse --show-toplevel)
cd "$repo"

# The tests each file's mutants run. The library's own tests always run: the app and
# domain tests reach most of the crate. Keep in step with tests/ when a test file is added.
tests_for() {
    case "$1" in
        src/store/damage.rs) echo "--lib --test=store --test=damage" ;;
        # Live articles refusing a save, corrections and kept slugs: tests/workflow.rs.
        src/store/revisions.rs) echo "--lib --test=store --test=workflow" ;;
        src/store/* | src/store.rs) echo "--lib --test=store" ;;
        # The replies' headers are read from real replies in tests/intake_headers.rs.
        src/intake/* | src/intake.rs) echo "--lib --test=intake --test=intake_headers" ;;
        src/cli/* | src/cli.rs) echo "--lib --test=cli --test=inputs_cli --test=search_cli" ;;
        *) echo "--lib" ;;
    esac
}

diff_file=""
files=()
if [[ "${1:-}" == "-f" ]]; then
    shift
    files=("$@")
    [[ ${#files[@]} -gt 0 ]] || { echo "Name at least one file after -f." >&2; exit 1; }
else
    base=${1:-main}
    merge_base=$(git merge-base "$base" HEAD) || {
        echo "No common history with '$base': name a branch or commit to compare with." >&2
        exit 1
    }
    mkdir -p target/mutants
    diff_file=$repo/target/mutants/branch.diff
    # Against the working tree, so uncommitted changes count too.
    git diff "$merge_base" -- 'src/*.rs' >"$diff_file"
    mapfile -t files < <(git diff --name-only "$merge_base" -- 'src/*.rs')
    if [[ ${#files[@]} -eq 0 ]]; then
        echo "No Rust source changed since $base: nothing to mutate."
        exit 0
    fi
fi

# One cargo-mutants run per set of tests, so each mutant runs only the tests for its file.
declare -A groups=()
for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue # deleted by the branch
    args=$(tests_for "$f")
    groups[$args]+=" -f $f"
done

# Built dependencies are kept between runs in their own folder: cargo-mutants builds in a
# copy of the tree, which would otherwise start from nothing every time.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target/mutants/build}

status=0
n=0
for args in "${!groups[@]}"; do
    n=$((n + 1))
    out=target/mutants/group-$n
    mkdir -p "$out"
    echo "== tests: $args; files:${groups[$args]//-f /}"
    # Given as cargo arguments, not after `--`, so that the build of each mutant also
    # leaves out the other test binaries: linking all sixteen doubled the time per mutant.
    cargo_args=()
    for a in $args; do cargo_args+=("--cargo-arg=$a"); done
    # shellcheck disable=SC2086 # the file list is meant to split
    cargo mutants ${groups[$args]} ${diff_file:+--in-diff "$diff_file"} -j 1 \
        --timeout 120 --build-timeout 900 -o "$out" "${cargo_args[@]}" ${MUTANTS_ARGS:-} || status=$?
    echo "   report: $out/mutants.out"
done
# cargo-mutants exits 2 when a mutant survived, 3 on a timeout, 4 when the unmutated tree fails.
exit "$status"
