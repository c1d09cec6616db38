//! `klacht serve`.

use std::net::SocketAddr;

use anyhow::Context;
use clap::Args;
use klacht_app::Config;
use klacht_store::Store;
use klacht_web::AppState;

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
    if args.demo {
        let report = crate::demo::load(&store, &calendar).await?;
        tracing::info!("{report}");
    }
    let addr = args.addr.unwrap_or(config.addr);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("kan niet luisteren op {addr}"))?;
    let local = listener.local_addr()?;
    tracing::info!(
        database = store.backend(),
        "klacht luistert op http://{local}"
    );
    let state = AppState::new(store, calendar, config.organisation.clone())
        .with_cookie_secure(config.cookie_secure);
    klacht_web::serve(listener, state, shutdown_signal()).await?;
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
