//! ICSOE shared crate: the pure domain plus (soon) components and server functions.
pub mod domain;
