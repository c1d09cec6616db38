//! What the public side adds to the staff pages: the tracking code (so
//! staff can give it to a complainant by phone) and the attachments of a
//! complaint, downloadable by whoever may see the complaint.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use klacht_app::complaints::{self, ServiceError};
use klacht_domain::complaint::Complaint;
use klacht_domain::{ComplaintId, permissions};
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
}

/// The public side's part of the staff complaint page.
#[derive(Debug, Clone, Default)]
pub(crate) struct PublicExtras {
    pub tracking_code: Option<String>,
    pub attachments: Vec<AttachmentLine>,
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

/// Reads the extras of a complaint the user may see (the caller checked).
pub(crate) async fn extras<S: Store>(store: &S, c: &Complaint) -> Result<PublicExtras, WebError> {
    let code = store.tracking_code_of(c.id()).await?;
    let attachments = store
        .attachments_of(c.id())
        .await?
        .into_iter()
        .map(|a| AttachmentLine {
            href: format!("/klachten/{}/bijlagen/{}", c.id(), a.id),
            size: human_size(a.size_bytes),
            sha256: a.sha256.chars().take(12).collect(),
            name: a.file_name,
        })
        .collect();
    Ok(PublicExtras {
        tracking_code: code.map(|c| c.to_string()),
        attachments,
    })
}

/// `Content-Disposition` that makes the browser save the file under its
/// name: an ASCII fallback and the UTF-8 name (RFC 6266).
fn disposition(name: &str) -> HeaderValue {
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
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
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
    let mut response = Response::new(Body::from(file.data));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&file.info.content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        disposition(&file.info.file_name),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // Opened in the browser anyway, a file may run nothing.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    Ok(response)
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
        let d = disposition("brief \"1\" café.pdf");
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
