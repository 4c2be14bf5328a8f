//! Map labels, each kind placed by its own pass against the obstacles placed before it.

mod country;
mod graticule;
mod place;
mod river;
mod segment;

pub(crate) use country::prepare_country_areas;
