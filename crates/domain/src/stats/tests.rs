use jiff::civil::date;

use super::*;
use crate::complaint::tests::{
    close, contact_on, escalate, handled, org, outcome, ready_to_close, response, waive,
};
use crate::complaint::{Command, WaivableStep};

fn cal() -> WorkingCalendar {
    WorkingCalendar::netherlands_default()
}

#[test]
fn summaries_use_nearest_rank_and_a_true_median() {
    assert_eq!(Summary::of(vec![]), Summary::default());
    let s = Summary::of((1..=10).rev().collect());
    assert_eq!(s.count, 10);
    assert_eq!(s.mean, Some(5.5));
    assert_eq!(s.median, Some(5.5));
    assert_eq!(s.p90, Some(9));
    assert_eq!(s.max, Some(10));
    let s = Summary::of(vec![3, 1, 2]);
    assert_eq!((s.median, s.p90), (Some(2.0), Some(3)));
    assert_eq!(Summary::of((1..=11).collect()).p90, Some(10));
    assert_eq!(Summary::of(vec![7]).p90, Some(7));
}

#[test]
fn periods_are_years_or_the_last_twelve_months() {
    let y = Period::year(2026);
    assert_eq!((y.from, y.to), (date(2026, 1, 1), date(2026, 12, 31)));
    assert_eq!(y.months().len(), 12);
    assert!(y.contains(date(2026, 12, 31)) && !y.contains(date(2027, 1, 1)));
    let p = Period::last_twelve_months(date(2026, 11, 29));
    assert_eq!((p.from, p.to), (date(2025, 12, 1), date(2026, 11, 30)));
    assert_eq!(p.label, "december 2025 t/m november 2026");
    let months = p.months();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], (2025, 12));
    assert_eq!(months[11], (2026, 11));
}

#[test]
fn facts_of_a_closed_complaint_are_on_time_with_a_lead_time() {
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.colleague, response());
    run.ok(&org.quality, close());
    let f = ComplaintFacts::of(&run.c, &cal());
    assert_eq!(f.received_on, date(2026, 4, 24));
    assert_eq!(f.kind, Kind::Complaint);
    assert_eq!(f.merit, Some(Merit::Founded));
    assert_eq!(f.satisfaction, Some(4));
    assert_eq!(f.offer_accepted, Some(true));
    assert_eq!(f.closed_on, Some(date(2026, 5, 4)));
    assert_eq!(f.steps.len(), 4, "report, contact, offer, record");
    let today = date(2026, 6, 1);
    for s in &f.steps {
        assert_eq!(s.outcome(today), StepOutcome::OnTime, "{:?}", s.step);
    }
    let contact = f.step(Step::Contact).expect("contact");
    assert_eq!(contact.due, date(2026, 4, 29));
    assert_eq!(contact.done_on, Some(date(2026, 4, 27)));

    let stats = Stats::compute(&[f], &Period::year(2026), today);
    assert_eq!(stats.lead_time.count, 1);
    assert_eq!(stats.lead_time.mean, Some(10.0));
    assert_eq!(stats.totals.closed, 1);
    assert!(
        stats
            .compliance
            .iter()
            .all(|c| c.share_on_time == Some(1.0))
    );
}

#[test]
fn late_overdue_waived_and_pending_steps() {
    let org = org();
    // Contact on Thursday 30 April: one calendar day after the term.
    let mut late = handled(&org);
    late.ok(&org.colleague, contact_on(date(2026, 4, 30)));
    let f = ComplaintFacts::of(&late.c, &cal());
    let today = date(2026, 5, 4);
    assert_eq!(
        f.step(Step::Contact).map(|s| s.outcome(today)),
        Some(StepOutcome::Late(1))
    );
    assert_eq!(
        f.step(Step::Offer).map(|s| s.outcome(today)),
        Some(StepOutcome::Pending)
    );
    assert_eq!(
        f.step(Step::Contact).map(|s| s.met_label(today)),
        Some("nee")
    );

    // Never contacted: overdue by five calendar days on 4 May.
    let open = handled(&org);
    let g = ComplaintFacts::of(&open.c, &cal());
    assert_eq!(
        g.step(Step::Contact).map(|s| s.outcome(today)),
        Some(StepOutcome::Overdue(5))
    );

    let mut waived = handled(&org);
    waived.ok(
        &org.colleague,
        waive(WaivableStep::Contact, "Niet bereikbaar na vijf pogingen."),
    );
    let h = ComplaintFacts::of(&waived.c, &cal());
    assert_eq!(
        h.step(Step::Contact).map(|s| s.outcome(today)),
        Some(StepOutcome::Waived)
    );
    assert_eq!(
        h.step(Step::Contact).map(|s| s.met_label(today)),
        Some("overgeslagen")
    );

    let stats = Stats::compute(&[f, g, h], &Period::year(2026), today);
    let contact = &stats.compliance[1];
    assert_eq!(contact.step, Step::Contact);
    assert_eq!(
        (
            contact.on_time,
            contact.late,
            contact.overdue,
            contact.waived
        ),
        (0, 1, 1, 1)
    );
    assert_eq!(contact.share_on_time, Some(0.0));
    assert_eq!(contact.days_late.mean, Some(3.0));
    assert_eq!(contact.days_late.p90, Some(5));
    let offer = &stats.compliance[2];
    assert_eq!((offer.pending, offer.share_on_time), (3, None));
}

