//! Reading a `multipart/form-data` body with files, for every form and
//! endpoint that takes them (the public form, staff intake, the complaint
//! page, the API). Text fields are kept as typed; files are read up to the
//! limit of the shared checks ([`klacht_app::public::attachments`]) and
//! the rest of a file that is too large is dropped as it arrives, so a
//! refusal costs no memory. What a file is, is decided by those checks,
//! never here.

use crate::error::Words;
use axum::extract::Multipart;
use axum::extract::multipart::{Field, MultipartError};
use axum::http::{Method, StatusCode};
use klacht_app::public::{MAX_FILE_BYTES, MAX_FILES, Upload};

/// The largest body a route that takes files reads: the most files at
/// their largest, with room for the text fields and a file that is too
/// large by a little (read only to say so). Past it, the body breaks off
/// ([`Broken::TooLarge`]) and the form comes back with what was typed.
pub const UPLOAD_BODY_BYTES: usize = MAX_FILES * MAX_FILE_BYTES + 4 * 1024 * 1024;

/// Longest text field read; longer input is cut (and then refused by the
/// length checks), so a huge field costs no memory.
pub const TEXT_FIELD_BYTES: usize = 100 * 1024;

/// The staff and API routes that take files, which read up to
/// [`UPLOAD_BODY_BYTES`]; every other staff route reads at most
/// [`crate::MAX_BODY_BYTES`] (the public site sets its own limits).
pub fn takes_files(method: &Method, path: &str) -> bool {
    if method != Method::POST {
        return false;
    }
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    matches!(
        parts.as_slice(),
        ["klachten", "nieuw"]
            | ["klachten", _, "bijlagen"]
            | ["api", "v1", "complaints"]
            | ["api", "v1", "complaints", _, "attachments"]
    )
}

/// The extractors' own limit on the routes that take files: none, since
/// the staff body limit in front of them (`staff_body_limit` in lib.rs)
/// already cuts their bodies off at [`UPLOAD_BODY_BYTES`]. A second
/// limit of the same size would wrap the first's error, and a body over
/// it would read as broken (400) instead of too large (413).
pub fn upload_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::disable()
}

/// Why a body could not be read to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Broken {
    /// Over the body limit (413).
    TooLarge,
    /// Cut off or malformed (400).
    Unreadable,
}

impl Broken {
    pub fn of(e: &MultipartError) -> Self {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Broken::TooLarge
        } else {
            Broken::Unreadable
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            Broken::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Broken::Unreadable => StatusCode::BAD_REQUEST,
        }
    }

    /// What a person is told, at the file field, in any language.
    pub fn words(self) -> Words {
        match self {
            Broken::TooLarge => Words::Key(
                "complaint-files-too-large",
                vec![
                    ("files", MAX_FILES.to_string()),
                    ("mb", (MAX_FILE_BYTES / (1024 * 1024)).to_string()),
                ],
            ),
            Broken::Unreadable => Words::key("complaint-files-unreadable"),
        }
    }
}

/// A multipart body as far as it could be read.
#[derive(Debug, Default)]
pub struct Received {
    /// Text fields in the order they came, as typed (invalid UTF-8
    /// replaced).
    pub fields: Vec<(String, String)>,
    /// The parts of the file field that carried something.
    pub uploads: Vec<Upload>,
    pub broken: Option<Broken>,
}

impl Received {
    /// The last value of text field `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn broken(broken: Broken) -> Self {
        Self {
            broken: Some(broken),
            ..Self::default()
        }
    }
}

/// Reads a field's bytes, keeping at most `keep` and dropping the rest as
/// it arrives. Returns the bytes and whether there was more.
async fn read_capped(
    field: &mut Field<'_>,
    keep: usize,
) -> Result<(Vec<u8>, bool), MultipartError> {
    let mut data = Vec::new();
    let mut over = false;
    while let Some(chunk) = field.chunk().await? {
        if over {
            continue;
        }
        if data.len() + chunk.len() > keep {
            let room = keep.saturating_sub(data.len());
            data.extend_from_slice(&chunk[..room]);
            over = true;
        } else {
            data.extend_from_slice(&chunk);
        }
    }
    Ok((data, over))
}

