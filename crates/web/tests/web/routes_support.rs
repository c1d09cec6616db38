//! The routes klacht-web declares, read from its source.

use std::collections::BTreeSet;
use std::path::Path;

/// Every `(METHOD, path)` the page routers declare, read from their
/// source (`.route("/path", get(..).post(..))`); the API's routes have
/// their own check (`api_openapi.rs`). `src`: klacht-web's `src` folder.
/// Used by the authorisation matrix and by the browser tests' walk of
/// every page (`crates/browser-tests/tests/browser_tests/pages.rs`).
pub fn declared_routes(src: &Path) -> BTreeSet<(String, String)> {
    let mut files = vec![src.to_path_buf()];
    let mut out = BTreeSet::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir") {
                files.push(entry.expect("entry").path());
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") || path.starts_with(src.join("api")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        let mut rest = text.as_str();
        while let Some(at) = rest.find(".route(") {
            rest = &rest[at + ".route(".len()..];
            // The call's arguments, up to its closing parenthesis.
            let mut depth = 1;
            let end = rest
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map(|(i, _)| i)
                .expect("balanced");
            let args = &rest[..end];
            let Some(start) = args.find('"') else {
                continue;
            };
            let Some(len) = args[start + 1..].find('"') else {
                continue;
            };
            let route = &args[start + 1..start + 1 + len];
            let handlers = &args[start + 1 + len..];
            for method in ["get", "post", "put", "patch", "delete"] {
                let called = handlers
                    .match_indices(&format!("{method}("))
                    .any(|(i, _)| i == 0 || !handlers.as_bytes()[i - 1].is_ascii_alphanumeric());
                if called {
                    out.insert((method.to_uppercase(), route.to_owned()));
                }
            }
        }
    }
    out
}
