//! Who may see and do what (DESIGN §1). (Being written: see the complaint helper's task.)