/// Reads the body field by field; parts named `file_field` are files,
/// every other part is text. Text fields come first on the forms, so what
/// was typed survives a body that breaks off in the files.
pub async fn read(mut multipart: Multipart, file_field: &str) -> Received {
    let mut r = Received::default();
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                r.broken = Some(Broken::of(&e));
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let is_file = name == file_field;
        // Beyond the allowed number of files nothing is kept: the count
        // alone refuses them.
        let keep = match (is_file, r.uploads.len() >= MAX_FILES) {
            (true, true) => 0,
            (true, false) => MAX_FILE_BYTES,
            (false, _) => TEXT_FIELD_BYTES,
        };
        let (data, over) = match read_capped(&mut field, keep).await {
            Ok(read) => read,
            Err(e) => {
                r.broken = Some(Broken::of(&e));
                break;
            }
        };
        if is_file {
            let file_name = file_name.unwrap_or_default();
            // An empty file field (nothing chosen) still sends a part.
            if file_name.is_empty() && data.is_empty() {
                continue;
            }
            r.uploads.push(Upload {
                file_name,
                data,
                too_big: over && keep > 0,
            });
            continue;
        }
        r.fields
            .push((name, String::from_utf8_lossy(&data).into_owned()));
    }
    r
}

/// A staff form that may carry files (`enctype="multipart/form-data"`),
/// posted by the signed-in user, its CSRF token checked against the
/// session before the handler sees it. A form posted without files as
/// `application/x-www-form-urlencoded` is read as [`CsrfForm`] does. A body
/// that broke off in the files still gives the text fields read before
/// it, with [`StaffUpload::broken`] saying why.
///
/// [`CsrfForm`]: crate::session::CsrfForm
pub struct StaffUpload<T> {
    pub current: crate::session::CurrentUser,
    pub form: T,
    pub uploads: Vec<Upload>,
    pub broken: Option<Broken>,
}

impl<S, T> axum::extract::FromRequest<crate::AppState<S>> for StaffUpload<T>
where
    S: klacht_store::Store,
    T: serde::de::DeserializeOwned,
{
    type Rejection = crate::WebError;

    async fn from_request(
        req: axum::extract::Request,
        state: &crate::AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        use axum::extract::FromRequestParts;
        let (mut parts, body) = req.into_parts();
        let current = crate::session::CurrentUser::from_request_parts(&mut parts, state).await?;
        let req = axum::extract::Request::from_parts(parts, body);
        let multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("multipart/form-data"));
        if !multipart {
            let crate::session::CsrfForm { current, form } =
                crate::session::CsrfForm::from_request(req, state).await?;
            return Ok(Self {
                current,
                form,
                uploads: Vec::new(),
                broken: None,
            });
        }
        let received = match Multipart::from_request(req, state).await {
            Ok(m) => read(m, "bijlagen").await,
            Err(_) => Received::broken(Broken::Unreadable),
        };
        let token = received.text("csrf").unwrap_or_default();
        if !crate::session::same_secret(token, &current.session.csrf_token) {
            return Err(crate::WebError::Csrf);
        }
        let encoded = serde_html_form::to_string(&received.fields)
            .map_err(|e| crate::session::malformed(current.t, &e))?;
        let form = serde_html_form::from_str(&encoded)
            .map_err(|e| crate::session::malformed(current.t, &e))?;
        Ok(Self {
            current,
            form,
            uploads: received.uploads,
            broken: received.broken,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_upload_routes_read_large_bodies() {
        let post = Method::POST;
        assert!(takes_files(&post, "/klachten/nieuw"));
        assert!(takes_files(&post, "/klachten/K-2026-0001/bijlagen"));
        assert!(takes_files(&post, "/api/v1/complaints"));
        assert!(takes_files(&post, "/api/v1/complaints/abc/attachments"));
        assert!(!takes_files(&Method::GET, "/klachten/nieuw"));
        assert!(!takes_files(&post, "/klachten/abc/contact"));
        assert!(!takes_files(&post, "/klachten/abc/bijlagen/def"));
        assert!(!takes_files(&post, "/api/v1/complaints/abc/contact"));
        assert!(!takes_files(&post, "/beheer/gebruikers"));
    }
}
