//! `klacht demo`. (Being written.)

use klacht_domain::calendar::WorkingCalendar;
use klacht_store::Store;

pub async fn load<S: Store>(_store: &S, _calendar: &WorkingCalendar) -> anyhow::Result<String> {
    Ok(String::new())
}