/// Issue 12: step 1, reporting to the manager the day of receipt, is
/// measured like the others.
#[test]
fn the_same_day_report_is_measured_like_the_other_steps() {
    use crate::complaint::tests::{Run, new_complaint, received, reference};
    use crate::complaint::{Actor, register};
    let org = org();
    let today = date(2026, 5, 4);
    let on_time = ComplaintFacts::of(&Run::registered(&org, Kind::Complaint).c, &cal());
    assert_eq!(
        on_time.step(Step::Report).map(|s| s.outcome(today)),
        Some(StepOutcome::OnTime)
    );
    // Registered, and so reported, two days after it was received.
    let at = received().timestamp() + jiff::SignedDuration::from_hours(48);
    let events = register(
        new_complaint(Kind::Complaint, &org.involved),
        reference(),
        &org.employee,
        at,
    )
    .expect("registers");
    let late = Run::from_events(events, Actor::User(org.employee.id), at);
    let late = ComplaintFacts::of(&late.c, &cal());
    assert_eq!(
        late.step(Step::Report).map(|s| s.outcome(today)),
        Some(StepOutcome::Late(2))
    );
    assert_eq!(
        late.step(Step::Report).map(|s| s.met_label(today)),
        Some("nee")
    );
    let stats = Stats::compute(&[on_time, late], &Period::year(2026), today);
    let report = &stats.compliance[0];
    assert_eq!(
        (report.step, report.label),
        (Step::Report, Step::Report.label())
    );
    assert_eq!((report.on_time, report.late, report.overdue), (1, 1, 0));
    assert_eq!(report.share_on_time, Some(0.5));
    assert_eq!(report.days_late.max, Some(2));
}

#[test]
fn escalations_and_signals_are_counted() {
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.director, escalate());
    run.ok(&org.director, outcome(true));
    let f = ComplaintFacts::of(&run.c, &cal());
    assert_eq!(f.escalations.len(), 1);
    assert_eq!(f.escalations[0].resolved, Some(true));
    let mut signal = crate::complaint::tests::Run::registered(&org, Kind::Signal);
    let s = ComplaintFacts::of(&signal.c, &cal());
    assert!(s.steps.is_empty());
    signal.ok(
        &org.manager,
        Command::ConvertToComplaint(crate::complaint::Conversion {
            reason: "Toch niet opgelost.".into(),
        }),
    );
    let converted = ComplaintFacts::of(&signal.c, &cal());
    assert_eq!(
        (converted.registered_as, converted.kind),
        (Kind::Signal, Kind::Complaint)
    );
    // Reported when it became a complaint: on time for step 1 (issue 12).
    assert_eq!(
        converted
            .step(Step::Report)
            .map(|s| s.outcome(date(2026, 5, 4))),
        Some(StepOutcome::OnTime)
    );
    let stats = Stats::compute(&[f, s, converted], &Period::year(2026), date(2026, 5, 4));
    assert_eq!(stats.totals.received, 3);
    assert_eq!(
        (
            stats.totals.complaints,
            stats.totals.signals,
            stats.totals.converted
        ),
        (2, 1, 1)
    );
    assert_eq!(stats.escalations.complaints, 1);
    assert_eq!(stats.escalations.resolved, 1);
    assert_eq!(
        stats.escalations.by_party,
        vec![NamedCount {
            name: "klachtencommissie".into(),
            count: 1
        }]
    );
    assert_eq!(stats.months[3].complaints, 2);
    assert_eq!(stats.months[3].signals, 1);
    assert_eq!(stats.months[3].label, "apr 2026");
}

/// A facts row made by hand, for the counting rules.
fn row(n: u128, received_on: Date, kind: Kind, category: Option<&str>) -> ComplaintFacts {
    ComplaintFacts {
        id: ComplaintId::new(uuid::Uuid::from_u128(n)),
        reference: ReferenceNumber::new(received_on.year(), n as u32).expect("valid"),
        received_on,
        registered_as: kind,
        kind,
        status: if kind == Kind::Signal {
            Status::Signal
        } else {
            Status::InProgress
        },
        channel: Channel::Email,
        category: category.map(str::to_owned),
        cause: None,
        service: Some("Thuiszorg".into()),
        handler: None,
        responsible_manager: None,
        merit: None,
        satisfaction: None,
        satisfaction_check: None,
        offer_accepted: None,
        steps: Vec::new(),
        closed_on: None,
        escalations: Vec::new(),
        earlier_steps: Vec::new(),
        reopenings: Vec::new(),
    }
}

