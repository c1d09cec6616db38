//! What the public side adds to the staff pages: the tracking code (so
//! staff can give it to a complainant by phone) and the attachments of a
//! complaint, downloadable by whoever may see the complaint.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use klacht_app::complaints::{self, ServiceError};
use klacht_app::public::attachments::{FileKind, MAX_FILE_BYTES, MAX_FILES};
use klacht_domain::complaint::Complaint;
use klacht_domain::{ComplaintId, User, permissions};
use klacht_store::Store;

use crate::error::url_escape;
use crate::session::CurrentUser;
use crate::{AppState, WebError};

/// One attachment on the complaint page.
#[derive(Debug, Clone)]
pub(crate) struct AttachmentLine {
    pub name: String,
    pub size: String,
    pub href: String,
    /// The first 12 hex digits of the SHA-256, to compare with a copy.
    pub sha256: String,
    /// Shown as a thumbnail (JPEG, PNG).
    pub image: bool,
    /// Opened in the browser's PDF viewer.
    pub pdf: bool,
}

/// The public side's part of the staff complaint page.
#[derive(Debug, Clone, Default)]
pub(crate) struct PublicExtras {
    pub tracking_code: Option<String>,
    pub attachments: Vec<AttachmentLine>,
    /// The user may add files ("Bijlage toevoegen").
    pub may_add: bool,
    pub max_files: usize,
    pub max_mb: usize,
}

/// "340 kB", "1,2 MB".
fn human_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} kB", bytes.div_ceil(1024))
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

/// Reads the extras of a complaint `user` may see (the caller checked).
pub(crate) async fn extras<S: Store>(
    store: &S,
    user: &User,
    c: &Complaint,
) -> Result<PublicExtras, WebError> {
    let code = store.tracking_code_of(c.id()).await?;
    let attachments = store
        .attachments_of(c.id())
        .await?
        .into_iter()
        .map(|a| {
            let kind = FileKind::of_content_type(&a.content_type);
            AttachmentLine {
                href: format!("/klachten/{}/bijlagen/{}", c.id(), a.id),
                size: human_size(a.size_bytes),
                sha256: a.sha256.chars().take(12).collect(),
                name: a.file_name,
                image: kind.is_some_and(FileKind::is_image),
                pdf: kind == Some(FileKind::Pdf),
            }
        })
        .collect();
    Ok(PublicExtras {
        tracking_code: code.map(|c| c.to_string()),
        attachments,
        may_add: permissions::may_add_files(user, c) && !c.is_closed(),
        max_files: MAX_FILES,
        max_mb: MAX_FILE_BYTES / (1024 * 1024),
    })
}

/// `Content-Disposition` under the file's name: an ASCII fallback and the
/// UTF-8 name (RFC 6266). `inline` lets the browser show it (images and
/// PDFs only), `attachment` makes it save the file.
fn disposition(name: &str, inline: bool) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let value = format!(
        "{}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        url_escape(name).replace('/', "%2F")
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

/// `GET /klachten/{id}/bijlagen/{bijlage}`: the file, for whoever may see
/// the complaint; 404 for everyone else, as for a file that does not exist.
#[tracing::instrument(skip_all)]
pub(crate) async fn download<S: Store>(
    State(state): State<AppState<S>>,
    current: CurrentUser,
    Path((id, attachment)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id: ComplaintId = id.parse().map_err(|_| WebError::NotFound)?;
    let attachment = uuid::Uuid::parse_str(&attachment).map_err(|_| WebError::NotFound)?;
    let c = match complaints::load(&state.store, id).await {
        Ok(c) => c,
        Err(ServiceError::NotFound) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    };
    if !permissions::can_view(&current.user, &c) {
        return Err(WebError::NotFound);
    }
    let file = state
        .store
        .attachment(id, attachment)
        .await?
        .ok_or(WebError::NotFound)?;
    tracing::info!(complaint = %c.reference(), attachment = %file.info.id, "attachment downloaded");
    Ok(file_response(file))
}

/// A stored file as an answer, for the pages and the API. Its type is the
/// one the content was recognised as when it was received, never what the
/// sender claimed; only images and PDFs are shown in the browser (never a
/// type that runs script, such as SVG or HTML), anything else is saved.
pub(crate) fn file_response(file: klacht_store::Attachment) -> Response {
    let kind = FileKind::of_content_type(&file.info.content_type);
    let inline = kind.is_some_and(FileKind::previews);
    let mut response = Response::new(Body::from(file.data));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.map_or("application/octet-stream", FileKind::content_type)),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        disposition(&file.info.file_name, inline),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // Opened in the browser anyway, a file may run nothing. A sandboxed
    // document gets no plugins, and Chromium's PDF viewer is one: a PDF
    // goes without the sandbox (PDF script has no access to the page).
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if kind == Some(FileKind::Pdf) {
            "default-src 'none'"
        } else {
            "sandbox; default-src 'none'"
        }),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_the_dutch_way() {
        assert_eq!(human_size(1), "1 kB");
        assert_eq!(human_size(340 * 1024), "340 kB");
        assert_eq!(human_size(1024 * 1024 + 200 * 1024), "1,2 MB");
        assert_eq!(human_size(5 * 1024 * 1024), "5,0 MB");
    }

    #[test]
    fn file_names_are_safe_in_the_header() {
        let d = disposition("brief \"1\" café.pdf", false);
        let text = d.to_str().expect("ascii header");
        assert!(
            text.starts_with("attachment; filename=\"brief _1_ caf_.pdf\""),
            "{text}"
        );
        assert!(
            text.contains("filename*=UTF-8''brief%20%221%22%20caf%C3%A9.pdf"),
            "{text}"
        );
    }
}
