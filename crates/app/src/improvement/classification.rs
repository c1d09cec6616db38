//! Classification (DESIGN §6): every complaint's category and root cause
//! come from the administrator's lists. Intake offers the active values;
//! a later classification (`complaints::act` with `Command::Classify`) may also keep a complaint's
//! current value when that has since been deactivated.

use klacht_domain::complaint::{Classification, Complaint, ComplaintError, NewComplaint};
use klacht_domain::refusal::{Arg, Code, Refusal};
use klacht_store::{ListKind, ListValue, Store, StoreError, list_name_key};

use crate::complaints::ServiceError;

/// Both lists, as the administrator keeps them.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub categories: Vec<ListValue>,
    pub causes: Vec<ListValue>,
}

/// A value that is not on its list, and what may be chosen instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{refusal}")]
pub struct NotOnList {
    pub kind: ListKind,
    pub refusal: Refusal,
}

impl Lists {
    /// Two queries; both lists are short.
    pub async fn load<S: Store>(store: &S) -> Result<Self, StoreError> {
        Ok(Self {
            categories: store.list_values(ListKind::Category).await?,
            causes: store.list_values(ListKind::Cause).await?,
        })
    }

    fn of(&self, kind: ListKind) -> &[ListValue] {
        match kind {
            ListKind::Category => &self.categories,
            ListKind::Cause => &self.causes,
        }
    }

    /// The names offered for new choices, in list order.
    pub fn active(&self, kind: ListKind) -> impl Iterator<Item = &str> {
        self.of(kind)
            .iter()
            .filter(|v| v.active)
            .map(|v| v.name.as_str())
    }

    /// Checks one value: blank is none; otherwise an active value of the
    /// list (case and surrounding spaces do not matter; the list's own
    /// spelling is returned), or `keep`, the value the complaint has now.
    pub fn check(
        &self,
        kind: ListKind,
        value: Option<&str>,
        keep: Option<&str>,
    ) -> Result<Option<String>, NotOnList> {
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            return Ok(None);
        };
        let key = list_name_key(value);
        if let Some(v) = self
            .of(kind)
            .iter()
            .find(|v| v.active && list_name_key(&v.name) == key)
        {
            return Ok(Some(v.name.clone()));
        }
        if let Some(current) = keep.filter(|k| list_name_key(k) == key) {
            return Ok(Some(current.to_owned()));
        }
        let names: Vec<Arg> = self.active(kind).map(|n| Arg::Text(n.to_owned())).collect();
        let refusal = if names.is_empty() {
            Code::ClassificationNoneActive.text("kind", kind.as_str())
        } else {
            Refusal::new(Code::ClassificationNotOnList)
                .text("kind", kind.as_str())
                .text("value", value)
                .with("names", Arg::List(names))
        };
        Err(NotOnList { kind, refusal })
    }
}

fn refused(e: NotOnList) -> ServiceError {
    ServiceError::Refused(ComplaintError::invalid(e.refusal))
}

/// Puts intake's category and cause in the lists' own spelling, or refuses
/// a value that is not active. Reads the lists only when one is given.
pub async fn check_intake<S: Store>(store: &S, new: &mut NewComplaint) -> Result<(), ServiceError> {
    let given = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
    if !given(&new.category) && !given(&new.cause) {
        return Ok(());
    }
    let lists = Lists::load(store).await?;
    new.category = lists
        .check(ListKind::Category, new.category.as_deref(), None)
        .map_err(refused)?;
    new.cause = lists
        .check(ListKind::Cause, new.cause.as_deref(), None)
        .map_err(refused)?;
    Ok(())
}

/// The classification `wanted` with each value checked against its list:
/// a list value, or the value the complaint has now (also when it has
/// since been deactivated). [`crate::complaints::act`] runs this for every
/// [`Command::Classify`].
pub(crate) async fn from_the_lists<S: Store>(
    store: &S,
    current: &Complaint,
    wanted: Classification,
) -> Result<Classification, ServiceError> {
    let lists = Lists::load(store).await?;
    Ok(Classification {
        category: lists
            .check(
                ListKind::Category,
                wanted.category.as_deref(),
                current.category(),
            )
            .map_err(refused)?,
        cause: lists
            .check(ListKind::Cause, wanted.cause.as_deref(), current.cause())
            .map_err(refused)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use klacht_i18n::{Language, Tr};

    fn value(name: &str, active: bool) -> ListValue {
        ListValue {
            id: uuid::Uuid::now_v7(),
            kind: ListKind::Category,
            name: name.into(),
            active,
            position: 1,
        }
    }

    fn lists() -> Lists {
        Lists {
            categories: vec![value("Planning", true), value("Bereikbaarheid", false)],
            causes: Vec::new(),
        }
    }

    #[test]
    fn active_values_are_accepted_in_the_lists_spelling() {
        let l = lists();
        assert_eq!(
            l.check(ListKind::Category, Some("  planning "), None),
            Ok(Some("Planning".into()))
        );
        assert_eq!(l.check(ListKind::Category, Some("  "), None), Ok(None));
        assert_eq!(l.check(ListKind::Category, None, None), Ok(None));
        assert_eq!(
            l.active(ListKind::Category).collect::<Vec<_>>(),
            ["Planning"]
        );
    }

    #[test]
    fn inactive_and_unknown_values_are_refused_unless_kept() {
        let l = lists();
        let e = l
            .check(ListKind::Category, Some("Bereikbaarheid"), None)
            .expect_err("inactive");
        assert_eq!(
            Tr::new(Language::Nl).refusal(&e.refusal),
            "'Bereikbaarheid' staat niet in de lijst van categorieën; kies uit: Planning."
        );
        assert_eq!(
            Tr::new(Language::En).refusal(&e.refusal),
            "'Bereikbaarheid' is not in the list of categories; choose from: Planning."
        );
        assert_eq!(
            l.check(
                ListKind::Category,
                Some("Bereikbaarheid"),
                Some("Bereikbaarheid")
            ),
            Ok(Some("Bereikbaarheid".into()))
        );
        // A legacy free-text value the complaint has may stay too.
        assert_eq!(
            l.check(ListKind::Category, Some("Roosterfout"), Some("Roosterfout")),
            Ok(Some("Roosterfout".into()))
        );
        let e = l
            .check(ListKind::Cause, Some("Werkdruk"), None)
            .expect_err("empty list");
        assert_eq!(
            Tr::new(Language::Nl).refusal(&e.refusal),
            "Er zijn geen actieve oorzaken; laat de oorzaak leeg."
        );
        assert_eq!(
            Tr::new(Language::En).refusal(&e.refusal),
            "There are no active causes; leave the cause empty."
        );
    }
}
