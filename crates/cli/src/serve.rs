//! `klacht serve`.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use clap::Args;
use klacht_app::Config;
use klacht_store::Store;
use klacht_web::AppState;

/// Closed complaints the worker files per round while catching up (each
/// renders a PDF: about a second on a busy machine).
const CATCH_UP_SLICE: u32 = 5;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080, or KLACHT_ADDR).
    #[arg(long)]
    addr: Option<SocketAddr>,
    /// Load the demo organisation first (idempotent).
    #[arg(long)]
    demo: bool,
}

pub async fn run<S: Store>(store: S, config: &Config, args: ServeArgs) -> anyhow::Result<()> {
    let calendar = config.working_calendar()?;
    let clock = config.clock();
    if let Some(start) = config.now {
        tracing::warn!(%start, "KLACHT_NOW: de klok begint op dit tijdstip, niet op de echte tijd");
    }
    // The regulation file is read now: a wrong path stops the start.
    let public = klacht_web::PublicSite::from_config(&config.public, &config.organisation)?;
    if args.demo {
        let report = crate::demo::load(&store, &calendar, clock.now()).await?;
        tracing::info!("{report}");
    }
    let addr = args.addr.unwrap_or(config.addr);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("kan niet luisteren op {addr}"))?;
    let local = listener.local_addr()?;
    // Links in mail and calendar feeds point where this server listens,
    // unless KLACHT_PUBLIC_URL says otherwise.
    let config = &config.clone().served_at(local);
    tracing::info!(
        database = store.backend(),
        "klacht luistert op http://{local}"
    );
    // The background jobs (e-mail delivery, …) run beside the server; the
    // application wakes them as soon as it queued mail.
    let wake = Arc::new(tokio::sync::Notify::new());
    let mut jobs = crate::jobs::build(store.clone(), config)?;
    // Catching up the dossier in slices keeps the first rounds short, so
    // that mail does not wait for a backlog of forms to be rendered.
    jobs.dossier = jobs.dossier.take().map(|d| d.in_slices(CATCH_UP_SLICE));
    let mail_server = jobs.mailer.as_ref().map(|m| m.describe().to_owned());
    match &mail_server {
        Some(server) => tracing::info!(%server, "e-mail gaat via deze mailserver"),
        None => tracing::warn!(
            "geen mailserver ingesteld (KLACHT_SMTP_URL): e-mail blijft in de wachtrij"
        ),
    }
    let (stop_jobs, jobs_stopped) = tokio::sync::oneshot::channel::<()>();
    let worker = klacht_jobs::spawn_worker(
        Arc::new(jobs),
        clock.clone(),
        klacht_jobs::WorkerOptions {
            wake: wake.clone(),
            ..klacht_jobs::WorkerOptions::default()
        },
        async {
            let _ = jobs_stopped.await;
        },
    );
    // Complaints from the mailbox: a task of its own (it waits in IDLE).
    let (stop_mailbox, mailbox_stopped) = tokio::sync::oneshot::channel::<()>();
    let mailbox = match crate::jobs::mailbox(config, crate::jobs::notifier(config, wake.clone()))? {
        Some(job) => {
            tracing::info!(server = %job.imap.host, folder = %job.imap.folder, "mailbox wordt gelezen");
            Some(klacht_jobs::spawn_mailbox(
                job,
                store.clone(),
                clock.clone(),
                async {
                    let _ = mailbox_stopped.await;
                },
            ))
        }
        None => None,
    };
    // The logo file is read now: a wrong path stops the start.
    let letterhead = klacht_app::documents::Letterhead::from_config(config)?;
    // The provider is asked on the first sign-in, not now: a provider that
    // is down does not stop klacht (the administrator's password works).
    let sso = match &config.oidc {
        Some(oidc) => {
            let sso = klacht_app::sso::Sso::new(oidc.clone(), &config.mail.public_url)
                .context("single sign-on ([oidc])")?;
            tracing::info!(
                issuer = %oidc.issuer,
                redirect_uri = %klacht_app::config::OidcConfig::redirect_url(&config.mail.public_url),
                "single sign-on aan"
            );
            Some(sso)
        }
        None => None,
    };
    let state = AppState::new(store, calendar, config.organisation.clone())
        .with_letterhead(letterhead)
        .with_clock(clock)
        .with_cookie_secure(config.cookie_secure)
        .with_patterns(config.patterns)
        .with_metrics_token(config.operations.metrics_token.clone())
        .with_public(public)
        .with_sso(sso)
        .with_mail(crate::jobs::notifier(config, wake), mail_server);
    klacht_web::warm_up(&state);
    let served = klacht_web::serve(listener, state, shutdown_signal()).await;
    // Let a round under way finish before the process ends.
    let _ = stop_jobs.send(());
    let _ = worker.await;
    let _ = stop_mailbox.send(());
    if let Some(mailbox) = mailbox {
        let _ = mailbox.await;
    }
    served?;
    tracing::info!("klacht is gestopt");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