#[test]
fn counts_per_month_category_merit_and_satisfaction() {
    let mut rows = vec![
        row(1, date(2026, 1, 5), Kind::Complaint, Some("Planning")),
        row(2, date(2026, 1, 9), Kind::Signal, Some("Planning")),
        row(3, date(2026, 3, 2), Kind::Complaint, Some("Bejegening")),
        row(4, date(2026, 3, 3), Kind::Complaint, None),
        row(5, date(2026, 3, 4), Kind::Complaint, Some("Planning")),
        // Outside the year: ignored.
        row(6, date(2025, 12, 31), Kind::Complaint, Some("Planning")),
    ];
    rows[0].merit = Some(Merit::Founded);
    rows[0].satisfaction = Some(5);
    rows[2].merit = Some(Merit::Unfounded);
    rows[2].satisfaction = Some(2);
    rows[3].merit = Some(Merit::PartlyFounded);
    rows[3].satisfaction = Some(4);
    rows[3].closed_on = Some(date(2026, 3, 20));
    rows[3].satisfaction_check = Some(3);
    rows[2].closed_on = Some(date(2026, 3, 12));
    let stats = Stats::compute(&rows, &Period::year(2026), date(2026, 11, 1));
    assert_eq!(stats.totals.received, 5);
    assert_eq!((stats.totals.complaints, stats.totals.signals), (4, 1));
    assert_eq!((stats.totals.closed, stats.totals.open), (2, 2));
    assert_eq!(
        stats
            .months
            .iter()
            .map(|m| (m.complaints, m.signals))
            .collect::<Vec<_>>()[..3],
        [(1, 1), (0, 0), (3, 0)]
    );
    let names: Vec<&str> = stats.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Planning", "(niet ingevuld)", "Bejegening"]);
    let planning = &stats.categories[0];
    assert_eq!(
        (planning.complaints, planning.signals, planning.founded),
        (2, 1, 1)
    );
    assert_eq!(planning.per_month[..3], [2, 0, 1]);
    assert_eq!(
        (
            stats.merit.founded,
            stats.merit.partly_founded,
            stats.merit.unfounded,
            stats.merit.undecided
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(stats.satisfaction.scored, 3);
    assert_eq!(stats.satisfaction.distribution, [0, 1, 0, 1, 1]);
    assert_eq!(stats.satisfaction.satisfied, 2);
    assert_eq!(
        (stats.satisfaction.checks, stats.satisfaction.check_mean),
        (1, Some(3.0))
    );
    let mean = stats.satisfaction.mean.expect("mean");
    assert!((mean - 11.0 / 3.0).abs() < 1e-9);
    assert_eq!(stats.lead_time.count, 2);
    assert_eq!(stats.lead_time.median, Some(13.5));
    assert_eq!(stats.services[0].count, 4);
    assert_eq!(stats.channels[0].count, 5);
}

mod sweep;

#[test]
fn a_reopened_complaint_counts_both_rounds_terms_and_its_reopening() {
    use crate::complaint::{Reopening, ReopeningKind};
    let org = org();
    let mut run = ready_to_close(&org);
    run.ok(&org.quality, close());
    run.ok(
        &org.quality,
        Command::Reopen(Reopening {
            kind: ReopeningKind::ExternalRuling,
            reason: "De geschillencommissie oordeelt anders.".into(),
        }),
    );
    let f = ComplaintFacts::of(&run.c, &cal());
    assert_eq!(f.reopenings, vec![ReopeningKind::ExternalRuling]);
    assert_eq!(f.earlier_steps.len(), 4);
    assert_eq!(f.status, Status::Reopened);
    assert_eq!(f.closed_on, None, "open again");
    let plain = ComplaintFacts::of(&ready_to_close(&org).c, &cal());
    let stats = Stats::compute(&[f, plain], &Period::year(2026), date(2026, 6, 1));
    let contact = stats
        .compliance
        .iter()
        .find(|c| c.step == Step::Contact)
        .expect("contact");
    // Round 1 on time, round 2 not done in a month: overdue; the other
    // complaint on time.
    assert_eq!((contact.on_time, contact.overdue), (2, 1));
    assert_eq!(stats.reopened.complaints, 1);
    assert_eq!(stats.reopened.reopenings, 1);
    assert_eq!(stats.reopened.share, Some(0.5));
    assert_eq!(
        stats.reopened.by_kind,
        vec![NamedCount {
            name: "uitspraak externe instantie".into(),
            count: 1
        }]
    );
}
