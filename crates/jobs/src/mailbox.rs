//! The mailbox job (issue 17 §2): reads the IMAP folder of `KLACHT_IMAP_URL`,
//! hands every message to [`klacht_app::mailbox::take_in`] and then moves it
//! to the processed folder (`klacht-verwerkt`).
//!
//! Each message is taken in once: the store claims (folder, UIDVALIDITY,
//! UID) in the transaction that stores it, so two instances polling one
//! mailbox, or a round that died between storing and moving, never make a
//! second item; a message found again is only moved. Messages are fetched
//! with `BODY.PEEK[]` (nothing is marked read) and moved only after they
//! are stored, so a connection lost mid-round loses nothing.
//!
//! Between rounds the job waits in IDLE when the server offers it (new
//! mail starts a round at once), else for the poll interval. TLS is
//! rustls with the Mozilla roots; plain IMAP only when the URL asks.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use async_imap::Session;
use futures_util::TryStreamExt;
use klacht_app::config::ImapSettings;
use klacht_app::mailbox::{Envelope, TakenIn, take_in};
use klacht_app::notify::Notifier;
use klacht_domain::calendar::WorkingCalendar;
use klacht_mail::Address;
use klacht_store::Store;
use secrecy::ExposeSecret;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

use crate::Clock;

/// Why a round stopped. The message never holds the password.
#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    #[error("IMAP-server {server} niet bereikbaar: {source}")]
    Connect {
        server: String,
        source: std::io::Error,
    },
    #[error("IMAP: {0}")]
    Imap(#[from] async_imap::error::Error),
    #[error("IMAP-aanmelding geweigerd: {0}")]
    Login(async_imap::error::Error),
    #[error("de map {0} heeft geen UIDVALIDITY")]
    NoUidValidity(String),
    #[error("verwerken mislukt: {0}")]
    Service(#[from] klacht_app::complaints::ServiceError),
    #[error("IMAP: time-out")]
    Timeout,
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MailboxReport {
    /// New intake items.
    pub intake: usize,
    /// Replies added to a complaint's timeline.
    pub replies: usize,
    /// Found again (taken in before) and only moved.
    pub before: usize,
}

/// Everything the job needs.
#[derive(Clone)]
pub struct MailboxJob {
    pub imap: ImapSettings,
    pub processed_folder: String,
    /// The address complainants write to, to recognise replies.
    pub address: Option<Address>,
    pub calendar: WorkingCalendar,
    pub notifier: Notifier,
    pub poll: Duration,
}

/// A connection with or without TLS.
#[derive(Debug)]
enum Conn {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_flush(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// How long one IMAP exchange may take before the round gives up.
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(60);

async fn timed<T, E>(
    fut: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, MailboxError>
where
    MailboxError: From<E>,
{
    match tokio::time::timeout(EXCHANGE_TIMEOUT, fut).await {
        Ok(r) => r.map_err(MailboxError::from),
        Err(_) => Err(MailboxError::Timeout),
    }
}

async fn connect(imap: &ImapSettings) -> Result<Session<Conn>, MailboxError> {
    let server = format!("{}:{}", imap.host, imap.port);
    let connect_error = |source| MailboxError::Connect {
        server: server.clone(),
        source,
    };
    let tcp = tokio::time::timeout(
        EXCHANGE_TIMEOUT,
        TcpStream::connect((imap.host.as_str(), imap.port)),
    )
    .await
    .map_err(|_| MailboxError::Timeout)?
    .map_err(connect_error)?;
    let conn = if imap.tls {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        // The provider named: the workspace builds rustls with more than one.
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| connect_error(std::io::Error::other(e)))?
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = rustls::pki_types::ServerName::try_from(imap.host.clone())
            .map_err(|e| connect_error(std::io::Error::other(e)))?;
        let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(connect_error)?;
        Conn::Tls(Box::new(tls))
    } else {
        Conn::Plain(tcp)
    };
    let mut client = async_imap::Client::new(conn);
    // The server's greeting comes first.
    let greeting = tokio::time::timeout(EXCHANGE_TIMEOUT, client.read_response())
        .await
        .map_err(|_| MailboxError::Timeout)?
        .map_err(connect_error)?;
    if greeting.is_none() {
        return Err(connect_error(std::io::Error::other(
            "verbinding gesloten voor de begroeting",
        )));
    }
    let session = tokio::time::timeout(
        EXCHANGE_TIMEOUT,
        client.login(&imap.user, imap.password.expose_secret()),
    )
    .await
    .map_err(|_| MailboxError::Timeout)?
    .map_err(|(e, _)| MailboxError::Login(e))?;
    Ok(session)
}

impl MailboxJob {
    /// One round: every message in the folder is taken in and moved.
    pub async fn poll_once<S: Store>(
        &self,
        store: &S,
        clock: &dyn Clock,
    ) -> Result<MailboxReport, MailboxError> {
        let mut session = connect(&self.imap).await?;
        let report = self.round(store, clock, &mut session).await;
        // A clean goodbye; the round's outcome does not depend on it.
        let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
        report
    }

    async fn round<S: Store>(
        &self,
        store: &S,
        clock: &dyn Clock,
        session: &mut Session<Conn>,
    ) -> Result<MailboxReport, MailboxError> {
        // The processed folder may exist already: that error is expected.
        let _ = timed(session.create(&self.processed_folder)).await;
        let folder = timed(session.select(&self.imap.folder)).await?;
        let uid_validity = folder
            .uid_validity
            .ok_or_else(|| MailboxError::NoUidValidity(self.imap.folder.clone()))?;
        let capabilities = timed(session.capabilities()).await?;
        let can_move = capabilities.has_str("MOVE");
        let mut uids: Vec<u32> = timed(session.uid_search("ALL"))
            .await?
            .into_iter()
            .collect();
        uids.sort_unstable();
        let mut report = MailboxReport::default();
        for uid in uids {
            let raw = {
                let fetches: Vec<_> = timed(async {
                    session
                        .uid_fetch(uid.to_string(), "BODY.PEEK[]")
                        .await?
                        .try_collect::<Vec<_>>()
                        .await
                })
                .await?;
                fetches
                    .iter()
                    .find(|f| f.uid == Some(uid))
                    .or(fetches.first())
                    .and_then(|f| f.body().map(<[u8]>::to_vec))
            };
            let Some(raw) = raw else {
                // Expunged meanwhile (another instance moved it).
                continue;
            };
            let envelope = Envelope {
                folder: self.imap.folder.clone(),
                uid_validity,
                uid,
            };
            let outcome = take_in(
                store,
                &self.calendar,
                &self.notifier,
                self.address.as_ref(),
                &envelope,
                raw,
                clock.now(),
            )
            .await?;
            match outcome {
                TakenIn::Intake => report.intake += 1,
                TakenIn::Reply(_) => report.replies += 1,
                TakenIn::Before => report.before += 1,
            }
            self.move_done(session, uid, can_move).await?;
        }
        Ok(report)
    }

    /// Moves a stored message out of the way, with MOVE where the server
    /// has it, else COPY, \Deleted and EXPUNGE.
    async fn move_done(
        &self,
        session: &mut Session<Conn>,
        uid: u32,
        can_move: bool,
    ) -> Result<(), MailboxError> {
        let set = uid.to_string();
        if can_move {
            timed(session.uid_mv(&set, &self.processed_folder)).await?;
        } else {
            timed(session.uid_copy(&set, &self.processed_folder)).await?;
            timed(async {
                session
                    .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
                    .await?
                    .try_collect::<Vec<_>>()
                    .await
            })
            .await?;
            timed(async { session.expunge().await?.try_collect::<Vec<_>>().await }).await?;
        }
        Ok(())
    }

    /// Waits for new mail: IDLE when the server offers it (at most the
    /// poll interval), else the poll interval.
    async fn wait_for_mail(&self) -> Result<(), MailboxError> {
        let mut session = connect(&self.imap).await?;
        let idle = timed(session.capabilities()).await?.has_str("IDLE");
        if !idle {
            let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
            tokio::time::sleep(self.poll).await;
            return Ok(());
        }
        timed(session.select(&self.imap.folder)).await?;
        let mut handle = session.idle();
        timed(handle.init()).await?;
        let (wait, _stop) = handle.wait_with_timeout(self.poll);
        wait.await?;
        let mut session = timed(handle.done()).await?;
        let _ = tokio::time::timeout(Duration::from_secs(5), session.logout()).await;
        Ok(())
    }
}

/// Runs the mailbox job until `shutdown` completes: a round, then a wait
/// for new mail; after an error (server down, restarted) the next round
/// comes after a pause that grows to the poll interval.
pub fn spawn_mailbox<S: Store, C: Clock>(
    job: MailboxJob,
    store: S,
    clock: C,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        tokio::pin!(shutdown);
        let mut pause = Duration::from_secs(1);
        loop {
            let work = async {
                let report = job.poll_once(&store, &clock).await?;
                if report != MailboxReport::default() {
                    tracing::info!(?report, "mailbox gelezen");
                }
                job.wait_for_mail().await
            };
            let outcome = tokio::select! {
                () = &mut shutdown => break,
                outcome = work => outcome,
            };
            match outcome {
                Ok(()) => pause = Duration::from_secs(1),
                Err(e) => {
                    tracing::warn!(error = %e, "mailbox niet gelezen; later opnieuw");
                    tokio::select! {
                        () = &mut shutdown => break,
                        () = tokio::time::sleep(pause) => {}
                    }
                    pause = (pause * 2).min(job.poll);
                }
            }
        }
        tracing::info!("mailbox-taak gestopt");
    })
}
