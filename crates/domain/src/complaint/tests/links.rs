//! Related complaints and handing an agreed action to another owner
//! (issue 16).

use super::*;
use crate::complaint::link::{decide_link, decide_unlink};

/// A second complaint, K-2026-0043, registered by the outsider (the
/// other team), so that `org.employee` may not see it.
fn other(org: &Org) -> Run {
    let at = received().timestamp() + SignedDuration::from_mins(7);
    let events = register(
        new_complaint(Kind::Complaint, &org.involved),
        ReferenceNumber::new(2026, 43).expect("valid"),
        &org.outsider,
        at,
    )
    .expect("registers");
    let log = Recorded::stamp(0, Actor::User(org.outsider.id), at, events);
    let c = Complaint::replay(ComplaintId(Uuid::from_u128(100)), &log).expect("replays");
    Run { c, log, now: at }
}

fn apply(run: &mut Run, actor: &User, event: Event) {
    let rec = Recorded::stamp(run.c.version(), Actor::User(actor.id), run.now, vec![event]);
    for r in &rec {
        run.c.apply(r).expect("applies");
    }
    run.log.extend(rec);
    assert_eq!(Complaint::replay(run.c.id(), &run.log).as_ref(), Ok(&run.c));
}

#[test]
fn a_link_is_on_both_sides_and_can_be_removed() {
    let org = org();
    let mut a = Run::registered(&org, Kind::Complaint);
    let mut b = other(&org);
    let (for_a, for_b) = decide_link(
        &a.c,
        &b.c,
        LinkReason::SameComplainant,
        Some("  zelfde mevrouw  ".into()),
        &org.quality,
    )
    .expect("linked");
    apply(&mut a, &org.quality, for_a);
    apply(&mut b, &org.quality, for_b);
    assert!(a.c.is_linked_to(b.c.id()) && b.c.is_linked_to(a.c.id()));
    assert_eq!(a.c.related()[0].value.reference, b.c.reference());
    assert_eq!(b.c.related()[0].value.reference, a.c.reference());
    assert_eq!(
        a.c.related()[0].value.note.as_deref(),
        Some("zelfde mevrouw")
    );
    // Twice is refused, in either direction.
    for (x, y) in [(&a.c, &b.c), (&b.c, &a.c)] {
        let e = decide_link(x, y, LinkReason::Other, None, &org.quality).expect_err("twice");
        assert!(matches!(e, ComplaintError::WrongState(_)), "{e:?}");
    }
    let (for_a, for_b) = decide_unlink(&b.c, &a.c, &org.director).expect("unlinked");
    apply(&mut b, &org.director, for_a);
    apply(&mut a, &org.director, for_b);
    assert!(a.c.related().is_empty() && b.c.related().is_empty());
    let e = decide_unlink(&a.c, &b.c, &org.quality).expect_err("not linked");
    assert_eq!(e.code(), Code::NotLinked, "{e}");
}

#[test]
fn linking_to_itself_or_to_an_unseen_complaint_is_refused_without_a_leak() {
    let org = org();
    let a = Run::registered(&org, Kind::Complaint);
    let b = other(&org);
    let e =
        decide_link(&a.c, &a.c, LinkReason::SameIncident, None, &org.quality).expect_err("itself");
    assert_eq!(e.code(), Code::LinkSelf, "{e}");
    // The employee sees her own complaint, not the other team's: the
    // answer is the one for an unknown number.
    let e =
        decide_link(&a.c, &b.c, LinkReason::SameIncident, None, &org.employee).expect_err("unseen");
    assert_eq!(e, crate::complaint::link::not_found(b.c.reference()));
    let e = decide_link(&a.c, &b.c, LinkReason::Other, None, &org.admin).expect_err("admin");
    assert!(matches!(e, ComplaintError::NotAllowed(_)));
}

#[test]
fn an_open_action_moves_to_another_owner() {
    let org = org();
    let mut run = handled(&org);
    run.ok(
        &org.colleague,
        Command::AgreeAction {
            description: "Excuses aanbieden".into(),
            due: None,
            owner: Some(org.employee.id),
        },
    );
    let change = |owner: &User| Command::ChangeActionOwner {
        number: 1,
        owner: owner.clone(),
    };
    // The director hands over as she assigns handlers.
    run.ok(&org.director, change(&org.outsider));
    assert_eq!(
        run.c.action(1).and_then(|a| a.agreed.value.owner),
        Some(org.outsider.id)
    );
    assert!(crate::permissions::can_view(&org.outsider, &run.c));
    assert!(
        !crate::permissions::can_view(&org.employee, &run.c)
            || run.c.received_by() == Some(org.employee.id)
    );
    let e = run.refused(&org.manager, change(&org.outsider));
    assert_eq!(e.code(), Code::AlreadyOwnsAction, "{e}");
    let e = run.refused(&org.manager, change(&org.admin));
    assert_eq!(e.code(), Code::AdminNoActions, "{e}");
    // Someone without a say over the complaint may not.
    let e = run.refused(&org.other_manager, change(&org.colleague));
    assert!(matches!(e, ComplaintError::NotAllowed(_)));
    run.ok(&org.colleague, complete(1));
    let e = run.refused(&org.manager, change(&org.colleague));
    assert_eq!(e.code(), Code::ActionDone, "{e}");
}
