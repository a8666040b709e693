//! Logic pulled out of components: plain types and functions, no DOM, tested
//! on the host.

pub mod app_list;
pub mod form_errors;
pub mod format;
pub mod name_check;
pub mod one_off;
pub mod routes;
pub mod scale;
pub mod time;
