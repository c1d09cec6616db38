//! "Betrokken medewerkers" that scales (issue 15): not every staff member
//! as a checkbox, but the ones already chosen, the reporter's own team, and
//! whoever a search finds. The search is a plain submit of the intake form
//! (everything typed is kept), so it works without JavaScript.

use klacht_domain::User;

use super::UserOption;

/// How many matches a search shows; more asks for a narrower search.
pub(super) const MAX_MATCHES: usize = 25;

/// One checkbox.
pub(in crate::complaints) struct StaffChoice {
    pub id: String,
    pub label: String,
    pub checked: bool,
}

/// What the picker shows.
#[derive(Default)]
pub(in crate::complaints) struct Picker {
    pub choices: Vec<StaffChoice>,
    /// A line about the search: how many were found, or none.
    pub note: Option<String>,
}

/// Whether `u` is in `me`'s team: her manager, her colleagues under the
/// same manager, those she manages, and herself.
fn in_team(me: &User, u: &User) -> bool {
    u.id == me.id
        || Some(u.id) == me.manager
        || (me.manager.is_some() && u.manager == me.manager)
        || u.manager == Some(me.id)
}

fn matches(u: &User, query: &str) -> bool {
    u.name.to_lowercase().contains(query) || u.email.as_str().to_lowercase().contains(query)
}

/// The picker for `me`, with `checked` the ids already ticked and `query`
/// what was searched for. `staff` is everyone who may be named, by name.
pub(super) fn pick<'a>(
    staff: impl Iterator<Item = &'a User>,
    me: &User,
    checked: &[String],
    query: &str,
    t: klacht_i18n::Tr,
) -> Picker {
    let query = query.trim().to_lowercase();
    let is_checked = |u: &User| checked.iter().any(|c| *c == u.id.to_string());
    let choice = |u: &User| {
        let mut label = UserOption::of(u, t).label;
        if in_team(me, u) && u.id != me.id {
            label = t.t1("complaint-picker-own-team", "name", label);
        }
        StaffChoice {
            id: u.id.to_string(),
            label,
            checked: is_checked(u),
        }
    };
    let staff: Vec<&User> = staff.collect();
    let mut choices: Vec<StaffChoice> = staff
        .iter()
        .filter(|u| is_checked(u))
        .map(|u| choice(u))
        .collect();
    let rest = staff.iter().filter(|u| !is_checked(u));
    if query.is_empty() {
        choices.extend(rest.filter(|u| in_team(me, u)).map(|u| choice(u)));
        return Picker {
            choices,
            note: None,
        };
    }
    // The own team first, each part by name (the staff come sorted).
    let (team, others): (Vec<&&User>, Vec<&&User>) = rest
        .filter(|u| matches(u, &query))
        .partition(|u| in_team(me, u));
    let found = team.len() + others.len();
    choices.extend(
        team.into_iter()
            .chain(others)
            .take(MAX_MATCHES)
            .map(|u| choice(u)),
    );
    let note = match found {
        0 => t.t("complaint-picker-none"),
        n if n > MAX_MATCHES => t.t2("complaint-picker-many", "count", n, "shown", MAX_MATCHES),
        n => t.t1("complaint-picker-found", "count", n),
    };
    Picker {
        choices,
        note: Some(note),
    }
}

#[cfg(test)]
mod tests {
    use klacht_domain::{Email, Role, UserId};

    use super::*;

    fn user(n: u128, name: &str, role: Role, manager: Option<UserId>) -> User {
        User {
            id: UserId::new(uuid::Uuid::from_u128(n)),
            email: Email::parse(&format!("u{n}@x.nl")).expect("valid"),
            name: name.into(),
            role,
            manager,
        }
    }

    /// Margriet's team (Piet, Fatima) and 60 others under Hans.
    fn staff() -> Vec<User> {
        let margriet = user(1, "Margriet", Role::Manager, None);
        let hans = user(2, "Hans", Role::Manager, None);
        let mut all = vec![
            user(3, "Piet", Role::Employee, Some(margriet.id)),
            user(4, "Fatima", Role::Employee, Some(margriet.id)),
        ];
        all.extend((0..60).map(|i| {
            user(
                100 + i,
                &format!("Medewerker {i:02}"),
                Role::Employee,
                Some(hans.id),
            )
        }));
        all.push(margriet);
        all.push(hans);
        all
    }

    fn names(p: &Picker) -> Vec<String> {
        p.choices
            .iter()
            .map(|c| c.label.split(" (").next().unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn without_a_search_the_own_team_and_what_was_ticked() {
        let staff = staff();
        let piet = &staff[0];
        let p = pick(staff.iter(), piet, &[], "", klacht_i18n::Tr::default());
        assert_eq!(names(&p), ["Piet", "Fatima", "Margriet"]);
        assert!(p.note.is_none());
        // Someone ticked after a search stays, checked, first.
        let ticked = staff[10].id.to_string();
        let p = pick(
            staff.iter(),
            piet,
            std::slice::from_ref(&ticked),
            "",
            klacht_i18n::Tr::default(),
        );
        assert_eq!(names(&p)[0], "Medewerker 08");
        assert!(p.choices[0].checked);
        assert_eq!(p.choices.len(), 4);
    }

    #[test]
    fn a_search_finds_by_name_or_address_own_team_first_and_caps() {
        let staff = staff();
        let piet = &staff[0];
        let p = pick(
            staff.iter(),
            piet,
            &[],
            "  medewerker 1 ",
            klacht_i18n::Tr::default(),
        );
        assert_eq!(p.choices.len(), 10, "Medewerker 10 to 19");
        assert_eq!(p.note.as_deref(), Some("10 gevonden."));
        let p = pick(staff.iter(), piet, &[], "u4@", klacht_i18n::Tr::default());
        assert_eq!(names(&p), ["Fatima"]);
        assert!(p.choices[0].label.ends_with("— eigen team"));
        // "a" is in Fatima, Margriet, Hans and no Medewerker: team first.
        let p = pick(staff.iter(), piet, &[], "A", klacht_i18n::Tr::default());
        assert_eq!(names(&p), ["Fatima", "Margriet", "Hans"]);
        let p = pick(staff.iter(), piet, &[], "e", klacht_i18n::Tr::default());
        assert_eq!(p.choices.len(), MAX_MATCHES);
        assert_eq!(names(&p)[..3], ["Piet", "Margriet", "Medewerker 00"]);
        assert!(
            p.note
                .as_deref()
                .is_some_and(|n| n.starts_with("62 gevonden"))
        );
        let p = pick(staff.iter(), piet, &[], "zzz", klacht_i18n::Tr::default());
        assert!(p.choices.is_empty());
        assert!(p.note.as_deref().is_some_and(|n| n.starts_with("Niemand")));
    }
}
