//! The complaint aggregate. (Being written: see the complaint helper's task.)
