// `sqlx::migrate!` embeds the migrations when the crate compiles; without
// this a new migration file alone does not rebuild it, and the binary runs
// without it (it did, once: 0035).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
