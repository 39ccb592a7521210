//! sea-orm entities, one module per table.

pub mod dia_inhabil;
