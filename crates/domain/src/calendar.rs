//! Working days (DESIGN §4). (Being written: see the calendar helper's task.)
