//! Reopening a filed complaint (issue 16, DESIGN §3: "a new round with its
//! own terms; the first filing stays sealed"). The event is decided by the
//! domain and written through [`crate::complaints::act`] like any other;
//! this module adds what the application does around it: the mail that
//! closes the loop (the complainant, the afhandelaar and the responsible
//! manager), the terms of the sealed rounds for the pages, and the key
//! under which each round's registration in Exact is queued.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_domain::calendar::WorkingCalendar;
use klacht_domain::complaint::{Complaint, Event, Kind, Recorded, SealedRound};
use klacht_domain::{User, UserId};
use klacht_mail::reopened::{ReopenedToComplainant, ReopenedToStaff};
use klacht_mail::{Address, TermDates};
use klacht_store::{NewOutboxMessage, Store, StoreError};

use crate::complaints::TermLine;
use crate::notify::{
    Notifier, complainant_addresses, for_complainant, for_staff, queue, queue_to_complainant,
};

/// The four terms of a sealed round with their status on `today`: done
/// steps keep their verdict and a step never done stays overdue, so missed
/// terms stay visible after the reopening.
pub fn round_term_lines(
    c: &Complaint,
    round: &SealedRound,
    calendar: &WorkingCalendar,
    today: Date,
) -> Vec<TermLine> {
    let zone = c.received_at().time_zone().clone();
    crate::complaints::lines_of(
        &round.terms(calendar),
        calendar,
        today,
        |step| round.step_done_on(step, &zone),
        |step| round.step_waived(step).map(|w| w.at),
    )
}

impl Notifier {
    /// The mail of a reopening among `new`, just applied to `c`: to the
    /// complainant (when there is an address) the new round and its terms,
    /// and to the afhandelaar and the responsible manager (not to whoever
    /// reopened it, nor to inactive accounts) that it is theirs again.
    pub(crate) async fn reopening_mail<S: Store>(
        &self,
        store: &S,
        c: &Complaint,
        new: &[Recorded],
        actor: Option<&User>,
        calendar: &WorkingCalendar,
        at: Timestamp,
    ) -> Result<Vec<NewOutboxMessage>, StoreError> {
        let Some(ctx) = self.context() else {
            return Ok(Vec::new());
        };
        if c.kind() != Kind::Complaint {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for r in new {
            let Event::Reopened(x) = &r.event else {
                continue;
            };
            if let Some((name, to)) = complainant_addresses(c) {
                let own = for_complainant(ctx, c);
                let mail = ReopenedToComplainant {
                    reference: c.reference().to_string(),
                    name,
                    kind: own.reopening_kind(x.kind),
                    tracking_code: store.tracking_code_of(c.id()).await?.map(|t| t.to_string()),
                    terms: TermDates::new(own.t, c.received_at(), &c.terms(calendar)),
                };
                let key = format!("reopened:{}:{}:complainant", c.id(), r.seq);
                out.extend(queue_to_complainant(&own, &mail, to, c, key, at));
            }
            let handler = match c.handler() {
                Some(id) => store.user_by_id(id).await?,
                None => None,
            };
            let mut recipients: Vec<UserId> = Vec::new();
            for id in [c.handler(), c.responsible_manager()].into_iter().flatten() {
                if Some(id) != r.actor.user() && !recipients.contains(&id) {
                    recipients.push(id);
                }
            }
            for id in recipients {
                let Some(u) = store.user_by_id(id).await?.filter(|u| u.active) else {
                    continue;
                };
                let own = for_staff(ctx, &u);
                let mail = ReopenedToStaff {
                    reference: c.reference().to_string(),
                    complaint_id: c.id().to_string(),
                    recipient_name: u.user.name.clone(),
                    reopened_by: actor.map_or_else(
                        || own.t.t("mail-someone-quality-manager"),
                        |a| a.name.clone(),
                    ),
                    kind: own.t.label(x.kind),
                    reason: x.reason.clone(),
                    round: c.round(),
                    handler: handler
                        .as_ref()
                        .map_or_else(|| own.t.t("mail-not-assigned-yet"), |h| h.user.name.clone()),
                    terms: TermDates::new(own.t, c.received_at(), &c.terms(calendar)),
                };
                let key = format!("reopened:{}:{}:{}", c.id(), r.seq, u.user.id);
                let to = vec![Address::new(u.user.name.clone(), u.user.email.to_string())];
                out.extend(queue(&own, &mail, to, c, key, at));
            }
        }
        Ok(out)
    }
}
