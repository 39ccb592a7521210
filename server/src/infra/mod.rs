//! Adapters for side effects that are not the database: the clock (mail, storage and PDF will
//! join it). Each is chosen by configuration so tests run the whole app in-process.

pub mod clock;
