//! The first sign-in tour: a few points about the user's own start page,
//! shown on "Wacht op mij" until the user puts it away (a plain form POST,
//! remembered per user in `tour_dismissals`, migration 0019), and always on
//! "Hoe werkt het?". No JavaScript: the form reloads the start page.

use axum::extract::State;
use axum::response::Response;
use klacht_domain::Role;
use klacht_store::Store;
use serde::Deserialize;

use crate::session::{CsrfForm, redirect_with_flash};
use crate::{AppState, WebError};

/// The tour of one role's start page.
pub struct Tour {
    pub title: &'static str,
    pub points: &'static [&'static str],
}

/// What the user's start page holds, in the order they meet it.
pub fn of(role: Role) -> Tour {
    let points: &'static [&'static str] = match role {
        Role::Employee => &[
            "Onder Wacht op mij staat wat op u wacht, het dringendste bovenaan: eerst wat te laat is, dan wat vandaag moet.",
            "Neemt u een klacht aan? Leg haar dezelfde dag vast met Nieuwe melding. Uw leidinggevende krijgt daarvan bericht en wordt verantwoordelijk.",
            "Een klacht die u vastlegde, staat hier tot ze is afgesloten; een afgesproken actie op uw naam tot u haar afrondt.",
            "Bij iedere stap op de pagina van een klacht staat wat het klachtenreglement vraagt en waarom.",
        ],
        Role::Manager => &[
            "Onder Wacht op mij staat wat op u wacht, het dringendste bovenaan: eerst wat te laat is, dan wat vandaag moet.",
            "Een nieuwe klacht over uw team staat hier tot u een afhandelaar aanwijst: uzelf of een collega, nooit de medewerker over wie de klacht gaat.",
            "Als afhandelaar ziet u per klacht de volgende stap en de termijn: op tijd, vandaag of te laat. Een verstreken termijn in uw team ziet u ook.",
            "Bent u afwezig? Leg het vast onder Afwezigheid; herinneringen gaan dan naar een vervanger.",
            "Bij iedere stap op de pagina van een klacht staat wat het klachtenreglement vraagt en waarom.",
        ],
        Role::QualityManager => &[
            "Onder Wacht op mij staan de klachtenformulieren die naar u zijn gestuurd: controleer ze en sluit de klacht af, dan gaat ze verzegeld in het klachtendossier.",
            "Ook e-mail die niet verzonden kon worden (Berichten) en structurele patronen in de klachten (Verbetering) wachten hier op u.",
            "Overzicht, Dashboard en Dossier tonen alle klachten, hun termijnen en de cijfers.",
            "U kunt een afhandelaar bijstaan; bij iedere stap op de pagina van een klacht staat wat het klachtenreglement vraagt.",
        ],
        Role::Director => &[
            "Onder Wacht op mij staan de vragen waarbij een afhandelaar uw advies vraagt, met de termijn van het aanbod dat erop wacht.",
            "Uw advies geeft u op de pagina van de klacht; de vrager en de afhandelaar krijgen het per e-mail.",
            "Externe escalaties die lopen, staan hier ook tot hun uitkomst is vastgelegd.",
            "Overzicht, Dashboard en Jaarverslag tonen hoe alle klachten worden afgehandeld.",
        ],
        Role::Admin => &[
            "U beheert het systeem en handelt geen klachten af; er wacht op deze pagina niets op u.",
            "Onder Beheer staan de gebruikers en teams, de lijsten met categorieën en oorzaken, en de diensten van het openbare klachtformulier.",
            "De kalender (Beheer) bepaalt de termijnen: sluitingsdagen tellen niet als werkdag.",
            "Iedere wijziging die u doet, staat in het Logboek.",
        ],
    };
    Tour {
        title: "Rondleiding: uw startpagina",
        points,
    }
}

#[derive(Deserialize)]
pub(super) struct Empty {}

/// `POST /rondleiding/verbergen`: the tour stays away from now on.
#[tracing::instrument(skip_all)]
pub(super) async fn dismiss<S: Store>(
    State(state): State<AppState<S>>,
    CsrfForm { current, .. }: CsrfForm<Empty>,
) -> Result<Response, WebError> {
    state
        .store
        .dismiss_tour(current.user.id, state.now())
        .await?;
    Ok(redirect_with_flash(
        "/",
        "De rondleiding is verborgen. U vindt haar terug onder Hoe werkt het?",
        state.cookie_secure,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_three_to_five_points() {
        for role in Role::ALL {
            let n = of(role).points.len();
            assert!((3..=5).contains(&n), "{role:?}: {n}");
        }
    }
}
